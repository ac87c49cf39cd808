//! Files the user gives: read in chunks with progress, or, when very large, kept unread behind a
//! [`FileSource`] so that range reading (the core's signature feature for large installers) can plug
//! in without the page holding the whole file in memory.

use std::future::Future;

/// Files above this are not read whole (a signed installer can be hundreds of MB).
pub const LARGE_FILE: u64 = 32 * 1024 * 1024;
/// Read size: small enough that progress moves and the page stays responsive between chunks.
pub const CHUNK: u64 = 1024 * 1024;

/// Random access to a file.
pub(crate) trait FileSource {
    fn name(&self) -> String;
    fn size(&self) -> u64;
    /// Bytes `[offset, offset + len)`, clamped to the end of the file.
    fn read_range(&self, offset: u64, len: u64) -> impl Future<Output = Result<Vec<u8>, String>>;
}

/// Reads a whole source chunk by chunk, telling `progress` how many bytes are done after each one.
pub(crate) async fn read_whole<S: FileSource>(src: &S, mut progress: impl FnMut(u64)) -> Result<Vec<u8>, String> {
    let size = src.size();
    let mut out = Vec::with_capacity(size as usize);
    let mut offset = 0;
    while offset < size {
        let len = CHUNK.min(size - offset);
        let part = src.read_range(offset, len).await?;
        if part.is_empty() {
            return Err("unexpected end of file".into());
        }
        offset += part.len() as u64;
        out.extend_from_slice(&part);
        progress(offset);
    }
    Ok(out)
}

/// A browser `File` (from the picker or a drop): `Blob.slice` + `arrayBuffer()`, no network.
pub struct BlobFile(pub web_sys::File);

impl FileSource for BlobFile {
    fn name(&self) -> String {
        self.0.name()
    }

    fn size(&self) -> u64 {
        self.0.size() as u64
    }

    async fn read_range(&self, offset: u64, len: u64) -> Result<Vec<u8>, String> {
        let end = (offset + len).min(self.size());
        let blob = self.0.slice_with_f64_and_f64(offset as f64, end as f64).map_err(|e| format!("{e:?}"))?;
        let buf = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.map_err(|e| format!("{e:?}"))?;
        Ok(js_sys::Uint8Array::new(&buf).to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    struct Mem(Vec<u8>);

    impl FileSource for Mem {
        fn name(&self) -> String {
            "mem".into()
        }
        fn size(&self) -> u64 {
            self.0.len() as u64
        }
        async fn read_range(&self, offset: u64, len: u64) -> Result<Vec<u8>, String> {
            let end = ((offset + len) as usize).min(self.0.len());
            Ok(self.0[offset as usize..end].to_vec())
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
        let mut seen = Vec::new();
        let got = block_on(read_whole(&Mem(data.clone()), |d| seen.push(d))).unwrap();
        assert_eq!(got, data);
        assert_eq!(seen, vec![CHUNK, 2 * CHUNK, 2 * CHUNK + 10]);
        assert_eq!(block_on(read_whole(&Mem(Vec::new()), |_| ())).unwrap(), Vec::<u8>::new());
    }
}
