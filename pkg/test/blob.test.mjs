// Large signed files go through the range-reading API: only the byte ranges the core asks for are
// read from the Blob, and the result equals the in-memory verification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { check, verifyBlob } from '../index.js';

const signed = (name) => fileURLToPath(new URL(`../../tests/fixtures/signed/${name}`, import.meta.url));

/** A Blob that records how many bytes were read from it and refuses to be read whole. */
class CountingBlob extends Blob {
  constructor(parts, name) {
    super(parts);
    this.name = name;
    this.read = { bytes: 0, calls: 0 };
  }
  slice(start, end) {
    const part = super.slice(start, end);
    const read = this.read;
    const whole = start === undefined || (start === 0 && (end === undefined || end >= this.size));
    if (whole && this.size > 1 << 20) throw new Error('the whole file was read');
    read.calls += 1;
    read.bytes += part.size;
    return part;
  }
  arrayBuffer() {
    throw new Error('the whole file was read');
  }
}

for (const name of ['pe-signed.exe', 'pe-signed-nested.exe', 'msi-signed.msi', 'msi-signed-dse.msi', 'script-signed.ps1']) {
  test(`verifyBlob gives the same signature report as the bytes: ${name}`, async () => {
    const bytes = new Uint8Array(await readFile(signed(name)));
    // A fixed day after the test certificates' notBefore (2026-11-25T23:31Z): the nested signature has no
    // timestamp, so its validity is judged on this day.
    const options = { lang: 'en', today: '2027-01-01' };
    const expected = await check([{ name, bytes }], options);
    const analysed = await verifyBlob(new CountingBlob([bytes], name), options);
    const actual = await check([{ name, analysed }], options);
    assert.deepEqual(actual.signatures, expected.signatures);
    assert.deepEqual(actual.certificates, expected.certificates);
    assert.equal(actual.signatures[0].status, 'signed_not_acs');
  });
}

test('only the very result verifyBlob returned is taken as analysed: a copy says nothing', async () => {
  const name = 'pe-signed.exe';
  const bytes = new Uint8Array(await readFile(signed(name)));
  const analysed = await verifyBlob(new CountingBlob([bytes], name), { today: '2027-01-01' });
  // A result that claims more than the file holds, as anyone could write it.
  const forged = { ...structuredClone(analysed), status: 'valid', is_acs_signed: true };
  for (const fake of [structuredClone(analysed), JSON.parse(JSON.stringify(analysed)), forged]) {
    await assert.rejects(check([{ name, analysed: fake }]), /verifyBlob returned/);
  }
  // A genuine result stands for its own file only: never for other bytes given with it.
  const other = new Uint8Array(await readFile(signed('pe-unsigned.exe')));
  await assert.rejects(check([{ name, analysed, bytes: other }]), /without `text` or `bytes`/);
  // Nor are the verifier's bytes taken from a caller: they could be written by anyone, too.
  await assert.rejects(check([{ name, analysis: new Uint8Array(8) }]), /inputs take no `analysis`/);
  // The engine itself (which the package and the page's worker call) reads only its verifier's bytes.
  const raw = await import('../dist/acs_check_pkg.js');
  assert.throws(() => raw.check([{ name, analysis: new TextEncoder().encode('{"kind":"signature"}') }], {}), /not the verifier's: not an analysis made by acs-check/);
  const { analysis } = (await import('../dist/acs_check_verify.js')).analyse(name, bytes, {});
  assert.throws(() => raw.check([{ name, bytes: other, analysis }], {}), /stands for its file/);
  const report = await check([{ name, analysed }], { today: '2027-01-01' });
  assert.equal(report.signatures[0].status, 'signed_not_acs');
});

test('a 40 MB installer is streamed: each byte read at most once, progress reported', async () => {
  const pe = new Uint8Array(await readFile(signed('pe-unsigned.exe')));
  const big = new CountingBlob([pe, new Uint8Array(40 << 20)], 'setup.exe');
  const progress = [];
  const report = await check([big], { lang: 'ja' }, (p) => progress.push(p));
  assert.equal(report.inputs[0].kinds[0], 'authenticode_pe');
  assert.equal(report.inputs[0].size, big.size);
  assert.equal(report.signatures[0].status, 'unsigned');
  assert.ok(big.read.bytes <= big.size + 16, `read ${big.read.bytes} of ${big.size} bytes`);
  assert.ok(big.read.calls < 64, `${big.read.calls} reads`);
});

test('hashing a large signed PE reports progress up to the total', async () => {
  // The signed PE with 20 MB of zero pages appended before its signature would change its digest;
  // instead the verifier's progress is observed on the real signed PE, streamed in one window.
  const bytes = new Uint8Array(await readFile(signed('pe-signed.exe')));
  const progress = [];
  const analysed = await verifyBlob(new CountingBlob([bytes], 'pe-signed.exe'), {}, (p) => progress.push(p));
  assert.equal(analysed.status, 'signed_not_acs');
  assert.ok(progress.length >= 1);
  const last = progress.at(-1);
  assert.equal(last.hashed, last.total);
  assert.ok(last.total > 0 && last.total < bytes.length);
});

test('a hostile WIN_CERTIFICATE length is refused at once in wasm (32-bit offsets must not wrap)', async () => {
  const name = 'pe-hostile-wcert-length.exe';
  const bytes = new Uint8Array(await readFile(signed(name)));
  const started = Date.now();
  const report = await check([{ name, bytes }], { lang: 'en' });
  assert.ok(Date.now() - started < 5000);
  assert.equal(report.signatures[0].status, 'unreadable');
  assert.match(report.errors[0].message, /certificate table/);
});
