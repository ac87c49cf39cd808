//! PEM blocks in text: `-----BEGIN CERTIFICATE-----` (also `X509 CERTIFICATE` and OpenSSL's
//! `TRUSTED CERTIFICATE`) and `-----BEGIN PKCS7-----` (an exported `.p7b` in base64, what
//! `certutil -encode` and `openssl crl2pkcs7` write).
//!
//! The blocks may sit anywhere in a paste (inside a mail, after a prompt, indented in a code block),
//! one or many, with any line endings. RFC 1421 header lines (`Proc-Type: …`) inside a block are
//! skipped. Other labels (keys, requests, CRLs) are left alone.

use super::error::PemError;

/// What a PEM block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PemLabel {
    Certificate,
    Pkcs7,
}

/// One PEM block of a label read here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PemBlock {
    pub label: PemLabel,
    /// 1-based line of the BEGIN line.
    pub line: u32,
    /// The decoded body.
    pub der: Result<Vec<u8>, PemError>,
}

fn label_of(line: &str) -> Option<(bool, &str)> {
    let l = line.trim();
    let inner = l.strip_prefix("-----")?.strip_suffix("-----")?;
    if let Some(label) = inner.strip_prefix("BEGIN ") {
        Some((true, label.trim()))
    } else {
        inner.strip_prefix("END ").map(|label| (false, label.trim()))
    }
}

fn wanted(label: &str) -> Option<PemLabel> {
    match label {
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => Some(PemLabel::Certificate),
        "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" => Some(PemLabel::Pkcs7),
        _ => None,
    }
}

/// Every certificate or PKCS#7 PEM block in `text`, in order.
pub fn blocks(text: &str) -> Vec<PemBlock> {
    let mut out = Vec::new();
    // (label, begin line, label text, body)
    let mut open: Option<(PemLabel, u32, String, String)> = None;
    for (i, raw) in text.split('\n').enumerate() {
        let n = i as u32 + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (label_of(raw), open.as_mut()) {
            (Some((true, label)), _) => {
                if let Some((l, line, _, _)) = open.take() {
                    out.push(PemBlock { label: l, line, der: Err(PemError::Unterminated { line }) });
                }
                if let Some(l) = wanted(label) {
                    open = Some((l, n, label.to_owned(), String::new()));
                }
            }
            (Some((false, label)), Some((_, _, open_label, _))) if label == open_label => {
                if let Some((l, line, _, body)) = open.take() {
                    let der = decode_base64(&body).filter(|d| !d.is_empty()).ok_or(PemError::Base64 { line });
                    out.push(PemBlock { label: l, line, der });
                }
            }
            (_, Some((_, _, _, body))) => {
                let t = raw.trim();
                if !t.contains(':') {
                    body.push_str(t);
                }
            }
            _ => {}
        }
    }
    if let Some((l, line, _, _)) = open {
        out.push(PemBlock { label: l, line, der: Err(PemError::Unterminated { line }) });
    }
    out
}

/// Standard base64 (RFC 4648) with or without `=` padding, through the `base64` crate; whitespace
/// inside is ignored. `None` on any other character, on data after padding, or on an impossible length.
pub fn decode_base64(s: &str) -> Option<Vec<u8>> {
    use base64::engine::{general_purpose::GeneralPurpose, DecodePaddingMode, GeneralPurposeConfig};
    use base64::Engine as _;
    const ENGINE: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let compact: Vec<u8> = s.bytes().filter(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n')).collect();
    ENGINE.decode(compact).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64() {
        assert_eq!(decode_base64("TWFu").unwrap(), b"Man");
        assert_eq!(decode_base64("TWE=").unwrap(), b"Ma");
        assert_eq!(decode_base64("TWE").unwrap(), b"Ma");
        assert_eq!(decode_base64("T Q = =").unwrap(), b"M");
        assert!(decode_base64("TWFu!").is_none());
        assert!(decode_base64("TQ==TQ").is_none());
        assert!(decode_base64("T").is_none());
    }

    #[test]
    fn blocks_lines_and_errors() {
        let text = "intro\r\n  -----BEGIN CERTIFICATE-----\r\nTWFu\r\n-----END CERTIFICATE-----\r\n\
                    -----BEGIN RSA PRIVATE KEY-----\nxx\n-----END RSA PRIVATE KEY-----\n\
                    -----BEGIN PKCS7-----\n@@@@\n-----END PKCS7-----\n-----BEGIN CERTIFICATE-----\nTWFu\n";
        let b = blocks(text);
        assert_eq!(b.len(), 3);
        assert_eq!((b[0].label, b[0].line, b[0].der.as_deref()), (PemLabel::Certificate, 2, Ok(&b"Man"[..])));
        assert_eq!((b[1].label, b[1].der.clone()), (PemLabel::Pkcs7, Err(PemError::Base64 { line: 8 })));
        assert_eq!(b[2].der, Err(PemError::Unterminated { line: 11 }));
    }
}
