//! A decoded text as numbered lines, with the small helpers every recogniser needs: display widths,
//! paste noise (prompts, fences, author comments and elisions), Python-repr unescaping.

use std::borrow::Cow;

/// A text split into lines; line numbers are 1-based, as an editor shows them.
///
/// Recognisers walk the lines by index (`0..len()`) and report [`Doc::number`]. The two differ only
/// when a line was a Python `repr` of a whole output (`'Host Name: X\r\nOS Name: …'`): it is unescaped
/// into several lines that all keep the number of the line they came from.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    lines: Vec<Cow<'a, str>>,
    numbers: Vec<u32>,
}

impl<'a> Doc<'a> {
    /// `text` must already be normalised by [`crate::decode`] (`\n` line endings).
    pub fn new(text: &'a str) -> Doc<'a> {
        let mut lines = Vec::new();
        let mut numbers = Vec::new();
        for (i, line) in text.split('\n').enumerate() {
            let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
            match unescape_repr(line) {
                Some(parts) => {
                    for part in parts {
                        lines.push(Cow::Owned(part));
                        numbers.push(number);
                    }
                }
                None => {
                    lines.push(Cow::Borrowed(line));
                    numbers.push(number);
                }
            }
        }
        Doc { lines, numbers }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The text of the line at 0-based index `i`.
    pub fn text(&self, i: usize) -> Option<&str> {
        self.lines.get(i).map(|l| l.as_ref())
    }

    /// The text of the line at index `i`, or `""` past the end.
    pub fn at(&self, i: usize) -> &str {
        self.text(i).unwrap_or("")
    }

    /// The 1-based input line number of the line at index `i`.
    pub fn number(&self, i: usize) -> u32 {
        self.numbers.get(i).copied().unwrap_or_else(|| self.numbers.last().copied().unwrap_or(1))
    }

    /// The line at 1-based position `n` (the `n`-th line of the document).
    pub fn line(&self, n: u32) -> Option<&str> {
        self.text((n as usize).checked_sub(1)?)
    }

    /// `(number, line)` pairs.
    pub fn numbered(&self) -> impl Iterator<Item = (u32, &str)> + '_ {
        self.lines.iter().zip(&self.numbers).map(|(l, n)| (*n, l.as_ref()))
    }
}

/// A line that is the Python `repr` of a whole command output: literal `\r\n` escapes (at least two)
/// or `\n` escapes (at least five: a path such as `\\nas01\new\notes` can have three), `\\` for backslashes,
/// `\t` for TABs, `\xa0` for NBSP, optionally in `'…'`, `b'…'` or `"…"`. Returns the unescaped lines, or
/// `None` for an ordinary line.
pub fn unescape_repr(line: &str) -> Option<Vec<String>> {
    if line.matches("\\r\\n").count() < 2 && line.matches("\\n").count() < 5 {
        return None;
    }
    let mut body = line.trim();
    for prefix in ["b'", "b\"", "'", "\""] {
        if let Some(rest) = body.strip_prefix(prefix) {
            body = rest;
            break;
        }
    }
    let body = body.strip_suffix(['\'', '"']).unwrap_or(body);
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => {}
            Some('t') => out.push('\t'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some('\u{a0}') => out.push(' '),
                    Some(ch) => out.push(ch),
                    None => out.push_str(&hex),
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    Some(out.split('\n').map(str::to_owned).collect())
}

/// One line that a console `width` columns wide wrapped onto the physical lines from `start` on: every
/// line exactly `width` columns wide continues on the next. Returns the joined text and the index of
/// its last physical line.
pub fn unwrap_console(doc: &Doc, start: usize, width: usize) -> (String, usize) {
    let mut text = doc.at(start).to_owned();
    let mut last = start;
    while width > 0 && display_width(doc.at(last)) == width && last + 1 < doc.len() && !doc.at(last + 1).is_empty() {
        last += 1;
        text.push_str(doc.at(last));
    }
    (text, last)
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

/// The part of `s` that lies in display columns `from..to` (`None` = to the end of the line). A wide
/// character that starts before `from` is left out; one that starts before `to` is kept whole.
pub fn slice_columns(s: &str, from: usize, to: Option<usize>) -> &str {
    let mut col = 0;
    let mut start = s.len();
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        if col >= from && start == s.len() {
            start = i;
        }
        if to.is_some_and(|t| col >= t) {
            end = i;
            break;
        }
        col += char_width(c);
    }
    s.get(start..end.max(start)).unwrap_or("")
}

/// Display column at which byte offset `at` of `s` starts.
pub fn column_of(s: &str, at: usize) -> usize {
    s.get(..at).map_or(0, display_width)
}

/// Parses the digits at the start of `s`.
pub fn leading_number(s: &str) -> Option<u32> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    s.get(..digits)?.parse().ok()
}

/// The first run of ASCII digits anywhere in `s` ("安装了 5 个修补程序。" → 5).
pub fn first_number(s: &str) -> Option<u32> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    leading_number(s.get(start..)?)
}

/// True for a line that starts with whitespace (a continuation line of a field).
pub fn is_indented(line: &str) -> bool {
    line.starts_with(|c: char| c.is_whitespace())
}

/// A shell prompt with the command after it: `C:\Users\x>systeminfo`, `PS C:\…> Get-HotFix`,
/// `PS> …`, `$ systeminfo`, `> systeminfo`, `>ver`, `user@host:~$ cat q`.
pub fn is_prompt(line: &str) -> bool {
    let t = line.trim_start();
    let after_ps = t.strip_prefix("PS ").unwrap_or(t);
    // A drive path ending in '>': C:\…> or PS C:\…>
    if let [drive, b':', b'\\', ..] = after_ps.as_bytes() {
        if let Some(gt) = after_ps.find('>').filter(|_| drive.is_ascii_alphabetic()) {
            let path = after_ps.get(..gt).unwrap_or("");
            if !path.contains(['<', '|', '"']) && !path.contains("  ") {
                return true;
            }
        }
    }
    if t == "PS>" || t.starts_with("PS> ") || t.starts_with("PS>") && t.len() > 3 {
        return true;
    }
    if t.starts_with("$ ") || t.starts_with("> ") || t.strip_prefix("# ").is_some_and(looks_like_command) {
        return true;
    }
    if let Some(rest) = t.strip_prefix('>') {
        if rest.starts_with(|c: char| c.is_ascii_alphabetic()) && looks_like_command(rest) {
            return true;
        }
    }
    // user@host:~$ cmd, [user@host dir]$ cmd
    if let Some(at) = t.find(['$', '#']) {
        let head = t.get(..at).unwrap_or("");
        let after = t.get(at + 1..).unwrap_or("");
        if head.contains('@') && !head.contains(char::is_whitespace) && (after.is_empty() || after.starts_with(' ')) {
            return true;
        }
    }
    false
}

/// A command word the prompt patterns above accept after `# ` or `>`: one of the commands whose output
/// this checker reads (so that a markdown heading `# Output` is a comment, not a prompt).
fn looks_like_command(s: &str) -> bool {
    let word = s.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    let word = word.trim_end_matches(".exe");
    [
        "systeminfo",
        "ver",
        "reg",
        "wmic",
        "get-hotfix",
        "get-computerinfo",
        "get-ciminstance",
        "get-wmiobject",
        "certutil",
        "cat",
        "type",
        "more",
        "powershell",
        "pwsh",
        "cmd",
        "findstr",
    ]
    .contains(&word)
}

/// A markdown code fence: ```` ``` ````, ```` ```text ````, `~~~`.
pub fn is_fence(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("```") || t.starts_with("~~~")
}

/// An author's comment or heading: `# OUTPUT`, `## 11. Lista de parches`, `// output`, `REM …`.
pub fn is_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') || t.starts_with("//") || t.starts_with("REM ") || t.starts_with("rem ")
}

/// Prompts, fences and comments: lines that belong to no command output.
pub fn is_noise(line: &str) -> bool {
    is_prompt(line) || is_fence(line) || is_comment(line)
}

/// An author's mark for removed lines: `.....`, `…`, `～～～ 省略 ～～～`, `(snip)`, `[...]`.
pub fn is_elision(line: &str) -> bool {
    let t = line.trim();
    // Elisions are short and hold no digit or colon; nearly every line of an output does.
    if t.is_empty() || t.len() > 64 || t.bytes().any(|b| b.is_ascii_digit() || b == b':') {
        return false;
    }
    let words = ["省略", "中略", "以下略", "略", "snip", "snipped", "omitted", "truncated", "cut", "etc"];
    let mut rest = t.to_lowercase();
    for w in words {
        rest = rest.replace(w, "");
    }
    let marks = rest.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let dots = marks.chars().filter(|c| matches!(c, '.' | '…' | '‥' | '・' | '⋮')).count();
    let only_marks =
        marks.chars().all(|c| matches!(c, '.' | '…' | '‥' | '・' | '⋮' | '～' | '~' | '〜' | '(' | ')' | '[' | ']'));
    only_marks && (dots >= 3 || marks.contains('…') || marks.contains('⋮') || rest.len() + 2 < t.len())
}

/// A value the author replaced to hide it: `...`, `***`, `xxx`-free punctuation only.
pub fn is_redacted(value: &str) -> bool {
    let t = value.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '.' | '…' | '*' | '#' | '?' | '-' | '_'))
}

/// Signs of text decoded with the wrong code page: U+FFFD, UTF-8 read as Latin-1 (`Ã³`, `Ã©`), or
/// CP850 read as CP437/ASCII inside a word (`Versi¢n`, `Compilaci¢n`).
pub fn looks_mojibake(s: &str) -> bool {
    if s.contains('\u{fffd}') {
        return true;
    }
    let chars: Vec<char> = s.chars().collect();
    chars.windows(2).any(|w| match w {
        ['Ã' | 'Â', b] => ('\u{80}'..='\u{bf}').contains(b),
        _ => false,
    }) || chars.windows(3).any(|w| match w {
        [a, '¢' | '¡' | '£' | '¤' | '§' | '¥', c] => a.is_ascii_alphabetic() && c.is_ascii_alphabetic(),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_lines_are_unescaped_and_keep_their_number() {
        let text = "intro\n'\\r\\nHost Name:    PC1\\r\\nLogon Server: \\\\\\\\PC1\\r\\nDomain:\\tX\\xa0Y\\r\\n'\nend";
        let doc = Doc::new(text);
        let lines: Vec<(u32, &str)> = doc.numbered().collect();
        assert_eq!(
            lines,
            vec![
                (1, "intro"),
                (2, ""),
                (2, "Host Name:    PC1"),
                (2, "Logon Server: \\\\PC1"),
                (2, "Domain:\tX Y"),
                (2, ""),
                (3, "end")
            ]
        );
        assert_eq!(doc.number(6), 3);
        assert_eq!(doc.line(3), Some("Host Name:    PC1"));
        // Windows paths with `\n`-looking pairs are not a repr.
        assert!(unescape_repr("Windows Directory:  C:\\new\\folder").is_none());
        assert!(unescape_repr("Logon Server:  \\\\nas01\\new\\notes").is_none());
        assert_eq!(unescape_repr("a\\nb\\nc\\nd\\ne\\nf").map(|l| l.len()), Some(6));
    }

    #[test]
    fn columns() {
        assert_eq!(display_width("主机名:"), 7);
        assert_eq!(slice_columns("ホスト名:  PC", 10, None), " PC");
        assert_eq!(slice_columns("ab 主机 cd", 3, Some(7)), "主机");
        assert_eq!(slice_columns("abc", 5, Some(9)), "");
        assert_eq!(slice_columns("abcdef", 2, Some(4)), "cd");
        assert_eq!(column_of("主机名: x", "主机名: ".len()), 8);
    }

    #[test]
    fn console_unwrapping() {
        let doc = Doc::new("abcd\nefgh\nij\nklmn\n\nopqr");
        assert_eq!(unwrap_console(&doc, 0, 4), ("abcdefghij".to_owned(), 2));
        assert_eq!(unwrap_console(&doc, 3, 4), ("klmn".to_owned(), 3));
        assert_eq!(unwrap_console(&doc, 5, 4), ("opqr".to_owned(), 5));
        assert_eq!(unwrap_console(&doc, 0, 0), ("abcd".to_owned(), 0));
    }

    #[test]
    fn numbers() {
        assert_eq!(leading_number("245]: KB1"), Some(245));
        assert_eq!(leading_number("x"), None);
        assert_eq!(first_number("安装了 5 个修补程序。"), Some(5));
        assert_eq!(first_number("Число установленных исправлений - 12."), Some(12));
        assert_eq!(first_number("N/A"), None);
    }

    #[test]
    fn prompts_and_noise() {
        for p in [
            "C:\\Users\\MyCo>systeminfo",
            "PS C:\\Users\\Admin1> Get-CimInstance Win32_OperatingSystem",
            "$ systeminfo",
            "> systeminfo",
            ">ver",
            ">systeminfo |findstr /B /C:\"OS Name\"",
            "C:\\htb> wmic qfe list brief",
            "C:\\Windows\\system32>whoami",
            "user@kali:~$ cat q",
            "PS> Get-HotFix",
        ] {
            assert!(is_prompt(p), "{p}");
        }
        for not in [
            "Host Name:                 PC",
            "Windows Directory:         C:\\Windows",
            "# OUTPUT",
            "Microsoft Windows [Version 10.0.19045.2251]",
        ] {
            assert!(!is_prompt(not), "{not}");
        }
        assert!(is_noise("# OUTPUT") && is_noise("```text") && is_noise("## 11. Lista de parches instalados:"));
        assert!(!is_noise("                           [01]: KB5010472"));
    }

    #[test]
    fn elisions_and_redactions() {
        for e in [".....", "   ...", "～～～ 省略 ～～～", "(snip)", "[...]", "…", "⋮"] {
            assert!(is_elision(e), "{e}");
        }
        for not in ["[24", "KB5010472", "File 1", "", "-", "..", "Microsoft Windows"] {
            assert!(!is_elision(not), "{not}");
        }
        assert!(is_redacted("...") && is_redacted(" *** "));
        assert!(!is_redacted("PC044") && !is_redacted(""));
    }

    #[test]
    fn mojibake() {
        assert!(looks_mojibake("Versi¢n del sistema operativo"));
        assert!(looks_mojibake("VersiÃ³n"));
        assert!(looks_mojibake("Versi\u{fffd}n"));
        assert!(!looks_mojibake("Versión del sistema operativo: 10.0.17763 N/D Compilación 17763"));
        assert!(!looks_mojibake("Price: ¢5"));
    }
}
