//! Why a certificate file or block could not be read: one error type per structure, gathered in
//! [`CertError`]. Data only: [`crate::present`] words them (`error.*` keys of `data/texts.tsv`).

use serde::{Deserialize, Serialize};

use crate::asn1::Asn1Error;
use crate::evidence::InputKind;

/// A PKCS#7 file that is not a certificate bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pkcs7Error {
    /// The ContentInfo holds another content type than `signedData` (1.2.840.113549.1.7.2).
    NotSignedData { oid: String },
    /// SignedData without any certificate.
    NoCertificates,
}

/// A Microsoft serialized certificate store (`.sst`, or a registry `Blob`) that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SstError {
    /// Fewer than the 12 bytes of an element header remain at `offset`.
    ElementHeader { offset: usize, have: usize },
    /// The element at `offset` announces `need` data bytes, only `have` remain.
    ElementLength { offset: usize, need: usize, have: usize },
    /// A well-formed store without a single certificate element (property 0x20).
    NoCertificates,
}

/// A PEM block that cannot be decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PemError {
    /// The body is not base64 (line of the BEGIN line).
    Base64 { line: u32 },
    /// No END line follows the BEGIN line.
    Unterminated { line: u32 },
}

/// A `.reg` export whose certificate value cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegError {
    /// The `hex:` data of a value is not comma-separated byte pairs.
    Hex { line: u32 },
    /// The `Blob` value of key `key` is not a serialized certificate.
    Blob { line: u32, key: String, error: Box<CertError> },
}

/// Everything that can go wrong while reading certificate evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CertError {
    /// The DER structure around the certificates (asn1-rs), with the offset in the file.
    Der(Asn1Error),
    /// The DER is not a readable X.509 certificate (the reason, in English, names the structure).
    X509 {
        detail: String,
    },
    /// Well-formed DER that is none of the formats read here (a PKCS#12 `.pfx`, a key, a CRL …).
    NotCertificate {
        first_tag: u8,
    },
    /// Bytes after the last certificate of a DER file.
    TrailingData {
        offset: usize,
    },
    Pkcs7(Pkcs7Error),
    Sst(SstError),
    Pem(PemError),
    Registry(RegError),
}

impl From<Asn1Error> for CertError {
    fn from(e: Asn1Error) -> Self {
        CertError::Der(e)
    }
}

impl From<SstError> for CertError {
    fn from(e: SstError) -> Self {
        CertError::Sst(e)
    }
}

impl From<Pkcs7Error> for CertError {
    fn from(e: Pkcs7Error) -> Self {
        CertError::Pkcs7(e)
    }
}

/// A binary certificate file that was recognised by its shape but cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BytesError {
    /// What the file looked like (`certificate_der`, `pkcs7`, `sst`).
    pub kind: InputKind,
    pub error: CertError,
}

/// A problem with one part of an input that was otherwise read (one bad PEM block, one bad SST element).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The line, in text inputs.
    pub line: Option<u32>,
    /// The byte offset, in binary inputs.
    pub offset: Option<usize>,
    pub error: CertError,
}
