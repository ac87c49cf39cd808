//! The page's inputs: the paste (first, when it is not blank) and the files, each with its state as
//! the engine tells it; and the page's caps on what it takes at once (how many files, how many bytes in
//! all, how long a paste), each refusal with its own message.

/// The id of the paste (files get 1, 2, …).
pub const PASTE_ID: u32 = 0;
/// Files checked at once (a support engineer's triage of several hosts stays far below).
pub const MAX_FILES: usize = 50;
/// Bytes of all files together (installers are verified through byte ranges, and the engine holds at
/// most 256 MiB of the other files: `MAX_HELD` in pkg/worker.js).
pub const MAX_TOTAL: u64 = 1024 * 1024 * 1024;
/// Bytes of pasted text that are checked (longer text is better given as a file).
pub const MAX_PASTE: usize = 16 * 1024 * 1024;

/// A file's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// The engine reads it (`done` bytes so far).
    Reading {
        done: u64,
    },
    /// The verifier verifies its signature or reads its certificates; `done` of `total` bytes hashed.
    Verifying {
        done: u64,
        total: u64,
    },
    /// An input of the check.
    Ready,
    /// Refused by the page: more than [`MAX_FILES`] files.
    TooMany,
    /// Refused by the page: all files together above [`MAX_TOTAL`].
    TotalTooLarge,
    /// Refused by the engine: larger than it reads (`in_all`: with the other files read) of `max`.
    TooLarge {
        max: u64,
        in_all: bool,
    },
    Failed,
    /// Stopped by the user before it was read or verified.
    Stopped,
}

impl FileState {
    /// Still being read or verified.
    pub fn working(self) -> bool {
        matches!(self, FileState::Reading { .. } | FileState::Verifying { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    pub id: u32,
    pub name: String,
    pub size: u64,
    pub state: FileState,
}

impl FileEntry {
    /// Progress in percent while it is read or verified.
    pub fn percent(&self) -> u64 {
        let (done, of) = match self.state {
            FileState::Reading { done } => (done, self.size),
            FileState::Verifying { done, total } => (done, total),
            _ => (0, 0),
        };
        (done.min(of) * 100).checked_div(of).unwrap_or(0)
    }
}

/// Whether a file of `size` bytes may join `files`: `None`, or the state it is refused with. Files
/// that were refused or failed do not count.
pub fn admit(files: &[FileEntry], size: u64) -> Option<FileState> {
    let counted = files.iter().filter(|f| f.state.working() || f.state == FileState::Ready);
    let (count, total) = counted.fold((0usize, 0u64), |(n, t), f| (n + 1, t + f.size));
    if count >= MAX_FILES {
        Some(FileState::TooMany)
    } else if total.saturating_add(size) > MAX_TOTAL {
        Some(FileState::TotalTooLarge)
    } else {
        None
    }
}

/// Whether the paste is an input: not blank, and within [`MAX_PASTE`].
pub fn paste_counts(text: &str) -> bool {
    !text.trim().is_empty() && text.len() <= MAX_PASTE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(id: u32, size: u64, state: FileState) -> FileEntry {
        FileEntry { id, name: format!("f{id}"), size, state }
    }

    #[test]
    fn percent_of_reading_and_of_hashing() {
        assert_eq!(file(1, 200, FileState::Reading { done: 50 }).percent(), 25);
        assert_eq!(file(1, 200, FileState::Verifying { done: 30, total: 60 }).percent(), 50);
        assert_eq!(file(1, 200, FileState::Verifying { done: 0, total: 0 }).percent(), 0);
        assert_eq!(file(1, 200, FileState::Failed).percent(), 0);
    }

    #[test]
    fn at_most_max_files_and_max_total() {
        let mut files: Vec<FileEntry> =
            (0..MAX_FILES as u32 - 1).map(|i| file(i + 1, 1000, FileState::Ready)).collect();
        assert_eq!(admit(&files, 1000), None);
        files.push(file(99, 1000, FileState::Reading { done: 0 }));
        assert_eq!(admit(&files, 1000), Some(FileState::TooMany));
        // Refused and failed files do not count.
        files.last_mut().unwrap().state = FileState::Failed;
        assert_eq!(admit(&files, 1000), None);
        let big = [file(1, MAX_TOTAL - 10, FileState::Verifying { done: 0, total: 0 })];
        assert_eq!(admit(&big, 10), None);
        assert_eq!(admit(&big, 11), Some(FileState::TotalTooLarge));
        assert_eq!(admit(&[], MAX_TOTAL + 1), Some(FileState::TotalTooLarge));
    }

    #[test]
    fn the_paste_counts_when_not_blank_and_not_too_long() {
        assert!(paste_counts(" ver") && !paste_counts("  \n"));
        assert!(paste_counts(&"a".repeat(MAX_PASTE)));
        assert!(!paste_counts(&"a".repeat(MAX_PASTE + 1)));
    }
}
