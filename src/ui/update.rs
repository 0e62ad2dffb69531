//! "A new version is available, reload": the page's service-worker script (in
//! `index.html`) marks `<html data-update="ready">` and fires `abkit-update` when a
//! newly deployed version has installed and waits; "Reload" fires
//! `abkit-apply-update`, and the script lets the new version take over and reloads.
//! The calculation survives the reload because it lives in the link.

use gloo::events::EventListener;
use yew::prelude::*;

use crate::ui::browser;
use crate::ui::lang::use_lang;

const READY_EVENT: &str = "abkit-update";
const APPLY_EVENT: &str = "abkit-apply-update";

fn update_waiting() -> bool {
    browser::document()
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("data-update"))
        .as_deref()
        == Some("ready")
}

#[component]
pub fn UpdateNotice() -> Html {
    let t = use_lang().lang.texts().keep();
    let waiting = use_state(update_waiting);
    let dismissed = use_state(|| false);
    {
        let waiting = waiting.clone();
        use_effect_with((), move |_| {
            let listener = browser::window()
                .map(|w| EventListener::new(&w, READY_EVENT, move |_| waiting.set(true)));
            move || drop(listener)
        });
    }
    if !*waiting || *dismissed {
        return html! {};
    }
    let reload = Callback::from(|_: MouseEvent| browser::announce(APPLY_EVENT));
    let dismiss = {
        let dismissed = dismissed.clone();
        Callback::from(move |_: MouseEvent| dismissed.set(true))
    };
    html! {
        <div class="update-notice" role="status" data-testid="update-notice">
            <span>{ t.update_ready }</span>
            <button type="button" data-testid="update-reload" onclick={reload}>{ t.update_reload }</button>
            <span class="update-keeps">{ t.update_keeps }</span>
            <button type="button" class="dismiss" aria-label={t.cancel} title={t.cancel} onclick={dismiss}>{ "×" }</button>
        </div>
    }
}
