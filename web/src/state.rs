//! The page's inputs: the paste, the files that were read, and the files still being read (or too
//! large to read whole). The first two go to the check as they are; large files as `File`s that the
//! engine reads by byte ranges.

use acs_check::{Input, PASTED_TEXT};

/// The id of the paste (files get 1, 2, …).
pub const PASTE_ID: u32 = 0;

/// The inputs of the check, in order, each with the id of its chip.
#[derive(Debug, Default, Clone)]
pub struct InputSet {
    pub inputs: Vec<Input>,
    pub ids: Vec<u32>,
}

impl InputSet {
    /// Puts the paste first (or removes it when empty) without copying the other inputs.
    pub fn set_paste(&mut self, text: &str) {
        let at = self.ids.iter().position(|&i| i == PASTE_ID);
        match (at, text.trim().is_empty()) {
            (Some(i), true) => {
                self.ids.remove(i);
                self.inputs.remove(i);
            }
            (Some(i), false) => self.inputs[i] = Input::text(PASTED_TEXT, text),
            (None, false) => {
                self.ids.insert(0, PASTE_ID);
                self.inputs.insert(0, Input::text(PASTED_TEXT, text));
            }
            (None, true) => {}
        }
    }

    pub fn push(&mut self, id: u32, input: Input) {
        self.ids.push(id);
        self.inputs.push(input);
    }

    pub fn remove(&mut self, id: u32) {
        if let Some(i) = self.ids.iter().position(|&x| x == id) {
            self.ids.remove(i);
            self.inputs.remove(i);
        }
    }

    pub fn contains_name(&self, name: &str) -> bool {
        self.inputs.iter().any(|i| i.name == name)
    }
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
    Reading {
        done: u64,
    },
    /// Above [`crate::files::LARGE_FILE`]: not read whole; the engine verifies its signature through
    /// byte ranges (`hashed` bytes so far).
    Large {
        hashed: u64,
    },
    Failed,
}

impl PendingFile {
    pub fn percent(&self) -> u64 {
        match self.state {
            Pending::Reading { done: n } | Pending::Large { hashed: n } if self.size > 0 => n * 100 / self.size,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paste_stays_first_and_goes_when_emptied() {
        let mut s = InputSet::default();
        s.push(3, Input::text("a.txt", "x"));
        s.set_paste("ver");
        assert_eq!(s.ids, vec![PASTE_ID, 3]);
        s.set_paste("ver 2");
        assert_eq!(s.ids.len(), 2);
        s.set_paste("  \n");
        assert_eq!(s.ids, vec![3]);
        s.remove(3);
        assert!(s.inputs.is_empty());
        let p = PendingFile { id: 1, name: "f".into(), size: 200, state: Pending::Reading { done: 50 } };
        assert_eq!(p.percent(), 25);
    }
}
