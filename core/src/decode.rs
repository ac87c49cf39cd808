//! Bytes → text: the only place that knows about encodings.
//!
//! `systeminfo > file` in cmd writes the OEM code page (CP932 on Japanese Windows, CP850 in Western
//! Europe, CP437 in the US); Windows PowerShell 5.1 `>` and `wmic` write UTF-16LE; PowerShell 6+ writes
//! UTF-8. [`decode`] finds out which, and returns text with line endings made `\n` and NBSP made a
//! plain space, so that recognisers see one shape of text whatever the source.

use crate::tables::{CP1252_HIGH, CP437_HIGH, CP850_HIGH, CP866_HIGH, SYSTEMINFO_LABELS};

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

/// Decoders for the multi-byte legacy code pages, by their WHATWG Encoding Standard names
/// (`shift_jis`, `gbk`, `euc-kr`). Natively [`BuiltinCodecs`] uses encoding_rs; a browser passes its
/// own `TextDecoder` (`fatal: true`), which implements the same standard.
pub trait Codecs {
    /// The text, or `None` when the bytes are not valid in `encoding` or the encoding is unavailable.
    fn decode(&self, encoding: &str, bytes: &[u8]) -> Option<String>;
}

/// encoding_rs with the `native-codecs` feature; without it, no multi-byte code page (single-byte
/// pages and UTF-8/16 never need a codec).
#[derive(Debug, Clone, Copy, Default)]
pub struct BuiltinCodecs;

impl Codecs for BuiltinCodecs {
    #[cfg(feature = "native-codecs")]
    fn decode(&self, encoding: &str, bytes: &[u8]) -> Option<String> {
        let enc = encoding_rs::Encoding::for_label(encoding.as_bytes())?;
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        (!had_errors).then(|| text.into_owned())
    }

    #[cfg(not(feature = "native-codecs"))]
    fn decode(&self, _encoding: &str, _bytes: &[u8]) -> Option<String> {
        None
    }
}

/// A legacy code page tried when bytes are neither UTF-16 nor UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Legacy {
    /// A multi-byte page decoded through [`Codecs`].
    MultiByte(&'static str),
    /// A single-byte page from `data/codepages/`: the characters of bytes 0x80–0xFF.
    SingleByte(&'static [char; 128], &'static str),
}

impl Legacy {
    fn name(self) -> &'static str {
        match self {
            Legacy::MultiByte(name) | Legacy::SingleByte(_, name) => name,
        }
    }

    /// The decoded text, or `None` when the bytes are not valid in this encoding.
    fn decode(self, bytes: &[u8], codecs: &dyn Codecs) -> Option<String> {
        match self {
            Legacy::MultiByte(name) => codecs.decode(name, bytes),
            Legacy::SingleByte(high, _) => {
                Some(bytes.iter().map(|&b| if b < 0x80 { b as char } else { high[(b - 0x80) as usize] }).collect())
            }
        }
    }
}

/// Candidates in order of preference when two score the same: Japanese first (the product's users),
/// then the Western European and US OEM pages that cmd writes, then ANSI, then the other CJK pages
/// and Cyrillic.
const LEGACY: [Legacy; 7] = [
    Legacy::MultiByte("shift_jis"),
    Legacy::SingleByte(&CP850_HIGH, "ibm850"),
    Legacy::SingleByte(&CP437_HIGH, "ibm437"),
    Legacy::SingleByte(&CP1252_HIGH, "windows-1252"),
    Legacy::MultiByte("gbk"),
    Legacy::MultiByte("euc-kr"),
    Legacy::SingleByte(&CP866_HIGH, "ibm866"),
];

/// Decodes bytes of unknown encoding with the built-in codecs.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_with(bytes, &BuiltinCodecs)
}

/// Decodes bytes of unknown encoding: BOM, UTF-16 without BOM, UTF-8, then the legacy code page whose
/// decoding is the most plausible.
pub fn decode_with(bytes: &[u8], codecs: &dyn Codecs) -> Result<Decoded, DecodeError> {
    if let Some(unicode) = unicode(bytes) {
        return unicode;
    }
    // Score the candidates on a sample (the first 64 KiB, cut after a line feed, which is never part
    // of a multi-byte character in these code pages), then decode the whole input with the best one
    // that accepts it.
    let sample = match bytes.get(..SAMPLE) {
        Some(head) => head.iter().rposition(|&b| b == b'\n').map_or(head, |i| &head[..=i]),
        None => bytes,
    };
    let mut ranked: Vec<(i64, usize, Legacy)> = LEGACY
        .iter()
        .enumerate()
        .filter_map(|(order, &cand)| {
            let text = cand.decode(sample, codecs)?;
            (!looks_binary(text.chars())).then(|| (plausibility(&text), order, cand))
        })
        .collect();
    // Most plausible first (the i64 in u64 order, flipped); candidates as plausible keep their order.
    crate::util::sort_by_u64_key(&mut ranked, |r| !((r.0 as u64) ^ (1 << 63)));
    ranked
        .into_iter()
        .find_map(|(_, _, cand)| cand.decode(bytes, codecs).map(|text| finish(&text, cand.name())))
        .ok_or(DecodeError::Binary)
}

/// The Unicode forms (BOM, UTF-16 without one, valid UTF-8); `None` for anything else.
fn unicode(bytes: &[u8]) -> Option<Result<Decoded, DecodeError>> {
    if bytes.is_empty() {
        return Some(Err(DecodeError::Empty));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return Some(Ok(finish(&String::from_utf8_lossy(rest), "utf-8")));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return Some(Ok(finish(&utf16(rest, u16::from_le_bytes), "utf-16le")));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return Some(Ok(finish(&utf16(rest, u16::from_be_bytes), "utf-16be")));
    }
    match utf16_without_bom(bytes) {
        Some(Endian::Little) => return Some(Ok(finish(&utf16(bytes, u16::from_le_bytes), "utf-16le"))),
        Some(Endian::Big) => return Some(Ok(finish(&utf16(bytes, u16::from_be_bytes), "utf-16be"))),
        None => {}
    }
    let text = std::str::from_utf8(bytes).ok()?;
    Some(if looks_binary(text.chars()) { Err(DecodeError::Binary) } else { Ok(finish(text, "utf-8")) })
}

/// Decodes bytes for readers of ASCII content (PEM blocks, the hex of registry exports): the Unicode
/// forms as [`decode_with`] reads them, anything else as UTF-8 with invalid sequences replaced (ASCII
/// survives; the legacy code pages, and the tables that choose among them, are not needed).
pub fn decode_ascii_content(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    unicode(bytes).unwrap_or_else(|| {
        let text = String::from_utf8_lossy(bytes);
        if looks_binary(text.chars()) {
            Err(DecodeError::Binary)
        } else {
            Ok(finish(&text, "utf-8"))
        }
    })
}

/// How much of a legacy-encoded input is looked at to choose its code page.
const SAMPLE: usize = 64 * 1024;

/// Text that was already a string (a paste): only the normalisation applies.
pub fn from_text(text: &str) -> Decoded {
    finish(text.strip_prefix('\u{feff}').unwrap_or(text), "utf-8")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endian {
    Little,
    Big,
}

/// UTF-16 code units to text; unpaired surrogates and an odd last byte become U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks(2).map(|c| match c {
        [a, b] => unit([*a, *b]),
        _ => 0xFFFD,
    });
    char::decode_utf16(units).map(|r| r.unwrap_or('\u{fffd}')).collect()
}

/// UTF-16 without a BOM: in the first bytes, nearly every other byte is zero (ASCII in UTF-16).
fn utf16_without_bom(bytes: &[u8]) -> Option<Endian> {
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let zero_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    if zero_odd * 10 >= pairs * 7 && zero_even * 10 <= pairs {
        Some(Endian::Little)
    } else if zero_even * 10 >= pairs * 7 && zero_odd * 10 <= pairs {
        Some(Endian::Big)
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
        let (bytes, _, _) = encoding_rs::SHIFT_JIS
            .encode("OS 名:  Microsoft Windows 7\r\nOS バージョン:  6.1.7601 Service Pack 1 ビルド 7601\r\n");
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
    fn windows_1252_and_cp866() {
        // "système" with è = 0xE8 in Windows-1252 (PowerShell 5.1 `Out-File -Encoding Default`).
        let d = decode(b"Nom du syst\xe8me d'exploitation:  Microsoft Windows 10 Professionnel\r\n").unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.starts_with("Nom du système"), "{}", d.text);
        // "Название ОС:" in CP866 (Russian cmd redirection).
        let ru = b"\x8d\xa0\xa7\xa2\xa0\xad\xa8\xa5 \x8e\x91:  Microsoft Windows Server 2012 R2\r\n";
        let d = decode(ru).unwrap();
        assert_eq!(d.encoding, "ibm866");
        assert!(d.text.starts_with("Название ОС:"));
    }

    /// Without a multi-byte codec (the browser build before it passes its TextDecoder), Shift_JIS is
    /// skipped, never guessed.
    #[test]
    fn codecs_are_pluggable() {
        struct NoCodecs;
        impl Codecs for NoCodecs {
            fn decode(&self, _: &str, _: &[u8]) -> Option<String> {
                None
            }
        }
        let sjis = b"OS \x96\xbc:  Microsoft Windows 7\r\n";
        assert_ne!(decode_with(sjis, &NoCodecs).unwrap().encoding, "shift_jis");
        #[cfg(feature = "native-codecs")]
        assert_eq!(decode_with(sjis, &BuiltinCodecs).unwrap().text, "OS 名:  Microsoft Windows 7\n");
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
