//! The sans-IO driver: verify a file of any size by answering byte-range requests, then streaming
//! the ranges to hash. The core never does I/O; the CLI drives it from a `File`, the page from
//! `Blob.slice().arrayBuffer()`.
//!
//! Call sequence:
//!
//! ```text
//! let mut v = Verifier::new(name, size, options);
//! loop {
//!     match v.next_request() {
//!         Request::Read(ranges) => for r in ranges { v.supply(r.offset, read(r)) }   // small, structural
//!         Request::Hash(plan)   => for r in plan.ranges {                             // big, streamed once
//!                                      for chunk in read_in_chunks(r) { v.update(&chunk) }
//!                                      show(v.progress())
//!                                  }
//!         Request::Done         => break,
//!     }
//! }
//! let result = v.finish();
//! ```
//!
//! Serialised (serde, e.g. JSON through wasm-bindgen), a request is one of
//! `{"type":"read","ranges":[{"offset":0,"len":8}]}`,
//! `{"type":"hash","ranges":[{"offset":0,"len":216},…],"total":157286400,"hashed":0}` and
//! `{"type":"done"}`; [`Progress`] is `{"hashed":…,"total":…}` and the result a
//! [`SignatureResult`](super::SignatureResult), which [`crate::Input::analysed`] passes to
//! [`crate::check`].
//!
//! `Read` requests are for headers, the certificate table, the MSI FAT/directory/signature streams
//! or a whole script: bounded by [`MAX_STRUCTURAL_READ`](super::source::MAX_STRUCTURAL_READ). The
//! `Hash` plan lists the file ranges in digest order; the chunks given to [`Verifier::update`] must
//! be those ranges' bytes, in order, in any chunk sizes. Bytes that are not part of the file (MSI
//! CLSIDs, the MsiDigitalSignatureEx pre-hash) are fed in by the verifier itself.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::crypto::{DigestAlg, Hasher};
use super::result::{FileKind, SignatureResult};
use super::source::{ByteRange, Fault, MemSource, RangeCache, Source};
use super::verify::{self, FileDigests, VerifyOptions};
use super::{detect, SignatureError};

/// One item of a digest plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanItem {
    /// File bytes, streamed by the driver.
    File(ByteRange),
    /// Bytes that are not in the file as such (an MSI storage's CLSID), hashed as they are.
    Literal(Vec<u8>),
    /// MSI metadata: its digest (with the same algorithm) is hashed (MsiDigitalSignatureEx).
    PreHash(Vec<u8>),
}

/// How the file digest is obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DigestInput {
    /// Hash these items in order.
    Plan(Vec<PlanItem>),
    /// A script: the SIP's canonical text forms (UTF-16LE), already in memory.
    Script(Vec<Vec<u8>>),
    /// A detached signature: nothing to hash.
    Detached,
}

/// Where the signature is and what to hash: the result of the structural phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub kind: FileKind,
    /// The signature's DER ContentInfo.
    pub signature: Vec<u8>,
    pub digest: DigestInput,
    /// Bytes of the file the signature does not cover, where Windows allows none.
    pub unsigned: Option<super::result::UnsignedData>,
}

/// Reads the structure of a file of a known kind.
pub fn layout(kind: FileKind, src: &dyn Source) -> Result<Layout, Fault> {
    match kind {
        FileKind::Pe => super::pe::layout(src),
        FileKind::Msi => super::msi::layout(src),
        FileKind::Script => {
            let all = src.read(0, src.size(), "the script")?;
            super::script::layout(all).map_err(Fault::Fail)
        }
        FileKind::Pkcs7 => {
            let all = src.read(0, src.size(), "the signature file")?;
            let sig = super::pkcs7_signature(all).ok_or_else(|| {
                Fault::Fail(SignatureError::BadSignature { detail: "not a PKCS#7 SignedData with a signer".into() })
            })?;
            Ok(Layout { kind, signature: sig, digest: DigestInput::Detached, unsigned: None })
        }
    }
}

/// What the driver must do next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Read these ranges and give each to [`Verifier::supply`].
    Read { ranges: Vec<ByteRange> },
    /// Stream these ranges, in order, through [`Verifier::update`].
    Hash(HashPlan),
    /// Call [`Verifier::finish`].
    Done,
}

/// The ranges to hash, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HashPlan {
    /// The ranges still to hash (all of them, unless hashing was interrupted and asked again).
    pub ranges: Vec<ByteRange>,
    /// Bytes of the whole plan, and bytes already hashed (for a progress bar).
    pub total: u64,
    pub hashed: u64,
}

/// How far hashing has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub hashed: u64,
    pub total: u64,
}

/// Several digests of the same bytes, fed once.
#[derive(Debug, Clone)]
struct MultiHash(Vec<Hasher>);

impl MultiHash {
    fn new(algs: &[DigestAlg]) -> MultiHash {
        MultiHash(algs.iter().map(|a| Hasher::new(*a)).collect())
    }

    fn update(&mut self, data: &[u8]) {
        for h in &mut self.0 {
            h.update(data);
        }
    }

    fn prehash(&mut self, metadata: &[u8]) {
        for h in &mut self.0 {
            let d = h.alg().digest(metadata);
            h.update(&d);
        }
    }

    fn finish(self) -> BTreeMap<DigestAlg, Vec<Vec<u8>>> {
        digest_map(self.0.into_iter().map(|h| (h.alg(), vec![h.finish()])))
    }
}

/// The digests by algorithm, in a map filled by insertion (a later pair of one algorithm replaces an
/// earlier one, as `collect` would; `collect` into a `BTreeMap` compiles a sort of its own).
fn digest_map(pairs: impl Iterator<Item = (DigestAlg, Vec<Vec<u8>>)>) -> BTreeMap<DigestAlg, Vec<Vec<u8>>> {
    let mut map = BTreeMap::new();
    for (alg, digests) in pairs {
        map.insert(alg, digests);
    }
    map
}

/// Streams a plan's file ranges through the hashers, injecting literal items in place.
#[derive(Debug, Clone)]
struct HashState {
    items: Vec<PlanItem>,
    /// Index of the current item and bytes already consumed of it.
    item: usize,
    within: u64,
    hash: MultiHash,
    hashed: u64,
    total: u64,
}

impl HashState {
    fn new(items: Vec<PlanItem>, algs: &[DigestAlg]) -> HashState {
        let total = items.iter().map(|i| if let PlanItem::File(r) = i { r.len } else { 0 }).sum();
        let mut s = HashState { items, item: 0, within: 0, hash: MultiHash::new(algs), hashed: 0, total };
        s.skip_literals();
        s
    }

    /// Hashes the non-file items at the current position, and empty ranges.
    fn skip_literals(&mut self) {
        while let Some(item) = self.items.get(self.item) {
            match item {
                PlanItem::File(r) if r.len > self.within => break,
                PlanItem::File(_) => {}
                PlanItem::Literal(b) => self.hash.update(b),
                PlanItem::PreHash(m) => self.hash.prehash(m),
            }
            self.item += 1;
            self.within = 0;
        }
    }

    fn update(&mut self, mut chunk: &[u8]) -> Result<(), SignatureError> {
        while !chunk.is_empty() {
            let Some(PlanItem::File(r)) = self.items.get(self.item) else {
                return Err(SignatureError::Driver { detail: "more bytes supplied than the hash plan holds".into() });
            };
            let take = (r.len - self.within).min(chunk.len() as u64) as usize;
            let (now, rest) = chunk.split_at(take);
            self.hash.update(now);
            self.within += take as u64;
            self.hashed += take as u64;
            chunk = rest;
            self.skip_literals();
        }
        Ok(())
    }

    fn done(&self) -> bool {
        self.item >= self.items.len()
    }

    /// The file ranges still to hash: the rest of the current one, then the following ones. Asking
    /// again in the middle of hashing resumes where the driver stopped.
    fn remaining_ranges(&self) -> Vec<ByteRange> {
        self.items
            .iter()
            .enumerate()
            .skip(self.item)
            .filter_map(|(i, item)| match item {
                PlanItem::File(r) if i == self.item => {
                    Some(ByteRange::new(r.offset + self.within, r.len - self.within))
                }
                PlanItem::File(r) => Some(*r),
                _ => None,
            })
            .collect()
    }
}

#[derive(Debug)]
enum State {
    /// Structural parsing; the kind is known once the first bytes are in.
    Structure {
        kind: Option<FileKind>,
    },
    Hashing {
        layout: Box<Layout>,
        hash: HashState,
    },
    Finished(Box<SignatureResult>),
}

/// Head bytes read first to recognise the file kind.
const HEAD: u64 = 8;

/// The range-reading driver's state machine. See the module docs for the call sequence.
#[derive(Debug)]
pub struct Verifier {
    name: String,
    cache: RangeCache,
    opts: VerifyOptions,
    state: State,
}

impl Verifier {
    /// A verifier for a file called `name` (the extension helps recognise scripts) of `size` bytes.
    pub fn new(name: &str, size: u64, opts: VerifyOptions) -> Verifier {
        Verifier { name: name.to_owned(), cache: RangeCache::new(size), opts, state: State::Structure { kind: None } }
    }

    /// Bytes given to [`supply`](Self::supply) so far (structural reads only).
    pub fn bytes_supplied(&self) -> u64 {
        self.cache.supplied
    }

    /// Gives the bytes of a requested range. Extra or repeated ranges are harmless.
    pub fn supply(&mut self, offset: u64, bytes: Vec<u8>) {
        self.cache.insert(offset, bytes);
    }

    /// What to do next. Call again after supplying or hashing; it advances the state machine.
    pub fn next_request(&mut self) -> Request {
        loop {
            match &mut self.state {
                State::Finished(_) => return Request::Done,
                State::Hashing { hash, .. } => {
                    if hash.done() {
                        self.finish_hashing();
                        continue;
                    }
                    return Request::Hash(HashPlan {
                        ranges: hash.remaining_ranges(),
                        total: hash.total,
                        hashed: hash.hashed,
                    });
                }
                State::Structure { kind } => {
                    let size = self.cache.size();
                    if size == 0 {
                        self.fail(None, SignatureError::Empty);
                        continue;
                    }
                    let k = match kind {
                        Some(k) => *k,
                        None => {
                            let head = match self.cache.read(0, HEAD.min(size), "the file") {
                                Ok(h) => h,
                                Err(Fault::Need(r)) => return Request::Read { ranges: r },
                                Err(Fault::Fail(e)) => {
                                    self.fail(None, e);
                                    continue;
                                }
                            };
                            match detect::kind_from_head(&self.name, head, size) {
                                Some(k) => {
                                    *kind = Some(k);
                                    k
                                }
                                None => {
                                    // Maybe a script or a detached signature without a telling
                                    // extension: small files are read whole and sniffed.
                                    if size > super::source::MAX_STRUCTURAL_READ {
                                        self.fail(None, SignatureError::NotRecognised);
                                        continue;
                                    }
                                    match self.cache.read(0, size, "the file") {
                                        Ok(all) => match detect::kind_from_bytes(&self.name, all) {
                                            Some(k) => {
                                                self.state = State::Structure { kind: Some(k) };
                                                continue;
                                            }
                                            None => {
                                                self.fail(None, SignatureError::NotRecognised);
                                                continue;
                                            }
                                        },
                                        Err(Fault::Need(r)) => return Request::Read { ranges: r },
                                        Err(Fault::Fail(e)) => {
                                            self.fail(None, e);
                                            continue;
                                        }
                                    }
                                }
                            }
                        }
                    };
                    match layout(k, &self.cache) {
                        Err(Fault::Need(r)) => return Request::Read { ranges: r },
                        Err(Fault::Fail(e)) => self.fail(Some(k), e),
                        Ok(l) => self.start_hashing(l),
                    }
                }
            }
        }
    }

    fn fail(&mut self, kind: Option<FileKind>, e: SignatureError) {
        self.state = State::Finished(Box::new(SignatureResult::failed(kind, self.cache.size(), e)));
    }

    fn start_hashing(&mut self, layout: Layout) {
        let size = self.cache.size();
        let algs = match verify::required_digests(&layout.signature) {
            Ok(a) => a,
            Err(e) => return self.fail(Some(layout.kind), e),
        };
        let digests = match &layout.digest {
            DigestInput::Plan(items) => {
                let hash = HashState::new(items.clone(), &algs);
                self.state = State::Hashing { layout: Box::new(layout), hash };
                return;
            }
            DigestInput::Script(forms) => FileDigests::Computed(digest_map(
                algs.iter().map(|a| (*a, forms.iter().map(|f| a.digest(f)).collect())),
            )),
            DigestInput::Detached => FileDigests::Detached,
        };
        let r = verify::verify_signature(&layout, size, &digests, &self.opts);
        self.state = State::Finished(Box::new(r));
    }

    fn finish_hashing(&mut self) {
        let state = std::mem::replace(&mut self.state, State::Structure { kind: None });
        if let State::Hashing { layout, hash } = state {
            let digests = FileDigests::Computed(hash.hash.finish());
            let r = verify::verify_signature(&layout, self.cache.size(), &digests, &self.opts);
            self.state = State::Finished(Box::new(r));
        } else {
            self.state = state;
        }
    }

    /// Feeds the next bytes of the hash plan (in plan order, any chunk size).
    pub fn update(&mut self, chunk: &[u8]) -> Result<(), SignatureError> {
        match &mut self.state {
            State::Hashing { hash, .. } => hash.update(chunk),
            _ => Err(SignatureError::Driver { detail: "update() called when no hashing was requested".into() }),
        }
    }

    /// Hashing progress (zero before and after hashing).
    pub fn progress(&self) -> Progress {
        match &self.state {
            State::Hashing { hash, .. } => Progress { hashed: hash.hashed, total: hash.total },
            _ => Progress { hashed: 0, total: 0 },
        }
    }

    /// The result. Before [`Request::Done`] it is an error result saying what was missing.
    pub fn finish(mut self) -> SignatureResult {
        if let State::Hashing { hash, .. } = &self.state {
            if hash.done() {
                self.finish_hashing();
            }
        }
        match self.state {
            State::Finished(r) => *r,
            State::Hashing { layout, .. } => SignatureResult::failed(
                Some(layout.kind),
                self.cache.size(),
                SignatureError::Driver { detail: "finish() called before the hash plan was fully supplied".into() },
            ),
            State::Structure { kind } => SignatureResult::failed(
                kind,
                self.cache.size(),
                SignatureError::Driver { detail: "finish() called before the requested ranges were supplied".into() },
            ),
        }
    }
}

/// Verifies a file held in memory. Same result as the range driver.
pub fn verify_bytes(name: &str, bytes: &[u8], opts: &VerifyOptions) -> SignatureResult {
    let size = bytes.len() as u64;
    if bytes.is_empty() {
        return SignatureResult::failed(None, 0, SignatureError::Empty);
    }
    let Some(kind) = detect::kind_from_bytes(name, bytes) else {
        return SignatureResult::failed(None, size, SignatureError::NotRecognised);
    };
    let src = MemSource(bytes);
    let layout = match layout(kind, &src) {
        Ok(l) => l,
        Err(Fault::Fail(e)) => return SignatureResult::failed(Some(kind), size, e),
        Err(Fault::Need(_)) => {
            return SignatureResult::failed(
                Some(kind),
                size,
                SignatureError::Internal { detail: "memory source".into() },
            )
        }
    };
    let algs = match verify::required_digests(&layout.signature) {
        Ok(a) => a,
        Err(e) => return SignatureResult::failed(Some(kind), size, e),
    };
    let digests = match &layout.digest {
        DigestInput::Plan(items) => {
            let mut h = MultiHash::new(&algs);
            for item in items {
                match item {
                    PlanItem::File(r) => h.update(bytes.get(r.offset as usize..r.end() as usize).unwrap_or(&[])),
                    PlanItem::Literal(b) => h.update(b),
                    PlanItem::PreHash(m) => h.prehash(m),
                }
            }
            FileDigests::Computed(h.finish())
        }
        DigestInput::Script(forms) => {
            FileDigests::Computed(digest_map(algs.iter().map(|a| (*a, forms.iter().map(|f| a.digest(f)).collect()))))
        }
        DigestInput::Detached => FileDigests::Detached,
    };
    verify::verify_signature(&layout, size, &digests, opts)
}

/// Drives a [`Verifier`] synchronously from anything seekable (the CLI's `File`). Hashes in 1 MiB
/// chunks and calls `progress` after each.
pub fn verify_reader<R: std::io::Read + std::io::Seek>(
    name: &str,
    reader: &mut R,
    opts: &VerifyOptions,
    mut progress: impl FnMut(Progress),
) -> std::io::Result<SignatureResult> {
    use std::io::SeekFrom;
    let size = reader.seek(SeekFrom::End(0))?;
    let mut v = Verifier::new(name, size, *opts);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match v.next_request() {
            Request::Read { ranges } => {
                for r in ranges {
                    reader.seek(SeekFrom::Start(r.offset))?;
                    let mut b = vec![0u8; r.len as usize];
                    reader.read_exact(&mut b)?;
                    v.supply(r.offset, b);
                }
            }
            Request::Hash(plan) => {
                for r in plan.ranges {
                    reader.seek(SeekFrom::Start(r.offset))?;
                    let mut left = r.len;
                    while left > 0 {
                        let n = left.min(buf.len() as u64) as usize;
                        let chunk = buf.get_mut(..n).unwrap_or_default();
                        reader.read_exact(chunk)?;
                        v.update(chunk).map_err(|e| std::io::Error::other(e.to_string()))?;
                        left -= n as u64;
                        progress(v.progress());
                    }
                }
            }
            Request::Done => return Ok(v.finish()),
        }
    }
}
