//! PE images: where the Authenticode signature is and which bytes the image digest covers.
//!
//! The digest covers the whole file except (PE/COFF spec, "Calculating the PE Image Hash"):
//! 1. the 4-byte `CheckSum` field of the optional header (offset 64);
//! 2. the 8-byte Certificate Table entry of the data directory (index 4: offset 128 in PE32,
//!    144 in PE32+);
//! 3. the attribute certificate table itself, `[VirtualAddress, VirtualAddress + Size)` (a file
//!    offset, not an RVA).
//!
//! For well-formed files that is the same byte sequence as the spec's order (headers, sections by
//! `PointerToRawData`, then the remaining data); the tests check it on the fixtures.

use super::plan::{Layout, PlanItem};
use super::result::{FileKind, UnsignedData};
use super::source::{u16_at, u32_at, ByteRange, Fault, Source};
use super::SignatureError;
use crate::asn1;

/// WIN_CERTIFICATE type of an Authenticode PKCS#7 SignedData.
const WIN_CERT_TYPE_PKCS_SIGNED_DATA: u16 = 0x0002;

/// Offsets the image digest must skip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeOffsets {
    pub checksum: u64,
    pub cert_dir_entry: u64,
    pub cert_table: ByteRange,
    /// End of the optional header: the section table starts here.
    pub optional_header_end: u64,
    pub number_of_sections: u16,
    pub pe32_plus: bool,
}

fn malformed(what: &str) -> Fault {
    Fault::Fail(SignatureError::Malformed { what: what.into() })
}

/// Reads the PE headers and returns the offsets the digest skips.
pub fn offsets(src: &dyn Source) -> Result<PeOffsets, Fault> {
    let size = src.size();
    let dos = src.read(0, 64, "the DOS header")?;
    if dos.get(..2) != Some(b"MZ") {
        return Err(malformed("the DOS header (no MZ signature)"));
    }
    let e_lfanew = u64::from(u32_at(dos, 0x3C).unwrap_or(0));
    if e_lfanew < 64 || e_lfanew > size {
        return Err(Fault::Fail(SignatureError::Truncated { what: "the PE header".into() }));
    }
    let nt = src.read(e_lfanew, 24, "the PE header")?;
    if nt.get(..4) != Some(b"PE\0\0") {
        return Err(malformed("the PE header (no PE signature)"));
    }
    let number_of_sections = u16_at(nt, 6).unwrap_or(0);
    let opt_size = u64::from(u16_at(nt, 20).unwrap_or(0));
    let opt_off = e_lfanew + 24;
    let opt = src.read(opt_off, opt_size, "the optional header")?;
    let magic = u16_at(opt, 0).ok_or_else(|| malformed("the optional header"))?;
    let (pe32_plus, num_rva_at, dirs_at) = match magic {
        0x10B => (false, 92usize, 96usize),
        0x20B => (true, 108, 112),
        _ => return Err(malformed("the optional header (unknown magic)")),
    };
    let num_rva = u32_at(opt, num_rva_at).unwrap_or(0);
    let entry_at = dirs_at + 4 * 8;
    if num_rva < 5 || opt.len() < entry_at + 8 {
        return Err(Fault::Fail(SignatureError::Unsigned { kind: FileKind::Pe }));
    }
    let va = u64::from(u32_at(opt, entry_at).unwrap_or(0));
    let len = u64::from(u32_at(opt, entry_at + 4).unwrap_or(0));
    if va == 0 && len == 0 {
        return Err(Fault::Fail(SignatureError::Unsigned { kind: FileKind::Pe }));
    }
    let cert_dir_entry = opt_off + entry_at as u64;
    if len < 8 || va < cert_dir_entry + 8 {
        return Err(malformed("the certificate table entry (offset or size impossible)"));
    }
    if va + len > size {
        return Err(Fault::Fail(SignatureError::Truncated { what: "the certificate table".into() }));
    }
    Ok(PeOffsets {
        checksum: opt_off + 64,
        cert_dir_entry,
        cert_table: ByteRange::new(va, len),
        optional_header_end: opt_off + opt_size,
        number_of_sections,
        pe32_plus,
    })
}

/// Entries of a certificate table read at most (real tables hold one).
const MAX_ENTRIES: usize = 16;

/// The signature of a certificate table as Windows reads it with `EnableCertPaddingCheck`: exactly one
/// WIN_CERTIFICATE (revision 2.0 or 1.0, type PKCS_SIGNED_DATA), the PKCS#7 SignedData inside it
/// followed by at most 7 zero bytes, and after the entry nothing but zero padding to the 8-byte
/// boundary. Returns the signature, and the first bytes it does not cover (another entry, non-zero
/// padding, data after the SignedData) — such a file is not valid even when its digest matches.
///
/// `table_offset` is the table's offset in the file (for the report). Lengths come from the file:
/// every sum is checked (on wasm32 `usize` is 32 bits, and a wrapped sum would walk the table forever).
pub fn signature_entry(table: &[u8], table_offset: u64) -> Result<(Vec<u8>, Option<UnsignedData>), Fault> {
    let bad_length = || malformed("the certificate table (WIN_CERTIFICATE length)");
    let at_file = |at: usize| table_offset + at as u64;
    let mut signature: Option<Vec<u8>> = None;
    let mut unsigned: Option<UnsignedData> = None;
    let mut at = 0usize;
    let mut entries = 0;
    while at < table.len() {
        let rest = &table[at..];
        if rest.iter().all(|b| *b == 0) && rest.len() < 8 {
            break;
        }
        entries += 1;
        if rest.len() < 8 || entries > MAX_ENTRIES {
            unsigned.get_or_insert(UnsignedData::ExtraCertificateEntry { offset: at_file(at), len: rest.len() as u64 });
            break;
        }
        let length = u32_at(table, at).unwrap_or(0) as usize;
        let revision = u16_at(table, at + 4).unwrap_or(0);
        let kind = u16_at(table, at + 6).unwrap_or(0);
        let end = at.checked_add(length).filter(|&end| length >= 8 && end <= table.len()).ok_or_else(bad_length)?;
        let is_signature = kind == WIN_CERT_TYPE_PKCS_SIGNED_DATA && (revision == 0x0200 || revision == 0x0100);
        if is_signature && signature.is_none() {
            let body = table.get(at + 8..end).unwrap_or(&[]);
            let (tlv, used) = asn1::parse(body, 0, "WIN_CERTIFICATE")
                .map_err(|e| Fault::Fail(SignatureError::BadSignature { detail: e.to_string() }))?;
            let trailing = body.get(used..).unwrap_or(&[]);
            if trailing.len() > 7 || trailing.iter().any(|b| *b != 0) {
                unsigned.get_or_insert(UnsignedData::CertificatePadding {
                    offset: at_file(at + 8 + used),
                    len: trailing.len() as u64,
                });
            }
            signature = Some(tlv.raw.to_vec());
        } else {
            unsigned.get_or_insert(UnsignedData::ExtraCertificateEntry { offset: at_file(at), len: length as u64 });
        }
        // Entries are 8-byte aligned: the alignment bytes must be zero.
        let next = end.next_multiple_of(8).min(table.len());
        if table.get(end..next).is_some_and(|pad| pad.iter().any(|b| *b != 0)) {
            unsigned.get_or_insert(UnsignedData::CertificatePadding { offset: at_file(end), len: (next - end) as u64 });
        }
        at = next;
    }
    match signature {
        Some(s) => Ok((s, unsigned)),
        None => Err(Fault::Fail(SignatureError::Unsigned { kind: FileKind::Pe })),
    }
}

/// The signature and the digest plan of a PE file.
pub fn layout(src: &dyn Source) -> Result<Layout, Fault> {
    let o = offsets(src)?;
    let table = src.read(o.cert_table.offset, o.cert_table.len, "the certificate table")?;
    let (signature, mut unsigned) = signature_entry(table, o.cert_table.offset)?;
    let size = src.size();
    // The certificate table must end the file (Windows' EnableCertPaddingCheck).
    if o.cert_table.end() < size {
        unsigned = Some(UnsignedData::DataAfterCertificateTable {
            offset: o.cert_table.end(),
            len: size - o.cert_table.end(),
        });
    }
    let mut plan = Vec::new();
    let mut push = |from: u64, to: u64| {
        if to > from {
            plan.push(PlanItem::File(ByteRange::new(from, to - from)));
        }
    };
    push(0, o.checksum);
    push(o.checksum + 4, o.cert_dir_entry);
    push(o.cert_dir_entry + 8, o.cert_table.offset);
    push(o.cert_table.end(), size);
    Ok(Layout { kind: FileKind::Pe, signature, digest: super::plan::DigestInput::Plan(plan), unsigned })
}

/// The image digest in the spec's order (headers, sections sorted by file offset, then the rest),
/// for in-memory files: used by the tests to check that the exclusion plan gives the same bytes.
#[cfg(test)]
pub fn spec_order_digest(file: &[u8], alg: super::crypto::DigestAlg) -> Option<Vec<u8>> {
    let src = super::source::MemSource(file);
    let o = offsets(&src).ok()?;
    let opt_off = o.checksum - 64;
    let opt = file.get(opt_off as usize..o.optional_header_end as usize)?;
    let size_of_headers = u32_at(opt, 60)? as usize;
    let mut h = super::crypto::Hasher::new(alg);
    h.update(file.get(..o.checksum as usize)?);
    h.update(file.get(o.checksum as usize + 4..o.cert_dir_entry as usize)?);
    h.update(file.get(o.cert_dir_entry as usize + 8..size_of_headers)?);
    let mut sections: Vec<(usize, usize)> = (0..o.number_of_sections as usize)
        .filter_map(|i| {
            let s = o.optional_header_end as usize + i * 40;
            Some((u32_at(file, s + 20)? as usize, u32_at(file, s + 16)? as usize))
        })
        .filter(|(_, len)| *len > 0)
        .collect();
    // By raw pointer, then size (both from 32-bit header fields: one u64 key holds both).
    crate::util::sort_by_u64_key(&mut sections, |&(ptr, len)| ((ptr as u64) << 32) | len as u64);
    let mut sum = size_of_headers;
    for (ptr, len) in sections {
        h.update(file.get(ptr..ptr + len)?);
        sum += len;
    }
    // Remaining data after the last section, minus the certificate table (at the end of the file).
    if sum < file.len() {
        h.update(file.get(sum..file.len() - o.cert_table.len as usize)?);
    }
    Some(h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WIN_CERTIFICATE whose length, added to its offset, wraps a 32-bit usize (wasm32): it must be
    /// refused, not walked forever.
    #[test]
    fn hostile_win_certificate_lengths_are_refused() {
        let mut table = vec![0u8; 16];
        table[8..12].copy_from_slice(&0xFFFF_FFF8u32.to_le_bytes());
        table[12..14].copy_from_slice(&0x0200u16.to_le_bytes());
        table[14..16].copy_from_slice(&0x0001u16.to_le_bytes());
        // The first entry is 8 bytes of another type, the second claims almost 4 GiB.
        table[0..4].copy_from_slice(&8u32.to_le_bytes());
        table[4..6].copy_from_slice(&0x0200u16.to_le_bytes());
        table[6..8].copy_from_slice(&0x0001u16.to_le_bytes());
        assert!(matches!(signature_entry(&table, 0), Err(Fault::Fail(SignatureError::Malformed { .. }))));
        table[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(signature_entry(&table, 0), Err(Fault::Fail(SignatureError::Malformed { .. }))));
    }
    use crate::signature::crypto::DigestAlg;
    use crate::signature::plan::DigestInput;
    use crate::signature::source::MemSource;

    fn plan_digest(file: &[u8], alg: DigestAlg) -> Vec<u8> {
        let l = layout(&MemSource(file)).unwrap();
        let DigestInput::Plan(items) = l.digest else { panic!() };
        let mut h = crate::signature::crypto::Hasher::new(alg);
        for i in items {
            let PlanItem::File(r) = i else { panic!("PE plans hold file ranges only") };
            h.update(&file[r.offset as usize..r.end() as usize]);
        }
        h.finish()
    }

    #[test]
    fn exclusion_plan_equals_the_spec_order() {
        for f in ["pe-signed.exe", "pe-signed-nested.exe", "pe-lookalike-root.exe"] {
            let file = std::fs::read(format!("{}/../tests/fixtures/signed/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap();
            for alg in [DigestAlg::Sha256, DigestAlg::Sha384] {
                assert_eq!(Some(plan_digest(&file, alg)), spec_order_digest(&file, alg), "{f}");
            }
            let o = offsets(&MemSource(&file)).unwrap();
            assert!(o.pe32_plus);
            assert_eq!(o.cert_dir_entry - o.checksum, 144 - 64, "PE32+ directory entry 4 is at offset 144");
        }
    }

    #[test]
    fn win_certificate_walk() {
        // A non-PKCS#7 entry first (type 1, X.509), then the signature, 8-byte aligned.
        let mut t = vec![];
        t.extend_from_slice(&12u32.to_le_bytes());
        t.extend_from_slice(&0x0200u16.to_le_bytes());
        t.extend_from_slice(&1u16.to_le_bytes());
        t.extend_from_slice(&[1, 2, 3, 4, 0, 0, 0, 0]);
        t.extend_from_slice(&15u32.to_le_bytes());
        t.extend_from_slice(&0x0200u16.to_le_bytes());
        t.extend_from_slice(&2u16.to_le_bytes());
        t.extend_from_slice(&[0x30, 0x03, 0x02, 0x01, 0x00, 0, 0, 0]);
        // The signature is found, and the X.509 entry before it is bytes the signature does not cover.
        let (sig, unsigned) = signature_entry(&t, 100).unwrap();
        assert_eq!(sig, vec![0x30, 0x03, 0x02, 0x01, 0x00]);
        assert_eq!(unsigned, Some(UnsignedData::ExtraCertificateEntry { offset: 100, len: 12 }));
        // The signature alone, 8-byte aligned with zero padding: nothing uncovered.
        assert_eq!(signature_entry(&t[16..], 0).unwrap().1, None);
        // Non-zero bytes after the SignedData inside the entry.
        let mut padded = t[16..].to_vec();
        padded[14] = 7;
        assert_eq!(
            signature_entry(&padded, 0).unwrap().1,
            Some(UnsignedData::CertificatePadding { offset: 13, len: 2 })
        );
        assert!(signature_entry(&t[..20], 0).is_err());
        assert!(matches!(signature_entry(&[], 0), Err(Fault::Fail(SignatureError::Unsigned { .. }))));
    }
}
