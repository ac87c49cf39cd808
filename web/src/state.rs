//! The page's inputs: the paste (first, when it is not blank), the files and examples that are
//! inputs of the check ([`InputSet`]), and the files that are not yet ([`PendingFile`]: being read,
//! being verified, refused or unreadable).

/// The id of the paste (files get 1, 2, …).
pub const PASTE_ID: u32 = 0;

/// One input of the check besides the paste: a file's or an example's id (its chip), its name, and
/// what the engine is given for it (in the page: the JS input object, built once).
#[derive(Debug, Clone)]
pub struct Entry<T> {
    pub id: u32,
    pub name: String,
    pub value: T,
}

/// The files and examples that are inputs of the check, in the order they became inputs.
#[derive(Debug, Clone)]
pub struct InputSet<T> {
    pub entries: Vec<Entry<T>>,
}

impl<T> Default for InputSet<T> {
    fn default() -> Self {
        InputSet { entries: Vec::new() }
    }
}

impl<T> InputSet<T> {
    pub fn push(&mut self, id: u32, name: String, value: T) {
        self.entries.push(Entry { id, name, value });
    }

    pub fn remove(&mut self, id: u32) {
        self.entries.retain(|e| e.id != id);
    }

    pub fn contains_name(&self, name: &str) -> bool {
        self.entries.iter().any(|e| e.name == name)
    }
}

/// Whether the paste is an input (blank text is not).
pub fn paste_counts(text: &str) -> bool {
    !text.trim().is_empty()
}

/// A file that is not an input of the check (yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingFile {
    pub id: u32,
    pub name: String,
    pub size: u64,
    pub state: Pending,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// Read in chunks by the page (`done` bytes so far).
    Reading {
        done: u64,
    },
    /// A large installer ([`crate::files::Plan::Verify`]): the engine verifies its signature through
    /// byte ranges, once; `hashed` of the `total` bytes its signature covers so far.
    Verifying {
        hashed: u64,
        total: u64,
    },
    /// Not an installer, and too large to read ([`crate::files::Plan::TooLarge`]).
    TooLarge,
    Failed,
}

impl PendingFile {
    pub fn percent(&self) -> u64 {
        let (done, of) = match self.state {
            Pending::Reading { done } => (done, self.size),
            Pending::Verifying { hashed, total } => (hashed, total),
            Pending::TooLarge | Pending::Failed => (0, 0),
        };
        (done.min(of) * 100).checked_div(of).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_in_order_removable_by_id() {
        let mut s = InputSet::default();
        s.push(3, "a.txt".into(), "x");
        s.push(4, "b.txt".into(), "y");
        assert!(s.contains_name("b.txt") && !s.contains_name("c.txt"));
        s.remove(3);
        assert_eq!(s.entries.iter().map(|e| e.id).collect::<Vec<_>>(), vec![4]);
        assert!(paste_counts(" ver") && !paste_counts("  \n"));
    }

    #[test]
    fn percent_of_reading_and_of_hashing() {
        let f = |state| PendingFile { id: 1, name: "f".into(), size: 200, state };
        assert_eq!(f(Pending::Reading { done: 50 }).percent(), 25);
        assert_eq!(f(Pending::Verifying { hashed: 30, total: 60 }).percent(), 50);
        assert_eq!(f(Pending::Verifying { hashed: 0, total: 0 }).percent(), 0);
        assert_eq!(f(Pending::Failed).percent(), 0);
    }
}
