// Starts the page. Trunk writes the generated file names of the user interface into
// <meta name="acs-check-wasm"> (Trunk.toml pattern_script) and scripts/dist-assets.py the engine's
// into <meta name="acs-check-engine">, so that no inline script is needed under the page's CSP.
//
// Embedded in an iframe (`?embed=1`, the widget's iframe mode), the page tells its parent its
// height and each result through postMessage.
const ui = document.querySelector('meta[name="acs-check-wasm"]').dataset;
const engine = document.querySelector('meta[name="acs-check-engine"]').dataset;
const url = (path) => new URL(path, document.baseURI).href;
const embedded = new URLSearchParams(location.search).has('embed') && window.parent !== window;

let onReport;
if (embedded) {
  document.documentElement.classList.add('embedded');
  const post = (message) => window.parent.postMessage(message, '*');
  onReport = (detail) => post({ type: 'acs-check:result', detail });
  new ResizeObserver(() => post({ type: 'acs-check:height', height: document.documentElement.scrollHeight }))
    .observe(document.body);
}

const app = await import(url(ui.js));
await app.default({ module_or_path: url(ui.wasm) });
app.start_page(url(engine.src), onReport);
