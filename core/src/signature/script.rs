//! PowerShell scripts (.ps1, .psm1, .psd1): the `# SIG # Begin signature block` and the PowerShell
//! SIP's digest.
//!
//! The digest is taken over the script text before the block, as UTF-16LE:
//! - the text ends before the line break that precedes `# SIG # Begin signature block` (CR LF or LF);
//! - a UTF-16LE file is hashed as it is (BOM included); a UTF-8 file is converted to UTF-16LE, its
//!   BOM becoming U+FEFF.
//!
//! This is osslsigncode's `script.c` reading, and it was confirmed on a real Windows-signed (ACS)
//! script (the Mondoo download script, see the tests): its digest is SHA-256 over UTF-16LE of
//! U+FEFF + the text up to the CR LF before the block. Whether Windows adds U+FEFF to a UTF-8 file
//! that had no BOM is not established, so both forms are accepted for such files (they cover the
//! same text).

use base64::Engine as _;

use super::plan::{DigestInput, Layout};
use super::result::{FileKind, UnsignedData};
use super::SignatureError;

const BEGIN: &str = "# SIG # Begin signature block";
const END: &str = "# SIG # End signature block";

/// The script as UTF-16 code units (BOM kept as U+FEFF).
fn code_units(bytes: &[u8]) -> Result<Vec<u16>, SignatureError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let mut v = vec![0xFEFF];
        v.extend(rest.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])));
        return Ok(v);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(SignatureError::Malformed { what: "the script (UTF-16 big-endian is not supported)".into() });
    }
    Ok(String::from_utf8_lossy(bytes).encode_utf16().collect())
}

fn find(hay: &[u16], needle: &[u16]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// True when the bytes hold a PowerShell signature block (UTF-8 or UTF-16LE).
pub fn has_signature_block(bytes: &[u8]) -> bool {
    let utf8 = bytes.windows(BEGIN.len()).any(|w| w == BEGIN.as_bytes());
    utf8 || (bytes.starts_with(&[0xFF, 0xFE])
        && code_units(bytes).is_ok_and(|u| find(&u, &BEGIN.encode_utf16().collect::<Vec<_>>()).is_some()))
}

/// The signature and the digest forms of a script.
///
/// As PowerShell reads a signed script: the signature block is the *last* `# SIG # Begin signature
/// block` at the start of a line, its lines run to `# SIG # End signature block`, and only white space
/// may follow that line (text after it is not covered by the signature: the script is treated as
/// tampered). A file that holds nothing but the block (white space around it) is a signature without
/// its script: it is verified as a detached signature.
pub fn layout(bytes: &[u8]) -> Result<Layout, SignatureError> {
    let units = code_units(bytes)?;
    let begin: Vec<u16> = BEGIN.encode_utf16().collect();
    let body = usize::from(units.first() == Some(&0xFEFF));
    let marker: Vec<u16> = format!("\n{BEGIN}").encode_utf16().collect();
    // The last block that starts a line (or the text).
    let last_marker = units.windows(marker.len()).rposition(|w| w == marker.as_slice()).map(|at| at + 1);
    let block_start = match last_marker {
        Some(at) => at,
        None if units.get(body..).is_some_and(|u| u.starts_with(&begin)) => body,
        None => return Err(SignatureError::Unsigned { kind: FileKind::Script }),
    };
    // The begin line holds the marker and nothing else: PowerShell also ends a line at a lone CR, so
    // text after the marker on that line would run as code the signature does not cover.
    let after_marker = units.get(block_start + begin.len()..).unwrap_or(&[]);
    if !(after_marker.starts_with(&[u16::from(b'\n')])
        || after_marker.starts_with(&[u16::from(b'\r'), u16::from(b'\n')]))
    {
        return Err(SignatureError::Malformed {
            what: "the signature block (text after the begin marker on its line)".into(),
        });
    }
    // The text ends before the line break that precedes the block (CR LF or LF).
    let text_end = if block_start == body {
        body
    } else {
        let lf = block_start - 1;
        if lf > 0 && units.get(lf - 1) == Some(&u16::from(b'\r')) {
            lf - 1
        } else {
            lf
        }
    };
    let text = units.get(..text_end).unwrap_or(&[]);
    let block = String::from_utf16_lossy(units.get(block_start..).unwrap_or(&[]));
    // 1-based line of the block's first line in the file.
    let block_line = 1 + units.get(..block_start).unwrap_or(&[]).iter().filter(|u| **u == u16::from(b'\n')).count();
    let mut b64 = String::new();
    let mut ended = false;
    let mut lines = block.split('\n').enumerate().skip(1);
    for (_, line) in lines.by_ref() {
        let line = line.trim();
        if line == END {
            ended = true;
            break;
        }
        let Some(data) = line.strip_prefix('#') else {
            return Err(SignatureError::Malformed { what: "the signature block (a line without '#')".into() });
        };
        b64.push_str(data.trim());
    }
    if !ended {
        return Err(SignatureError::Truncated { what: "the signature block (no end line)".into() });
    }
    // Only white space may follow the end line.
    let after = lines.find(|(_, l)| !l.trim().is_empty()).map(|(i, _)| (block_line + i) as u32);
    let signature = base64::engine::general_purpose::STANDARD
        .decode(b64.as_bytes())
        .map_err(|e| SignatureError::Malformed { what: format!("the signature block (base64: {e})") })?;
    let unsigned = after.map(|line| UnsignedData::TextAfterSignatureBlock { line });
    let text_is_empty = text.iter().skip(body).all(|u| char::from_u32(u32::from(*u)).is_some_and(char::is_whitespace));
    if text_is_empty && unsigned.is_none() {
        return Ok(Layout { kind: FileKind::Script, signature, digest: DigestInput::Detached, unsigned: None });
    }
    let le = |u: &[u16]| -> Vec<u8> { u.iter().flat_map(|c| c.to_le_bytes()).collect() };
    let mut forms = vec![le(text)];
    if text.first() != Some(&0xFEFF) {
        let mut with_bom = vec![0xFEFF];
        with_bom.extend_from_slice(text);
        forms.push(le(&with_bom));
    }
    Ok(Layout { kind: FileKind::Script, signature, digest: DigestInput::Script(forms), unsigned })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::crypto::DigestAlg;
    use crate::util::hex_upper;

    /// The body of a real ACS-signed script (Mondoo's download.ps1, signed through AOC CA 01),
    /// and the SHA-256 in its signature's SpcIndirectDataContent. See tests/fixtures/signed/SOURCES.md.
    const MONDOO_BODY: &str = include_str!("../../../tests/fixtures/signed/mondoo-download-ps1-body.txt");
    const MONDOO_SIGNED_DIGEST: &str = "5DD0087C088DFA159FACCC9E285B29293E007C5F0B13C9E035CA23A0530C2E5E";

    #[test]
    fn a_block_without_its_script_is_verified_as_detached() {
        let block = include_bytes!("../../../tests/fixtures/certs/warp-ps1-sigblock.txt");
        let l = layout(block).unwrap();
        assert_eq!(l.digest, DigestInput::Detached);
        assert_eq!(l.signature, include_bytes!("../../../tests/fixtures/certs/warp-ps1-sig.p7"));
    }

    #[test]
    fn canonical_form_matches_a_real_windows_signature() {
        // The file as published: UTF-8 with BOM, CRLF line ends, the block after the body.
        let mut file = vec![0xEF, 0xBB, 0xBF];
        file.extend(MONDOO_BODY.replace('\n', "\r\n").as_bytes());
        file.extend(b"# SIG # Begin signature block\r\n# MAMCAQA=\r\n# SIG # End signature block\r\n");
        let l = layout(&file).unwrap();
        assert_eq!(l.signature, vec![0x30, 0x03, 0x02, 0x01, 0x00]);
        let DigestInput::Script(forms) = l.digest else { panic!() };
        assert_eq!(forms.len(), 1, "the file has a BOM: one form");
        assert_eq!(hex_upper(&DigestAlg::Sha256.digest(&forms[0])), MONDOO_SIGNED_DIGEST);
        // The same text without its BOM is accepted through the second form.
        let l2 = layout(&file[3..]).unwrap();
        let DigestInput::Script(forms2) = l2.digest else { panic!() };
        assert!(forms2.iter().any(|f| hex_upper(&DigestAlg::Sha256.digest(f)) == MONDOO_SIGNED_DIGEST));
        // One changed character changes the digest.
        let tampered: Vec<u8> = String::from_utf8(file.clone()).unwrap().replacen("Mondoo", "Mondo0", 1).into_bytes();
        let DigestInput::Script(f3) = layout(&tampered).unwrap().digest else { panic!() };
        assert!(f3.iter().all(|f| hex_upper(&DigestAlg::Sha256.digest(f)) != MONDOO_SIGNED_DIGEST));
    }

    #[test]
    fn utf16_scripts_and_errors() {
        let text = "Write-Host hi\r\n# SIG # Begin signature block\r\n# MAMCAQA=\r\n# SIG # End signature block\r\n";
        let mut file = vec![0xFF, 0xFE];
        file.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert!(has_signature_block(&file));
        let l = layout(&file).unwrap();
        let DigestInput::Script(forms) = l.digest else { panic!() };
        let mut want = vec![0xFF, 0xFE];
        want.extend("Write-Host hi".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(forms, vec![want]);
        assert!(matches!(layout(b"Write-Host hi\n"), Err(SignatureError::Unsigned { .. })));
        // A lone CR ends a line for PowerShell: code after the marker would run unsigned.
        assert!(matches!(
            layout(b"x\n# SIG # Begin signature block\rcalc\n# MAMCAQA=\n# SIG # End signature block\n"),
            Err(SignatureError::Malformed { .. })
        ));
        assert!(matches!(
            layout(b"x\n# SIG # Begin signature block calc\n# MAMCAQA=\n# SIG # End signature block\n"),
            Err(SignatureError::Malformed { .. })
        ));
        assert!(matches!(
            layout(b"x\n# SIG # Begin signature block\n# MAMCAQA=\rcalc\n# SIG # End signature block\n"),
            Err(SignatureError::Malformed { .. })
        ));
        assert!(layout(b"x\r\n# SIG # Begin signature block\r\n# MAMCAQA=\r\n# SIG # End signature block\r\n").is_ok());
        assert!(matches!(layout(b"x\n# SIG # Begin signature block\n# MAMC"), Err(SignatureError::Truncated { .. })));
        assert!(matches!(
            layout(b"x\n# SIG # Begin signature block\n# M!!!\n# SIG # End signature block\n"),
            Err(SignatureError::Malformed { .. })
        ));
    }
}
