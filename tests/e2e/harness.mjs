// Shared harness for the browser end-to-end tests: a static server on 127.0.0.1 that records every
// request, and Debian's Chromium driven by playwright-core (no browser download).
import { createServer } from 'node:http';
import { readFile, stat, mkdtemp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, extname, normalize, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
export const DIST = process.env.ACS_DIST || join(ROOT, 'dist');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const ARTIFACTS = join(ROOT, 'tests', 'e2e', 'artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8', '.png': 'image/png', '.ico': 'image/x-icon',
};

/** Serves `dir` on 127.0.0.1 (a free port). `requests` lists every path asked for, in order. */
export async function serve(dir = DIST) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    let path = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!path.startsWith(dir)) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}/`;
  return { base, requests, close: () => new Promise((ok) => server.close(ok)) };
}

/** Debian's Chromium, headless, with its background networking off (this machine has no network). */
export async function browser() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page that fails the test on any uncaught error or console error (a wasm panic shows as one).
 * The browser speaks Japanese unless `locale` says otherwise (the page follows navigator.languages).
 * `requests` lists every URL the page asks for, in order (page.on('request')); `mainRequests` those
 * of the top document only (not of iframes).
 * `bypassCSP` is only for the accessibility test, which must inject axe-core as an inline script.
 * `setup(context)` runs before the page opens (to route requests); `ready` is the selector waited for.
 */
export async function openPage(b, url, { viewport = { width: 1280, height: 900 }, locale = 'ja-JP', bypassCSP = false, permissions = [], setup, ready = '#input' } = {}) {
  const context = await b.newContext({ viewport, locale, bypassCSP, acceptDownloads: true });
  if (permissions.length) await context.grantPermissions(permissions, { origin: new URL(url).origin });
  if (setup) await setup(context);
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  const mainRequests = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('request', (r) => {
    requests.push(r.url());
    if (r.frame() === page.mainFrame()) mainRequests.push(r.url());
  });
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(url);
  await page.waitForSelector(ready);
  return { page, context, errors, requests, mainRequests };
}

/** The attributes and text of the n-th host result. */
export async function host(page, n = 0) {
  const h = page.locator('article.host').nth(n);
  await h.waitFor();
  return {
    verdict: await h.getAttribute('data-verdict'),
    acs: await h.getAttribute('data-acs-status'),
    root: await h.getAttribute('data-root-ca-status'),
    text: await h.innerText(),
    locator: h,
  };
}

/** Pastes text into the paste area (one input event, as a real paste). */
export async function paste(page, text) {
  await page.fill('#input', text);
}

/** Chooses files with the file picker: paths and/or { name, mimeType, buffer } objects. */
export async function upload(page, files) {
  const list = await Promise.all([files].flat().map(async (f) => (typeof f === 'string'
    ? { name: basename(f), mimeType: 'application/octet-stream', buffer: await readFile(f) }
    : f)));
  await page.setInputFiles('#file-input', list);
}

export async function fixture(rel) {
  return readFile(join(FIXTURES, rel));
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export { mkdtemp, tmpdir };
