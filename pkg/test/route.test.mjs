// Which inputs need the verifier, on every fixture: the engine's own rule (`needsAnalysis`, from the
// core) says yes for installers, binary certificate and signature files, PEM text and registry exports
// of certificate stores, in whatever encoding, and no for command output and listings (systeminfo,
// ver, certutil, PowerShell, CSV); the page's paste rule (route.js, on a thread without the engine)
// agrees with it on every text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, extname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isInstaller, textNeedsVerifier } from '../route.js';
import { load } from '../index.js';
import * as engine from '../dist/acs_check_pkg.js';

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
  if (['.exe', '.msi', '.cer', '.crt', '.der', '.sst', '.p7b', '.p7', '.pem', '.ps1', '.reg'].includes(extname(name))) return true;
  // A PowerShell script's signature block pasted into a text file; registry exports of the stores.
  return name === 'warp-ps1-sigblock.txt' || /^reg-/.test(name);
}

async function fixtures() {
  const out = [];
  for (const path of await walk(FIXTURES)) {
    if (/\.(md|sh|py|gitattributes)$/.test(path) || basename(path).startsWith('.')) continue;
    out.push([path, new Uint8Array(await readFile(path))]);
  }
  return out;
}

test('every fixture goes where it belongs', async () => {
  await load();
  const all = await fixtures();
  assert.ok(all.length > 80, `only ${all.length} fixtures`);
  const wrong = all
    .filter(([path, bytes]) => engine.needsAnalysis(basename(path), bytes) !== expected(path, bytes))
    .map(([path, bytes]) => `${path}: ${engine.needsAnalysis(basename(path), bytes)}`);
  assert.deepEqual(wrong, []);
});

test("the paste rule is the engine's rule, on every fixture read as text", async () => {
  await load();
  const decoder = new TextDecoder('utf-8');
  for (const [path, bytes] of await fixtures()) {
    const text = decoder.decode(bytes);
    assert.equal(textNeedsVerifier(text), engine.needsAnalysis('pasted text', text), path);
  }
  assert.equal(textNeedsVerifier('Microsoft Windows [Version 10.0.17763.2183]'), false);
  assert.equal(textNeedsVerifier('HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT'), true);
});

test('the same text in UTF-16 (PowerShell 5.1 files) is routed the same way', async () => {
  await load();
  const pem = (await readFile(join(FIXTURES, 'signed/chain-ok.pem'))).toString('utf8');
  const listing = (await readFile(join(FIXTURES, 'certs/powershell-cert-drive.txt'))).toString('utf8');
  const le = (s, bom) => new Uint8Array(Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(s, 'utf16le')]));
  for (const bytes of [le(pem, true), le(pem, false)]) assert.equal(engine.needsAnalysis('chain.txt', bytes), true);
  for (const bytes of [le(listing, true), le(listing, false)]) assert.equal(engine.needsAnalysis('certs.txt', bytes), false);
});

test('installers by their first bytes', () => {
  assert.equal(isInstaller(new Uint8Array([0x4d, 0x5a, 0x90, 0])), true);
  assert.equal(isInstaller(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])), true);
  assert.equal(isInstaller(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a])), false, 'a cut OLE magic');
  assert.equal(isInstaller(new TextEncoder().encode('MZ is a text too')), true, 'the magic alone decides');
});
