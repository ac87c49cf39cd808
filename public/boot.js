// Starts the page. Trunk writes the generated file names of the user interface into
// <meta name="acs-check-wasm"> (Trunk.toml pattern_script) and scripts/dist-assets.py the checker's
// worker script into <meta name="acs-check-engine">, so that no inline script is needed under the
// page's CSP.
//
// Embedded in an iframe (`?embed=1`, the widget's iframe mode), the page tells its parent its height
// and each result through postMessage, inside the browser, and only when the parent is allowed: the
// origin the widget names (`?parent=<origin>`) must be the page's own or on the deployment's allow-list
// (<meta name="acs-check-embedders">, the same list the server sends as frame-ancestors), and, where
// the browser tells the real embedding origin (location.ancestorOrigins), be that origin. Otherwise
// the page tells nobody anything.
const ui = document.querySelector('meta[name="acs-check-wasm"]').dataset;
const engine = document.querySelector('meta[name="acs-check-engine"]').dataset;
const embedders = (document.querySelector('meta[name="acs-check-embedders"]')?.content ?? '').split(/\s+/).filter(Boolean);
const url = (path) => new URL(path, document.baseURI).href;
const params = new URLSearchParams(location.search);
const embedded = params.has('embed') && window.parent !== window;

/** `value` when it is exactly an http(s) origin (`https://host[:port]`), else undefined. */
function origin(value) {
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === value ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The origin the results may go to, or undefined. */
function allowedParent() {
  const parent = origin(params.get('parent'));
  if (!parent || (parent !== location.origin && !embedders.includes(parent))) return undefined;
  const real = location.ancestorOrigins;
  if (real && real.length > 0 && real[0] !== parent) return undefined;
  return parent;
}

let onReport;
if (embedded) {
  document.documentElement.classList.add('embedded');
  const parent = allowedParent();
  if (parent) {
    const post = (message) => window.parent.postMessage(message, parent);
    onReport = (detail) => post({ type: 'acs-check:result', detail });
    new ResizeObserver(() => post({ type: 'acs-check:height', height: document.documentElement.scrollHeight }))
      .observe(document.body);
  }
}

const app = await import(url(ui.js));
await app.default({ module_or_path: url(ui.wasm) });
app.start_page(url(engine.src), onReport);
