// Which inputs need the verifier (the certificate and signature readers), where the engine cannot
// decide it itself:
// - installers by their first bytes (`MZ`, the OLE compound-file magic): they go to the verifier as they
//   are, verified through byte ranges, never read whole (the engine worker would otherwise read them);
// - the paste, on the page's main thread, which has no engine: the markers of the core's
//   `text_needs_analysis` (core/src/certs/mod.rs, CERTIFICATE_TEXT_MARKERS); pkg/test/route.test.mjs
//   holds the two together on every fixture.
// Every other file is read by the engine worker and routed by the engine's own `needsAnalysis`.

/** The first bytes of a PE (`.exe`) and of an OLE compound file (`.msi`). */
export const MZ = [0x4d, 0x5a];
export const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** How many first bytes `isInstaller` looks at. */
export const HEAD = 8;
/** What marks a text that holds certificates: a PEM block, a registry export of a certificate store. */
export const MARKERS = ['-----BEGIN', 'SystemCertificates', '"Blob"'];

const startsWith = (bytes, magic) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** The file starts like an installer (PE or MSI): verified through byte ranges, never read whole. */
export function isInstaller(head) {
  return startsWith(head, MZ) || startsWith(head, OLE);
}

/** A paste that needs the verifier. */
export function textNeedsVerifier(text) {
  return MARKERS.some((m) => text.includes(m));
}
