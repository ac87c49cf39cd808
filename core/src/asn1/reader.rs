//! The engine's ASN.1 reading: [asn1-rs](https://docs.rs/asn1-rs), the DER stack x509-parser is built
//! on, so that certificates (x509-parser) and every other structure (CMS SignedData, Authenticode's
//! SpcIndirectDataContent, RFC 3161 TSTInfo, the DER inside SST elements) go through one DER decoder,
//! and it is not ours.
//!
//! What this module adds to asn1-rs is what the verifier needs and a generic decoder does not keep:
//! - each element's exact encoding ([`Element::raw`]) and absolute offset in the user's file, because
//!   digests and signatures are computed over the bytes as they are (a SignerInfo's signed attributes,
//!   SpcIndirectDataContent's value, a certificate's TBS);
//! - a cursor over a constructed element's children ([`Reader`]) that lets the structure walkers
//!   (`signature::cms`, `signature::spc`, `signature::timestamp`) be written field by field against the
//!   ASN.1 definitions, tolerating what Windows tolerates (a SET OF listing the same certificate twice);
//! - errors that say where (byte offset), while reading what, and what was wrong ([`Asn1Error`]).
//!
//! Elements are read as DER with definite lengths (asn1-rs `Any::from_der`): a BER indefinite length is
//! refused with its own [`Problem`]. asn1-rs checks every length against the bytes present and never
//! allocates from a length it read.

use asn1_rs::{Any, FromDer, Header, Length};

use super::{unsigned_be, Asn1Error, Class, Id, Problem, GENERALIZED_TIME, INTEGER, OID, SEQUENCE, UTC_TIME};

/// One element: its identifier, its whole encoding and its contents, with absolute offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element<'a> {
    pub id: Id,
    /// Absolute offset of the identifier octet.
    pub offset: usize,
    /// Identifier, length and contents, exactly as encoded.
    pub raw: &'a [u8],
    /// The contents octets.
    pub content: &'a [u8],
    /// Absolute offset of the first contents octet.
    pub content_offset: usize,
}

impl<'a> Element<'a> {
    /// A reader over the children of this (constructed) element.
    pub fn reader(&self, what: &'static str) -> Reader<'a> {
        Reader::at(self.content, self.content_offset, what)
    }

    /// This element, when it has identifier `id`.
    pub fn expect(self, id: Id, what: &'static str) -> Result<Element<'a>, Asn1Error> {
        if self.id == id {
            Ok(self)
        } else {
            Err(self.error(what, Problem::UnexpectedTag { expected: id, found: self.id }))
        }
    }

    pub fn error(&self, what: &'static str, problem: Problem) -> Asn1Error {
        Asn1Error { offset: self.offset, what: what.into(), problem }
    }

    /// The dotted form of an OBJECT IDENTIFIER element.
    pub fn oid(&self, what: &'static str) -> Result<String, Asn1Error> {
        self.expect(OID, what)?;
        oid_string(self.content).ok_or_else(|| self.error(what, Problem::BadValue))
    }

    /// Seconds since 1970 of a UTCTime (years 50–99 are 19xx, 00–49 20xx: RFC 5280) or
    /// GeneralizedTime element, read by asn1-rs.
    pub fn time(&self, what: &'static str) -> Result<i64, Asn1Error> {
        let any = Any::new(
            Header::new(
                asn1_rs::Class::Universal,
                self.id.constructed,
                asn1_rs::Tag(self.id.tag),
                Length::Definite(self.content.len()),
            ),
            self.content,
        );
        let bad = || self.error(what, Problem::BadValue);
        let t = match self.id {
            UTC_TIME => asn1_rs::UtcTime::try_from(any).and_then(|t| t.utc_adjusted_datetime()),
            GENERALIZED_TIME => asn1_rs::GeneralizedTime::try_from(any).and_then(|t| t.utc_datetime()),
            _ => return Err(bad()),
        };
        t.map(|t| t.unix_timestamp()).map_err(|_| bad())
    }

    /// A small non-negative INTEGER (a version number).
    pub fn small_uint(&self, what: &'static str) -> Result<u32, Asn1Error> {
        self.expect(INTEGER, what)?;
        let bad = || self.error(what, Problem::BadValue);
        match self.content {
            [] => Err(bad()),
            [b, ..] if b & 0x80 != 0 => Err(bad()),
            v => {
                let m = unsigned_be(v);
                if m.len() > 4 {
                    return Err(bad());
                }
                Ok(m.iter().fold(0u32, |a, b| (a << 8) | u32::from(*b)))
            }
        }
    }
}

fn class(c: asn1_rs::Class) -> Class {
    match c {
        asn1_rs::Class::Universal => Class::Universal,
        asn1_rs::Class::Application => Class::Application,
        asn1_rs::Class::ContextSpecific => Class::ContextSpecific,
        asn1_rs::Class::Private => Class::Private,
    }
}

/// The dotted form of an OBJECT IDENTIFIER's contents octets (asn1-rs), `None` when they are not a
/// valid encoding (empty, or cut inside a sub-identifier).
pub fn oid_string(content: &[u8]) -> Option<String> {
    if content.is_empty() || content.last().is_some_and(|b| b & 0x80 != 0) {
        return None;
    }
    let oid = asn1_rs::Oid::new(std::borrow::Cow::Borrowed(content));
    Some(oid.to_id_string())
}

/// Maps an asn1-rs error at `data` (which starts at absolute `offset`) to an [`Asn1Error`].
fn map_error(e: asn1_rs::Err<asn1_rs::Error>, data: &[u8], offset: usize, what: &'static str) -> Asn1Error {
    let problem = match e {
        asn1_rs::Err::Incomplete(_) | asn1_rs::Err::Error(asn1_rs::Error::Incomplete(_)) => {
            // Say how long the element claims to be, when its header is whole.
            match Header::from_der(data) {
                Ok((rest, h)) => {
                    let have = rest.len();
                    match h.length() {
                        Length::Definite(need) => Problem::Truncated { need, have },
                        Length::Indefinite => Problem::IndefiniteLength,
                    }
                }
                Err(_) => Problem::Truncated { need: 2, have: data.len() },
            }
        }
        asn1_rs::Err::Error(asn1_rs::Error::DerConstraintFailed(asn1_rs::DerConstraint::IndefiniteLength))
        | asn1_rs::Err::Failure(asn1_rs::Error::DerConstraintFailed(asn1_rs::DerConstraint::IndefiniteLength)) => {
            Problem::IndefiniteLength
        }
        _ if data.len() < 2 => Problem::Truncated { need: 2, have: data.len() },
        _ => Problem::BadHeader,
    };
    Asn1Error { offset, what: what.into(), problem }
}

/// Parses the element at the start of `data`, whose first byte is at absolute `offset`; returns it
/// and the number of bytes it takes.
pub fn parse<'a>(data: &'a [u8], offset: usize, what: &'static str) -> Result<(Element<'a>, usize), Asn1Error> {
    let (rest, any) = Any::from_der(data).map_err(|e| map_error(e, data, offset, what))?;
    let used = data.len() - rest.len();
    let raw = data.get(..used).unwrap_or(data);
    let header = used - any.data.len();
    let id = Id { class: class(any.class()), constructed: any.header.is_constructed(), tag: any.tag().0 };
    let content_offset = offset.saturating_add(header);
    Ok((Element { id, offset, raw, content: any.data, content_offset }, used))
}

/// Parses exactly one element that fills `data` except for trailing zero bytes (the 8-byte alignment
/// of a PE `WIN_CERTIFICATE`); at most `max_padding` of them.
pub fn parse_single<'a>(data: &'a [u8], what: &'static str, max_padding: usize) -> Result<Element<'a>, Asn1Error> {
    let (e, used) = parse(data, 0, what)?;
    let rest = data.get(used..).unwrap_or(&[]);
    if rest.len() > max_padding || rest.iter().any(|b| *b != 0) {
        return Err(Asn1Error { offset: used, what: what.into(), problem: Problem::BadValue });
    }
    Ok(e)
}

/// Reads consecutive elements from a slice (the children of a constructed element).
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

    /// A reader over `data`, whose first byte is at absolute offset `base`.
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

    /// The identifier of the next element, without reading it.
    pub fn peek(&self) -> Option<Id> {
        let (_, h) = Header::from_der(self.rest()).ok()?;
        Some(Id { class: class(h.class()), constructed: h.is_constructed(), tag: h.tag().0 })
    }

    /// Reads the next element, whatever it is.
    pub fn read(&mut self) -> Result<Element<'a>, Asn1Error> {
        let (e, used) = parse(self.rest(), self.offset(), self.what)?;
        self.pos = self.pos.saturating_add(used);
        Ok(e)
    }

    /// Reads the next element and checks its identifier; the error names `what`. The identifier is
    /// checked before the length, so a wrong element is reported as such even when it is also cut off.
    pub fn expect_as(&mut self, id: Id, what: &'static str) -> Result<Element<'a>, Asn1Error> {
        let offset = self.offset();
        match self.peek() {
            Some(found) if found == id => self.read(),
            Some(found) => {
                Err(Asn1Error { offset, what: what.into(), problem: Problem::UnexpectedTag { expected: id, found } })
            }
            None if self.is_empty() => {
                Err(Asn1Error { offset, what: what.into(), problem: Problem::Truncated { need: 2, have: 0 } })
            }
            None => Err(map_error(
                Header::from_der(self.rest()).err().unwrap_or(asn1_rs::Err::Error(asn1_rs::Error::InvalidTag)),
                self.rest(),
                offset,
                what,
            )),
        }
    }

    /// [`Reader::expect_as`] naming what this reader reads.
    pub fn expect(&mut self, id: Id) -> Result<Element<'a>, Asn1Error> {
        let what = self.what;
        self.expect_as(id, what)
    }

    /// Reads the next element if it has identifier `id`.
    pub fn optional(&mut self, id: Id) -> Result<Option<Element<'a>>, Asn1Error> {
        if self.peek() == Some(id) {
            self.read().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Reads an `AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }` and
    /// returns the dotted OID (parameters are not needed by any algorithm read here).
    pub fn algorithm(&mut self, what: &'static str) -> Result<String, Asn1Error> {
        let seq = self.expect_as(SEQUENCE, what)?;
        seq.reader(what).expect_as(OID, what)?.oid(what)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asn1::{NULL, OCTET_STRING, SET};

    #[test]
    fn elements_keep_their_encoding_and_offsets() {
        let (e, n) = parse(&[0x04, 0x02, 0xAA, 0xBB, 0xCC], 10, "x").unwrap();
        assert_eq!((e.id, e.content, e.offset, e.content_offset, n), (OCTET_STRING, &[0xAA, 0xBB][..], 10, 12, 4));
        assert_eq!(e.raw, &[0x04, 0x02, 0xAA, 0xBB]);
        let mut long = vec![0x30, 0x81, 0x80];
        long.extend([0u8; 0x80]);
        let (e, _) = parse(&long, 0, "x").unwrap();
        assert_eq!((e.id, e.content.len(), e.content_offset), (SEQUENCE, 0x80, 3));
    }

    #[test]
    fn truncation_and_bad_headers_are_errors() {
        let p = |d: &[u8]| parse(d, 5, "x").map(|_| ()).map_err(|e| (e.offset, e.problem));
        assert_eq!(p(&[0x30]), Err((5, Problem::Truncated { need: 2, have: 1 })));
        assert_eq!(p(&[0x30, 0x82, 0x01, 0x00, 0x00]), Err((5, Problem::Truncated { need: 256, have: 1 })));
        assert_eq!(p(&[0x30, 0x80, 0x00, 0x00]), Err((5, Problem::IndefiniteLength)));
        assert!(p(&[0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9]).is_err());
        assert_eq!(parse_single(&[0x05, 0x00, 0x00, 0x00], "x", 7).map(|e| e.id), Ok(NULL));
        assert!(parse_single(&[0x05, 0x00, 0x00, 0x01], "x", 7).is_err());
        assert!(parse_single(&[0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0], "x", 7).is_err());
    }

    #[test]
    fn readers_walk_children() {
        // SEQUENCE { OID 1.2.840.113549.1.7.2, [0] { INTEGER 1 } }
        let data = [
            0x30, 0x10, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02, 0xA0, 0x03, 0x02, 0x01, 0x01,
        ];
        let (seq, _) = parse(&data, 0, "x").unwrap();
        let mut r = seq.reader("seq");
        assert_eq!(r.peek(), Some(OID));
        assert_eq!(r.expect(OID).unwrap().oid("oid").unwrap(), "1.2.840.113549.1.7.2");
        assert_eq!(r.optional(SET).unwrap(), None);
        let ctx0 = r.expect(Id::ctx(0)).unwrap();
        assert_eq!(ctx0.offset, 13);
        assert_eq!(ctx0.reader("v").read().unwrap().small_uint("v"), Ok(1));
        assert!(r.is_empty());
        let err = r.expect_as(SEQUENCE, "more").unwrap_err();
        assert_eq!(err.problem, Problem::Truncated { need: 2, have: 0 });
        let mut r = seq.reader("seq");
        let err = r.expect_as(INTEGER, "version").unwrap_err();
        assert_eq!((err.offset, err.problem), (2, Problem::UnexpectedTag { expected: INTEGER, found: OID }));
    }

    #[test]
    fn times_and_oids() {
        let t = |id: Id, s: &str| {
            let raw = [&[id.tag as u8, s.len() as u8][..], s.as_bytes()].concat();
            parse(&raw, 0, "t").unwrap().0.time("t")
        };
        assert_eq!(t(UTC_TIME, "250306181217Z"), Ok(1_741_284_737));
        assert_eq!(t(GENERALIZED_TIME, "20250306181217.984Z"), Ok(1_741_284_737));
        assert_eq!(t(UTC_TIME, "991231235959Z"), Ok(946_684_799));
        assert!(t(UTC_TIME, "250230181217Z").is_err());
        assert_eq!(oid_string(&[0x2A, 0x86, 0x48]).as_deref(), Some("1.2.840"));
        assert_eq!(oid_string(&[0x2A, 0x86]), None);
        assert_eq!(oid_string(&[]), None);
        assert_eq!(unsigned_be(&[0, 0, 1, 0]), &[1, 0]);
    }
}
