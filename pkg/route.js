// Which inputs need the verifier (signature and certificate parsing), in one place: the engine worker
// routes files by it and the page's client routes the paste by it. Everything else (systeminfo, ver,
// reg query, certutil/PowerShell listings…) is text for the engine alone.
//
// Needs the verifier: PE (`MZ`) and MSI (OLE compound file) files, binary files (not text), PEM text
// (`-----BEGIN`) and PowerShell signature blocks (`# SIG # Begin signature block`). The binary test
// follows the core's decoder (core/src/decode.rs: a byte-order mark or UTF-16 without one is text; a NUL,
// or control characters in more than 1 % of the first 4096 characters, is binary).

/** The first bytes of a PE (`.exe`) and of an OLE compound file (`.msi`). */
export const MZ = [0x4d, 0x5a];
export const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** How many first bytes `isInstaller` looks at. */
export const HEAD = 8;
/** Markers of text that carries certificates or a signature. */
export const MARKERS = ['-----BEGIN', '# SIG # Begin signature block'];

const startsWith = (bytes, magic) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** The file starts like an installer (PE or MSI): verified through byte ranges, never read whole. */
export function isInstaller(head) {
  return startsWith(head, MZ) || startsWith(head, OLE);
}

/** A paste that needs the verifier. */
export function textNeedsVerifier(text) {
  return MARKERS.some((m) => text.includes(m));
}

/** `utf-16le`, `utf-16be`, `ascii` (UTF-8 and the legacy code pages) or `binary`. */
export function textForm(bytes) {
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  // UTF-16 without a BOM: nearly every other byte of the first 512 is zero.
  const head = bytes.subarray(0, Math.min(bytes.length, 512) & ~1);
  if (head.length >= 4) {
    const pairs = head.length / 2;
    let zeroOdd = 0;
    let zeroEven = 0;
    for (let i = 0; i < head.length; i += 2) {
      if (head[i] === 0) zeroEven += 1;
      if (head[i + 1] === 0) zeroOdd += 1;
    }
    if (zeroOdd * 10 >= pairs * 7 && zeroEven * 10 <= pairs) return 'utf-16le';
    if (zeroEven * 10 >= pairs * 7 && zeroOdd * 10 <= pairs) return 'utf-16be';
  }
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return 'binary';
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) control += 1;
  }
  return control * 100 > sample.length ? 'binary' : 'ascii';
}

function encode(marker, form) {
  const units = [...marker].map((c) => c.charCodeAt(0));
  if (form === 'utf-16le') return units.flatMap((u) => [u, 0]);
  if (form === 'utf-16be') return units.flatMap((u) => [0, u]);
  return units;
}

/** Whether `needle` (bytes) occurs in `bytes`. */
function contains(bytes, needle) {
  const first = needle[0];
  for (let at = bytes.indexOf(first); at !== -1 && at + needle.length <= bytes.length; at = bytes.indexOf(first, at + 1)) {
    let i = 1;
    while (i < needle.length && bytes[at + i] === needle[i]) i += 1;
    if (i === needle.length) return true;
  }
  return false;
}

/** A whole file's bytes that need the verifier. */
export function bytesNeedVerifier(bytes) {
  if (isInstaller(bytes)) return true;
  const form = textForm(bytes);
  if (form === 'binary') return bytes.length > 0;
  return MARKERS.some((m) => contains(bytes, encode(m, form)));
}
