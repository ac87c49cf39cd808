// The rule of which inputs need the verifier (route.js), on every fixture: installers, binary
// certificate and signature files, PEM text and PowerShell signature blocks do, in whatever encoding;
// command output and listings (systeminfo, ver, certutil, PowerShell, CSV, .reg) do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, extname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isInstaller, textForm, textNeedsVerifier, bytesNeedVerifier } from '../route.js';

const FIXTURES = fileURLToPath(new URL('../../tests/fixtures/', import.meta.url));

async function walk(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

/** What the rule should say of a fixture, from what the file is. */
function expected(path, bytes) {
  const name = basename(path);
  if (bytes.length === 0) return false; // empty: the engine says so
  if (['.exe', '.msi', '.cer', '.crt', '.der', '.sst', '.p7b', '.p7', '.pem', '.ps1'].includes(extname(name))) return true;
  return name === 'warp-ps1-sigblock.txt'; // a PowerShell script's signature block, pasted as text
}

test('every fixture goes where it belongs', async () => {
  let n = 0;
  for (const path of await walk(FIXTURES)) {
    if (/\.(md|sh|py|gitattributes)$/.test(path) || basename(path).startsWith('.')) continue;
    const bytes = new Uint8Array(await readFile(path));
    assert.equal(bytesNeedVerifier(bytes), expected(path, bytes), path);
    n += 1;
  }
  assert.ok(n > 80, `only ${n} fixtures`);
});

test('the same text in UTF-16 (PowerShell 5.1 files) is routed the same way; a paste too', async () => {
  const pem = (await readFile(join(FIXTURES, 'signed/chain-ok.pem'))).toString('utf8');
  const listing = (await readFile(join(FIXTURES, 'certs/powershell-cert-drive.txt'))).toString('utf8');
  const le = (s, bom) => new Uint8Array(Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(s, 'utf16le')]));
  const be = (s) => new Uint8Array(Buffer.from(s, 'utf16le').swap16());
  assert.equal(textForm(le(pem, true)), 'utf-16le');
  assert.equal(textForm(le(pem, false)), 'utf-16le');
  assert.equal(textForm(be(pem)), 'utf-16be');
  for (const bytes of [le(pem, true), le(pem, false), be(pem)]) assert.equal(bytesNeedVerifier(bytes), true);
  for (const bytes of [le(listing, true), le(listing, false), be(listing)]) assert.equal(bytesNeedVerifier(bytes), false);
  assert.equal(textNeedsVerifier(pem), true);
  assert.equal(textNeedsVerifier(listing), false);
  assert.equal(textNeedsVerifier('Microsoft Windows [Version 10.0.17763.2183]'), false);
  assert.equal(textNeedsVerifier('Write-Host 1\r\n# SIG # Begin signature block\r\n# MIIa'), true);
});

test('installers by their first bytes; binary by its control bytes', () => {
  assert.equal(isInstaller(new Uint8Array([0x4d, 0x5a, 0x90, 0])), true);
  assert.equal(isInstaller(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])), true);
  assert.equal(isInstaller(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a])), false, 'a cut OLE magic');
  assert.equal(isInstaller(new TextEncoder().encode('MZ is a text too')), true, 'the magic alone decides');
  assert.equal(textForm(new Uint8Array([0x30, 0x82, 0x01, 0x0a, 0x02, 0x01, 0x00])), 'binary');
  assert.equal(textForm(new TextEncoder().encode('Host Name: WIN\r\n\tx\f')), 'ascii');
  assert.equal(textForm(new Uint8Array([0x83, 0x7a, 0x83, 0x58, 0x83, 0x67, 0x96, 0xbc])), 'ascii', 'CP932 text');
});
