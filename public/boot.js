// Starts the wasm app. Trunk writes the generated file names into <meta name="acs-check-wasm">
// (see Trunk.toml pattern_script), so that no inline script is needed under the page's CSP.
const meta = document.querySelector('meta[name="acs-check-wasm"]');
const { default: init } = await import(new URL(meta.dataset.js, document.baseURI).href);
await init({ module_or_path: new URL(meta.dataset.wasm, document.baseURI).href });
