//! Recognising what kind of signed file some bytes are.

use super::result::FileKind;

/// OLE compound file signature (MSI, MSP, MST).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Script extensions the PowerShell SIP signs.
const SCRIPT_EXTENSIONS: [&str; 3] = [".ps1", ".psm1", ".psd1"];

/// The kind, from the first bytes (at least 8) when they tell: PE (`MZ`) or MSI (OLE signature).
pub fn kind_from_head(_name: &str, head: &[u8], _size: u64) -> Option<FileKind> {
    if head.starts_with(b"MZ") {
        Some(FileKind::Pe)
    } else if head.starts_with(&OLE_MAGIC) {
        Some(FileKind::Msi)
    } else {
        None
    }
}

/// True when the bytes may hold a signature the verifier reads (a PE, an MSI, a script with a
/// signature block or a script's extension, a `.p7`/`.p7s`/`.cat`, or any DER): the cheap test a
/// build without the `x509` feature uses to send a file to one with it.
pub fn may_be_signed(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    kind_from_head(name, bytes, bytes.len() as u64).is_some()
        || SCRIPT_EXTENSIONS.iter().chain(&[".p7", ".p7s", ".cat"]).any(|e| lower.ends_with(e))
        || bytes.first() == Some(&0x30)
        || contains(bytes, b"# SIG # Begin signature block")
        || contains(
            bytes,
            &"# SIG # Begin signature block".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>(),
        )
        || contains(bytes, b"-----BEGIN PKCS7-----")
        || contains(bytes, b"-----BEGIN CMS-----")
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The kind, from the whole file: PE, MSI, a script with a signature block (or a script by its
/// extension, which is then reported unsigned), or a DER/PEM PKCS#7 SignedData with a signer.
/// `None` for anything else (a certificate bundle without signer is certificate evidence, not a
/// signature).
#[cfg(feature = "x509")]
pub fn kind_from_bytes(name: &str, bytes: &[u8]) -> Option<FileKind> {
    if let Some(k) = kind_from_head(name, bytes, bytes.len() as u64) {
        return Some(k);
    }
    let lower = name.to_ascii_lowercase();
    if super::script::has_signature_block(bytes) || SCRIPT_EXTENSIONS.iter().any(|e| lower.ends_with(e)) {
        return Some(FileKind::Script);
    }
    super::pkcs7_signature(bytes).map(|_| FileKind::Pkcs7)
}

#[cfg(all(test, feature = "x509"))]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind_from_bytes("a.exe", b"MZ\x90\0"), Some(FileKind::Pe));
        assert_eq!(kind_from_bytes("a", &OLE_MAGIC), Some(FileKind::Msi));
        assert_eq!(kind_from_bytes("x.ps1", b"Write-Host 1"), Some(FileKind::Script));
        assert_eq!(kind_from_bytes("x.txt", b"Write-Host 1"), None);
        let p7 = include_bytes!("../../../tests/fixtures/certs/warp-ps1-sig.p7");
        assert_eq!(kind_from_bytes("sig.p7", p7), Some(FileKind::Pkcs7));
        // A degenerate PKCS#7 (certificates only) is not a signature.
        let p7b = include_bytes!("../../../tests/fixtures/certs/derived-acs-chain.p7b");
        assert_eq!(kind_from_bytes("chain.p7b", p7b), None);
    }
}
