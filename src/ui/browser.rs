//! The few direct browser calls, each failing quietly: a missing API must never
//! panic the page.

use wasm_bindgen::JsCast;

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn document() -> Option<web_sys::Document> {
    window()?.document()
}

pub fn element_by_id(id: &str) -> Option<web_sys::Element> {
    document()?.get_element_by_id(id)
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
    local_storage()?.get_item(key).ok().flatten()
}

pub fn storage_set(key: &str, value: &str) {
    if let Some(s) = local_storage() {
        // Private browsing or a full quota: the choice is simply not remembered.
        let _ = s.set_item(key, value);
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

pub fn set_document_language(tag: &str, title: &str) {
    if let Some(doc) = document() {
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", tag);
        }
        doc.set_title(title);
    }
}
