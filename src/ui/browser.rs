//! The few direct browser calls, each failing quietly: a missing API must never
//! panic the page.

use wasm_bindgen::JsCast;

/// The file a file input's change event picked, if any.
pub fn picked_file(e: &web_sys::Event) -> Option<web_sys::File> {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|i| i.files())
        .and_then(|files| files.get(0))
}

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn document() -> Option<web_sys::Document> {
    window()?.document()
}

pub fn element_by_id(id: &str) -> Option<web_sys::Element> {
    document()?.get_element_by_id(id)
}

/// Scrolls the element with this id to the top of the view, if there is one.
pub fn scroll_to_top() {
    if let Some(w) = window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

pub fn scroll_to_id(id: &str) {
    if let Some(el) = element_by_id(id) {
        el.scroll_into_view();
    }
}

/// Opens the first folded `<details>` inside the element `id` (a slide's conclusion).
pub fn open_first_folded(id: &str) {
    let folded = element_by_id(id)
        .and_then(|el| el.query_selector("details:not([open])").ok().flatten())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDetailsElement>().ok());
    if let Some(details) = folded {
        details.set_open(true);
    }
}

pub fn focus_by_id(id: &str) {
    if let Some(el) = element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

/// Keys are versioned so a later format can ignore old values.
pub fn storage_get(key: &str) -> Option<String> {
    storage_read(key).ok().flatten()
}

pub fn storage_set(key: &str, value: &str) {
    // Private browsing or a full quota: the choice is simply not remembered.
    let _ = storage_write(key, value);
}

/// Why the storage refused: it is switched off (settings, some private windows,
/// a sandboxed frame), or it is full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageError {
    Unavailable,
    Full,
}

/// Reading where the caller must tell "nothing stored" from "cannot store".
pub fn storage_read(key: &str) -> Result<Option<String>, StorageError> {
    local_storage()
        .ok_or(StorageError::Unavailable)?
        .get_item(key)
        .map_err(|_| StorageError::Unavailable)
}

pub fn storage_write(key: &str, value: &str) -> Result<(), StorageError> {
    let storage = local_storage().ok_or(StorageError::Unavailable)?;
    storage.set_item(key, value).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string());
        match name.as_deref() {
            Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") => StorageError::Full,
            _ => StorageError::Unavailable,
        }
    })
}

pub fn storage_remove(key: &str) {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(key);
    }
}

/// Milliseconds since 1970 by the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// `2026-12-01` in the reader's time zone.
pub fn local_date(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// `2026-12-01 18:40` in the reader's time zone.
pub fn local_date_time(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{} {:02}:{:02}",
        local_date(ms),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Offers `blob` as a download named `file_name`; false when the browser refused.
fn download_blob(blob: &web_sys::Blob, file_name: &str) -> bool {
    let run = || -> Option<()> {
        let url = web_sys::Url::create_object_url_with_blob(blob).ok()?;
        let clicked = download_url(&url, file_name);
        // The download has its own reference; the URL is not needed after the click.
        let _ = web_sys::Url::revoke_object_url(&url);
        clicked.then_some(())
    };
    run().is_some()
}

pub fn download_url(url: &str, file_name: &str) -> bool {
    let run = || -> Option<()> {
        let doc = document()?;
        let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(url);
        a.set_download(file_name);
        a.set_rel("noopener");
        let body = doc.body()?;
        body.append_child(&a).ok()?;
        a.click();
        a.remove();
        Some(())
    };
    run().is_some()
}

/// Offers `text` as a file of MIME type `mime` (UTF-8).
pub fn download_text(text: &str, mime: &str, file_name: &str) -> bool {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    match web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        Ok(blob) => download_blob(&blob, file_name),
        Err(_) => false,
    }
}

pub fn navigator_language() -> Option<String> {
    window()?.navigator().language()
}

/// The query part of the hash route, `#/design?p=5` → `p=5`.
pub fn hash_query() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|h| h.split_once('?').map(|(_, q)| q.to_string()))
        .unwrap_or_default()
}

/// Tells the page's own scripts (index.html) something happened: an event named
/// `name` on `window`.
pub fn announce(name: &str) {
    if let (Some(w), Ok(event)) = (window(), web_sys::Event::new(name)) {
        let _ = w.dispatch_event(&event);
    }
}

/// The property of `window` that carries a text from one module of the app to the
/// next when the loader swaps them (both run in the same window): a daily file
/// picked in a first-visit module that does not read such files.
const HANDED_OVER: &str = "abkitHandedOver";

/// Leaves `text` on `window` for the module that takes over.
pub fn hand_over(text: &str) {
    if let Some(w) = window() {
        let _ = js_sys::Reflect::set(&w, &HANDED_OVER.into(), &text.into());
    }
}

/// The text a previous module left, taken (so it is read once).
pub fn take_handed_over() -> Option<String> {
    let w = window()?;
    let text = js_sys::Reflect::get(&w, &HANDED_OVER.into())
        .ok()?
        .as_string();
    let _ = js_sys::Reflect::delete_property(&w, &HANDED_OVER.into());
    text
}

/// The `lang` of `<html>`, as the app or the static frame last set it.
pub fn document_language() -> Option<String> {
    document()?.document_element()?.get_attribute("lang")
}

pub fn set_document_language(tag: &str, title: &str) {
    if let Some(doc) = document() {
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", tag);
        }
        doc.set_title(title);
    }
}

/// An element's computed font size in CSS pixels (16 when it cannot be read).
pub fn font_px(el: &web_sys::Element) -> f64 {
    let parse = || -> Option<f64> {
        let style = window()?.get_computed_style(el).ok().flatten()?;
        let size = style.get_property_value("font-size").ok()?;
        size.trim().trim_end_matches("px").parse().ok()
    };
    parse().unwrap_or(16.0)
}

/// Reports an element's content width (CSS pixels) whenever it changes, until dropped.
pub struct WidthWatch {
    observer: web_sys::ResizeObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for WidthWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `on_width` with the element's width now and after every resize. `None` where
/// the browser has no ResizeObserver: the caller keeps its default width.
pub fn watch_width(el: &web_sys::Element, on_width: impl Fn(f64) + 'static) -> Option<WidthWatch> {
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
        move |entries: js_sys::Array| {
            let width = entries
                .get(0)
                .dyn_into::<web_sys::ResizeObserverEntry>()
                .ok()
                .map(|e| e.content_rect().width());
            if let Some(w) = width {
                on_width(w);
            }
        },
    );
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(el);
    Some(WidthWatch {
        observer,
        _callback: callback,
    })
}

/// Puts `text` on the clipboard; resolves to whether it worked (a page without
/// clipboard permission, or an old browser, says no instead of failing).
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = window() else {
        return false;
    };
    let clipboard = w.navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// The page's address, as a user would paste it.
pub fn current_href() -> Option<String> {
    window()?.location().href().ok()
}
