// The production web server (deploy/Caddyfile, the configuration scripts/serve.sh runs and README
// "Hosting" documents) sends the headers the page relies on: the Content-Security-Policy as a header
// (with frame-ancestors), nosniff, no referrer, long immutable caching of the content-hashed files and
// none of the entry points, and the precompressed brotli or gzip files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, browser, openPage, paste, host, DIST } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

const IMMUTABLE = 'public, max-age=31536000, immutable';

function common(headers, what) {
  const csp = headers['content-security-policy'];
  assert.match(csp ?? '', /default-src 'none'; script-src 'self' 'wasm-unsafe-eval';.*frame-ancestors 'self'/, `${what}: ${csp}`);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(headers['x-content-type-options'], 'nosniff', what);
  assert.equal(headers['referrer-policy'], 'no-referrer', what);
}

test('in Chromium: every response of a check carries the headers; hashed files are immutable, entry points revalidated', async () => {
  const responses = [];
  const { page, context, errors } = await openPage(b, server.base, {
    setup: (c) => c.on('response', (r) => responses.push(r)),
  });
  await paste(page, 'Microsoft Windows [Version 10.0.17763.2183]\n');
  await host(page);
  const seen = await Promise.all(responses.map(async (r) => ({ path: new URL(r.url()).pathname, status: r.status(), headers: await r.allHeaders() })));
  assert.ok(seen.length >= 8, seen.map((r) => r.path).join(' '));
  for (const r of seen) {
    assert.equal(r.status, 200, r.path);
    common(r.headers, r.path);
    const hashed = /-[0-9a-f]{16}(_bg)?\.[a-z]+$|\/engine-[0-9a-f]{16}\//.test(r.path);
    assert.equal(r.headers['cache-control'], hashed ? IMMUTABLE : 'no-cache', r.path);
  }
  const paths = seen.map((r) => r.path);
  assert.ok(paths.includes('/'));
  assert.ok(paths.some((p) => /\/engine-[0-9a-f]{16}\/dist\/acs_check_pkg_bg\.wasm$/.test(p)), 'the engine worker\'s wasm');
  const wasm = seen.find((r) => r.path.endsWith('.wasm'));
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.match(wasm.headers['content-encoding'] ?? '', /^(br|gzip)$/, 'the wasm is sent compressed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('brotli or gzip as the client asks (made at build time), and the entry points and the server\'s own files', async () => {
  const index = await readFile(join(DIST, 'index.html'));
  // Node's fetch asks for gzip unless told otherwise (and decompresses).
  const get = (path, encoding = 'identity') => fetch(new URL(path, server.base), { headers: { 'accept-encoding': encoding } });
  const br = await get('/', 'br');
  assert.equal(br.headers.get('content-encoding'), 'br');
  assert.equal(br.headers.get('cache-control'), 'no-cache');
  assert.ok(Number(br.headers.get('content-length')) < index.length);
  const gz = await get('/', 'gzip');
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  const plain = await get('/index.html');
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.equal(Buffer.from(await plain.arrayBuffer()).compare(index), 0);
  const widget = await get('/widget.js', 'br');
  assert.equal(widget.headers.get('cache-control'), 'no-cache', 'widget.js keeps its name: never cached unrevalidated');
  assert.match(widget.headers.get('content-type'), /javascript/);
  common(Object.fromEntries(widget.headers), 'widget.js');
  // The example page frames the checker: it may frame its own origin.
  const example = await get('/embed-example.html');
  assert.match(example.headers.get('content-security-policy'), /frame-src 'self'; frame-ancestors 'self'/);
  // The allow-list's server configuration is not served.
  assert.equal((await get('/embedders.caddy')).status, 404);
});
