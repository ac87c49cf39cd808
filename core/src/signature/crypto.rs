//! All cryptography of the signature checker, in one place: digests (SHA-1/256/384/512, streaming
//! and one-shot) and signature verification (RSA PKCS#1 v1.5 through the pure-Rust `rsa` crate).
//!
//! Only public-key operations are done, so no random number generator is linked (the wasm build
//! needs no `getrandom` backend). ECDSA and RSA-PSS are reported as unsupported algorithms.

use sha1::Digest as _;

pub use super::result::{CryptoError, DigestAlg};
use crate::oids;

impl DigestAlg {
    /// One-shot digest.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        let mut h = Hasher::new(self);
        h.update(data);
        h.finish()
    }

    /// The DER DigestInfo prefix that PKCS#1 v1.5 puts before the hash (RFC 8017 §9.2 note 1).
    fn digest_info_prefix(self) -> &'static [u8] {
        match self {
            DigestAlg::Sha1 => {
                &[0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14]
            }
            DigestAlg::Sha256 => &[
                0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00,
                0x04, 0x20,
            ],
            DigestAlg::Sha384 => &[
                0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00,
                0x04, 0x30,
            ],
            DigestAlg::Sha512 => &[
                0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00,
                0x04, 0x40,
            ],
        }
    }
}

/// A running digest of one algorithm.
#[derive(Clone)]
pub enum Hasher {
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl std::fmt::Debug for Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Hasher({})", self.alg().name())
    }
}

impl Hasher {
    pub fn new(alg: DigestAlg) -> Hasher {
        match alg {
            DigestAlg::Sha1 => Hasher::Sha1(sha1::Sha1::new()),
            DigestAlg::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
            DigestAlg::Sha384 => Hasher::Sha384(sha2::Sha384::new()),
            DigestAlg::Sha512 => Hasher::Sha512(sha2::Sha512::new()),
        }
    }

    pub fn alg(&self) -> DigestAlg {
        match self {
            Hasher::Sha1(_) => DigestAlg::Sha1,
            Hasher::Sha256(_) => DigestAlg::Sha256,
            Hasher::Sha384(_) => DigestAlg::Sha384,
            Hasher::Sha512(_) => DigestAlg::Sha512,
        }
    }

    pub fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }

    pub fn finish(self) -> Vec<u8> {
        match self {
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
        }
    }
}

/// Verifies `signature` over `message` with the key in `spki` (a DER SubjectPublicKeyInfo).
///
/// `sig_alg` is the signature AlgorithmIdentifier OID. When it names only the key type
/// (`rsaEncryption`, as CMS SignerInfos often do), `digest` says which hash was used.
pub fn verify(
    spki: &[u8],
    sig_alg: &str,
    digest: Option<DigestAlg>,
    message: &[u8],
    signature: &[u8],
) -> Result<(), CryptoError> {
    let alg = match sig_alg {
        oids::SHA1_WITH_RSA => DigestAlg::Sha1,
        oids::SHA256_WITH_RSA => DigestAlg::Sha256,
        oids::SHA384_WITH_RSA => DigestAlg::Sha384,
        oids::SHA512_WITH_RSA => DigestAlg::Sha512,
        oids::RSA_ENCRYPTION => digest.ok_or_else(|| CryptoError::UnsupportedAlgorithm { oid: sig_alg.into() })?,
        other => return Err(CryptoError::UnsupportedAlgorithm { oid: other.into() }),
    };
    let key = rsa_key(spki)?;
    let scheme = rsa::Pkcs1v15Sign { hash_len: Some(alg.output_len()), prefix: alg.digest_info_prefix().into() };
    key.verify(scheme, &alg.digest(message), signature).map_err(|_| CryptoError::Mismatch)
}

/// Reads an RSA public key from a SubjectPublicKeyInfo (x509-parser).
fn rsa_key(spki: &[u8]) -> Result<rsa::PublicKey, CryptoError> {
    use x509_parser::prelude::FromDer;
    use x509_parser::public_key::PublicKey;
    let bad = |reason: &str| CryptoError::BadKey { reason: reason.into() };
    let (_, info) =
        x509_parser::x509::SubjectPublicKeyInfo::from_der(spki).map_err(|_| bad("SubjectPublicKeyInfo is not DER"))?;
    let alg = info.algorithm.algorithm.to_id_string();
    if alg != oids::RSA_ENCRYPTION {
        return Err(CryptoError::UnsupportedAlgorithm { oid: alg });
    }
    if info.subject_public_key.unused_bits != 0 {
        return Err(bad("key BIT STRING has unused bits"));
    }
    let Ok(PublicKey::RSA(key)) = info.parsed() else {
        return Err(bad("RSAPublicKey is not DER"));
    };
    let strip = |v: &[u8]| -> Vec<u8> { v.iter().copied().skip_while(|b| *b == 0).collect() };
    let (n, e) = (strip(key.modulus), strip(key.exponent));
    // Windows keeps an RSA public exponent in a DWORD (RSAPUBKEY.pubexp): a longer one is not a key
    // Windows verifies with, and it would make each check cost thousands of multiplications.
    if n.is_empty() || e.is_empty() || n.len() > 2048 || e.len() > 4 {
        return Err(bad("modulus or exponent out of range"));
    }
    let n = rsa::BoxedUint::from_be_slice_vartime(&n);
    let e = rsa::BoxedUint::from_be_slice_vartime(&e);
    // 1024-bit keys still appear in old (SHA-1 era) chains; 16384 bits is far above any real CA.
    rsa::PublicKey::new_with_size_limits(n, e, 1024..=16384).map_err(|e| bad(&e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests() {
        assert_eq!(crate::util::hex_upper(&DigestAlg::Sha256.digest(b"abc"))[..16], *"BA7816BF8F01CFEA");
        assert_eq!(DigestAlg::Sha384.digest(b"").len(), 48);
        for alg in [DigestAlg::Sha1, DigestAlg::Sha256, DigestAlg::Sha384, DigestAlg::Sha512] {
            // The DigestInfo prefix ends with OCTET STRING of the hash length.
            assert_eq!(*alg.digest_info_prefix().last().unwrap() as usize, alg.output_len());
        }
    }

    #[test]
    fn unsupported_algorithms_are_named() {
        let e = verify(&[], "1.2.840.10045.4.3.2", None, b"", b"").unwrap_err();
        assert!(e.to_string().contains("ecdsa-with-SHA256"), "{e}");
        assert!(matches!(verify(&[], "1.2.840.113549.1.1.11", None, b"", b""), Err(CryptoError::BadKey { .. })));
    }
}
