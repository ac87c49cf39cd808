//! A decoded text as numbered lines, with the small helpers every recogniser needs.

/// A text split into lines; line numbers are 1-based, as an editor shows them.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Doc<'a> {
    /// `text` must already be normalised by [`crate::decode`] (`\n` line endings).
    pub fn new(text: &'a str) -> Doc<'a> {
        Doc { lines: text.split('\n').collect() }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The line with 1-based number `n`.
    pub fn line(&self, n: u32) -> Option<&'a str> {
        self.lines.get((n as usize).checked_sub(1)?).copied()
    }

    /// `(number, line)` pairs.
    pub fn numbered(&self) -> impl Iterator<Item = (u32, &'a str)> + '_ {
        self.lines.iter().enumerate().map(|(i, l)| (i as u32 + 1, *l))
    }
}

/// Display width of a string in a console: East Asian wide and full-width characters take two columns.
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

pub fn char_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

/// Parses the digits at the start of `s`.
pub fn leading_number(s: &str) -> Option<u32> {
    let digits: &str = &s[..s.bytes().take_while(u8::is_ascii_digit).count()];
    digits.parse().ok()
}
