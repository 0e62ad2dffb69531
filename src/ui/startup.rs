//! Start-up marks in the browser's performance timeline: `abkit:start` when the
//! compiled module begins to run, `abkit:settled` once the first page has rendered
//! and its effects have run (charts measured, language set). `scripts/bench-startup.mjs`
//! reads them with the navigation and resource timings and the moments the first
//! heading and the first result appear; development builds print the trace in the
//! console.

use crate::ui::browser;

pub const START: &str = "abkit:start";
pub const SETTLED: &str = "abkit:settled";

fn performance() -> Option<web_sys::Performance> {
    browser::window()?.performance()
}

pub fn mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}

/// Development builds: "startup (ms after navigation): HTML 9 · JS glue 21 · …"
/// (the first result is given as the settle time, an upper bound; the benchmark
/// watches the page for the exact moment).
#[cfg(debug_assertions)]
pub fn report() {
    use wasm_bindgen::JsValue;
    let Some(p) = performance() else {
        return;
    };
    let field = |entry: &JsValue, key: &str| {
        js_sys::Reflect::get(entry, &key.into())
            .ok()
            .and_then(|v| v.as_f64())
    };
    let name = |entry: &JsValue| {
        js_sys::Reflect::get(entry, &"name".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    let html = field(&p.get_entries_by_type("navigation").get(0), "responseEnd");
    let resources = p.get_entries_by_type("resource");
    let resource_end = |suffix: &str| {
        resources
            .iter()
            .find(|e| {
                let n = name(e);
                n.contains("/app-") && n.ends_with(suffix)
            })
            .and_then(|e| field(&e, "responseEnd"))
    };
    let mark_at = |m: &str| field(&p.get_entries_by_name(m).get(0), "startTime");
    // The first result is on screen when the page has settled, if not sooner.
    let first_result = browser::document()
        .and_then(|d| d.query_selector("main [data-value]").ok().flatten())
        .and_then(|_| mark_at(SETTLED));
    let steps = [
        ("HTML", html),
        ("JS glue", resource_end(".js")),
        ("wasm", resource_end(".wasm")),
        ("running", mark_at(START)),
        ("first result", first_result),
        ("settled", mark_at(SETTLED)),
    ];
    let text: Vec<String> = steps
        .iter()
        .map(|(k, v)| format!("{k} {}", v.map_or("?".into(), |v| format!("{v:.0}"))))
        .collect();
    gloo::console::log!(format!(
        "startup (ms after navigation): {}",
        text.join(" · ")
    ));
}
