// Shared harness for the browser end-to-end tests: the production web server (Caddy with
// deploy/Caddyfile, as scripts/serve.sh and a real deployment run it) on 127.0.0.1, whose access log
// gives every request that reached it, and Debian's Chromium driven by playwright-core (no browser
// download).
import { spawn } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { connect as tlsConnect } from 'node:tls';
import { readFileSync, existsSync } from 'node:fs';
import { readFile, mkdtemp, mkdir, rm } from 'node:fs/promises';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
export const DIST = process.env.ACS_DIST || join(ROOT, 'dist');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const ARTIFACTS = join(ROOT, 'tests', 'e2e', 'artifacts');

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const s = netServer();
  await new Promise((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address();
  await new Promise((ok) => s.close(ok));
  return port;
}

/**
 * Serves `dir` (a built dist/) with Caddy and deploy/Caddyfile on 127.0.0.1 (a free port); `tls`:
 * HTTPS with Caddy's local authority (browsers ask for brotli over HTTPS only). `requests` lists the
 * path of every request that reached the server, in order (from its access log).
 */
export async function serve(dir = DIST, { tls = false } = {}) {
  const port = await freePort();
  const home = await mkdtemp(join(tmpdir(), 'acs-caddy-'));
  const log = join(home, 'access.log');
  const base = `${tls ? 'https' : 'http'}://127.0.0.1:${port}/`;
  const env = {
    ...process.env,
    ACS_SITE: base.slice(0, -1),
    ACS_DIST: dir,
    ACS_TLS: tls ? 'tls internal' : '',
    ACS_LOG_OUTPUT: `file ${log}`,
    ACS_HTTP_PORT: String(tls ? await freePort() : 80),
    // Caddy's own files (its local authority, the autosaved configuration) stay in the temporary home.
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
  };
  const caddy = spawn('caddy', ['run', '--config', join(ROOT, 'deploy', 'Caddyfile'), '--adapter', 'caddyfile'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  caddy.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((ok) => caddy.on('exit', ok));
  for (let i = 0; ; i++) {
    if (caddy.exitCode !== null) throw new Error(`caddy exited: ${output}`);
    if (/serving initial configuration/.test(output)) break;
    if (i > 200) throw new Error(`caddy did not start: ${output}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return {
    base,
    port,
    /** With `tls`: the SHA-256 (base64) of the public keys of the server's certificate chain. */
    async spki() {
      const certificate = await new Promise((ok, fail) => {
        const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
          ok(socket.getPeerCertificate(true));
          socket.end();
        });
        socket.on('error', fail);
      });
      const hashes = [];
      for (let c = certificate; c && !hashes.includes(c.fingerprint256); c = c.issuerCertificate === c ? undefined : c.issuerCertificate) {
        const der = new X509Certificate(c.raw).publicKey.export({ type: 'spki', format: 'der' });
        hashes.push(createHash('sha256').update(der).digest('base64'));
        if (!c.issuerCertificate) break;
      }
      return hashes.join(',');
    },
    /** The path of every request that reached the server so far. */
    get requests() {
      return this.log().map((e) => e.path);
    },
    /** Every request so far: { path, size (response body bytes sent), encoding, status, end (ms since the epoch) }. */
    log() {
      if (!existsSync(log)) return [];
      return readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => {
        const e = JSON.parse(l);
        return {
          path: new URL(e.request.uri, base).pathname,
          size: e.size,
          encoding: e.resp_headers?.['Content-Encoding']?.[0] ?? '-',
          status: e.status,
          end: e.ts * 1000,
        };
      });
    },
    close: async () => {
      caddy.kill('SIGTERM');
      await exited;
      await rm(home, { recursive: true, force: true });
    },
  };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
};

/**
 * A plain static server with none of the production headers (no CSP, no frame-ancestors, no CORS), for
 * the tests that show what the page itself does when its host sends nothing; or, with `pages`
 * ({ '/path': html }), a site of another origin (an embedding page).
 */
export async function plainServer({ dir, pages = {} } = {}) {
  const { createServer } = await import('node:http');
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    if (pages[path] !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(pages[path]);
      return;
    }
    const file = dir && normalize(join(dir, decodeURIComponent(path === '/' ? '/index.html' : path)));
    if (!file || !file.startsWith(dir)) { res.writeHead(404).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, base: `${origin}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Debian's Chromium, headless, with its background networking off (this machine has no network). */
export async function browser({ trust } = {}) {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  // `trust`: a server of `serve(…, { tls: true })`, whose certificate the browser takes as valid (so
  // that it caches what it fetches from it, as from any valid HTTPS site).
  const extra = trust ? [`--ignore-certificate-errors-spki-list=${await trust.spki()}`] : [];
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extra],
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
export async function openPage(b, url, { viewport = { width: 1280, height: 900 }, locale = 'ja-JP', bypassCSP = false, permissions = [], setup, ready = '#input', ignoreHTTPSErrors = false } = {}) {
  const context = await b.newContext({ viewport, locale, bypassCSP, acceptDownloads: true, ignoreHTTPSErrors });
  if (permissions.length) await context.grantPermissions(permissions, { origin: new URL(url).origin });
  await context.addInitScript(traceWorkers);
  if (setup) await setup(context);
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  const mainRequests = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('request', (r) => {
    requests.push(r.url());
    let frame;
    try {
      frame = r.frame();
    } catch {
      frame = undefined; // a worker's request
    }
    if (frame === undefined || frame === page.mainFrame()) mainRequests.push(r.url());
  });
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(url);
  await page.waitForSelector(ready);
  return { page, context, errors, requests, mainRequests };
}

/**
 * Runs in every page before its scripts (an init script): records the messages between the page and
 * its Web Workers in `window.__workers` ({ worker, dir: 'new' | 'in' | 'out' | 'end', role, type, id,
 * seq, state, phase, done, total, hasBlob }), so that tests can see what crossed, how often, and which
 * worker was ended. The page cannot tell (it uses the Worker API as usual).
 */
function traceWorkers() {
  const trace = (window.__workers = []);
  const Original = window.Worker;
  let count = 0;
  const brief = (m) => ({
    type: m?.type, role: m?.role, id: m?.id, seq: m?.seq, state: m?.state, phase: m?.phase,
    done: m?.done, total: m?.total, hasBlob: m?.blob instanceof Blob, ids: m?.ids, wasm: m?.wasm,
    modules: m?.modules ? Object.keys(m.modules).map((u) => u.split('/').at(-1)) : undefined,
  });
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      this.__n = ++count;
      trace.push({ worker: this.__n, dir: 'new' });
      this.addEventListener('message', (e) => trace.push({ worker: this.__n, dir: 'out', ...brief(e.data), role: this.__role }));
    }

    postMessage(message, transfer) {
      const role = message?.type === 'init' ? message.role : undefined;
      if (role) this.__role = role;
      trace.push({ worker: this.__n, dir: 'in', ...brief(message), role: role ?? this.__role });
      return super.postMessage(message, transfer);
    }

    terminate() {
      trace.push({ worker: this.__n, dir: 'end', role: this.__role });
      return super.terminate();
    }
  };
}

/** The messages between the page (its main frame) and its workers so far (see `traceWorkers`). */
export async function workerTrace(page) {
  return page.evaluate(() => structuredClone(window.__workers));
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
