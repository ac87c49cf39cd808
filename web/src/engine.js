// The page's bridge to the checker engine (the JavaScript package pkg/): one module, loaded once
// from `url` (a content-hashed folder next to the page), shared by every face on the page.
let loading;
let loadedFrom;

export function engineLoad(url) {
  if (!loading || loadedFrom !== url) {
    loadedFrom = url;
    loading = (async () => {
      const engine = await import(url);
      await engine.load();
      return engine;
    })();
    loading.catch(() => { loading = undefined; });
  }
  return loading;
}

// Runs one check; resolves to the report as JSON text (the page parses it into its Rust types).
export async function engineCheck(url, inputs, options, onProgress) {
  const engine = await engineLoad(url);
  return JSON.stringify(await engine.check(inputs, options, onProgress));
}
