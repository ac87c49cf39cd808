// Starts the page. Trunk writes the generated file names of the user interface into
// <meta name="acs-check-wasm"> (Trunk.toml pattern_script) and scripts/dist-engine.py the engine's
// into <meta name="acs-check-engine">, so that no inline script is needed under the page's CSP.
const ui = document.querySelector('meta[name="acs-check-wasm"]').dataset;
const engine = document.querySelector('meta[name="acs-check-engine"]').dataset;
const url = (path) => new URL(path, document.baseURI).href;
const app = await import(url(ui.js));
await app.default({ module_or_path: url(ui.wasm) });
app.start_page(url(engine.src));
