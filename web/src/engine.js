// The page's bridge to the checker engine (the JavaScript package pkg/): one module, loaded once
// from `url` (a content-hashed folder next to the page), shared by every face on the page.
let loading;
let loadedFrom;

export function engineLoad(url) {
  if (!loading || loadedFrom !== url) {
    loadedFrom = url;
    const attempt = (async () => {
      const engine = await import(url);
      await engine.load();
      return engine;
    })();
    loading = attempt;
    // A failed load is not kept: the next check (or verification) tries again.
    attempt.catch(() => {
      if (loading === attempt) loading = undefined;
    });
  }
  return loading;
}

// Runs one check; resolves to the report as JSON text (the page parses it into its Rust types).
export async function engineCheck(url, inputs, options) {
  const engine = await engineLoad(url);
  return JSON.stringify(await engine.check(inputs, options));
}

// Verifies a large installer's signature through byte ranges (once per file); resolves to the result
// the page passes to later checks as `{ name, analysed }`. `onProgress({ hashed, total })` may throw
// to stop it (the file was removed).
export async function engineVerify(url, file, options, onProgress) {
  const engine = await engineLoad(url);
  return engine.verifyBlob(file, options, onProgress);
}
