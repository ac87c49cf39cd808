//! Microsoft serialized certificate stores: `.sst` files (MMC "Microsoft Serialized Certificate Store"
//! export, `Export-Certificate -Type SST`, `certutil -generateSSTFromWU`) and the `Blob` values of the
//! registry's `SystemCertificates\<store>\Certificates\<sha1>` keys, which hold the same elements without
//! the file header.
//!
//! Layout (certificates.md §5.4, Wine `dlls/crypt32/serialize.c`), all integers little-endian:
//!
//! ```text
//! file header   u32 0, 'C' 'E' 'R' 'T'
//! element       u32 propId, u32 encodingType (1), u32 cb, cb bytes of data
//! trailer       12 zero bytes (propId 0, cb 0); plain end of file is accepted too
//! ```
//!
//! propId 0x20 is the DER certificate; the properties before it belong to it (3 = SHA-1 hash,
//! 11 = friendly name, …). 0x21 (CRL) and 0x22 (CTL) end a run of properties too. Every length is
//! checked against the bytes that remain; a stored SHA-1 (property 3) is never trusted: it is only
//! kept as what the file *claims*, to compare with the hash of the DER.

use super::error::SstError;

/// The 8-byte file header: version 0, magic `CERT`.
pub const FILE_HEADER: [u8; 8] = [0, 0, 0, 0, b'C', b'E', b'R', b'T'];

pub const PROP_SHA1_HASH: u32 = 3;
pub const PROP_CERT: u32 = 0x20;
pub const PROP_CRL: u32 = 0x21;
pub const PROP_CTL: u32 = 0x22;

/// One serialized element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element<'a> {
    pub prop_id: u32,
    pub encoding: u32,
    pub data: &'a [u8],
    /// Absolute offset of the element header.
    pub offset: usize,
}

/// A certificate element with the SHA-1 the properties before it claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredCert<'a> {
    pub der: &'a [u8],
    /// Offset of the certificate's element header.
    pub offset: usize,
    /// Property 3, when present and 20 bytes long.
    pub claimed_sha1: Option<[u8; 20]>,
}

/// What could be read: the certificates up to the first structural error, and that error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreRead<'a> {
    pub certs: Vec<StoredCert<'a>>,
    pub error: Option<SstError>,
}

/// True when `bytes` start with the `.sst` file header.
pub fn is_sst(bytes: &[u8]) -> bool {
    bytes.starts_with(&FILE_HEADER)
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Reads elements from `data` (which starts at absolute offset `base`) up to the trailer or the end.
pub fn elements(data: &[u8], base: usize) -> (Vec<Element<'_>>, Option<SstError>) {
    let mut out = Vec::new();
    let mut pos = 0usize;
    while pos < data.len() {
        let left = data.len() - pos;
        let offset = base.saturating_add(pos);
        let header = (u32_at(data, pos), u32_at(data, pos + 4), u32_at(data, pos + 8));
        let (Some(prop_id), Some(encoding), Some(cb)) = header else {
            // Fewer than 12 bytes: zero padding is tolerated as an end, anything else is a cut-off file.
            let rest = data.get(pos..).unwrap_or(&[]);
            if rest.iter().all(|&b| b == 0) {
                break;
            }
            return (out, Some(SstError::ElementHeader { offset, have: left }));
        };
        if prop_id == 0 && cb == 0 {
            break;
        }
        let start = pos + 12;
        let Some(data_bytes) = (cb as usize).checked_add(start).and_then(|end| data.get(start..end)) else {
            return (out, Some(SstError::ElementLength { offset, need: cb as usize, have: left - 12 }));
        };
        out.push(Element { prop_id, encoding, data: data_bytes, offset });
        pos = start + data_bytes.len();
    }
    (out, None)
}

/// Pairs each certificate element with the properties written before it.
pub fn certificates<'a>(elements: &[Element<'a>]) -> Vec<StoredCert<'a>> {
    let mut out = Vec::new();
    let mut claimed: Option<[u8; 20]> = None;
    for e in elements {
        match e.prop_id {
            PROP_CERT => {
                out.push(StoredCert { der: e.data, offset: e.offset, claimed_sha1: claimed.take() });
            }
            PROP_CRL | PROP_CTL => claimed = None,
            PROP_SHA1_HASH => claimed = <[u8; 20]>::try_from(e.data).ok(),
            _ => {}
        }
    }
    out
}

/// Reads a serialized run of elements (a registry `Blob`, no file header).
pub fn read_elements(data: &[u8], base: usize) -> StoreRead<'_> {
    let (els, error) = elements(data, base);
    StoreRead { certs: certificates(&els), error }
}

/// Reads a whole `.sst` file (header included). The caller has checked [`is_sst`].
pub fn read_file(bytes: &[u8]) -> StoreRead<'_> {
    read_elements(bytes.get(FILE_HEADER.len()..).unwrap_or(&[]), FILE_HEADER.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(prop: u32, data: &[u8]) -> Vec<u8> {
        [&prop.to_le_bytes()[..], &1u32.to_le_bytes(), &(data.len() as u32).to_le_bytes(), data].concat()
    }

    #[test]
    fn wine_test_vector_shape() {
        // serializedStoreWithCert (Wine dlls/crypt32/tests/store.c): header, one 0x20 element, trailer.
        let cert = [0x30u8, 0x7a, 0x02, 0x01];
        let file = [&FILE_HEADER[..], &el(0x20, &cert), &[0u8; 12]].concat();
        assert_eq!(&file[..16], &[0, 0, 0, 0, 0x43, 0x45, 0x52, 0x54, 0x20, 0, 0, 0, 1, 0, 0, 0]);
        let r = read_file(&file);
        assert_eq!((r.certs.len(), r.error.clone()), (1, None));
        assert_eq!((r.certs[0].der, r.certs[0].offset), (&cert[..], 8));
    }

    #[test]
    fn properties_belong_to_the_next_certificate() {
        let sha = [7u8; 20];
        let blob = [el(3, &sha), el(11, b"n\0\0\0"), el(0x20, b"A"), el(0x20, b"B")].concat();
        let r = read_elements(&blob, 0);
        assert_eq!(r.certs.iter().map(|c| c.claimed_sha1).collect::<Vec<_>>(), vec![Some(sha), None]);
    }

    #[test]
    fn lengths_are_checked() {
        let mut file = [&FILE_HEADER[..], &el(0x20, b"ABCD")].concat();
        file.truncate(file.len() - 1);
        assert_eq!(read_file(&file).error, Some(SstError::ElementLength { offset: 8, need: 4, have: 3 }));
        let short = [&FILE_HEADER[..], &[1u8, 0, 0, 0, 1]].concat();
        assert_eq!(read_file(&short).error, Some(SstError::ElementHeader { offset: 8, have: 5 }));
        // EOF without trailer and zero padding are fine.
        assert_eq!(read_file(&[&FILE_HEADER[..], &el(0x20, b"A")].concat()).error, None);
        assert_eq!(read_file(&[&FILE_HEADER[..], &el(0x20, b"A"), &[0u8; 4]].concat()).error, None);
        // A huge cb must not overflow or allocate.
        let huge = [&FILE_HEADER[..], &0x20u32.to_le_bytes(), &1u32.to_le_bytes(), &u32::MAX.to_le_bytes()].concat();
        assert!(matches!(read_file(&huge).error, Some(SstError::ElementLength { .. })));
    }
}
