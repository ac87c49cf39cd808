//! Bytes → text: the only place that knows about encodings.
//!
//! `systeminfo > file` in cmd writes the OEM code page (CP932 on Japanese Windows, CP850 in Western
//! Europe, CP437 in the US); Windows PowerShell 5.1 `>` and `wmic` write UTF-16LE; PowerShell 6+ writes
//! UTF-8. [`decode`] finds out which, and returns text with line endings made `\n` and NBSP made a
//! plain space, so that recognisers see one shape of text whatever the source.

use encoding_rs::{Encoding, EUC_KR, GBK, IBM866, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use crate::tables::{CP437_HIGH, CP850_HIGH, SYSTEMINFO_LABELS};

/// Decoded text and the encoding it was read with (the report's `inputs[].encoding`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    /// Control bytes throughout: a binary file that no recogniser took.
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("the input is empty"),
            DecodeError::Binary => f.write_str("the file is binary and not a format this checker knows"),
        }
    }
}

/// The single-byte legacy code pages tried when bytes are neither UTF-16 nor UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Legacy {
    Encoding(&'static Encoding),
    Oem(&'static [char; 128], &'static str),
}

impl Legacy {
    fn name(self) -> &'static str {
        match self {
            Legacy::Encoding(e) if e == SHIFT_JIS => "shift_jis",
            Legacy::Encoding(e) if e == WINDOWS_1252 => "windows-1252",
            Legacy::Encoding(e) if e == GBK => "gbk",
            Legacy::Encoding(e) if e == EUC_KR => "euc-kr",
            Legacy::Encoding(e) if e == IBM866 => "ibm866",
            Legacy::Encoding(e) => e.name(),
            Legacy::Oem(_, name) => name,
        }
    }

    /// The decoded text, or `None` when the bytes are not valid in this encoding.
    fn decode(self, bytes: &[u8]) -> Option<String> {
        match self {
            Legacy::Encoding(e) => {
                let (text, had_errors) = e.decode_without_bom_handling(bytes);
                (!had_errors).then(|| text.into_owned())
            }
            Legacy::Oem(high, _) => {
                Some(bytes.iter().map(|&b| if b < 0x80 { b as char } else { high[(b - 0x80) as usize] }).collect())
            }
        }
    }
}

/// Candidates in order of preference when two score the same: Japanese first (the product's users),
/// then the Western European and US OEM pages that cmd writes, then ANSI, then the other CJK pages
/// and Cyrillic.
const LEGACY: [Legacy; 7] = [
    Legacy::Encoding(SHIFT_JIS),
    Legacy::Oem(&CP850_HIGH, "ibm850"),
    Legacy::Oem(&CP437_HIGH, "ibm437"),
    Legacy::Encoding(WINDOWS_1252),
    Legacy::Encoding(GBK),
    Legacy::Encoding(EUC_KR),
    Legacy::Encoding(IBM866),
];

/// Decodes bytes of unknown encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(finish(&text, enc_name(enc)));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok(finish(&text, enc_name(enc)));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if looks_binary(text.chars()) {
            return Err(DecodeError::Binary);
        }
        return Ok(finish(text, "utf-8"));
    }
    let mut best: Option<(i64, Legacy, String)> = None;
    for cand in LEGACY {
        let Some(text) = cand.decode(bytes) else {
            continue;
        };
        let score = plausibility(&text);
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, cand, text));
        }
    }
    match best {
        Some((_, cand, text)) if !looks_binary(text.chars()) => Ok(finish(&text, cand.name())),
        _ => Err(DecodeError::Binary),
    }
}

/// Text that was already a string (a paste): only the normalisation applies.
pub fn from_text(text: &str) -> Decoded {
    finish(text.strip_prefix('\u{feff}').unwrap_or(text), "utf-8")
}

fn enc_name(enc: &'static Encoding) -> &'static str {
    if enc == UTF_8 {
        "utf-8"
    } else if enc == UTF_16LE {
        "utf-16le"
    } else {
        "utf-16be"
    }
}

/// UTF-16 without a BOM: in the first bytes, nearly every other byte is zero (ASCII in UTF-16).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let zero_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    if zero_odd * 10 >= pairs * 7 && zero_even * 10 <= pairs {
        Some(UTF_16LE)
    } else if zero_even * 10 >= pairs * 7 && zero_odd * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Control characters other than tab, line feed, carriage return and form feed in more than 1 % of
/// the first 4096 characters (or any NUL) mark a binary file.
fn looks_binary(chars: impl Iterator<Item = char>) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in chars.take(4096) {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\u{85}') {
            control += 1;
        }
    }
    control * 100 > total
}

/// How plausible a decoding is: known systeminfo labels and the words around a Windows version weigh
/// most; letters of the script a code page is for count a little; characters that real text in that
/// context almost never holds (C1 controls, box drawing, half-width katakana amid Latin text, private
/// use) count against it.
fn plausibility(text: &str) -> i64 {
    let mut score = 0i64;
    for line in text.lines().take(400) {
        let head = line.trim_start();
        // Only non-ASCII labels tell code pages apart: ASCII reads the same in all of them.
        if SYSTEMINFO_LABELS.iter().any(|row| !row.label.is_ascii() && head.starts_with(row.label)) {
            score += 200;
        }
    }
    for word in ["ビルド", "Compilación", "compilação", "версия", "Versión", "Versão", "빌드", "版本", "修补程序"]
    {
        score += 50 * text.matches(word).count().min(4) as i64;
    }
    // Words of Japanese certutil output (`certutil -store Root … > file` in cmd writes CP932): without
    // them, a short listing reads about as plausibly in GBK.
    for word in ["証明書", "ルート証明機関", "コマンド", "オブジェクト"] {
        score += 50 * text.matches(word).count().min(4) as i64;
    }
    let ascii_letters = text.chars().filter(|c| c.is_ascii_alphabetic()).count() as i64;
    let mut cjk = 0i64;
    let mut halfwidth_kana = 0i64;
    for c in text.chars() {
        match c {
            '\u{80}'..='\u{9f}' => score -= 40,
            '\u{2500}'..='\u{259f}' => score -= 15, // box drawing and blocks (CP437 upper half)
            '\u{e000}'..='\u{f8ff}' => score -= 40, // private use
            '\u{0391}'..='\u{03c9}' | '\u{2200}'..='\u{22ff}' | '\u{2320}'..='\u{2321}' => score -= 10,
            '\u{ff61}'..='\u{ff9f}' => halfwidth_kana += 1,
            '\u{00c0}'..='\u{00ff}' => score += 2,
            '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' => cjk += 1,
            '\u{0400}'..='\u{04ff}' => score += 2,
            _ => {}
        }
    }
    // Kana and kanji are plausible in quantity; a few scattered among Latin text are the signature of
    // a Western code page read as Shift_JIS.
    score += if cjk * 4 >= ascii_letters / 8 { cjk * 3 } else { -cjk * 6 };
    score -= halfwidth_kana * 8;
    score
}

/// Line endings become `\n`; NBSP becomes a space (French systeminfo puts it in labels and values).
fn finish(text: &str, encoding: &'static str) -> Decoded {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{a0}' | '\u{202f}' => out.push(' '),
            _ => out.push(c),
        }
    }
    Decoded { text: out, encoding }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms() {
        assert_eq!(decode(b"\xef\xbb\xbfOS Name: x").unwrap().encoding, "utf-8");
        let le: Vec<u8> =
            [0xff, 0xfe].into_iter().chain("ホスト名".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("ホスト名", "utf-16le"));
        let be: Vec<u8> = [0xfe, 0xff].into_iter().chain("Host".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&be).unwrap().encoding, "utf-16be");
    }

    #[test]
    fn utf16le_without_bom() {
        let le: Vec<u8> = "Host Name:  PC\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Host Name:  PC\n", "utf-16le"));
    }

    #[test]
    fn line_endings_and_nbsp() {
        let d = from_text("a\r\nb\rc\u{a0}d\n");
        assert_eq!(d.text, "a\nb\nc d\n");
    }

    #[test]
    fn shift_jis() {
        let (bytes, _, _) =
            SHIFT_JIS.encode("OS 名:  Microsoft Windows 7\r\nOS バージョン:  6.1.7601 Service Pack 1 ビルド 7601\r\n");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "shift_jis");
        assert!(d.text.contains("ビルド 7601"));
    }

    #[test]
    fn cp850_spanish_and_french() {
        // "Versión del sistema operativo:  10.0.17763 N/D Compilación 17763" in CP850: ó = 0xA2.
        let es = b"Versi\xa2n del sistema operativo:  10.0.17763 N/D Compilaci\xa2n 17763\r\n";
        let d = decode(es).unwrap();
        assert_eq!(d.encoding, "ibm850");
        assert!(d.text.contains("Compilación 17763"));
        // French: NBSP is 0xFF and è is 0x8A.
        let fr = b"Nom du syst\x8ame d'exploitation:\xffMicrosoft Windows\xff7 Entreprise\n";
        let d = decode(fr).unwrap();
        assert_eq!(d.encoding, "ibm850");
        assert_eq!(d.text, "Nom du système d'exploitation: Microsoft Windows 7 Entreprise\n");
    }

    #[test]
    fn binary_and_empty() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"MZ\x90\x00\x03\x00\x00\x00"), Err(DecodeError::Binary));
        assert_eq!(
            decode(&[0x30, 0x82, 0x05, 0xcc, 0x30, 0x82, 0x03, 0xb4, 0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x10, 0x54]),
            Err(DecodeError::Binary)
        );
    }
}
