//! Words for input errors: why a certificate file, block or part could not be read
//! ([`crate::certs::CertError`]), in the report's language (`error.*` keys of `data/texts.tsv`).

use crate::asn1::{Asn1Error, Problem as Asn1Problem};
use crate::certs::error::{PemError, Pkcs7Error, RegError, SstError};
use crate::certs::{CertError, Problem};
use crate::report::Lang;
use crate::texts::{t, tf};

fn n(v: usize) -> String {
    v.to_string()
}

/// A DER error in a certificate file, naming the byte offset in the file.
fn der_message(e: &Asn1Error, lang: Lang) -> String {
    let offset = n(e.offset);
    match e.problem {
        Asn1Problem::Truncated { need, have } => {
            tf(lang, "error.der_truncated", &[("offset", &offset), ("need", &n(need)), ("have", &n(have))])
        }
        Asn1Problem::IndefiniteLength => tf(lang, "error.der_indefinite", &[("offset", &offset)]),
        Asn1Problem::BadHeader | Asn1Problem::BadValue => tf(lang, "error.der_header", &[("offset", &offset)]),
        Asn1Problem::UnexpectedTag { expected, found } => {
            // `SEQUENCE (ContentInfo)`: the element, and what it is.
            let expected = format!("{} ({})", expected.name(), e.what);
            tf(lang, "error.der_tag", &[("offset", &offset), ("expected", &expected), ("found", &found.name())])
        }
    }
}

/// A certificate error as one sentence in `lang`.
pub fn cert_error(e: &CertError, lang: Lang) -> String {
    match e {
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
            &[("line", &line.to_string()), ("key", key), ("message", &cert_error(error, lang))],
        ),
    }
}

/// A problem with one part of an input, prefixed with its line or offset.
pub fn problem(p: &Problem, lang: Lang) -> String {
    let m = cert_error(&p.error, lang);
    match (p.line, p.offset) {
        (Some(line), _) => tf(lang, "error.at_line", &[("line", &line.to_string()), ("message", &m)]),
        (None, Some(offset)) => tf(lang, "error.at_offset", &[("offset", &offset.to_string()), ("message", &m)]),
        (None, None) => m,
    }
}
