//! Why a certificate file or block could not be read: one error type per structure, gathered in
//! [`CertError`], and rendered into the report's language from `data/texts.tsv` (`error.*` keys).

use crate::der::{tag_name, DerError, DerProblem};
use crate::evidence::InputKind;
use crate::report::Lang;
use crate::texts::{t, tf};

/// A PKCS#7 file that is not a certificate bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pkcs7Error {
    /// The ContentInfo holds another content type than `signedData` (1.2.840.113549.1.7.2).
    NotSignedData { oid: String },
    /// SignedData without any certificate.
    NoCertificates,
}

/// A Microsoft serialized certificate store (`.sst`, or a registry `Blob`) that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SstError {
    /// Fewer than the 12 bytes of an element header remain at `offset`.
    ElementHeader { offset: usize, have: usize },
    /// The element at `offset` announces `need` data bytes, only `have` remain.
    ElementLength { offset: usize, need: usize, have: usize },
    /// A well-formed store without a single certificate element (property 0x20).
    NoCertificates,
}

/// A PEM block that cannot be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PemError {
    /// The body is not base64 (line of the BEGIN line).
    Base64 { line: u32 },
    /// No END line follows the BEGIN line.
    Unterminated { line: u32 },
}

/// A `.reg` export whose certificate value cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegError {
    /// The `hex:` data of a value is not comma-separated byte pairs.
    Hex { line: u32 },
    /// The `Blob` value of key `key` is not a serialized certificate.
    Blob { line: u32, key: String, error: Box<CertError> },
}

/// Everything that can go wrong while reading certificate evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertError {
    Der(DerError),
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

impl From<DerError> for CertError {
    fn from(e: DerError) -> Self {
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BytesError {
    /// What the file looked like (`certificate_der`, `pkcs7`, `sst`).
    pub kind: InputKind,
    pub error: CertError,
}

/// A problem with one part of an input that was otherwise read (one bad PEM block, one bad SST element).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line, in text inputs.
    pub line: Option<u32>,
    /// The byte offset, in binary inputs.
    pub offset: Option<usize>,
    pub error: CertError,
}

impl Problem {
    /// The problem as one sentence, prefixed with its line or offset.
    pub fn message(&self, lang: Lang) -> String {
        let m = self.error.message(lang);
        match (self.line, self.offset) {
            (Some(line), _) => tf(lang, "error.at_line", &[("line", &line.to_string()), ("message", &m)]),
            (None, Some(offset)) => tf(lang, "error.at_offset", &[("offset", &offset.to_string()), ("message", &m)]),
            (None, None) => m,
        }
    }
}

fn n(v: usize) -> String {
    v.to_string()
}

/// A DER error in a certificate file, in the report's language, naming the byte offset in the file.
fn der_message(e: &DerError, lang: Lang) -> String {
    let offset = n(e.offset);
    match e.problem {
        DerProblem::Truncated { need, have } => {
            tf(lang, "error.der_truncated", &[("offset", &offset), ("need", &n(need)), ("have", &n(have))])
        }
        DerProblem::IndefiniteLength => tf(lang, "error.der_indefinite", &[("offset", &offset)]),
        DerProblem::LongLength | DerProblem::HighTag | DerProblem::BadValue => {
            tf(lang, "error.der_header", &[("offset", &offset)])
        }
        DerProblem::UnexpectedTag { expected, found } => {
            // `SEQUENCE (ContentInfo)`: the tag, and what the element is.
            let expected = format!("{} ({})", tag_name(expected), e.what);
            tf(
                lang,
                "error.der_tag",
                &[("offset", &offset), ("expected", &expected), ("found", &format!("0x{found:02X}"))],
            )
        }
    }
}

impl CertError {
    /// The error as one sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CertError::Der(e) => der_message(e, lang),
            CertError::X509 { detail } => tf(lang, "error.x509", &[("detail", detail)]),
            CertError::NotCertificate { first_tag } => {
                tf(lang, "error.not_certificate", &[("tag", &format!("0x{first_tag:02X}"))])
            }
            CertError::TrailingData { offset } => tf(lang, "error.trailing_data", &[("offset", &n(*offset))]),
            CertError::Pkcs7(Pkcs7Error::NotSignedData { oid }) => tf(lang, "error.pkcs7_type", &[("oid", oid)]),
            CertError::Pkcs7(Pkcs7Error::NoCertificates) => t(lang, "error.pkcs7_empty").to_owned(),
            CertError::Sst(SstError::ElementHeader { offset, have }) => {
                tf(lang, "error.sst_header", &[("offset", &n(*offset)), ("have", &n(*have))])
            }
            CertError::Sst(SstError::ElementLength { offset, need, have }) => {
                tf(lang, "error.sst_length", &[("offset", &n(*offset)), ("need", &n(*need)), ("have", &n(*have))])
            }
            CertError::Sst(SstError::NoCertificates) => t(lang, "error.sst_empty").to_owned(),
            CertError::Pem(PemError::Base64 { line }) => tf(lang, "error.pem_base64", &[("line", &line.to_string())]),
            CertError::Pem(PemError::Unterminated { line }) => {
                tf(lang, "error.pem_unterminated", &[("line", &line.to_string())])
            }
            CertError::Registry(RegError::Hex { line }) => tf(lang, "error.reg_hex", &[("line", &line.to_string())]),
            CertError::Registry(RegError::Blob { line, key, error }) => tf(
                lang,
                "error.reg_blob",
                &[("line", &line.to_string()), ("key", key), ("message", &error.message(lang))],
            ),
        }
    }
}
