//! Files the user gives, and the one rule for how each is taken in ([`plan`]): a large installer is
//! verified by the engine through byte ranges (never read whole, never copied to the page); every
//! other file is read here in chunks, with progress, straight into the JS buffer the engine gets.

use std::future::Future;

/// Files above this that start like an installer are verified through byte ranges. The JavaScript
/// package uses the same rule for the Blobs it is given (`STREAM_ABOVE` in `pkg/index.js`; a test
/// below keeps the two equal).
pub const STREAM_ABOVE: u64 = 16 * 1024 * 1024;
/// Other files above this are refused: they are read whole, and no command output is this large.
pub const MAX_READ: u64 = 256 * 1024 * 1024;
/// Read size: small enough that progress moves and the page stays responsive between chunks.
pub const CHUNK: u64 = 1024 * 1024;
/// The first bytes of a PE (`.exe`) and of an OLE compound file (`.msi`).
const MZ: &[u8] = &[0x4d, 0x5a];
const OLE: &[u8] = &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/// How many first bytes [`plan`] needs.
pub const HEAD: u64 = 8;

/// How a file is taken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Read whole, in chunks, then checked as bytes.
    Read,
    /// An installer above [`STREAM_ABOVE`]: the engine verifies its signature through byte ranges.
    Verify,
    /// Not an installer and above [`MAX_READ`]: not read at all.
    TooLarge,
}

/// Whether a file of `size` bytes needs its first [`HEAD`] bytes for [`plan`] to decide.
pub fn needs_head(size: u64) -> bool {
    size > STREAM_ABOVE
}

/// The rule: `head` is the file's first bytes (only looked at when [`needs_head`]).
pub fn plan(size: u64, head: &[u8]) -> Plan {
    if !needs_head(size) {
        Plan::Read
    } else if head.starts_with(MZ) || head.starts_with(OLE) {
        Plan::Verify
    } else if size > MAX_READ {
        Plan::TooLarge
    } else {
        Plan::Read
    }
}

/// Random access to a file.
pub(crate) trait FileSource {
    /// Bytes as the source gives them (a JS `Uint8Array` in the browser).
    type Chunk;
    fn size(&self) -> u64;
    /// Bytes `[offset, offset + len)`, clamped to the end of the file.
    fn read_range(&self, offset: u64, len: u64) -> impl Future<Output = Result<Self::Chunk, String>>;
    fn chunk_len(chunk: &Self::Chunk) -> u64;
}

/// Reads a whole source chunk by chunk: `put(offset, chunk)` takes each one, `progress` hears how many
/// bytes are done after each and answers whether to go on (`false`: the file was removed).
pub(crate) async fn read_whole<S: FileSource>(
    src: &S,
    mut put: impl FnMut(u64, S::Chunk),
    mut progress: impl FnMut(u64) -> bool,
) -> Result<(), String> {
    let size = src.size();
    let mut offset = 0;
    while offset < size {
        let len = CHUNK.min(size - offset);
        let part = src.read_range(offset, len).await?;
        let got = S::chunk_len(&part);
        if got == 0 {
            return Err("unexpected end of file".into());
        }
        put(offset, part);
        offset += got;
        if !progress(offset) {
            return Err("stopped".into());
        }
    }
    Ok(())
}

/// A browser `File` (from the picker or a drop): `Blob.slice` + `arrayBuffer()`, no network.
#[derive(Clone)]
pub struct BlobFile(pub web_sys::File);

impl BlobFile {
    pub fn name(&self) -> String {
        self.0.name()
    }

    /// Reads the whole file into one JS buffer (the bytes never pass through the page's wasm memory).
    pub async fn read_all(&self, progress: impl FnMut(u64) -> bool) -> Result<js_sys::Uint8Array, String> {
        let size = u32::try_from(self.size()).map_err(|_| "file too large".to_owned())?;
        let all = js_sys::Uint8Array::new_with_length(size);
        read_whole(self, |offset, chunk: js_sys::Uint8Array| all.set(&chunk, offset as u32), progress).await?;
        Ok(all)
    }

    /// Its first bytes, for [`plan`].
    pub async fn head(&self) -> Result<Vec<u8>, String> {
        Ok(self.read_range(0, HEAD).await?.to_vec())
    }
}

impl FileSource for BlobFile {
    type Chunk = js_sys::Uint8Array;

    fn size(&self) -> u64 {
        self.0.size() as u64
    }

    async fn read_range(&self, offset: u64, len: u64) -> Result<js_sys::Uint8Array, String> {
        let end = (offset + len).min(self.size());
        let blob = self.0.slice_with_f64_and_f64(offset as f64, end as f64).map_err(|e| format!("{e:?}"))?;
        let buf = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.map_err(|e| format!("{e:?}"))?;
        Ok(js_sys::Uint8Array::new(&buf))
    }

    fn chunk_len(chunk: &js_sys::Uint8Array) -> u64 {
        chunk.length() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    struct Mem(Vec<u8>);

    impl FileSource for Mem {
        type Chunk = Vec<u8>;
        fn size(&self) -> u64 {
            self.0.len() as u64
        }
        async fn read_range(&self, offset: u64, len: u64) -> Result<Vec<u8>, String> {
            let end = ((offset + len) as usize).min(self.0.len());
            Ok(self.0[offset as usize..end].to_vec())
        }
        fn chunk_len(chunk: &Vec<u8>) -> u64 {
            chunk.len() as u64
        }
    }

    fn block_on<F: Future>(f: F) -> F::Output {
        let mut f = pin!(f);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }

    #[test]
    fn reads_in_chunks_with_progress() {
        let data: Vec<u8> = (0..(2 * CHUNK + 10)).map(|i| i as u8).collect();
        let (mut seen, mut got) = (Vec::new(), Vec::new());
        block_on(read_whole(
            &Mem(data.clone()),
            |offset, chunk| {
                assert_eq!(offset, got.len() as u64);
                got.extend(chunk)
            },
            |d| {
                seen.push(d);
                true
            },
        ))
        .unwrap();
        assert_eq!(got, data);
        assert_eq!(seen, vec![CHUNK, 2 * CHUNK, 2 * CHUNK + 10]);
        block_on(read_whole(&Mem(Vec::new()), |_, _| panic!("nothing to read"), |_| true)).unwrap();
        // Stopped after the first chunk.
        let mut chunks = 0;
        assert!(block_on(read_whole(&Mem(data), |_, _| chunks += 1, |_| false)).is_err());
        assert_eq!(chunks, 1);
    }

    #[test]
    fn one_rule_for_every_file() {
        const MB: u64 = 1024 * 1024;
        let text = b"Host Nam";
        let exe = b"MZ\x90\0\x03\0\0\0";
        let msi = OLE;
        // Up to 16 MiB everything is read (the engine verifies installers in memory).
        for head in [&text[..], exe, msi] {
            assert_eq!(plan(STREAM_ABOVE, head), Plan::Read);
        }
        assert!(!needs_head(STREAM_ABOVE) && needs_head(STREAM_ABOVE + 1));
        // Above it, installers by ranges however large; other files read up to 256 MiB.
        for size in [17 * MB, 20 * MB, 40 * MB, 2048 * MB] {
            assert_eq!(plan(size, exe), Plan::Verify, "{size}");
            assert_eq!(plan(size, msi), Plan::Verify, "{size}");
        }
        assert_eq!(plan(20 * MB, text), Plan::Read);
        assert_eq!(plan(40 * MB, text), Plan::Read);
        assert_eq!(plan(MAX_READ, text), Plan::Read);
        assert_eq!(plan(MAX_READ + 1, text), Plan::TooLarge);
        assert_eq!(plan(MAX_READ + 1, &msi[..7]), Plan::TooLarge, "a truncated OLE magic is not an installer");
        assert_eq!(plan(MAX_READ + 1, b""), Plan::TooLarge);
    }

    /// The page and the JavaScript package (`pkg/index.js`, which embedders use) take the same files
    /// as installers: the same size and the same magic bytes.
    #[test]
    fn the_rule_matches_the_javascript_package() {
        let js = include_str!("../../pkg/index.js");
        let value = |name: &str| {
            let line = js.lines().find(|l| l.starts_with(&format!("const {name} = "))).unwrap_or_else(|| {
                panic!("pkg/index.js has no `const {name} = …` line");
            });
            line.split_once(" = ").unwrap().1.trim_end_matches(';').to_owned()
        };
        let shifted = value("STREAM_ABOVE");
        let (n, shift) = shifted.split_once(" << ").expect("STREAM_ABOVE = n << k");
        assert_eq!(n.parse::<u64>().unwrap() << shift.parse::<u32>().unwrap(), STREAM_ABOVE);
        let bytes = |list: String| -> Vec<u8> {
            list.trim_matches(['[', ']'])
                .split(',')
                .map(|b| u8::from_str_radix(b.trim().trim_start_matches("0x"), 16).unwrap())
                .collect()
        };
        assert_eq!(bytes(value("MZ")), MZ);
        assert_eq!(bytes(value("OLE")), OLE);
        assert!(js.contains("input.size > STREAM_ABOVE && (await looksLikeInstaller(input))"));
    }
}
