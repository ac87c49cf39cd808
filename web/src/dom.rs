//! The few browser services the page uses: the clipboard, a download, printing, today's date.
//! Nothing here makes a network request.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Copies `text`: the asynchronous clipboard where the page may use it, else a selected textarea
/// and `execCommand("copy")` (pages served over plain http on a LAN have no `navigator.clipboard`).
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let nav = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&nav, &JsValue::from_str("clipboard")).is_ok_and(|c| !c.is_undefined());
    if has_clipboard && JsFuture::from(nav.clipboard().write_text(text)).await.is_ok() {
        return true;
    }
    copy_with_selection(text).is_some()
}

fn copy_with_selection(text: &str) -> Option<()> {
    let doc = web_sys::window()?.document()?;
    let area: web_sys::HtmlTextAreaElement = doc.create_element("textarea").ok()?.dyn_into().ok()?;
    area.set_value(text);
    area.set_attribute("readonly", "").ok()?;
    area.set_class_name("offscreen");
    let body = doc.body()?;
    body.append_child(&area).ok()?;
    area.select();
    let ok = doc.dyn_ref::<web_sys::HtmlDocument>()?.exec_command("copy").unwrap_or(false);
    area.remove();
    ok.then_some(())
}

/// Offers `text` as a file download (a blob URL: the data never leaves the browser).
pub fn download(name: &str, mime: &str, text: &str) -> Option<()> {
    let doc = web_sys::window()?.document()?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_class_name("offscreen");
    doc.body()?.append_child(&a).ok()?;
    a.click();
    a.remove();
    // Revoke after the browser has started the download.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = web_sys::window()?.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    Some(())
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// A parameter of the page's address (`?name=value`).
pub fn query(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// Today (UTC, `YYYY-MM-DD`) for the core's date-relative notes.
pub fn today() -> Option<String> {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    iso.get(..10).map(str::to_owned)
}

/// Moves keyboard focus to the element with `id`, looked up in `root` when the page is embedded
/// (a widget's shadow tree is not in the document) or in the document.
pub fn focus(root: Option<&web_sys::HtmlElement>, id: &str) {
    let found = match root {
        Some(r) => r.query_selector(&format!("#{id}")).ok().flatten(),
        None => web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)),
    };
    if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
