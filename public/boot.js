// Starts the page. Trunk writes the generated file names of the user interface into
// <meta name="acs-check-wasm"> (Trunk.toml pattern_script) and scripts/dist-assets.py the engine's
// into <meta name="acs-check-engine">, so that no inline script is needed under the page's CSP.
//
// Embedded in an iframe (`?embed=1`, the widget's iframe mode), the page tells its parent its
// height and each result through postMessage, inside the browser, and only to the origin the widget
// named (`?parent=<origin>`): with none, or one that is not an origin, it tells nobody.
const ui = document.querySelector('meta[name="acs-check-wasm"]').dataset;
const engine = document.querySelector('meta[name="acs-check-engine"]').dataset;
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

let onReport;
if (embedded) {
  document.documentElement.classList.add('embedded');
  const parent = origin(params.get('parent'));
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
