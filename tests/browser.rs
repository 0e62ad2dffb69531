//! Browser tests: the parts that need a real DOM (rendering, events, the URL,
//! localStorage), run in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]
// A failing test panics: that is how it reports.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

use abkit::ui::widgets::{ResultValue, ValueFormat};
use abkit::ui::{AllPages, App};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

fn storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage")
}

fn set_hash(hash: &str) {
    web_sys::window()
        .expect("window")
        .location()
        .set_hash(hash)
        .expect("set hash");
}

fn hash() -> String {
    web_sys::window()
        .expect("window")
        .location()
        .hash()
        .expect("hash")
}

fn stored_lang() -> Option<String> {
    storage().get_item("abkit.v1.lang").ok().flatten()
}

fn history_length() -> u32 {
    web_sys::window()
        .expect("window")
        .history()
        .expect("history")
        .length()
        .expect("length")
}

fn heading(root: &Element) -> Option<String> {
    find(root, "h1").text_content()
}

fn new_root() -> Element {
    let div = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

async fn render_app(hash: &str) -> Element {
    storage()
        .set_item("abkit.v1.lang", "en")
        .expect("store language");
    set_hash(hash);
    let root = new_root();
    yew::Renderer::<App<AllPages>>::with_root(root.clone()).render();
    settle().await;
    root
}

/// Lets Yew render and the router react to URL changes.
async fn settle() {
    for _ in 0..3 {
        yew::scheduler::flush().await;
        gloo::timers::future::TimeoutFuture::new(10).await;
    }
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("no element {selector}"))
}

fn data_value(root: &Element, testid: &str) -> Option<String> {
    find(root, &format!("[data-testid='{testid}']")).get_attribute("data-value")
}

async fn type_into(root: &Element, name: &str, text: &str) {
    let input: HtmlInputElement = find(root, &format!("input[name='{name}']"))
        .dyn_into()
        .expect("input");
    input.set_value(text);
    let event = web_sys::InputEvent::new("input").expect("event");
    input.dispatch_event(&event).expect("dispatch");
    settle().await;
}

#[wasm_bindgen_test]
async fn bad_input_shows_an_inline_error_and_keeps_the_page_working() {
    let root = render_app("#/roi?cost=1000,abc&gmv=5000&margin=20").await;
    let error = find(&root, "[data-testid='error-cost-1']");
    assert_eq!(error.text_content().as_deref(), Some("Not a number"));
    assert_eq!(data_value(&root, "roi"), None, "ROI must not claim a value");
    // Fixing the cost line brings the results back.
    let input: HtmlInputElement = find(&root, "input[name='cost'][data-line='1']")
        .dyn_into()
        .expect("input");
    input.set_value("500");
    input
        .dispatch_event(&web_sys::InputEvent::new("input").expect("event"))
        .expect("dispatch");
    settle().await;
    assert_eq!(data_value(&root, "cost-total").as_deref(), Some("1500"));
    assert!(root
        .query_selector("[data-testid='error-cost-1']")
        .expect("selector")
        .is_none());
}

#[wasm_bindgen_test]
async fn editing_a_field_updates_results_and_replaces_the_url() {
    let root = render_app("#/funnel?visitors=1000&rates=50,10&aov=100").await;
    assert_eq!(data_value(&root, "orders").as_deref(), Some("50"));
    let before = history_length();
    type_into(&root, "visitors", "2000").await;
    assert_eq!(data_value(&root, "orders").as_deref(), Some("100"));
    assert_eq!(data_value(&root, "gmv").as_deref(), Some("10000"));
    assert_eq!(hash(), "#/funnel?visitors=2000&rates=50,10&aov=100");
    let after = history_length();
    assert_eq!(
        after, before,
        "edits replace the history entry instead of adding one"
    );
}

#[wasm_bindgen_test]
async fn language_switch_translates_and_is_remembered() {
    let root = render_app("#/").await;
    assert_eq!(
        heading(&root).as_deref(),
        Some("Plan, check and explain experiments and campaigns")
    );
    let button: HtmlElement = find(&root, "[data-testid='lang-switch']")
        .dyn_into()
        .expect("button");
    button.click();
    settle().await;
    assert_eq!(
        heading(&root).as_deref(),
        Some("规划、检验、讲清楚你的实验和活动")
    );
    assert_eq!(stored_lang().as_deref(), Some("zh"));
    let html_lang = document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"));
    assert_eq!(html_lang.as_deref(), Some("zh-CN"));
    storage().set_item("abkit.v1.lang", "en").expect("reset");
}

#[wasm_bindgen_test]
async fn lang_in_the_link_overrides_the_stored_choice_without_storing_it() {
    let root = render_app("#/learn?lang=zh").await;
    assert_eq!(heading(&root).as_deref(), Some("培训室"));
    assert_eq!(stored_lang().as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn a_malformed_link_never_breaks_the_page() {
    let root = render_app("#/design?p=%ZZ&mde=-3&arms=99&metric=nonsense&alpha=&power=abc").await;
    assert!(root
        .query_selector("[data-testid='error-p']")
        .expect("selector")
        .is_some());
    assert!(root
        .query_selector("[data-testid='error-arms']")
        .expect("selector")
        .is_some());
    assert_eq!(data_value(&root, "n-control"), None);
    // The page still reacts.
    type_into(&root, "p", "5").await;
    assert!(root
        .query_selector("[data-testid='error-p']")
        .expect("selector")
        .is_none());
}

#[derive(Properties, PartialEq)]
struct OneResult {
    value: Option<f64>,
    format: ValueFormat,
}

#[component]
fn Harness(props: &OneResult) -> Html {
    html! { <ResultValue testid="x" label="X" value={props.value} format={props.format} /> }
}

#[wasm_bindgen_test]
async fn result_element_follows_the_contract() {
    let root = new_root();
    yew::Renderer::<Harness>::with_root_and_props(
        root.clone(),
        OneResult {
            value: Some(0.056),
            format: ValueFormat::Percent,
        },
    )
    .render();
    settle().await;
    let out = find(&root, "[data-testid='x']");
    assert_eq!(out.get_attribute("data-value").as_deref(), Some("0.056"));
    assert_eq!(out.text_content().as_deref(), Some("5.6%"));

    let empty = new_root();
    yew::Renderer::<Harness>::with_root_and_props(
        empty.clone(),
        OneResult {
            value: Some(f64::NAN),
            format: ValueFormat::Count,
        },
    )
    .render();
    settle().await;
    assert_eq!(
        find(&empty, "[data-testid='x']").get_attribute("data-value"),
        None
    );
}

/// The `viewBox` width of the first chart under `root`.
fn chart_units(root: &Element) -> f64 {
    let view_box = find(root, "figure.chart svg")
        .get_attribute("viewBox")
        .expect("viewBox");
    view_box
        .split(' ')
        .nth(2)
        .and_then(|w| w.parse().ok())
        .expect("a width in the viewBox")
}

#[wasm_bindgen_test]
async fn charts_draw_in_css_pixels_so_their_text_keeps_its_size() {
    let root = render_app("#/design?p=3&mde=18").await;
    let frame: HtmlElement = root.clone().dyn_into().expect("element");
    frame.style().set_property("width", "360px").expect("style");
    // The ResizeObserver reports after layout; give it a few frames.
    for _ in 0..5 {
        settle().await;
    }
    let figure = find(&root, "figure.chart");
    let box_px = f64::from(figure.client_width());
    assert!(box_px <= 360.0, "the chart fits its 360 px box: {box_px}");
    // At the default 16 px root font one unit is one CSS pixel.
    assert_eq!(chart_units(&root), box_px.round());
    frame.style().set_property("width", "900px").expect("style");
    for _ in 0..5 {
        settle().await;
    }
    let wide = f64::from(find(&root, "figure.chart").client_width());
    assert!(wide > box_px, "the box grew: {wide}");
    assert_eq!(
        chart_units(&root),
        wide.round(),
        "the chart redraws at the new width"
    );
}
