//! Where structural parsers get their bytes: a slice in memory, or a cache of ranges that a driver
//! supplied. Parsers are written once against [`Source`]; with the range cache, a read of bytes not
//! supplied yet stops the parse with [`Fault::Need`], the driver fetches them and the parse runs
//! again (structural parsing is cheap; the big data is only ever hashed, never parsed).

use serde::{Deserialize, Serialize};

use super::SignatureError;

/// A byte range of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ByteRange {
    pub offset: u64,
    pub len: u64,
}

impl ByteRange {
    pub fn new(offset: u64, len: u64) -> ByteRange {
        ByteRange { offset, len }
    }

    pub fn end(&self) -> u64 {
        self.offset.saturating_add(self.len)
    }
}

/// Why a structural parse stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// These ranges are needed and have not been supplied yet.
    Need(Vec<ByteRange>),
    /// The file is not what it should be.
    Fail(SignatureError),
}

impl From<SignatureError> for Fault {
    fn from(e: SignatureError) -> Fault {
        Fault::Fail(e)
    }
}

/// Largest single structural read (certificate tables, signature streams, FAT chains, scripts).
pub const MAX_STRUCTURAL_READ: u64 = 32 * 1024 * 1024;

/// Random access to the file for structural parsing.
pub trait Source {
    /// The file's size.
    fn size(&self) -> u64;

    /// Bytes `[offset, offset + len)`. Reading past the end of the file is an error naming `what`.
    fn read(&self, offset: u64, len: u64, what: &'static str) -> Result<&[u8], Fault>;

    /// Makes sure all `ranges` are available (asks for every missing one at once).
    fn require(&self, ranges: &[ByteRange], what: &'static str) -> Result<(), Fault>;
}

fn check_bounds(size: u64, offset: u64, len: u64, what: &'static str) -> Result<(), Fault> {
    if len > MAX_STRUCTURAL_READ {
        return Err(Fault::Fail(SignatureError::TooLarge { what: what.into(), size: len, limit: MAX_STRUCTURAL_READ }));
    }
    match offset.checked_add(len) {
        Some(end) if end <= size => Ok(()),
        _ => Err(Fault::Fail(SignatureError::Truncated { what: what.into() })),
    }
}

/// The whole file in memory.
pub struct MemSource<'a>(pub &'a [u8]);

impl Source for MemSource<'_> {
    fn size(&self) -> u64 {
        self.0.len() as u64
    }

    fn read(&self, offset: u64, len: u64, what: &'static str) -> Result<&[u8], Fault> {
        check_bounds(self.size(), offset, len, what)?;
        let (a, b) = (offset as usize, (offset + len) as usize);
        self.0.get(a..b).ok_or_else(|| Fault::Fail(SignatureError::Truncated { what: what.into() }))
    }

    fn require(&self, ranges: &[ByteRange], what: &'static str) -> Result<(), Fault> {
        ranges.iter().try_for_each(|r| check_bounds(self.size(), r.offset, r.len, what))
    }
}

/// Ranges supplied by a driver, kept sorted by offset.
#[derive(Debug, Clone, Default)]
pub struct RangeCache {
    size: u64,
    chunks: Vec<(u64, Vec<u8>)>,
    /// Bytes supplied so far (structural reads only).
    pub supplied: u64,
}

impl RangeCache {
    pub fn new(size: u64) -> RangeCache {
        RangeCache { size, chunks: Vec::new(), supplied: 0 }
    }

    /// Adds bytes read at `offset`. The chunks stay sorted, disjoint and non-adjacent: a new chunk is
    /// merged with every chunk it overlaps or touches (bytes already held win; a repeated range adds
    /// nothing), so a lookup is one binary search however many ranges a hostile layout asks for.
    pub fn insert(&mut self, offset: u64, bytes: Vec<u8>) {
        self.supplied += bytes.len() as u64;
        if bytes.is_empty() {
            return;
        }
        let end = offset.saturating_add(bytes.len() as u64);
        // The chunks that overlap or touch [offset, end).
        let first = self.chunks.partition_point(|(o, b)| o + (b.len() as u64) < offset);
        let last = self.chunks.partition_point(|(o, _)| *o <= end);
        if first == last {
            self.chunks.insert(first, (offset, bytes));
            return;
        }
        if last - first == 1 {
            let (o, b) = &self.chunks[first];
            if *o <= offset && end <= o + b.len() as u64 {
                return;
            }
        }
        let start = offset.min(self.chunks[first].0);
        let (lo, lb) = &self.chunks[last - 1];
        let stop = end.max(lo + lb.len() as u64);
        let mut merged = vec![0u8; (stop - start) as usize];
        merged[(offset - start) as usize..(end - start) as usize].copy_from_slice(&bytes);
        for (o, b) in self.chunks.drain(first..last) {
            let at = (o - start) as usize;
            merged[at..at + b.len()].copy_from_slice(&b);
        }
        self.chunks.insert(first, (start, merged));
    }

    fn find(&self, offset: u64, len: u64) -> Option<&[u8]> {
        // The last chunk starting at or before `offset` is the only one that can hold the range.
        let i = self.chunks.partition_point(|(o, _)| *o <= offset).checked_sub(1)?;
        let (o, b) = &self.chunks[i];
        let start = (offset - o) as usize;
        b.get(start..start.checked_add(usize::try_from(len).ok()?)?)
    }
}

impl Source for RangeCache {
    fn size(&self) -> u64 {
        self.size
    }

    fn read(&self, offset: u64, len: u64, what: &'static str) -> Result<&[u8], Fault> {
        check_bounds(self.size, offset, len, what)?;
        self.find(offset, len).ok_or(Fault::Need(vec![ByteRange::new(offset, len)]))
    }

    fn require(&self, ranges: &[ByteRange], what: &'static str) -> Result<(), Fault> {
        let mut missing = Vec::new();
        for r in ranges {
            check_bounds(self.size, r.offset, r.len, what)?;
            if self.find(r.offset, r.len).is_none() {
                missing.push(*r);
            }
        }
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Fault::Need(coalesce(missing)))
        }
    }
}

/// Merges adjacent and overlapping ranges (sorted by offset).
pub fn coalesce(mut ranges: Vec<ByteRange>) -> Vec<ByteRange> {
    // By offset: ranges at one offset merge whatever their order.
    crate::util::sort_by_u64_key(&mut ranges, |r| r.offset);
    let mut out: Vec<ByteRange> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.offset <= last.end() => {
                let end = last.end().max(r.end());
                last.len = end - last.offset;
            }
            _ => out.push(r),
        }
    }
    out
}

/// Little-endian integer readers over a slice, `None` past its end.
pub fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

pub fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

pub fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_asks_for_missing_ranges_and_checks_bounds() {
        let mut c = RangeCache::new(100);
        assert_eq!(c.read(10, 5, "x"), Err(Fault::Need(vec![ByteRange::new(10, 5)])));
        c.insert(8, vec![1; 10]);
        assert_eq!(c.read(10, 5, "x").unwrap(), &[1; 5]);
        assert!(matches!(c.read(95, 10, "x"), Err(Fault::Fail(SignatureError::Truncated { .. }))));
        assert!(matches!(c.read(u64::MAX, 10, "x"), Err(Fault::Fail(_))));
        assert_eq!(
            c.require(&[ByteRange::new(0, 4), ByteRange::new(4, 4), ByteRange::new(9, 2)], "x"),
            Err(Fault::Need(vec![ByteRange::new(0, 8)]))
        );
        assert!(MemSource(&[0; 10]).read(5, 6, "x").is_err());
    }

    #[test]
    fn cache_merges_what_it_is_given() {
        let mut c = RangeCache::new(1000);
        c.insert(10, vec![1; 10]);
        c.insert(30, vec![3; 10]);
        c.insert(20, vec![2; 10]); // touches both: one chunk
        assert_eq!(c.chunks.len(), 1);
        assert_eq!(
            c.read(15, 20, "x").unwrap(),
            &[[1; 5], [2; 5]].concat().into_iter().chain([2; 5]).chain([3; 5]).collect::<Vec<_>>()[..]
        );
        c.insert(5, vec![9; 50]); // overlaps: held bytes win
        assert_eq!(c.chunks.len(), 1);
        assert_eq!(c.read(5, 6, "x").unwrap(), &[9, 9, 9, 9, 9, 1]);
        assert_eq!(c.read(40, 15, "x").unwrap(), &[9; 15]);
        c.insert(12, vec![7; 3]); // inside: nothing changes
        assert_eq!(c.read(12, 3, "x").unwrap(), &[1; 3]);
        c.insert(100, vec![4; 1]);
        assert_eq!(c.chunks.len(), 2);
        assert!(c.read(54, 2, "x").is_err());
        assert_eq!(c.read(100, 1, "x").unwrap(), &[4]);
        // Many scattered ranges: each lookup is a binary search.
        let mut big = RangeCache::new(1 << 30);
        for i in 0..100_000u64 {
            big.insert(i * 1024, vec![i as u8; 512]);
        }
        for i in 0..100_000u64 {
            assert_eq!(big.read(i * 1024 + 100, 10, "x").unwrap()[0], i as u8);
        }
    }

    #[test]
    fn coalesces() {
        let r =
            coalesce(vec![ByteRange::new(10, 5), ByteRange::new(0, 10), ByteRange::new(20, 1), ByteRange::new(12, 2)]);
        assert_eq!(r, vec![ByteRange::new(0, 15), ByteRange::new(20, 1)]);
    }
}
