// acs-check widget: one module script and one element mount the whole checker in any page.
//
//   <script type="module" src="https://…/acs-check/widget.js"></script>
//   <acs-check lang="ja" managed="unknown"></acs-check>
//
// The checker renders inside the element's shadow root (its styles do not leak in or out) and sizes
// itself to its content. Each new report is announced on the element (bubbling to the document) as
// `acs-check:result` with `detail = { summary, report }`. For pages whose policies forbid loading
// scripts or WebAssembly from elsewhere, `mode="iframe"` embeds the page itself instead and relays
// its height and results through postMessage (addressed to this page's origin only). Everything runs
// in the browser: nothing is sent over the network.
//
// The checker runs in Web Workers (the page's main thread only draws); on another origin's page they
// start from a same-origin blob: module that imports the checker's worker script, so the host page's
// CSP needs `worker-src blob:` for the inline mode (README, "Embedding").
//
// This file is a template: scripts/dist-assets.py writes the generated (content-hashed) file names
// into dist/widget.js at build time. All widgets on a page share one interface module and the
// compiled engine (each has workers of its own, so one widget's long check never holds up another's).
const here = (path) => new URL(path, import.meta.url).href;
const UI_JS = here('__UI_JS__');
const UI_WASM = here('__UI_WASM__');
const ENGINE = here('__ENGINE__');
const STYLE = here('__STYLE__');
const PAGE = here('index.html');

let ui;
function loadUi() {
  if (!ui) {
    const attempt = import(UI_JS).then(async (module) => {
      await module.default({ module_or_path: UI_WASM });
      return module;
    });
    ui = attempt;
    // A failed load is not kept: a widget started later tries again.
    attempt.catch(() => {
      if (ui === attempt) ui = undefined;
    });
  }
  return ui;
}

function announce(element, detail) {
  element.dispatchEvent(new CustomEvent('acs-check:result', { detail, bubbles: true, composed: true }));
}

class AcsCheckElement extends HTMLElement {
  connectedCallback() {
    if (this.started) return;
    this.started = true;
    if (this.getAttribute('mode') === 'iframe') this.startFrame();
    else this.startInline().catch((e) => this.fail(e));
  }

  async startInline() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = STYLE;
    const mount = document.createElement('div');
    mount.className = 'acs-check-root';
    root.replaceChildren(style, mount);
    const module = await loadUi();
    module.mount(mount, ENGINE, this.getAttribute('lang'), this.getAttribute('managed'), (detail) => announce(this, detail));
  }

  startFrame() {
    const frame = document.createElement('iframe');
    const url = new URL(PAGE);
    url.searchParams.set('embed', '1');
    for (const name of ['lang', 'managed']) {
      if (this.hasAttribute(name)) url.searchParams.set(name, this.getAttribute(name));
    }
    // The embedded page posts its height and results to this origin only.
    url.searchParams.set('parent', location.origin);
    frame.src = url.href;
    frame.title = this.getAttribute('title') || 'Azure Code Signing 対応チェック (acs-check)';
    frame.style.cssText = 'display:block;width:100%;height:40rem;border:0;';
    window.addEventListener('message', (event) => {
      if (event.source !== frame.contentWindow || event.origin !== url.origin) return;
      const data = event.data || {};
      if (data.type === 'acs-check:height' && Number.isFinite(data.height)) frame.style.height = `${Math.ceil(data.height)}px`;
      if (data.type === 'acs-check:result') announce(this, data.detail);
    });
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.replaceChildren(frame);
  }

  fail(error) {
    const message = document.createElement('p');
    message.textContent = `acs-check could not start: ${error?.message ?? error}`;
    this.shadowRoot?.replaceChildren(message);
  }
}

if (!customElements.get('acs-check')) customElements.define('acs-check', AcsCheckElement);
