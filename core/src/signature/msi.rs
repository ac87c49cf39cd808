//! MSI files (OLE compound files): the `\x05DigitalSignature` stream and the MSI SIP's digest.
//!
//! The digest (osslsigncode `msi.c`, `msi_hash_dir` / `msi_prehash_dir`, read for the rules):
//! 1. when `\x05MsiDigitalSignatureEx` exists, a pre-hash of the metadata is hashed first: the root's
//!    CLSID and state bits, then for each child in sorted order — a stream's name (UTF-16LE, without
//!    the terminating NUL), size (low 32 bits), state bits, creation and modification FILETIMEs; a
//!    storage's name, CLSID, state bits and times, followed by its own children;
//! 2. then the contents of every stream, children sorted by a byte-wise comparison of their
//!    UTF-16LE names (terminating NUL included; when one name is a prefix of the other, the longer
//!    first), storages recursively; empty streams are skipped; after a storage's children its
//!    16-byte CLSID is hashed (the root's too);
//! 3. the two signature streams at the root are left out of both.
//!
//! Only the structure (header, DIFAT, FAT, directory, mini FAT, the signature stream) is read here;
//! the stream contents become file ranges of the hash plan, so a 150 MB MSI is streamed once.

use super::plan::{DigestInput, Layout, PlanItem};
use super::result::{FileKind, UnsignedData};
use super::source::{coalesce, u16_at, u32_at, u64_at, ByteRange, Fault, Source, MAX_STRUCTURAL_READ};
use super::SignatureError;

const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const MAXREGSECT: u32 = 0xFFFF_FFFA;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const NOSTREAM: u32 = 0xFFFF_FFFF;
const MINI_SECTOR: u64 = 64;
const MINI_CUTOFF: u64 = 4096;

/// The streams that hold an MSI's signature, at the root, left out of its digest.
const SIGNATURE_STREAMS: [&str; 2] = ["\u{5}DigitalSignature", "\u{5}MsiDigitalSignatureEx"];

const TYPE_STORAGE: u8 = 1;
const TYPE_STREAM: u8 = 2;
const TYPE_ROOT: u8 = 5;

/// `\x05DigitalSignature` in UTF-16LE with its terminating NUL.
fn utf16z(s: &str) -> Vec<u8> {
    s.encode_utf16().chain(std::iter::once(0)).flat_map(u16::to_le_bytes).collect()
}

fn malformed(what: &str) -> Fault {
    Fault::Fail(SignatureError::Malformed { what: format!("the MSI file ({what})") })
}

/// One directory entry.
#[derive(Debug, Clone)]
struct Entry {
    /// UTF-16LE name including the terminating NUL.
    name: Vec<u8>,
    kind: u8,
    left: u32,
    right: u32,
    child: u32,
    clsid: [u8; 16],
    state: [u8; 4],
    ctime: [u8; 8],
    mtime: [u8; 8],
    start: u32,
    size: u64,
}

fn parse_entry(b: &[u8]) -> Option<Entry> {
    let name_len = u16_at(b, 64)? as usize;
    let arr = |at: usize, n: usize| b.get(at..at + n);
    Some(Entry {
        name: b.get(..name_len.min(64))?.to_vec(),
        kind: *b.get(66)?,
        left: u32_at(b, 68)?,
        right: u32_at(b, 72)?,
        child: u32_at(b, 76)?,
        clsid: arr(80, 16)?.try_into().ok()?,
        state: arr(96, 4)?.try_into().ok()?,
        ctime: arr(100, 8)?.try_into().ok()?,
        mtime: arr(108, 8)?.try_into().ok()?,
        start: u32_at(b, 116)?,
        size: u64_at(b, 120)?,
    })
}

/// The parsed allocation tables and directory.
struct Cfb {
    sector_size: u64,
    /// Major version 4 (4096-byte sectors): stream sizes are 64-bit.
    v4: bool,
    fat: Vec<u32>,
    minifat: Vec<u32>,
    entries: Vec<Entry>,
    /// Sectors of the mini stream container (the root entry's stream).
    mini_container: Vec<u32>,
    /// Every sector the allocation structures themselves use (FAT, DIFAT, directory, mini FAT, mini
    /// stream container).
    structural: Vec<u32>,
    file_size: u64,
}

impl Cfb {
    fn sector_offset(&self, s: u32) -> u64 {
        (u64::from(s) + 1) * self.sector_size
    }

    /// Follows a FAT (or mini FAT) chain; fails on loops, free sectors and out-of-range indexes.
    fn chain(table: &[u32], start: u32, what: &str) -> Result<Vec<u32>, Fault> {
        Self::chain_prefix(table, start, usize::MAX, what)
    }

    /// The first `limit` sectors of a chain (all of it when shorter): a stream's content never needs
    /// more, so a long chain shared as the tail of many small streams costs each only its own length.
    fn chain_prefix(table: &[u32], start: u32, limit: usize, what: &str) -> Result<Vec<u32>, Fault> {
        let mut out = Vec::new();
        let mut s = start;
        while s != ENDOFCHAIN && out.len() < limit {
            if s > MAXREGSECT || out.len() > table.len() {
                return Err(malformed(&format!("{what}: broken sector chain")));
            }
            out.push(s);
            s = *table.get(s as usize).ok_or_else(|| malformed(&format!("{what}: sector outside the table")))?;
        }
        Ok(out)
    }

    /// A stream's size (MS-CFB 2.6.3): in a version-3 file the high 32 bits are ignored (some writers
    /// left them uninitialised) and the size is at most 0x80000000; in version 4 the whole 64 bits count.
    /// A size beyond what the file can hold is an error, never a reason to leave the stream out.
    fn stream_size(&self, e: &Entry, what: &str) -> Result<u64, Fault> {
        let size = if self.v4 { e.size } else { e.size & 0xFFFF_FFFF };
        if (!self.v4 && size > 0x8000_0000) || size > self.file_size {
            return Err(malformed(&format!("{what}: impossible stream size {size:#x}")));
        }
        Ok(size)
    }

    /// The sectors (regular, or mini sectors for a small stream) holding the first `size` bytes of a
    /// stream.
    fn stream_sectors(&self, e: &Entry, what: &str) -> Result<(bool, Vec<u32>), Fault> {
        let size = self.stream_size(e, what)?;
        let mini = size < MINI_CUTOFF;
        let (table, unit) = if mini { (&self.minifat, MINI_SECTOR) } else { (&self.fat, self.sector_size) };
        let needed = size.div_ceil(unit) as usize;
        let chain = Self::chain_prefix(table, e.start, needed, what)?;
        if chain.len() < needed {
            return Err(malformed(&format!("{what}: the stream is shorter than its size")));
        }
        Ok((mini, chain))
    }

    /// The file ranges holding the first `size` bytes of a stream.
    fn stream_ranges(&self, e: &Entry, what: &str) -> Result<Vec<ByteRange>, Fault> {
        let size = self.stream_size(e, what)?;
        let (mini, sectors) = self.stream_sectors(e, what)?;
        let mut out = Vec::new();
        let mut left = size;
        for s in sectors {
            if mini {
                let pos = u64::from(s) * MINI_SECTOR;
                let container = self
                    .mini_container
                    .get((pos / self.sector_size) as usize)
                    .ok_or_else(|| malformed(&format!("{what}: outside the mini stream")))?;
                let take = left.min(MINI_SECTOR);
                out.push(ByteRange::new(self.sector_offset(*container) + pos % self.sector_size, take));
                left -= take;
            } else {
                let take = left.min(self.sector_size);
                out.push(ByteRange::new(self.sector_offset(s), take));
                left -= take;
            }
        }
        if out.iter().any(|r| r.end() > self.file_size) {
            return Err(Fault::Fail(SignatureError::Truncated { what: format!("the MSI file ({what})") }));
        }
        Ok(coalesce_in_order(out))
    }

    /// The children of a storage entry (its red-black tree, walked with a visit limit).
    fn children(&self, storage: &Entry) -> Result<Vec<usize>, Fault> {
        let mut out = Vec::new();
        // Only this storage's entries are visited: the set grows with them, not with the directory.
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![storage.child];
        while let Some(id) = stack.pop() {
            if id == NOSTREAM {
                continue;
            }
            let e = self.entries.get(id as usize).ok_or_else(|| malformed("directory entry out of range"))?;
            if id == 0 || !seen.insert(id) {
                return Err(malformed("the directory tree loops"));
            }
            out.push(id as usize);
            stack.push(e.left);
            stack.push(e.right);
        }
        // The digest order: byte-wise on the UTF-16LE names with their NUL, the longer first on ties.
        out.sort_by(|a, b| {
            let (na, nb) = (&self.entries[*a].name, &self.entries[*b].name);
            let n = na.len().min(nb.len());
            na[..n].cmp(&nb[..n]).then(nb.len().cmp(&na.len()))
        });
        Ok(out)
    }
}

/// Keeps the order, merging ranges that continue each other.
fn coalesce_in_order(ranges: Vec<ByteRange>) -> Vec<ByteRange> {
    let mut out: Vec<ByteRange> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if last.end() == r.offset => last.len += r.len,
            _ => out.push(r),
        }
    }
    out
}

/// Reads the sectors of a chain (all requested at once) into one buffer.
fn read_sectors(src: &dyn Source, cfb_sector: u64, sectors: &[u32], what: &'static str) -> Result<Vec<u8>, Fault> {
    let total = sectors.len() as u64 * cfb_sector;
    if total > MAX_STRUCTURAL_READ {
        return Err(Fault::Fail(SignatureError::TooLarge {
            what: what.into(),
            size: total,
            limit: MAX_STRUCTURAL_READ,
        }));
    }
    let ranges: Vec<ByteRange> =
        sectors.iter().map(|s| ByteRange::new((u64::from(*s) + 1) * cfb_sector, cfb_sector)).collect();
    src.require(&coalesce(ranges.clone()), what)?;
    let mut out = Vec::with_capacity(total as usize);
    for r in ranges {
        out.extend_from_slice(src.read(r.offset, r.len, what)?);
    }
    Ok(out)
}

fn le_u32s(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
}

fn parse(src: &dyn Source) -> Result<Cfb, Fault> {
    let file_size = src.size();
    let h = src.read(0, 512, "the MSI header")?;
    if h.get(..8) != Some(&MAGIC[..]) {
        return Err(malformed("no compound-file signature"));
    }
    let major = u16_at(h, 26).unwrap_or(0);
    let shift = u16_at(h, 30).unwrap_or(0);
    if u16_at(h, 28) != Some(0xFFFE) || !matches!((major, shift), (3, 9) | (4, 12)) || u16_at(h, 32) != Some(6) {
        return Err(malformed("unsupported header (version, byte order or sector size)"));
    }
    if u32_at(h, 56) != Some(MINI_CUTOFF as u32) {
        return Err(malformed("unsupported mini stream cutoff"));
    }
    let sector_size = 1u64 << shift;
    let num_fat = u64::from(u32_at(h, 44).unwrap_or(0));
    let first_dir = u32_at(h, 48).unwrap_or(ENDOFCHAIN);
    let first_minifat = u32_at(h, 60).unwrap_or(ENDOFCHAIN);
    let num_minifat = u64::from(u32_at(h, 64).unwrap_or(0));
    let mut difat_next = u32_at(h, 68).unwrap_or(ENDOFCHAIN);
    let num_difat = u64::from(u32_at(h, 72).unwrap_or(0));
    if (num_fat + num_minifat + num_difat) * sector_size > MAX_STRUCTURAL_READ {
        return Err(Fault::Fail(SignatureError::TooLarge {
            what: "the MSI allocation tables".into(),
            size: (num_fat + num_minifat + num_difat) * sector_size,
            limit: MAX_STRUCTURAL_READ,
        }));
    }
    let mut fat_sectors: Vec<u32> = le_u32s(h.get(76..512).unwrap_or(&[]));
    fat_sectors.truncate(num_fat.min(109) as usize);
    // DIFAT chain: each sector lists FAT sectors and ends with the next DIFAT sector.
    let mut difat_read = 0u64;
    let mut difat_sectors: Vec<u32> = Vec::new();
    while (fat_sectors.len() as u64) < num_fat && difat_next <= MAXREGSECT {
        difat_read += 1;
        if difat_read > num_difat.max(1) + 1 {
            return Err(malformed("the DIFAT chain is longer than declared"));
        }
        difat_sectors.push(difat_next);
        let sec = src.read((u64::from(difat_next) + 1) * sector_size, sector_size, "the MSI DIFAT")?;
        let vals = le_u32s(sec);
        let (entries, next) = vals.split_at(vals.len() - 1);
        let want = (num_fat as usize).saturating_sub(fat_sectors.len()).min(entries.len());
        fat_sectors.extend_from_slice(entries.get(..want).unwrap_or(&[]));
        difat_next = next.first().copied().unwrap_or(ENDOFCHAIN);
    }
    if (fat_sectors.len() as u64) < num_fat {
        return Err(malformed("fewer FAT sectors than declared"));
    }
    if fat_sectors.iter().any(|s| *s > MAXREGSECT) {
        return Err(malformed("a FAT sector number is invalid"));
    }
    let fat = le_u32s(&read_sectors(src, sector_size, &fat_sectors, "the MSI FAT")?);
    let dir_chain = Cfb::chain(&fat, first_dir, "directory")?;
    let dir = read_sectors(src, sector_size, &dir_chain, "the MSI directory")?;
    let entries: Vec<Entry> = dir.chunks_exact(128).filter_map(parse_entry).collect();
    let root = entries.first().ok_or_else(|| malformed("no root entry"))?;
    if root.kind != TYPE_ROOT {
        return Err(malformed("the first directory entry is not the root"));
    }
    let mut structural = fat_sectors.clone();
    structural.extend_from_slice(&difat_sectors);
    structural.extend_from_slice(&dir_chain);
    let minifat = if num_minifat == 0 || first_minifat == ENDOFCHAIN {
        Vec::new()
    } else {
        let chain = Cfb::chain(&fat, first_minifat, "mini FAT")?;
        structural.extend_from_slice(&chain);
        le_u32s(&read_sectors(src, sector_size, &chain, "the MSI mini FAT")?)
    };
    let mini_container =
        if root.start == ENDOFCHAIN { Vec::new() } else { Cfb::chain(&fat, root.start, "mini stream")? };
    structural.extend_from_slice(&mini_container);
    Ok(Cfb { sector_size, v4: major == 4, fat, minifat, entries, mini_container, structural, file_size })
}

/// Marks an entry as visited by a traversal; an entry reached twice (shared between storages) is
/// malformed, and would otherwise let a small directory cost exponential work.
fn visit(seen: &mut [bool], id: usize) -> Result<(), Fault> {
    match seen.get_mut(id) {
        Some(s) if !*s => {
            *s = true;
            Ok(())
        }
        _ => Err(malformed("a directory entry belongs to two storages")),
    }
}

/// What a walk of the storage tree meets, in the digest's order: a storage (before its children), a
/// stream, and the end of a storage (after its children).
enum Visit<'a> {
    Enter(&'a Entry),
    Stream(&'a Entry),
    Leave(&'a Entry),
}

/// Walks a storage and its children (sorted as the CFB reader gives them, recursively), leaving out
/// the signature streams at the root. Each entry is visited once and nesting is bounded, so a hostile
/// directory cannot make the walk loop or cost exponential work.
fn walk<'a>(
    cfb: &'a Cfb,
    storage: usize,
    is_root: bool,
    skip: &[Vec<u8>],
    seen: &mut [bool],
    depth: usize,
    f: &mut dyn FnMut(Visit<'a>) -> Result<(), Fault>,
) -> Result<(), Fault> {
    if depth > 32 {
        return Err(malformed("storages nested too deep"));
    }
    visit(seen, storage)?;
    let st = cfb.entries.get(storage).ok_or_else(|| malformed("storage out of range"))?;
    f(Visit::Enter(st))?;
    let children = cfb.children(st)?;
    for (i, &c) in children.iter().enumerate() {
        let e = &cfb.entries[c];
        // Names are unique within a storage (MS-CFB 2.6.4): a repeated one is a hiding place.
        if children[..i].iter().any(|&o| cfb.entries[o].name == e.name) {
            return Err(malformed("two entries of a storage have the same name"));
        }
        if is_root && SIGNATURE_STREAMS.iter().any(|n| utf16z(n) == e.name) {
            // The signature streams are left out of the digest; anything else under their names is not
            // a signature stream and may not hide there.
            if e.kind != TYPE_STREAM {
                return Err(malformed("a signature stream's name on an entry that is not a stream"));
            }
            if skip.contains(&e.name) {
                continue;
            }
        }
        match e.kind {
            TYPE_STREAM => f(Visit::Stream(e))?,
            TYPE_STORAGE => walk(cfb, c, false, skip, seen, depth + 1, f)?,
            other => return Err(malformed(&format!("a directory entry of unknown type {other}"))),
        }
    }
    f(Visit::Leave(st))
}

/// The digest items of the tree: each storage's streams (sorted, recursively), then its CLSID.
fn hash_items(cfb: &Cfb, skip: &[Vec<u8>]) -> Result<Vec<PlanItem>, Fault> {
    let mut out = Vec::new();
    walk(cfb, 0, true, skip, &mut vec![false; cfb.entries.len()], 0, &mut |v| {
        match v {
            Visit::Stream(e) => {
                if cfb.stream_size(e, "a stream")? != 0 {
                    out.extend(cfb.stream_ranges(e, "a stream")?.into_iter().map(PlanItem::File));
                }
            }
            Visit::Leave(st) => out.push(PlanItem::Literal(st.clsid.to_vec())),
            Visit::Enter(_) => {}
        }
        Ok(())
    })?;
    Ok(out)
}

/// The MsiDigitalSignatureEx metadata of an entry.
fn metadata(e: &Entry, out: &mut Vec<u8>) {
    if e.kind != TYPE_ROOT {
        out.extend_from_slice(e.name.get(..e.name.len().saturating_sub(2)).unwrap_or(&[]));
    }
    if e.kind != TYPE_STREAM {
        out.extend_from_slice(&e.clsid);
    } else {
        out.extend_from_slice(&(e.size as u32).to_le_bytes());
    }
    out.extend_from_slice(&e.state);
    if e.kind != TYPE_ROOT {
        out.extend_from_slice(&e.ctime);
        out.extend_from_slice(&e.mtime);
    }
}

/// The MsiDigitalSignatureEx pre-hash input: each storage's metadata, then its streams' metadata.
fn prehash_items(cfb: &Cfb, skip: &[Vec<u8>]) -> Result<Vec<u8>, Fault> {
    let mut out = Vec::new();
    walk(cfb, 0, true, skip, &mut vec![false; cfb.entries.len()], 0, &mut |v| {
        match v {
            Visit::Enter(e) | Visit::Stream(e) => metadata(e, &mut out),
            Visit::Leave(_) => {}
        }
        Ok(())
    })?;
    Ok(out)
}

/// Checks that no sector belongs to two streams or structures (else a small file could make the
/// digest hash its bytes many times: the bytes hashed never exceed the file's size), and returns the
/// end of the last sector in use: data after it is not covered by the signature.
fn check_sectors(cfb: &Cfb) -> Result<u64, Fault> {
    let count = cfb.file_size.div_ceil(cfb.sector_size) as usize;
    let mut used = vec![false; count];
    let mut mini_used = vec![false; cfb.mini_container.len() * (cfb.sector_size / MINI_SECTOR) as usize];
    let shared = || malformed("two streams or tables share a sector");
    let mut end = cfb.sector_size; // the header
    let mut claim = |s: u32, used: &mut Vec<bool>| -> Result<(), Fault> {
        match used.get_mut(s as usize) {
            Some(u) if *u => Err(shared()),
            Some(u) => {
                *u = true;
                end = end.max(cfb.sector_offset(s) + cfb.sector_size);
                Ok(())
            }
            None => {
                Err(Fault::Fail(SignatureError::Truncated { what: "the MSI file (a sector after its end)".into() }))
            }
        }
    };
    for s in &cfb.structural {
        claim(*s, &mut used)?;
    }
    walk(cfb, 0, true, &[], &mut vec![false; cfb.entries.len()], 0, &mut |v| {
        if let Visit::Stream(e) = v {
            if cfb.stream_size(e, "a stream")? == 0 {
                return Ok(());
            }
            let (mini, sectors) = cfb.stream_sectors(e, "a stream")?;
            for s in sectors {
                if mini {
                    match mini_used.get_mut(s as usize) {
                        Some(u) if *u => return Err(shared()),
                        Some(u) => *u = true,
                        None => return Err(malformed("a stream: outside the mini stream")),
                    }
                } else {
                    claim(s, &mut used)?;
                }
            }
        }
        Ok(())
    })?;
    Ok(end.min(cfb.file_size))
}

/// The signature stream is read into memory: at most this many bytes (real ones are a few dozen KB).
pub const MAX_SIGNATURE_STREAM: u64 = 8 * 1024 * 1024;

/// The signature and the digest plan of an MSI file.
pub fn layout(src: &dyn Source) -> Result<Layout, Fault> {
    let cfb = parse(src)?;
    let used_end = check_sectors(&cfb)?;
    let ds_name = utf16z("\u{5}DigitalSignature");
    let ex_name = utf16z("\u{5}MsiDigitalSignatureEx");
    let root_children = cfb.children(&cfb.entries[0])?;
    let find =
        |name: &[u8]| root_children.iter().map(|i| &cfb.entries[*i]).find(|e| e.name == name && e.kind == TYPE_STREAM);
    let Some(ds) = find(&ds_name) else {
        return Err(Fault::Fail(SignatureError::Unsigned { kind: FileKind::Msi }));
    };
    let ranges = cfb.stream_ranges(ds, "the DigitalSignature stream")?;
    let total: u64 = ranges.iter().map(|r| r.len).sum();
    if total > MAX_SIGNATURE_STREAM {
        return Err(Fault::Fail(SignatureError::TooLarge {
            what: "the DigitalSignature stream".into(),
            size: total,
            limit: MAX_SIGNATURE_STREAM,
        }));
    }
    src.require(&coalesce(ranges.clone()), "the DigitalSignature stream")?;
    let mut sig = Vec::new();
    for r in &ranges {
        sig.extend_from_slice(src.read(r.offset, r.len, "the DigitalSignature stream")?);
    }
    // The stream holds the SignedData, possibly followed by zero padding to its size.
    let sig = crate::asn1::parse_single(&sig, "DigitalSignature stream", usize::MAX)
        .map_err(|e| Fault::Fail(SignatureError::BadSignature { detail: e.to_string() }))?
        .raw
        .to_vec();
    let skip = vec![ds_name.clone(), ex_name.clone()];
    let mut plan = Vec::new();
    if find(&ex_name).is_some() {
        plan.push(PlanItem::PreHash(prehash_items(&cfb, &skip)?));
    }
    plan.extend(hash_items(&cfb, &skip)?);
    let unsigned = (used_end < cfb.file_size)
        .then(|| UnsignedData::DataAfterLastSector { offset: used_end, len: cfb.file_size - used_end });
    Ok(Layout { kind: FileKind::Msi, signature: sig, digest: DigestInput::Plan(plan), unsigned })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::source::{MemSource, RangeCache};

    const S: usize = 512;

    fn put32(b: &mut [u8], at: usize, v: u32) {
        b[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }

    /// Writes a directory entry; `links` are the left sibling, right sibling and child, `stream`
    /// the start sector and size.
    fn entry(b: &mut [u8], at: usize, name: &str, kind: u8, links: [u32; 3], stream: (u32, u32)) {
        let [left, right, child] = links;
        let (start, size) = stream;
        let n: Vec<u8> = name.encode_utf16().chain(std::iter::once(0)).flat_map(u16::to_le_bytes).collect();
        b[at..at + n.len()].copy_from_slice(&n);
        b[at + 64..at + 66].copy_from_slice(&(n.len() as u16).to_le_bytes());
        b[at + 66] = kind;
        put32(b, at + 68, left);
        put32(b, at + 72, right);
        put32(b, at + 76, child);
        put32(b, at + 116, start);
        put32(b, at + 120, size);
    }

    /// A version-3 compound file (512-byte sectors) large enough to need a DIFAT sector: 110 FAT
    /// sectors (109 listed in the header, the 110th in a DIFAT sector), and a stream at sector 14000,
    /// which only the 110th FAT sector describes. This is the layout of real MSIs over ~7 MB.
    fn big_v3() -> Vec<u8> {
        let sectors = 14010usize;
        let mut f = vec![0u8; (sectors + 1) * S];
        let sec = |n: usize| (n + 1) * S;
        // FAT: sector n's entry is in FAT sector n / 128.
        let mut fat = vec![FREE; 110 * 128];
        const FREE: u32 = 0xFFFF_FFFF;
        for e in fat.iter_mut().take(110) {
            *e = 0xFFFF_FFFD;
        }
        fat[110] = 0xFFFF_FFFC;
        fat[111] = ENDOFCHAIN;
        for (n, e) in fat.iter_mut().enumerate().take(119).skip(112) {
            *e = n as u32 + 1;
        }
        fat[119] = ENDOFCHAIN;
        for (n, e) in fat.iter_mut().enumerate().take(14009).skip(14000) {
            *e = n as u32 + 1;
        }
        fat[14009] = ENDOFCHAIN;
        for (i, v) in fat.iter().enumerate() {
            put32(&mut f, sec(i / 128) + (i % 128) * 4, *v);
        }
        // Header.
        f[..8].copy_from_slice(&MAGIC);
        f[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
        f[26..28].copy_from_slice(&3u16.to_le_bytes());
        f[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        f[30..32].copy_from_slice(&9u16.to_le_bytes());
        f[32..34].copy_from_slice(&6u16.to_le_bytes());
        put32(&mut f, 44, 110);
        put32(&mut f, 48, 111);
        put32(&mut f, 56, 4096);
        put32(&mut f, 60, ENDOFCHAIN);
        put32(&mut f, 68, 110);
        put32(&mut f, 72, 1);
        for i in 0..109 {
            put32(&mut f, 76 + i * 4, i as u32);
        }
        // DIFAT sector 110: the 110th FAT sector is sector 109; then end of chain.
        for i in 0..128 {
            put32(&mut f, sec(110) + i * 4, FREE);
        }
        put32(&mut f, sec(110), 109);
        put32(&mut f, sec(110) + 127 * 4, ENDOFCHAIN);
        // Directory sector 111.
        let d = sec(111);
        entry(&mut f, d, "Root Entry", TYPE_ROOT, [NOSTREAM, NOSTREAM, 1], (ENDOFCHAIN, 0));
        entry(&mut f, d + 128, "\u{5}DigitalSignature", TYPE_STREAM, [NOSTREAM, 2, NOSTREAM], (112, 4096));
        entry(&mut f, d + 256, "data", TYPE_STREAM, [NOSTREAM; 3], (14000, 5000));
        for at in [d + 384 + 68, d + 384 + 72, d + 384 + 76] {
            put32(&mut f, at, NOSTREAM);
        }
        // The signature stream: a minimal DER element padded with zeros; the data stream's bytes.
        f[sec(112)..sec(112) + 5].copy_from_slice(&[0x30, 0x03, 0x02, 0x01, 0x00]);
        for (i, b) in f[sec(14000)..sec(14000) + 5000].iter_mut().enumerate() {
            *b = (i % 251) as u8;
        }
        f
    }

    #[test]
    fn difat_sectors_are_followed() {
        let f = big_v3();
        let l = layout(&MemSource(&f)).unwrap();
        assert_eq!(l.signature, vec![0x30, 0x03, 0x02, 0x01, 0x00]);
        let DigestInput::Plan(plan) = l.digest else { panic!() };
        assert_eq!(plan, vec![PlanItem::File(ByteRange::new(14001 * 512, 5000)), PlanItem::Literal(vec![0; 16])]);

        // Through the range cache: the structure is read in a few rounds and small pieces.
        let mut cache = RangeCache::new(f.len() as u64);
        let mut rounds = 0;
        let l2 = loop {
            rounds += 1;
            match layout(&cache) {
                Ok(l) => break l,
                Err(Fault::Need(ranges)) => {
                    for r in ranges {
                        cache.insert(r.offset, f[r.offset as usize..r.end() as usize].to_vec());
                    }
                }
                Err(Fault::Fail(e)) => panic!("{e}"),
            }
            assert!(rounds < 20);
        };
        assert_eq!(l2, layout(&MemSource(&f)).unwrap());
        assert!(cache.supplied < 80 * 1024, "{} bytes read for the structure", cache.supplied);

        // A DIFAT chain that points outside the file, and one that loops.
        let mut bad = f.clone();
        put32(&mut bad, 68, 0x00FF_0000);
        assert!(layout(&MemSource(&bad)).is_err());
        let mut looped = f.clone();
        put32(&mut looped, (110 + 1) * S + 127 * 4, 110);
        put32(&mut looped, 44, 300);
        assert!(matches!(layout(&MemSource(&looped)), Err(Fault::Fail(_))));
    }
}
