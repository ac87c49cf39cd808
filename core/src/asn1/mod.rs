//! ASN.1 for the engine: the errors (data, available in every build) and, with the `x509` feature, the
//! reader over asn1-rs ([`reader`]), the DER stack x509-parser is built on.

use std::fmt;

use serde::{Deserialize, Serialize};

#[cfg(feature = "x509")]
mod reader;
#[cfg(feature = "x509")]
pub use reader::*;

/// An element's class (X.690).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Universal,
    Application,
    ContextSpecific,
    Private,
}

/// An element's identifier: class, constructed bit and tag number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Id {
    pub class: Class,
    pub constructed: bool,
    pub tag: u32,
}

impl Id {
    pub const fn universal(tag: u32, constructed: bool) -> Id {
        Id { class: Class::Universal, constructed, tag }
    }

    /// `[n]` constructed (EXPLICIT tagging, or IMPLICIT tagging of a constructed type).
    pub const fn ctx(tag: u32) -> Id {
        Id { class: Class::ContextSpecific, constructed: true, tag }
    }

    /// `[n]` primitive (IMPLICIT tagging of a primitive type).
    pub const fn ctx_prim(tag: u32) -> Id {
        Id { class: Class::ContextSpecific, constructed: false, tag }
    }

    /// The usual name, for messages: `SEQUENCE`, `[0]`, `tag 0x13`.
    pub fn name(&self) -> String {
        let known = match (self.class, self.tag) {
            (Class::Universal, 1) => "BOOLEAN",
            (Class::Universal, 2) => "INTEGER",
            (Class::Universal, 3) => "BIT STRING",
            (Class::Universal, 4) => "OCTET STRING",
            (Class::Universal, 5) => "NULL",
            (Class::Universal, 6) => "OBJECT IDENTIFIER",
            (Class::Universal, 16) => "SEQUENCE",
            (Class::Universal, 17) => "SET",
            (Class::Universal, 23) => "UTCTime",
            (Class::Universal, 24) => "GeneralizedTime",
            (Class::ContextSpecific, n) => return format!("[{n}]"),
            (_, n) => return format!("tag {n}"),
        };
        known.to_owned()
    }
}

pub const BOOLEAN: Id = Id::universal(1, false);
pub const INTEGER: Id = Id::universal(2, false);
pub const BIT_STRING: Id = Id::universal(3, false);
pub const OCTET_STRING: Id = Id::universal(4, false);
pub const NULL: Id = Id::universal(5, false);
pub const OID: Id = Id::universal(6, false);
pub const UTC_TIME: Id = Id::universal(23, false);
pub const GENERALIZED_TIME: Id = Id::universal(24, false);
pub const SEQUENCE: Id = Id::universal(16, true);
pub const SET: Id = Id::universal(17, true);

/// Why some bytes are not the element a structure needs: where, while reading what, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asn1Error {
    /// Absolute offset of the element (or byte) at fault.
    pub offset: usize,
    /// What was being read ("ContentInfo", "SignerInfo", "certificates" …).
    pub what: std::borrow::Cow<'static, str>,
    pub problem: Problem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// The data ends inside the element: its header announces `need` bytes (or needs `need` header
    /// bytes) and only `have` are there.
    Truncated { need: usize, have: usize },
    /// A BER indefinite length (`0x80`): not DER.
    IndefiniteLength,
    /// A header asn1-rs cannot read (a length field that does not fit, a reserved length byte …).
    BadHeader,
    /// Another element than the structure needs here.
    UnexpectedTag { expected: Id, found: Id },
    /// A value that cannot be what the structure says (an empty INTEGER, a bad time, trailing bytes …).
    BadValue,
}

impl fmt::Display for Asn1Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = &self.what;
        match self.problem {
            Problem::Truncated { .. } => write!(f, "{what}: the data ends inside the structure"),
            Problem::IndefiniteLength => write!(f, "{what}: indefinite length (BER, not DER)"),
            Problem::BadHeader => write!(f, "{what}: unreadable element header"),
            Problem::UnexpectedTag { expected, found } => {
                write!(f, "{what}: expected {}, found {}", expected.name(), found.name())
            }
            Problem::BadValue => write!(f, "{what}: invalid value"),
        }
    }
}

impl std::error::Error for Asn1Error {}

/// The magnitude of an unsigned big-endian INTEGER: its contents octets without leading zero bytes.
pub fn unsigned_be(value: &[u8]) -> &[u8] {
    let start = value.iter().position(|b| *b != 0).unwrap_or(value.len());
    value.get(start..).unwrap_or(&[])
}

/// True when `bytes` start like a DER SEQUENCE large enough to be a certificate or a PKCS#7 file:
/// identifier `0x30` and a long-form length (`0x81`–`0x84`). Text never starts this way (`0`
/// followed by a byte ≥ 0x81 is not ASCII), so PEM and `.reg` files fall through to the text readers.
pub fn looks_like_der(bytes: &[u8]) -> bool {
    matches!(bytes, [0x30, 0x81..=0x84, ..])
}
