//! The one DER reader of the core, used by the certificate readers ([`crate::certs`]) and the
//! Authenticode verifier ([`crate::signature`]).
//!
//! Generic ASN.1 decoders are too strict for real files (PKCS#7 v1.5 content that is not an OCTET
//! STRING, a certificate SET listing the same certificate twice: certificates.md §5.3, §6) and they
//! hide the raw encodings that digests and signatures are computed over. This reader walks one
//! tag-length-value element at a time and:
//!
//! - never allocates from a length it read, and never indexes past its slice: every length is checked
//!   against the bytes that are really there;
//! - keeps each element's raw span (tag, length and value), for digests and signatures;
//! - carries the absolute byte offset of every element (the certificate readers name offsets in the
//!   user's file) and a "what is being read" context (the verifier names the structure);
//! - accepts one-byte tags and definite lengths of at most four length bytes, which is all that
//!   certificates, CMS and Authenticode use. A BER indefinite length (`0x80`, which some non-Windows
//!   tools write), a length field of more than four bytes, and a tag in the high-tag-number form are
//!   refused, each with its own [`DerProblem`]. Non-minimal length encodings (`81 05`) are accepted:
//!   older signing tools wrote them and nothing here depends on the encoding being canonical.

use std::fmt::{self, Write as _};

/// Universal tags.
pub const BOOLEAN: u8 = 0x01;
pub const INTEGER: u8 = 0x02;
pub const BIT_STRING: u8 = 0x03;
pub const OCTET_STRING: u8 = 0x04;
pub const OID: u8 = 0x06;
pub const UTC_TIME: u8 = 0x17;
pub const GENERALIZED_TIME: u8 = 0x18;
pub const SEQUENCE: u8 = 0x30;
pub const SET: u8 = 0x31;
/// `[0]` primitive (IMPLICIT `[0]` of a primitive type, e.g. SubjectKeyIdentifier in a SignerInfo).
pub const CTX0_PRIM: u8 = 0x80;
/// `[0]` constructed (EXPLICIT `[0]`, or IMPLICIT `[0]` of a constructed type).
pub const CTX0: u8 = 0xA0;
/// `[1]` constructed.
pub const CTX1: u8 = 0xA1;
/// `[3]` constructed (a certificate's extensions).
pub const CTX3: u8 = 0xA3;

/// Why some bytes are not the DER that was expected: where, while reading what, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerError {
    /// Absolute offset of the element (or of the byte) at fault.
    pub offset: usize,
    /// What was being read ("ContentInfo", "SignerInfo", "certificates", …).
    pub what: &'static str,
    pub problem: DerProblem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerProblem {
    /// The data ends inside a header (`need` header bytes), or before the `need` value bytes the
    /// header announces; `have` bytes are there.
    Truncated { need: usize, have: usize },
    /// A BER indefinite length (`0x80`): not DER.
    IndefiniteLength,
    /// A length field of more than four bytes.
    LongLength,
    /// A tag in the high-tag-number form (`0x1F`), which none of the structures read here use.
    HighTag,
    /// Another tag than the structure needs here.
    UnexpectedTag { expected: u8, found: u8 },
    /// A value that cannot be what the structure says (empty INTEGER, bad time, trailing bytes …).
    BadValue,
}

impl fmt::Display for DerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = self.what;
        match self.problem {
            DerProblem::Truncated { .. } => write!(f, "{what}: the data ends inside the structure"),
            DerProblem::IndefiniteLength => write!(f, "{what}: indefinite length (BER, not DER)"),
            DerProblem::LongLength => write!(f, "{what}: length field of more than 4 bytes"),
            DerProblem::HighTag => write!(f, "{what}: unsupported tag (high tag number form)"),
            DerProblem::UnexpectedTag { expected, found } => {
                write!(f, "{what}: expected tag 0x{expected:02X}, found 0x{found:02X}")
            }
            DerProblem::BadValue => write!(f, "{what}: invalid value"),
        }
    }
}

/// The usual name of a tag, for messages (`SEQUENCE`, `[0]`, or `0x13`).
pub fn tag_name(tag: u8) -> String {
    match tag {
        BOOLEAN => "BOOLEAN".into(),
        INTEGER => "INTEGER".into(),
        BIT_STRING => "BIT STRING".into(),
        OCTET_STRING => "OCTET STRING".into(),
        OID => "OBJECT IDENTIFIER".into(),
        UTC_TIME => "UTCTime".into(),
        GENERALIZED_TIME => "GeneralizedTime".into(),
        SEQUENCE => "SEQUENCE".into(),
        SET => "SET".into(),
        t if t & 0xC0 == 0x80 => format!("[{}]", t & 0x1F),
        t => format!("0x{t:02X}"),
    }
}

/// One element: its tag, where it is, its whole encoding (`raw`) and its contents octets (`value`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    pub tag: u8,
    /// Absolute offset of the tag byte.
    pub offset: usize,
    /// Tag, length and value, exactly as encoded.
    pub raw: &'a [u8],
    /// The contents octets (without tag and length).
    pub value: &'a [u8],
    /// Absolute offset of the first value byte.
    pub value_offset: usize,
}

impl<'a> Tlv<'a> {
    /// A reader over the contents of this (constructed) element.
    pub fn reader(&self, what: &'static str) -> Reader<'a> {
        Reader::at(self.value, self.value_offset, what)
    }

    /// Checks the tag.
    pub fn expect(self, tag: u8, what: &'static str) -> Result<Tlv<'a>, DerError> {
        if self.tag == tag {
            Ok(self)
        } else {
            Err(DerError {
                offset: self.offset,
                what,
                problem: DerProblem::UnexpectedTag { expected: tag, found: self.tag },
            })
        }
    }
}

/// Reads consecutive elements from a slice.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    /// Absolute offset of `data[0]`.
    base: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader over `data`, whose first byte is at offset 0.
    pub fn new(data: &'a [u8], what: &'static str) -> Reader<'a> {
        Reader::at(data, 0, what)
    }

    /// A reader over `data`, whose first byte is at absolute offset `base` (in a file).
    pub fn at(data: &'a [u8], base: usize, what: &'static str) -> Reader<'a> {
        Reader { data, pos: 0, base, what }
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// The bytes not read yet.
    pub fn rest(&self) -> &'a [u8] {
        self.data.get(self.pos..).unwrap_or(&[])
    }

    /// Absolute offset of the next byte.
    pub fn offset(&self) -> usize {
        self.base.saturating_add(self.pos)
    }

    /// The tag of the next element, without reading it.
    pub fn peek_tag(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    /// Reads the next element, whatever its tag.
    pub fn read(&mut self) -> Result<Tlv<'a>, DerError> {
        let (tlv, used) = parse(self.rest(), self.offset(), self.what)?;
        self.pos = self.pos.saturating_add(used);
        Ok(tlv)
    }

    /// Reads the next element and checks its tag (the error names what this reader reads).
    pub fn expect(&mut self, tag: u8) -> Result<Tlv<'a>, DerError> {
        let what = self.what;
        self.expect_as(tag, what)
    }

    /// Reads the next element and checks its tag; the error names `what`. The tag is checked before
    /// the length, so a wrong element is reported as such even when it is also cut off.
    pub fn expect_as(&mut self, tag: u8, what: &'static str) -> Result<Tlv<'a>, DerError> {
        let offset = self.offset();
        match self.peek_tag() {
            Some(t) if t == tag => self.read(),
            Some(found) => Err(DerError { offset, what, problem: DerProblem::UnexpectedTag { expected: tag, found } }),
            None => Err(DerError { offset, what, problem: DerProblem::Truncated { need: 2, have: 0 } }),
        }
    }

    /// Reads the next element if it has this tag.
    pub fn optional(&mut self, tag: u8) -> Result<Option<Tlv<'a>>, DerError> {
        if self.peek_tag() == Some(tag) {
            self.read().map(Some)
        } else {
            Ok(None)
        }
    }
}

/// Parses the element at the start of `data`, whose first byte is at absolute offset `offset`;
/// returns it and the number of bytes it takes. Errors name `what`.
pub fn parse<'a>(data: &'a [u8], offset: usize, what: &'static str) -> Result<(Tlv<'a>, usize), DerError> {
    let err = |problem| DerError { offset, what, problem };
    let (tag, first) = match data {
        [t, l, ..] => (*t, *l),
        _ => return Err(err(DerProblem::Truncated { need: 2, have: data.len() })),
    };
    if tag & 0x1F == 0x1F {
        return Err(err(DerProblem::HighTag));
    }
    let (len, header) = match first {
        0x80 => return Err(err(DerProblem::IndefiniteLength)),
        l if l < 0x80 => (l as usize, 2usize),
        l => {
            let n = (l & 0x7F) as usize;
            if n > 4 {
                return Err(err(DerProblem::LongLength));
            }
            let bytes = data.get(2..2 + n).ok_or(err(DerProblem::Truncated { need: 2 + n, have: data.len() }))?;
            // At most four bytes: fits a u32, hence a usize on every target (wasm32 included).
            let len = bytes.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)) as usize;
            (len, 2 + n)
        }
    };
    let have = data.len().saturating_sub(header);
    let end = header.checked_add(len).ok_or(err(DerProblem::Truncated { need: len, have }))?;
    let raw = data.get(..end).ok_or(err(DerProblem::Truncated { need: len, have }))?;
    let value = raw.get(header..).unwrap_or(&[]);
    Ok((Tlv { tag, offset, raw, value, value_offset: offset.saturating_add(header) }, end))
}

/// Parses exactly one element that fills `data` except for trailing zero bytes (the 8-byte alignment
/// padding of a PE `WIN_CERTIFICATE`, an MSI stream's slack).
pub fn parse_single<'a>(data: &'a [u8], what: &'static str) -> Result<Tlv<'a>, DerError> {
    let (tlv, used) = parse(data, 0, what)?;
    if data.get(used..).unwrap_or(&[]).iter().any(|b| *b != 0) {
        return Err(DerError { offset: used, what, problem: DerProblem::BadValue });
    }
    Ok(tlv)
}

/// True when `bytes` start like a DER SEQUENCE large enough to be a certificate or a PKCS#7 file:
/// tag `0x30` and a long-form length (`0x81`–`0x84`). Text never starts this way (`0` followed by a
/// byte ≥ 0x81 is not ASCII), so PEM and `.reg` files fall through to the text readers.
pub fn looks_like_der(bytes: &[u8]) -> bool {
    matches!(bytes, [0x30, 0x81..=0x84, ..])
}

/// The dotted form of an OBJECT IDENTIFIER's contents octets (`2A 86 48 86 F7 0D 01 07 02` →
/// `1.2.840.113549.1.7.2`). A malformed OID (empty, cut inside a sub-identifier, or with an arc
/// beyond 64 bits) shows the arcs that could be read followed by `?`, so a message still says what
/// the file holds.
pub fn oid_string(value: &[u8]) -> String {
    let mut out = String::new();
    let mut acc: u64 = 0;
    for (i, b) in value.iter().enumerate() {
        if acc > (u64::MAX >> 7) {
            break;
        }
        acc = (acc << 7) | u64::from(b & 0x7F);
        if b & 0x80 == 0 {
            if out.is_empty() {
                let (first, second) = match acc {
                    0..=39 => (0, acc),
                    40..=79 => (1, acc - 40),
                    _ => (2, acc - 80),
                };
                let _ = write!(out, "{first}.{second}");
            } else {
                let _ = write!(out, ".{acc}");
            }
            acc = 0;
            if i + 1 == value.len() {
                return out;
            }
        }
    }
    if out.is_empty() {
        "?".into()
    } else {
        out + ".?"
    }
}

/// Reads an OBJECT IDENTIFIER element and returns its dotted form.
pub fn read_oid(r: &mut Reader<'_>) -> Result<String, DerError> {
    Ok(oid_string(r.expect(OID)?.value))
}

/// An AlgorithmIdentifier: `SEQUENCE { algorithm OID, parameters ANY OPTIONAL }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Algorithm<'a> {
    /// Dotted OID.
    pub oid: String,
    /// The parameters element (NULL for RSA, the curve OID for EC keys), when present.
    pub params: Option<Tlv<'a>>,
}

/// Reads an AlgorithmIdentifier. Only the OID must be readable: parameters that are not a readable
/// element are `None`, and anything after them is ignored (the verifier never needed more).
pub fn read_algorithm<'a>(r: &mut Reader<'a>) -> Result<Algorithm<'a>, DerError> {
    let seq = r.expect(SEQUENCE)?;
    let mut inner = seq.reader("AlgorithmIdentifier");
    let oid = read_oid(&mut inner)?;
    let params = if inner.is_empty() { None } else { inner.read().ok() };
    Ok(Algorithm { oid, params })
}

/// Seconds since 1970-01-01T00:00:00Z of a UTCTime or GeneralizedTime element.
///
/// Accepted shapes (fractions of a second are dropped):
/// - UTCTime `YYMMDDhhmm[ss]` then `Z` or `±hhmm`; years 50–99 are 19xx, 00–49 are 20xx (RFC 5280).
///   Minutes-only times and offsets are from pre-RFC 5280 certificates still found in old root stores;
/// - GeneralizedTime `YYYYMMDDhhmm[ss][.f…]Z` (RFC 3161 genTime carries fractions, `.984Z`).
///
/// The date must exist (no 30 February) and the time be 00:00:00–23:59:60.
pub fn read_time(tlv: &Tlv<'_>, what: &'static str) -> Result<i64, DerError> {
    let bad = || DerError { offset: tlv.offset, what, problem: DerProblem::BadValue };
    let v = tlv.value;
    let num = |a: usize, n: usize| -> Option<i64> {
        let d = v.get(a..a + n)?;
        d.iter().all(u8::is_ascii_digit).then(|| d.iter().fold(0i64, |acc, b| acc * 10 + i64::from(b - b'0')))
    };
    let (year, at) = match tlv.tag {
        UTC_TIME => {
            let yy = num(0, 2).ok_or_else(bad)?;
            (if yy < 50 { 2000 + yy } else { 1900 + yy }, 2)
        }
        GENERALIZED_TIME => (num(0, 4).ok_or_else(bad)?, 4),
        _ => return Err(bad()),
    };
    let (mo, d, h, mi) = (num(at, 2), num(at + 2, 2), num(at + 4, 2), num(at + 6, 2));
    let (Some(mo), Some(d), Some(h), Some(mi)) = (mo, d, h, mi) else { return Err(bad()) };
    let mut rest = v.get(at + 8..).unwrap_or(&[]);
    let mut sec = 0;
    if let Some(s) = num(at + 8, 2) {
        sec = s;
        rest = rest.get(2..).unwrap_or(&[]);
    }
    if tlv.tag == GENERALIZED_TIME {
        if let [b'.' | b',', fraction @ ..] = rest {
            let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits == 0 {
                return Err(bad());
            }
            rest = fraction.get(digits..).unwrap_or(&[]);
        }
    }
    let offset_minutes = match rest {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), ..] if tlv.tag == UTC_TIME && rest.len() == 5 => {
            let (oh, om) = (num(v.len() - 4, 2).ok_or_else(bad)?, num(v.len() - 2, 2).ok_or_else(bad)?);
            if oh > 23 || om > 59 {
                return Err(bad());
            }
            let m = oh * 60 + om;
            if *sign == b'+' {
                m
            } else {
                -m
            }
        }
        _ => return Err(bad()),
    };
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(year, mo) || h > 23 || mi > 59 || sec > 60 {
        return Err(bad());
    }
    Ok(days_from_civil(year, mo, d) * 86_400 + h * 3600 + mi * 60 + sec - offset_minutes * 60)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since 1970 → `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC; Hinnant's
/// `civil_from_days`). Certificates and timestamps only hold years 0000–9999, so the arithmetic
/// cannot overflow.
pub fn format_time(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// Upper-case hex without separators (serial numbers as certutil shows them, thumbprints, digests).
pub fn hex_upper(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02X}");
    }
    s
}

/// The magnitude of an unsigned big-endian INTEGER: its contents octets without leading zero bytes
/// (the `00` DER puts before a high first bit, or the padding some encoders add).
pub fn unsigned_be(value: &[u8]) -> &[u8] {
    let start = value.iter().position(|b| *b != 0).unwrap_or(value.len());
    value.get(start..).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(data: &[u8], offset: usize) -> Result<(Tlv<'_>, usize), DerProblem> {
        parse(data, offset, "x").map_err(|e| e.problem)
    }

    fn time(tag: u8, value: &[u8]) -> Result<i64, DerError> {
        read_time(&Tlv { tag, offset: 0, raw: &[], value, value_offset: 2 }, "t")
    }

    #[test]
    fn short_and_long_lengths() {
        let (t, n) = parse(&[0x04, 0x02, 0xAA, 0xBB, 0xCC], 10, "x").unwrap();
        assert_eq!((t.tag, t.value, t.offset, t.value_offset, n), (0x04, &[0xAA, 0xBB][..], 10, 12, 4));
        let mut long = vec![0x30, 0x81, 0x80];
        long.extend([0u8; 0x80]);
        assert_eq!(parse(&long, 0, "x").unwrap().0.value.len(), 0x80);
    }

    #[test]
    fn truncation_and_bad_headers_are_errors() {
        let e = parse(&[0x30], 5, "x").unwrap_err();
        assert_eq!((e.offset, e.problem), (5, DerProblem::Truncated { need: 2, have: 1 }));
        assert_eq!(p(&[0x30, 0x82, 0x05], 0), Err(DerProblem::Truncated { need: 4, have: 3 }));
        assert_eq!(p(&[0x30, 0x82, 0x01, 0x00, 0x00], 0), Err(DerProblem::Truncated { need: 256, have: 1 }));
        assert_eq!(p(&[0x30, 0x80, 0x00, 0x00], 0), Err(DerProblem::IndefiniteLength));
        assert_eq!(p(&[0x30, 0x85, 1, 1, 1, 1, 1], 0), Err(DerProblem::LongLength));
        assert_eq!(p(&[0x1F, 0x01, 0x00], 0), Err(DerProblem::HighTag));
        // A four-byte length near usize::MAX must not overflow.
        assert!(matches!(p(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF], 0), Err(DerProblem::Truncated { .. })));
    }

    #[test]
    fn expect_checks_the_tag() {
        let mut r = Reader::new(&[0x02, 0x01, 0x01, 0x31, 0x00], "x");
        assert_eq!(r.expect_as(INTEGER, "INTEGER").unwrap().value, &[1]);
        assert_eq!(
            r.expect_as(SEQUENCE, "SEQUENCE"),
            Err(DerError {
                offset: 3,
                what: "SEQUENCE",
                problem: DerProblem::UnexpectedTag { expected: SEQUENCE, found: SET }
            })
        );
        assert!(r.expect(SET).is_ok());
        assert!(r.is_empty());
        let e = r.expect(SET).unwrap_err();
        assert_eq!((e.offset, e.problem), (5, DerProblem::Truncated { need: 2, have: 0 }));
        // Offsets are absolute: a reader inside an element counts from the file's start.
        let outer = parse(&[0x30, 0x03, 0x02, 0x01, 0x07], 100, "x").unwrap().0;
        let inner = outer.reader("y").expect(INTEGER).unwrap();
        assert_eq!((inner.offset, inner.value_offset), (102, 104));
    }

    #[test]
    fn tlv_lengths_are_checked() {
        assert_eq!(p(&[0x30, 0x03, 1, 2], 0), Err(DerProblem::Truncated { need: 3, have: 2 }));
        let (t, n) = p(&[0x04, 0x81, 0x01, 0xAA, 0xBB], 0).unwrap();
        assert_eq!((t.tag, t.value, n), (0x04, &[0xAA][..], 4));
        assert!(parse_single(&[0x05, 0x00, 0, 0, 0], "x").is_ok());
        assert!(parse_single(&[0x05, 0x00, 0, 1], "x").is_err());
        assert_eq!(
            parse(&[0x30, 0x80, 0, 0], 0, "SignedData").unwrap_err().to_string(),
            "SignedData: indefinite length (BER, not DER)"
        );
    }

    #[test]
    fn oids() {
        assert_eq!(oid_string(&[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]), "1.2.840.113549.1.7.2");
        assert_eq!(oid_string(&[0x55, 0x04, 0x03]), "2.5.4.3");
        assert_eq!(oid_string(&[0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x01, 0x04]), "1.3.6.1.4.1.311.2.1.4");
        assert_eq!(oid_string(&[0x88, 0x37, 0x03]), "2.999.3");
        assert_eq!(oid_string(&[0x55, 0x04, 0x83]), "2.5.4.?");
        assert_eq!(oid_string(&[]), "?");
        assert_eq!(oid_string(&[0xFF; 12]), "?");
    }

    #[test]
    fn times() {
        let g = time(GENERALIZED_TIME, b"20250306181217.984Z").unwrap();
        assert_eq!(format_time(g), "2025-03-06T18:12:17Z");
        assert_eq!(format_time(time(UTC_TIME, b"450416184440Z").unwrap()), "2045-04-16T18:44:40Z");
        assert_eq!(format_time(time(UTC_TIME, b"991231235959Z").unwrap()), "1999-12-31T23:59:59Z");
        // Pre-RFC 5280 shapes: no seconds, an offset from UTC.
        assert_eq!(format_time(time(UTC_TIME, b"9605011200Z").unwrap()), "1996-05-01T12:00:00Z");
        assert_eq!(format_time(time(UTC_TIME, b"370116130016+0100").unwrap()), "2037-01-16T12:00:16Z");
        for bad in [&b"4504161844"[..], b"450230184440Z", b"451316184440Z", b"45041618444Z", b"450416184440+01"] {
            assert!(time(UTC_TIME, bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
        assert!(time(GENERALIZED_TIME, b"20250306181217.Z").is_err());
        assert!(time(GENERALIZED_TIME, b"20250306181217+0100").is_err());
        assert!(time(INTEGER, b"20250306181217Z").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(format_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_time(1_587_062_176), "2020-04-16T18:36:16Z");
        assert_eq!(format_time(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_time(-1), "1969-12-31T23:59:59Z");
        assert_eq!(format_time(253_402_300_799), "9999-12-31T23:59:59Z");
        assert_eq!(days_from_civil(2000, 3, 1) * 86_400, 951_868_800);
    }

    #[test]
    fn der_sniffing_and_helpers() {
        assert!(looks_like_der(&[0x30, 0x82, 0x05, 0xCC]));
        assert!(!looks_like_der(b"0x80092004"));
        assert!(!looks_like_der(b"-----BEGIN CERTIFICATE-----"));
        assert!(!looks_like_der(&[0x30]));
        assert_eq!(hex_upper(&[0x00, 0xAB, 0x0F]), "00AB0F");
        assert_eq!(unsigned_be(&[0, 0, 0x80, 0]), &[0x80, 0]);
        assert_eq!(unsigned_be(&[0, 0]), &[] as &[u8]);
        assert_eq!(tag_name(CTX0), "[0]");
        assert_eq!(tag_name(OID), "OBJECT IDENTIFIER");
    }
}
