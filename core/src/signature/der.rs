//! A minimal, bounds-checked DER reader: just enough to walk CMS/Authenticode structures while
//! keeping the exact byte spans that digests and signatures are computed over.
//!
//! Generic decoders are too strict for real Authenticode (PKCS#7 v1.5 content that is not an OCTET
//! STRING, a certificate SET with the same certificate twice), and they hide the raw encodings. This
//! reader never allocates from a length it read and never indexes past its slice: every length is
//! checked against the bytes that are actually there.

use std::fmt::Write as _;

/// Universal tags used here.
pub const INTEGER: u8 = 0x02;
pub const BIT_STRING: u8 = 0x03;
pub const OCTET_STRING: u8 = 0x04;
pub const NULL: u8 = 0x05;
pub const OID: u8 = 0x06;
pub const UTC_TIME: u8 = 0x17;
pub const GENERALIZED_TIME: u8 = 0x18;
pub const SEQUENCE: u8 = 0x30;
pub const SET: u8 = 0x31;
/// `[0]` constructed (EXPLICIT `[0]`, or IMPLICIT `[0]` of a constructed type).
pub const CTX0: u8 = 0xA0;
/// `[1]` constructed.
pub const CTX1: u8 = 0xA1;
/// `[0]` primitive (IMPLICIT `[0]` of a primitive type, e.g. SubjectKeyIdentifier in a SignerInfo).
pub const CTX0_PRIM: u8 = 0x80;

/// Why some bytes are not the DER that was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerError {
    /// What was being read ("SignerInfo", "certificates", …).
    pub what: &'static str,
    pub problem: DerProblem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerProblem {
    /// The data ends before the element does.
    Truncated,
    /// A tag other than the expected one.
    UnexpectedTag { expected: u8, found: u8 },
    /// Indefinite length (BER), or a length of more than 4 bytes.
    UnsupportedLength,
    /// High tag numbers (`0x1F` form) are not used by the structures read here.
    UnsupportedTag,
    /// A value that cannot be what the structure says (empty INTEGER, bad time, …).
    BadValue,
}

impl std::fmt::Display for DerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.problem {
            DerProblem::Truncated => write!(f, "{}: the data ends inside the structure", self.what),
            DerProblem::UnexpectedTag { expected, found } => {
                write!(f, "{}: expected tag 0x{expected:02X}, found 0x{found:02X}", self.what)
            }
            DerProblem::UnsupportedLength => write!(f, "{}: indefinite or oversized length", self.what),
            DerProblem::UnsupportedTag => write!(f, "{}: unsupported tag", self.what),
            DerProblem::BadValue => write!(f, "{}: invalid value", self.what),
        }
    }
}

/// One element: its tag, its whole encoding (`raw`) and its contents octets (`value`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    pub tag: u8,
    /// Tag, length and value, exactly as encoded.
    pub raw: &'a [u8],
    /// The contents octets (without tag and length).
    pub value: &'a [u8],
}

impl<'a> Tlv<'a> {
    /// A reader over the contents of this (constructed) element.
    pub fn reader(&self, what: &'static str) -> Reader<'a> {
        Reader::new(self.value, what)
    }

    /// Checks the tag.
    pub fn expect(self, tag: u8, what: &'static str) -> Result<Tlv<'a>, DerError> {
        if self.tag == tag {
            Ok(self)
        } else {
            Err(DerError { what, problem: DerProblem::UnexpectedTag { expected: tag, found: self.tag } })
        }
    }
}

/// Reads consecutive elements from a slice.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8], what: &'static str) -> Reader<'a> {
        Reader { data, pos: 0, what }
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    fn err(&self, problem: DerProblem) -> DerError {
        DerError { what: self.what, problem }
    }

    /// The tag of the next element, if any.
    pub fn peek_tag(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    /// Reads the next element, whatever its tag.
    pub fn any(&mut self) -> Result<Tlv<'a>, DerError> {
        let rest = self.data.get(self.pos..).unwrap_or(&[]);
        let (tlv, used) = parse_tlv(rest).map_err(|p| self.err(p))?;
        self.pos += used;
        Ok(tlv)
    }

    /// Reads the next element and checks its tag.
    pub fn expect(&mut self, tag: u8) -> Result<Tlv<'a>, DerError> {
        let what = self.what;
        self.any()?.expect(tag, what)
    }

    /// Reads the next element if it has this tag.
    pub fn optional(&mut self, tag: u8) -> Result<Option<Tlv<'a>>, DerError> {
        if self.peek_tag() == Some(tag) {
            self.any().map(Some)
        } else {
            Ok(None)
        }
    }
}

/// Parses one TLV at the start of `data`; returns it and the number of bytes it takes.
pub fn parse_tlv(data: &[u8]) -> Result<(Tlv<'_>, usize), DerProblem> {
    let tag = *data.first().ok_or(DerProblem::Truncated)?;
    if tag & 0x1F == 0x1F {
        return Err(DerProblem::UnsupportedTag);
    }
    let first = *data.get(1).ok_or(DerProblem::Truncated)?;
    let (len, header) = if first < 0x80 {
        (first as usize, 2usize)
    } else {
        let n = (first & 0x7F) as usize;
        if n == 0 || n > 4 {
            return Err(DerProblem::UnsupportedLength);
        }
        let bytes = data.get(2..2 + n).ok_or(DerProblem::Truncated)?;
        let len = bytes.iter().fold(0usize, |acc, b| (acc << 8) | *b as usize);
        (len, 2 + n)
    };
    let end = header.checked_add(len).ok_or(DerProblem::Truncated)?;
    let raw = data.get(..end).ok_or(DerProblem::Truncated)?;
    let value = raw.get(header..).ok_or(DerProblem::Truncated)?;
    Ok((Tlv { tag, raw, value }, end))
}

/// Parses exactly one TLV that fills `data` except for trailing zero bytes (WIN_CERTIFICATE padding).
pub fn parse_single<'a>(data: &'a [u8], what: &'static str) -> Result<Tlv<'a>, DerError> {
    let (tlv, used) = parse_tlv(data).map_err(|problem| DerError { what, problem })?;
    if data.get(used..).unwrap_or(&[]).iter().any(|b| *b != 0) {
        return Err(DerError { what, problem: DerProblem::BadValue });
    }
    Ok(tlv)
}

/// Dotted-decimal form of an OBJECT IDENTIFIER's contents octets ("1.2.840.113549.1.7.2").
pub fn oid_string(value: &[u8]) -> String {
    let mut out = String::new();
    let mut acc: u64 = 0;
    let mut first = true;
    for b in value {
        if acc > (u64::MAX >> 8) {
            return "invalid".into();
        }
        acc = (acc << 7) | u64::from(b & 0x7F);
        if b & 0x80 == 0 {
            if first {
                let (a, b) = if acc < 40 {
                    (0, acc)
                } else if acc < 80 {
                    (1, acc - 40)
                } else {
                    (2, acc - 80)
                };
                let _ = write!(out, "{a}.{b}");
                first = false;
            } else {
                let _ = write!(out, ".{acc}");
            }
            acc = 0;
        }
    }
    if first {
        "invalid".into()
    } else {
        out
    }
}

/// Reads an OBJECT IDENTIFIER element and returns its dotted form.
pub fn read_oid(r: &mut Reader<'_>) -> Result<String, DerError> {
    Ok(oid_string(r.expect(OID)?.value))
}

/// An AlgorithmIdentifier: the OID and the raw parameters (if any).
pub fn read_algorithm(r: &mut Reader<'_>) -> Result<String, DerError> {
    let seq = r.expect(SEQUENCE)?;
    let mut inner = seq.reader("AlgorithmIdentifier");
    read_oid(&mut inner)
}

/// Seconds since 1970-01-01T00:00:00Z of a UTCTime or GeneralizedTime element (fractions dropped).
pub fn read_time(tlv: &Tlv<'_>, what: &'static str) -> Result<i64, DerError> {
    let bad = DerError { what, problem: DerProblem::BadValue };
    let s = std::str::from_utf8(tlv.value).map_err(|_| bad.clone())?;
    let (year, rest) = match tlv.tag {
        UTC_TIME => {
            let yy: i64 = s.get(0..2).and_then(|v| v.parse().ok()).ok_or(bad.clone())?;
            (if yy < 50 { 2000 + yy } else { 1900 + yy }, s.get(2..).ok_or(bad.clone())?)
        }
        GENERALIZED_TIME => {
            (s.get(0..4).and_then(|v| v.parse().ok()).ok_or(bad.clone())?, s.get(4..).ok_or(bad.clone())?)
        }
        _ => return Err(bad),
    };
    if !rest.ends_with('Z')
        || rest.len() < 11
        || !rest.as_bytes().get(..10).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    {
        return Err(bad);
    }
    let num = |a: usize| -> i64 { rest.get(a..a + 2).and_then(|v| v.parse().ok()).unwrap_or(-1) };
    let (mo, d, h, mi, sec) = (num(0), num(2), num(4), num(6), num(8));
    if !(1..=12).contains(&mo)
        || !(1..=31).contains(&d)
        || !(0..=23).contains(&h)
        || !(0..=59).contains(&mi)
        || !(0..=60).contains(&sec)
    {
        return Err(bad);
    }
    Ok(days_from_civil(year, mo, d) * 86_400 + h * 3600 + mi * 60 + sec)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the epoch.
pub fn format_time(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// Upper-case hex without separators.
pub fn hex_upper(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02X}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tlv_lengths_are_checked() {
        assert_eq!(parse_tlv(&[0x30, 0x03, 1, 2]), Err(DerProblem::Truncated));
        assert_eq!(parse_tlv(&[0x30, 0x80, 0, 0]), Err(DerProblem::UnsupportedLength));
        assert_eq!(parse_tlv(&[0x30, 0x85, 1, 1, 1, 1, 1]), Err(DerProblem::UnsupportedLength));
        assert_eq!(parse_tlv(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF]), Err(DerProblem::Truncated));
        let (t, n) = parse_tlv(&[0x04, 0x81, 0x01, 0xAA, 0xBB]).unwrap();
        assert_eq!((t.tag, t.value, n), (0x04, &[0xAA][..], 4));
        assert!(parse_single(&[0x05, 0x00, 0, 0, 0], "x").is_ok());
        assert!(parse_single(&[0x05, 0x00, 0, 1], "x").is_err());
    }

    #[test]
    fn oids_and_times() {
        assert_eq!(oid_string(&[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]), "1.2.840.113549.1.7.2");
        assert_eq!(oid_string(&[0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x01, 0x04]), "1.3.6.1.4.1.311.2.1.4");
        let g = Tlv { tag: GENERALIZED_TIME, raw: &[], value: b"20250306181217.984Z" };
        let t = read_time(&g, "t").unwrap();
        assert_eq!(format_time(t), "2025-03-06T18:12:17Z");
        let u = Tlv { tag: UTC_TIME, raw: &[], value: b"450416184440Z" };
        assert_eq!(format_time(read_time(&u, "t").unwrap()), "2045-04-16T18:44:40Z");
        let bad = Tlv { tag: UTC_TIME, raw: &[], value: b"4504161844" };
        assert!(read_time(&bad, "t").is_err());
        assert_eq!(format_time(0), "1970-01-01T00:00:00Z");
    }
}
