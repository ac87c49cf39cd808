// The embeddable widget: a mock FAQ article (public/embed-example.html) mounts the checker with one
// module script and one element; a check runs inside it; the host page hears the result; styles do
// not cross the shadow boundary; two faces on one page share one copy of the wasm; the iframe mode
// sizes itself, takes the element's options, and relays its results to the embedding page only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, openPage, fixture, screenshot } from './harness.mjs';

let server, b;
before(async () => { server = await serve(); b = await browser(); });
after(async () => { await b?.close(); await server?.close(); });

const results = (page, from) =>
  page.waitForFunction((id) => window.acsCheckResults?.find((r) => r.from === id), from, { timeout: 30000 })
    .then((h) => h.jsonValue());

test('the widget in a FAQ page: a check inside it, the acs-check:result event, no style leaks', async () => {
  const { page, context, errors, mainRequests } = await openPage(b, `${server.base}embed-example.html`);
  // Playwright's CSS selectors pierce open shadow roots.
  const input = page.locator('acs-check#checker #input');
  await input.waitFor();
  // The element says when its engine is ready (the host page's own <html> is left alone); the focus
  // of its paste area loads it.
  await input.focus();
  await page.waitForSelector('acs-check#checker .acs-check-root[data-engine="ready"]');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), undefined);
  await input.fill((await fixture('systeminfo/25-en-srv2019-rtm.txt')).toString('utf8'));
  const r = await results(page, 'checker');
  assert.equal(r.detail.summary.verdict, 'action_needed');
  assert.equal(r.detail.summary.hosts[0].build, 17763);
  assert.equal(r.detail.report.hosts[0].os.product, 'Windows Server 2019');
  assert.equal(r.detail.report.hosts[0].acs.required, 'KB5005625');
  assert.match(await page.locator('#result-line').innerText(), /action_needed/);
  const banner = page.locator('acs-check#checker [data-verdict]').first();
  assert.equal(await banner.getAttribute('data-verdict'), 'action_needed');
  assert.match(await page.locator('acs-check#checker .alert, acs-check#checker [data-where]').first().innerText(), /Azure Code Signing/);

  // Styles: the host page's serif headings stay serif and dark red; the widget keeps its own fonts.
  const style = await page.evaluate(() => {
    const hostH2 = getComputedStyle(document.querySelector('.faq h2'));
    const widget = document.querySelector('#checker').shadowRoot;
    const innerH2 = getComputedStyle(widget.querySelector('h2'));
    const innerP = getComputedStyle(widget.querySelector('p'));
    return { hostColor: hostH2.color, hostFont: hostH2.fontFamily, innerFont: innerH2.fontFamily, innerBorder: innerH2.borderBottomStyle, innerP: innerP.fontFamily };
  });
  assert.equal(style.hostColor, 'rgb(122, 31, 31)');
  assert.equal(style.hostFont, 'serif');
  assert.notEqual(style.innerFont, 'serif');
  assert.notEqual(style.innerP, 'serif');
  assert.equal(style.innerBorder, 'none', 'the host page\'s h2 border leaked into the widget');

  // One copy of the interface wasm and one of the engine for the page (the iframe is its own page).
  const wasm = mainRequests.filter((u) => u.endsWith('.wasm'));
  assert.equal(wasm.filter((u) => /acs-check-web-[0-9a-f]+_bg\.wasm$/.test(u)).length, 1, wasm.join('\n'));
  assert.equal(wasm.filter((u) => /acs_check_pkg_bg\.wasm$/.test(u)).length, 1, wasm.join('\n'));
  await screenshot(page, 'widget-faq-1280');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a second widget on the same page reuses the loaded module and engine', async () => {
  const { page, context, errors } = await openPage(b, `${server.base}embed-example.html`);
  await page.locator('acs-check#checker #input').fill('Microsoft Windows [Version 10.0.19045.2251]\n');
  await results(page, 'checker');
  await page.waitForLoadState('networkidle');
  const before = server.requests.filter((p) => p.endsWith('.wasm')).length;
  await page.evaluate(() => {
    const second = document.createElement('acs-check');
    second.id = 'second';
    second.setAttribute('lang', 'en');
    second.setAttribute('managed', 'yes');
    document.querySelector('.faq').append(second);
  });
  const input = page.locator('acs-check#second #input');
  await input.waitFor();
  await input.fill('Microsoft Windows [Version 10.0.17763.2183]\n');
  const r = await results(page, 'second');
  assert.equal(r.detail.report.lang, 'en');
  assert.deepEqual(r.detail.report.hosts[0].alerts.map((a) => a.where), ['console']);
  assert.equal(await page.locator('acs-check#second').getAttribute('lang'), 'en');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja', 'the widget changed the host page');
  assert.equal(server.requests.filter((p) => p.endsWith('.wasm')).length, before, 'a second copy of the wasm was fetched');
  assert.deepEqual(errors, []);
  await context.close();
});

test('iframe mode: the embedded page sizes itself and relays its results', async () => {
  const { page, context, errors } = await openPage(b, `${server.base}embed-example.html`);
  const frameElement = page.locator('acs-check#checker-frame iframe');
  await frameElement.waitFor();
  const frame = page.frameLocator('acs-check#checker-frame iframe');
  await frame.locator('#input').fill((await fixture('systeminfo/26-en-win81-u1.txt')).toString('utf8'));
  const r = await results(page, 'checker-frame');
  assert.equal(r.detail.summary.verdict, 'unsupported');
  // The frame follows its content's height (more than the 40rem it starts with, once a report shows).
  await page.waitForFunction(() => {
    const f = document.querySelector('#checker-frame').shadowRoot.querySelector('iframe');
    return parseFloat(f.style.height) > 700;
  });
  assert.deepEqual(errors, []);
  await context.close();
});

test('iframe mode follows the element\'s options: managed="yes" shows the alert in the console only', async () => {
  const { page, context, errors } = await openPage(b, `${server.base}embed-example.html`);
  await page.evaluate(() => {
    const frame = document.createElement('acs-check');
    frame.id = 'frame-managed';
    frame.setAttribute('mode', 'iframe');
    frame.setAttribute('lang', 'en');
    frame.setAttribute('managed', 'yes');
    document.querySelector('.faq').append(frame);
  });
  const src = new URL(await page.locator('acs-check#frame-managed iframe').getAttribute('src'));
  assert.equal(src.searchParams.get('managed'), 'yes');
  assert.equal(src.searchParams.get('parent'), new URL(server.base).origin);
  const frame = page.frameLocator('acs-check#frame-managed iframe');
  assert.equal(await frame.locator('#managed-yes').isChecked(), true);
  await frame.locator('#input').fill('Microsoft Windows [Version 10.0.17763.2183]\n');
  const r = await results(page, 'frame-managed');
  assert.equal(r.detail.report.managed, 'yes');
  assert.equal(r.detail.report.lang, 'en');
  assert.deepEqual(r.detail.report.hosts[0].alerts.map((a) => a.where), ['console']);
  assert.deepEqual(await frame.locator('.alert').evaluateAll((as) => as.map((a) => a.dataset.where)), ['console']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('iframe mode: the embedded page posts only to the origin the widget named, and nowhere without one', async () => {
  const { page, context, errors } = await openPage(b, `${server.base}embed-example.html`);
  const elsewhere = 'http://elsewhere.invalid';
  await page.evaluate((elsewhere) => {
    window.heard = [];
    window.addEventListener('message', (e) => {
      const from = [...document.querySelectorAll('iframe.probe')].find((f) => f.contentWindow === e.source);
      if (from) window.heard.push({ from: from.id, type: e.data?.type });
    });
    for (const [id, query] of [['no-parent', 'embed=1'], ['bad-parent', 'embed=1&parent=javascript:alert(1)'],
      ['other-parent', `embed=1&parent=${encodeURIComponent(elsewhere)}`], ['own-parent', `embed=1&parent=${encodeURIComponent(location.origin)}`]]) {
      const f = document.createElement('iframe');
      f.id = id;
      f.className = 'probe';
      f.src = `index.html?${query}`;
      document.body.append(f);
    }
  }, elsewhere);
  for (const id of ['no-parent', 'bad-parent', 'other-parent', 'own-parent']) {
    const frame = page.frameLocator(`iframe#${id}`);
    await frame.locator('#input').fill('Microsoft Windows [Version 10.0.17763.2183]\n');
    await frame.locator('article.host').waitFor();
  }
  // The frame addressed to this page's own origin is heard (results and height); no other.
  await page.waitForFunction(() => window.heard.some((m) => m.from === 'own-parent' && m.type === 'acs-check:result'));
  await page.waitForTimeout(300);
  const heard = await page.evaluate(() => window.heard);
  assert.deepEqual([...new Set(heard.map((m) => m.from))], ['own-parent'], JSON.stringify(heard));
  // Chromium reports the message it dropped for the other origin (the embedded page cannot know its
  // parent's origin; the browser enforces the one it names).
  const dropped = (e) => e.includes('postMessage') && e.includes(elsewhere);
  assert.deepEqual(errors.filter((e) => !dropped(e)), []);
  await context.close();
});

test('a widget that could not load says so, and a widget started later loads again', async () => {
  let refused = 0;
  const { page, context, errors } = await openPage(b, `${server.base}embed-example.html`, {
    ready: 'acs-check#checker',
    // The interface's wasm fails once, for the page's own widget (not the iframe's page).
    setup: (context) => context.route(/acs-check-web-[0-9a-f]+_bg\.wasm$/, (route) =>
      (route.request().frame().parentFrame() === null && refused++ === 0 ? route.abort() : route.continue())),
  });
  await page.waitForFunction(() => /could not start/.test(document.querySelector('#checker').shadowRoot?.textContent ?? ''));
  await page.evaluate(() => {
    const again = document.createElement('acs-check');
    again.id = 'again';
    again.setAttribute('lang', 'en');
    document.querySelector('.faq').append(again);
  });
  await page.locator('acs-check#again #input').fill('Microsoft Windows [Version 10.0.17763.2183]\n');
  const r = await results(page, 'again');
  assert.equal(r.detail.summary.verdict, 'action_needed');
  assert.equal(refused, 2);
  assert.deepEqual(errors.filter((e) => !/Failed to load resource|ERR_FAILED|Failed to fetch/.test(e)), []);
  await context.close();
});
