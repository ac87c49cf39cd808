//! Certificates of a signature, the pinned ACS hierarchy, and chain building.
//!
//! Rules (certificates.md §6, "Verification rules for ACS signatures"):
//! - the chain is built from the certificates the signature carries, plus the pinned certificates
//!   (compiled in from `data/certs/`) when a link is missing;
//! - every link's signature is verified, including the top one (PCA 2021 by the root);
//! - a root carried inside the signature is never trusted: the top must be byte-equal to the pinned
//!   root. An embedded certificate that claims the root's name but is not the pinned root makes the
//!   chain fail (a look-alike or corrupted copy);
//! - when the signature carries a certificate for a link, that copy is the one verified (a corrupted
//!   embedded intermediate is reported, not silently replaced by the pinned one).

use super::crypto::{self, CryptoError};
pub use super::result::{CertSource, ChainOutcome};
use crate::asn1::unsigned_be;
use crate::certs::{pinned, CertInfo, CertRole, Certificate};
use crate::tables::{PinnedRole, PINNED};
use crate::util::hex_upper;

/// What verification asks of a certificate ([`Certificate`] is parsed once, in `certs`).
impl Certificate {
    /// Does this certificate match a SignerInfo's issuer and serial number? Serial numbers compare
    /// by value: a `00` octet before a high first bit does not count.
    pub fn matches_issuer_serial(&self, issuer: &[u8], serial: &[u8]) -> bool {
        self.issuer_raw() == issuer && unsigned_be(&self.info.serial) == unsigned_be(serial)
    }

    /// Does this certificate carry this SubjectKeyIdentifier?
    pub fn matches_key_id(&self, key_id: &[u8]) -> bool {
        self.subject_key_id.as_deref() == Some(key_id)
    }

    /// Verifies `signature` over `message` with this certificate's public key.
    pub fn verify(
        &self,
        sig_alg: &str,
        digest: Option<crypto::DigestAlg>,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), CryptoError> {
        crypto::verify(self.spki(), sig_alg, digest, message, signature)
    }

    /// Was this certificate signed by `issuer`'s key?
    pub fn verify_issued_by(&self, issuer: &Certificate) -> Result<(), CryptoError> {
        issuer.verify(&self.info.signature_oid, None, self.tbs(), &self.signature)
    }
}

/// The certificates of a SignedData that verification can use: those x509-parser reads.
pub(crate) fn parse_certificates(ders: &[&[u8]]) -> Vec<Certificate> {
    ders.iter().filter_map(|d| Certificate::parse(d).ok()).collect()
}

/// The pinned certificates: the root and the ACS intermediates (incl. the timestamping CA), and the
/// public roots trusted for timestamps only.
#[derive(Debug, Clone)]
pub struct Pinned {
    pub root: Certificate,
    pub intermediates: Vec<Certificate>,
    pub timestamp_roots: Vec<Certificate>,
}

/// Which roots a chain may end at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchors {
    /// The pinned Microsoft Identity Verification root only (code signing).
    Acs,
    /// That root, or a pinned public timestamping root (a time-stamping authority's chain).
    Timestamp,
}

impl Pinned {
    /// The compiled-in certificates, parsed once (they are constants of the build: every check sees
    /// the same ones).
    pub fn get() -> Result<&'static Pinned, String> {
        static PINNED_CERTS: std::sync::OnceLock<Result<Pinned, String>> = std::sync::OnceLock::new();
        PINNED_CERTS.get_or_init(Pinned::load).as_ref().map_err(Clone::clone)
    }

    /// Parses the compiled-in certificates (`data/certs/`, the table [`PINNED`]). They are checked by
    /// the tests, so a failure here means a broken build; it is reported as an error rather than a
    /// panic all the same.
    pub fn load() -> Result<Pinned, String> {
        let parse = |row: &crate::tables::PinnedRow| {
            let der = pinned::der(row).ok_or_else(|| format!("{}: no PEM certificate", row.file))?;
            Certificate::parse(&der).map_err(|e| format!("{}: {e:?}", row.file))
        };
        let mut root = None;
        let mut intermediates = Vec::new();
        let mut timestamp_roots = Vec::new();
        for row in PINNED {
            match row.role {
                PinnedRole::RequiredRoot => root = Some(parse(row)?),
                PinnedRole::AcsIntermediate => intermediates.push(parse(row)?),
                PinnedRole::TimestampRoot => timestamp_roots.push(parse(row)?),
            }
        }
        Ok(Pinned { root: root.ok_or("no pinned root")?, intermediates, timestamp_roots })
    }

    fn all(&self) -> impl Iterator<Item = &Certificate> {
        std::iter::once(&self.root).chain(self.intermediates.iter()).chain(self.timestamp_roots.iter())
    }

    fn is_pinned_intermediate(&self, c: &CertInfo) -> bool {
        self.intermediates.iter().any(|p| p.info.sha256 == c.sha256)
    }

    /// True when `c` is a root the chain may end at.
    fn is_anchor(&self, c: &CertInfo, anchors: Anchors) -> bool {
        c.is_pinned_root()
            || anchors == Anchors::Timestamp && self.timestamp_roots.iter().any(|r| r.info.sha256 == c.sha256)
    }
}

/// One certificate of a built chain, leaf first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainCert {
    pub cert: Certificate,
    pub source: CertSource,
    pub role: CertRole,
}

/// A built chain and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    pub certs: Vec<ChainCert>,
    pub outcome: ChainOutcome,
}

impl Chain {
    pub fn is_pinned(&self) -> bool {
        self.outcome == ChainOutcome::Pinned
    }

    /// True when no link failed (pinned or not).
    pub fn links_verified(&self) -> bool {
        matches!(self.outcome, ChainOutcome::Pinned | ChainOutcome::NotPinned { .. })
    }

    /// The certificates not valid at `t`, leaf first.
    pub fn invalid_at(&self, t: i64) -> Vec<&CertInfo> {
        self.certs.iter().map(|c| &c.cert.info).filter(|c| !c.valid_at(t)).collect()
    }
}

/// The report role of a certificate by its identity (report contract names): the pinned root, a
/// pinned intermediate, a look-alike of the root, or other.
fn role_of(c: &Certificate, pinned: &Pinned) -> CertRole {
    let c = &c.info;
    if c.is_pinned_root() {
        CertRole::RequiredRoot
    } else if pinned.is_pinned_intermediate(c) {
        CertRole::AcsIntermediate
    } else if c.is_root_lookalike() {
        CertRole::Lookalike
    } else {
        CertRole::Other
    }
}

/// Longest chain accepted (real ones have 4 certificates).
const MAX_DEPTH: usize = 8;
/// Issuer certificates tried for one link (same issuer name).
const MAX_CANDIDATES: usize = 4;

/// Builds and verifies the chain of `leaf` from the `embedded` certificates and the pinned ones; it
/// counts as pinned when it ends at one of `anchors`.
pub fn build(leaf: &Certificate, embedded: &[Certificate], pinned: &Pinned, anchors: Anchors) -> Chain {
    let mut certs = vec![ChainCert { cert: leaf.clone(), source: CertSource::Embedded, role: role_of(leaf, pinned) }];
    let finish = |mut certs: Vec<ChainCert>, outcome| {
        // In a chain verified up to the pinned root, every CA between the leaf and the root belongs
        // to the ACS hierarchy, pinned or not (a new issuing CA, PCA 2024).
        if outcome == ChainOutcome::Pinned && certs.last().is_some_and(|c| c.cert.info.is_pinned_root()) {
            let n = certs.len();
            for c in certs.iter_mut().take(n.saturating_sub(1)).skip(1) {
                c.role = CertRole::AcsIntermediate;
            }
        }
        Chain { certs, outcome }
    };
    if let Some(l) = embedded.iter().find(|c| c.info.is_root_lookalike()) {
        return finish(certs, ChainOutcome::LookalikeRoot { sha256: hex_upper(&l.info.sha256) });
    }
    loop {
        let Some(current) = certs.last().map(|c| c.cert.clone()) else {
            return finish(certs, ChainOutcome::TooLong);
        };
        if pinned.is_anchor(&current.info, anchors) {
            return finish(certs, ChainOutcome::Pinned);
        }
        if certs.len() >= MAX_DEPTH {
            return finish(certs, ChainOutcome::TooLong);
        }
        if current.info.self_issued {
            // A root that is not the pinned one: its self-signature is still checked.
            if let Err(error) = current.verify_issued_by(&current) {
                let name = current.info.display_name().to_owned();
                return finish(certs, ChainOutcome::BrokenLink { child: name.clone(), parent: name, error });
            }
            let top = current.info.subject_der_order.clone();
            return finish(certs, ChainOutcome::NotPinned { top, issuer_missing: false });
        }
        let in_chain = |c: &Certificate| certs.iter().any(|x| x.cert.der == c.der);
        // Embedded issuers first (their copy is what the signature presents). Embedded
        // self-signed certificates are never used as the top: roots come from the pins only.
        let embedded_issuers: Vec<&Certificate> = embedded
            .iter()
            .filter(|c| c.subject_raw() == current.issuer_raw() && !c.info.self_issued && !in_chain(c))
            .collect();
        let embedded_root = embedded.iter().find(|c| c.subject_raw() == current.issuer_raw() && c.info.self_issued);
        let (candidates, source): (Vec<&Certificate>, CertSource) = if !embedded_issuers.is_empty() {
            (embedded_issuers, CertSource::Embedded)
        } else {
            let p: Vec<&Certificate> =
                pinned.all().filter(|c| c.subject_raw() == current.issuer_raw() && !in_chain(c)).collect();
            if p.is_empty() {
                if let Some(root) = embedded_root {
                    // The chain ends at a root the signature carries, which is not the pinned one.
                    // The link to it is verified all the same (then its self-signature).
                    let role = role_of(root, pinned);
                    let below = certs.len() - 1;
                    certs.push(ChainCert { cert: root.clone(), source: CertSource::Embedded, role });
                    if !root.info.may_issue(below) {
                        return finish(certs, ChainOutcome::NotACa { subject: root.info.display_name().to_owned() });
                    }
                    if let Err(error) = current.verify_issued_by(root) {
                        let (child, parent) =
                            (current.info.display_name().to_owned(), root.info.display_name().to_owned());
                        return finish(certs, ChainOutcome::BrokenLink { child, parent, error });
                    }
                    continue;
                }
                let top = current.info.subject_der_order.clone();
                return finish(certs, ChainOutcome::NotPinned { top, issuer_missing: true });
            }
            (p, CertSource::Pinned)
        };
        // Candidates whose key id the child names come first; at most a few are tried, so a signature
        // stuffed with look-alike issuers costs a few signature checks per link, not thousands.
        let mut candidates = candidates;
        if let Some(aki) = current.authority_key_id.as_deref() {
            crate::util::sort_by_u64_key(&mut candidates, |c| u64::from(!c.matches_key_id(aki)));
        }
        candidates.truncate(MAX_CANDIDATES);
        let mut first_error = None;
        let mut found = None;
        for c in &candidates {
            match current.verify_issued_by(c) {
                Ok(()) => {
                    found = Some(*c);
                    break;
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match found {
            Some(parent) => {
                if !parent.info.may_issue(certs.len() - 1) {
                    let subject = parent.info.display_name().to_owned();
                    certs.push(ChainCert { cert: parent.clone(), source, role: role_of(parent, pinned) });
                    return finish(certs, ChainOutcome::NotACa { subject });
                }
                let role = role_of(parent, pinned);
                certs.push(ChainCert { cert: parent.clone(), source, role });
            }
            None => {
                let parent = candidates.first().map(|c| c.info.display_name().to_owned()).unwrap_or_default();
                let error = first_error.unwrap_or(CryptoError::Mismatch);
                if let Some(p) = candidates.first() {
                    let role = role_of(p, pinned);
                    certs.push(ChainCert { cert: (*p).clone(), source, role });
                }
                return finish(
                    certs,
                    ChainOutcome::BrokenLink { child: current.info.display_name().to_owned(), parent, error },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certs::{ROOT_SHA1_HEX, ROOT_SHA256_HEX};
    use crate::util::hex_upper;

    #[test]
    fn pinned_certificates_load_and_chain() {
        let p = Pinned::load().unwrap();
        assert_eq!(hex_upper(&p.root.info.sha256), ROOT_SHA256_HEX);
        assert_eq!(hex_upper(&p.root.info.sha1), ROOT_SHA1_HEX);
        assert_eq!(p.intermediates.len(), 10);
        // Every pinned intermediate verifies up to the pinned root (EOC/AOC → PCA → root; TS CA → root).
        for i in &p.intermediates {
            let chain = build(i, &[], &p, Anchors::Acs);
            assert_eq!(chain.outcome, ChainOutcome::Pinned, "{}", i.info.subject);
            assert!(chain.certs.iter().all(|c| c.role != CertRole::Other));
        }
    }

    /// The certificates of a PEM bundle, in order.
    fn bundle(name: &str) -> Vec<Certificate> {
        let text =
            std::fs::read_to_string(format!("{}/../tests/fixtures/signed/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        crate::certs::pem::blocks(&text).into_iter().map(|b| Certificate::parse(&b.der.unwrap()).unwrap()).collect()
    }

    #[test]
    fn only_cas_within_their_path_length_may_issue() {
        let p = Pinned::load().unwrap();
        let ok = bundle("chain-ok.pem");
        let chain = build(&ok[0], &ok[1..], &p, Anchors::Acs);
        assert!(matches!(chain.outcome, ChainOutcome::NotPinned { issuer_missing: false, .. }), "{:?}", chain.outcome);
        assert_eq!(chain.certs.len(), 3);
        // A publisher's leaf (CA:FALSE) used to issue a certificate: every signature verifies, but the
        // chain is refused.
        let leaf_ca = bundle("chain-leaf-as-ca.pem");
        assert!(leaf_ca[0].verify_issued_by(&leaf_ca[1]).is_ok());
        let chain = build(&leaf_ca[0], &leaf_ca[1..], &p, Anchors::Acs);
        assert_eq!(chain.outcome, ChainOutcome::NotACa { subject: "acs-check Chain Test Publisher".into() });
        // A CA with pathlen:0 above another CA.
        let deep = bundle("chain-pathlen.pem");
        let chain = build(&deep[0], &deep[1..], &p, Anchors::Acs);
        assert_eq!(chain.outcome, ChainOutcome::NotACa { subject: "acs-check Chain Test CA".into() });
        // The real EOC/AOC CAs have pathLen 0 and PCA 2021 none: a real ACS chain passes.
        let eoc = p.intermediates.iter().find(|c| c.info.display_name().ends_with("EOC CA 01")).unwrap();
        assert_eq!((eoc.info.is_ca, eoc.info.path_len, eoc.info.key_cert_sign), (true, Some(0), Some(true)));
    }

    #[test]
    fn a_flipped_byte_in_a_pinned_link_is_caught() {
        let p = Pinned::load().unwrap();
        let mut eoc = p.intermediates.iter().find(|c| c.info.display_name().contains("EOC CA 01")).unwrap().clone();
        let last = eoc.signature.len() - 1;
        eoc.signature[last] ^= 1;
        let chain = build(&eoc, &[], &p, Anchors::Acs);
        assert!(matches!(chain.outcome, ChainOutcome::BrokenLink { .. }), "{:?}", chain.outcome);
    }
}
