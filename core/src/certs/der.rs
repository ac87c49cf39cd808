//! A minimal DER TLV reader: just enough to walk a PKCS#7 `SignedData` and to cut certificates out of
//! a file, with every length checked against the bytes that are really there.
//!
//! Only what certificate files use is accepted: one-byte tags (no high-tag-number form) and definite
//! lengths of at most four length bytes. BER indefinite lengths (`0x80`) are refused with their own
//! error, because some non-Windows tools write them and the user should hear why the file is refused.
//! Offsets in errors are absolute byte offsets into the file (the reader carries a base offset).

/// Why a DER structure could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DerError {
    /// The data ends inside a header, or before the value its header announces.
    Truncated { offset: usize, need: usize, have: usize },
    /// BER indefinite length (`0x80`) at `offset`: not DER.
    IndefiniteLength { offset: usize },
    /// A length field of more than four bytes, or a tag in the high-tag-number form.
    BadHeader { offset: usize },
    /// Another tag than the structure needs here.
    UnexpectedTag { offset: usize, expected: &'static str, found: u8 },
}

/// One tag-length-value element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    pub tag: u8,
    /// Absolute offset of the tag byte.
    pub offset: usize,
    /// The whole element (tag, length and value).
    pub raw: &'a [u8],
    /// The value only.
    pub value: &'a [u8],
    /// Absolute offset of the first value byte.
    pub value_offset: usize,
}

/// Reads consecutive elements from a byte slice.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    base: usize,
}

/// Tags used by the readers.
pub mod tag {
    pub const INTEGER: u8 = 0x02;
    pub const OID: u8 = 0x06;
    pub const SEQUENCE: u8 = 0x30;
    pub const SET: u8 = 0x31;
    /// `[0]` constructed (context-specific, EXPLICIT or IMPLICIT SET).
    pub const CONTEXT_0: u8 = 0xA0;
    pub const CONTEXT_1: u8 = 0xA1;
}

impl<'a> Reader<'a> {
    /// A reader over `data`, whose first byte is at absolute offset `base`.
    pub fn new(data: &'a [u8], base: usize) -> Reader<'a> {
        Reader { data, pos: 0, base }
    }

    /// A reader over the value of `tlv`.
    pub fn inside(tlv: &Tlv<'a>) -> Reader<'a> {
        Reader::new(tlv.value, tlv.value_offset)
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

    /// Reads the next element.
    pub fn read(&mut self) -> Result<Tlv<'a>, DerError> {
        let (tlv, len) = parse(self.rest(), self.offset())?;
        self.pos = self.pos.saturating_add(len);
        Ok(tlv)
    }

    /// Reads the next element and checks its tag.
    pub fn expect(&mut self, want: u8, expected: &'static str) -> Result<Tlv<'a>, DerError> {
        match self.peek_tag() {
            Some(t) if t == want => self.read(),
            Some(found) => Err(DerError::UnexpectedTag { offset: self.offset(), expected, found }),
            None => Err(DerError::Truncated { offset: self.offset(), need: 2, have: 0 }),
        }
    }
}

/// Parses the element at the start of `data` (at absolute offset `offset`); returns it and its size.
pub fn parse(data: &[u8], offset: usize) -> Result<(Tlv<'_>, usize), DerError> {
    let (tag, first) = match data {
        [t, l, ..] => (*t, *l),
        _ => return Err(DerError::Truncated { offset, need: 2, have: data.len() }),
    };
    if tag & 0x1F == 0x1F {
        return Err(DerError::BadHeader { offset });
    }
    let (len, header) = match first {
        0x80 => return Err(DerError::IndefiniteLength { offset }),
        l if l < 0x80 => (l as usize, 2usize),
        l => {
            let n = (l & 0x7F) as usize;
            if n > 4 {
                return Err(DerError::BadHeader { offset });
            }
            let bytes = data.get(2..2 + n).ok_or(DerError::Truncated { offset, need: 2 + n, have: data.len() })?;
            let mut len: usize = 0;
            for &b in bytes {
                len = len
                    .checked_mul(256)
                    .and_then(|v| v.checked_add(b as usize))
                    .ok_or(DerError::BadHeader { offset })?;
            }
            (len, 2 + n)
        }
    };
    let end = header.checked_add(len).ok_or(DerError::BadHeader { offset })?;
    let raw =
        data.get(..end).ok_or(DerError::Truncated { offset, need: len, have: data.len().saturating_sub(header) })?;
    let value = raw.get(header..).unwrap_or(&[]);
    Ok((Tlv { tag, offset, raw, value, value_offset: offset.saturating_add(header) }, end))
}

/// True when `bytes` start like a DER SEQUENCE large enough to be a certificate or a PKCS#7 file:
/// tag `0x30` and a long-form length (`0x81`–`0x84`). Text never starts this way (`0` followed by a
/// byte ≥ 0x81 is not ASCII), so PEM and `.reg` files fall through to the text readers.
pub fn looks_like_der(bytes: &[u8]) -> bool {
    matches!(bytes, [0x30, 0x81..=0x84, ..])
}

/// The dotted form of an OID's content bytes (`2A 86 48 86 F7 0D 01 07 02` → `1.2.840.113549.1.7.2`).
pub fn oid_string(value: &[u8]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut acc: u64 = 0;
    for (i, &b) in value.iter().enumerate() {
        acc = acc.saturating_mul(128).saturating_add((b & 0x7F) as u64);
        if b & 0x80 == 0 {
            if parts.is_empty() {
                let (a, rest) = if acc < 40 {
                    (0, acc)
                } else if acc < 80 {
                    (1, acc - 40)
                } else {
                    (2, acc - 80)
                };
                parts.push(a.to_string());
                parts.push(rest.to_string());
            } else {
                parts.push(acc.to_string());
            }
            acc = 0;
        } else if i + 1 == value.len() {
            parts.push("?".into());
        }
    }
    parts.join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_lengths() {
        let (t, n) = parse(&[0x04, 0x02, 0xAA, 0xBB, 0xCC], 10).unwrap();
        assert_eq!((t.tag, t.value, t.offset, t.value_offset, n), (0x04, &[0xAA, 0xBB][..], 10, 12, 4));
        let mut long = vec![0x30, 0x81, 0x80];
        long.extend([0u8; 0x80]);
        assert_eq!(parse(&long, 0).unwrap().0.value.len(), 0x80);
    }

    #[test]
    fn truncation_and_bad_headers_are_errors() {
        assert_eq!(parse(&[0x30], 5), Err(DerError::Truncated { offset: 5, need: 2, have: 1 }));
        assert_eq!(parse(&[0x30, 0x82, 0x05], 0), Err(DerError::Truncated { offset: 0, need: 4, have: 3 }));
        assert_eq!(
            parse(&[0x30, 0x82, 0x01, 0x00, 0x00], 0),
            Err(DerError::Truncated { offset: 0, need: 256, have: 1 })
        );
        assert_eq!(parse(&[0x30, 0x80, 0x00, 0x00], 0), Err(DerError::IndefiniteLength { offset: 0 }));
        assert_eq!(parse(&[0x30, 0x85, 1, 1, 1, 1, 1], 0), Err(DerError::BadHeader { offset: 0 }));
        assert_eq!(parse(&[0x1F, 0x01, 0x00], 0), Err(DerError::BadHeader { offset: 0 }));
        // A four-byte length near usize::MAX must not overflow.
        assert!(parse(&[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF], 0).is_err());
    }

    #[test]
    fn expect_checks_the_tag() {
        let mut r = Reader::new(&[0x02, 0x01, 0x01, 0x31, 0x00], 0);
        assert_eq!(r.expect(tag::INTEGER, "INTEGER").unwrap().value, &[1]);
        assert_eq!(
            r.expect(tag::SEQUENCE, "SEQUENCE"),
            Err(DerError::UnexpectedTag { offset: 3, expected: "SEQUENCE", found: 0x31 })
        );
        assert!(r.expect(tag::SET, "SET").is_ok());
        assert!(r.is_empty());
    }

    #[test]
    fn oids() {
        assert_eq!(oid_string(&[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]), "1.2.840.113549.1.7.2");
        assert_eq!(oid_string(&[0x55, 0x04, 0x03]), "2.5.4.3");
    }

    #[test]
    fn der_sniffing() {
        assert!(looks_like_der(&[0x30, 0x82, 0x05, 0xCC]));
        assert!(!looks_like_der(b"0x80092004"));
        assert!(!looks_like_der(b"-----BEGIN CERTIFICATE-----"));
        assert!(!looks_like_der(&[0x30]));
    }
}
