//! The presenter view for projectors: one case or exercise at a time in large type,
//! next and previous with the keyboard (arrows, Page Up / Page Down, which presenter
//! remotes send; Home and End for the first and last) and with buttons; Enter opens
//! the slide's folded conclusion; Esc leaves. A simulator is one slide: its settings
//! folded, a "run again" beside the exit. The place is in the link (`at=`), with
//! the language (`lang=`), so the link opens the same slide on the projector.

use gloo::events::{EventListener, EventListenerOptions};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::model::learn::{next_seed, position};
use crate::model::query::Values;
use crate::ui::browser;
use crate::ui::hooks::{QueryForm, LANG};
use crate::ui::lang::use_lang;

#[derive(Properties, PartialEq)]
pub struct PresenterProps {
    pub form: QueryForm,
    /// The `present` parameter of the page, and its `at` when it has several slides.
    pub present_param: &'static str,
    #[prop_or_default]
    pub at_param: Option<&'static str>,
    pub count: usize,
    /// The page's heading, kept small above the item.
    pub heading: &'static str,
    /// Buttons beside the navigation (a simulator's "run again").
    #[prop_or_default]
    pub actions: Html,
    pub children: Html,
}

/// The tag of the element a key press went to.
fn target_tag(e: &web_sys::KeyboardEvent) -> String {
    e.target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .map(|el| el.tag_name())
        .unwrap_or_default()
}

/// Whether a key press belongs to a field being typed in (and must not turn pages).
fn typing(e: &web_sys::KeyboardEvent) -> bool {
    matches!(target_tag(e).as_str(), "INPUT" | "TEXTAREA" | "SELECT")
}

/// Whether Enter already does something where it was pressed (a button, a link, a
/// conclusion's own summary).
fn enter_is_taken(e: &web_sys::KeyboardEvent) -> bool {
    matches!(target_tag(e).as_str(), "BUTTON" | "A" | "SUMMARY") || typing(e)
}

#[component]
pub fn Presenter(props: &PresenterProps) -> Html {
    let t = use_lang().lang.texts().learn();
    let at = props
        .at_param
        .map_or(0, |p| position(props.form.get(p), props.count));
    let go = {
        let set = props.form.set.clone();
        let (param, count) = (props.at_param, props.count);
        Callback::from(move |i: usize| {
            if let Some(param) = param.filter(|_| i < count) {
                set.emit((param, (i + 1).to_string()));
            }
        })
    };
    let leave = {
        let set = props.form.set.clone();
        let param = props.present_param;
        Callback::from(move |_: ()| set.emit((param, String::new())))
    };
    {
        let (go, leave, count) = (go.clone(), leave.clone(), props.count);
        // Both in the dependencies: End must reach the last slide of the list shown.
        use_effect_with((at, count), move |&(at, count)| {
            let listener = browser::document().map(|doc| {
                // Not passive: the arrow keys must not also scroll the page.
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&doc, "keydown", options, move |event| {
                    let Some(e) = wasm_bindgen::JsCast::dyn_ref::<web_sys::KeyboardEvent>(event)
                    else {
                        return;
                    };
                    if typing(e) && e.key() != "Escape" {
                        return;
                    }
                    match e.key().as_str() {
                        "ArrowRight" | "PageDown" => {
                            e.prevent_default();
                            go.emit(at + 1);
                        }
                        "ArrowLeft" | "PageUp" => {
                            e.prevent_default();
                            if at > 0 {
                                go.emit(at - 1);
                            }
                        }
                        "Home" => {
                            e.prevent_default();
                            go.emit(0);
                        }
                        "End" => {
                            e.prevent_default();
                            go.emit(count.saturating_sub(1));
                        }
                        "Enter" if !enter_is_taken(e) => {
                            e.prevent_default();
                            browser::open_first_folded("presenter");
                        }
                        "Escape" => leave.emit(()),
                        _ => {}
                    }
                })
            });
            move || drop(listener)
        });
    }
    // Focus the view so that screen readers start at the new item.
    use_effect_with(at, |_| browser::focus_by_id("presenter"));
    let prev = {
        let go = go.clone();
        Callback::from(move |_: MouseEvent| {
            if at > 0 {
                go.emit(at - 1)
            }
        })
    };
    let next = Callback::from(move |_: MouseEvent| go.emit(at + 1));
    let exit = leave.reform(|_: MouseEvent| ());
    // One slide (a simulator): no previous, next or position to show.
    let slides = props.count > 1;
    html! {
        <div class="presenter" id="presenter" data-testid="presenter" tabindex="-1" role="region" aria-roledescription="slide">
            <div class="presenter-bar">
                <h1 class="presenter-title">{ props.heading }</h1>
                if slides {
                    <button type="button" class="secondary" data-testid="presenter-prev" onclick={prev} disabled={at == 0}>{ "← " }{ t.previous }</button>
                    <span class="presenter-position" data-testid="presenter-position" aria-live="polite">
                        { t.position.fill([&(at + 1).to_string(), &props.count.to_string()]) }
                    </span>
                    <button type="button" class="secondary" data-testid="presenter-next" onclick={next} disabled={at + 1 >= props.count}>{ t.next }{ " →" }</button>
                }
                { props.actions.clone() }
                <button type="button" class="secondary" data-testid="presenter-exit" onclick={exit}>{ t.exit_present }</button>
            </div>
            <div class="presenter-body">{ props.children.clone() }</div>
            <p class="presenter-hint">{ if slides { t.keys_hint } else { t.sim_keys_hint } }</p>
        </div>
    }
}

/// The button that opens a page's presenter view in the language shown, at its first
/// slide when it has several (`at`).
pub fn present_button(
    form: &QueryForm,
    present: &'static str,
    at: Option<&'static str>,
    label: &'static str,
) -> Html {
    let set_many = form.set_many.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        let mut changes = vec![(present, "1".to_string()), (LANG, String::new())];
        if let Some(at) = at {
            changes.push((at, "1".to_string()));
        }
        set_many.emit(changes)
    });
    html! {
        <button type="button" class="secondary" data-testid="present" {onclick}>{ label }</button>
    }
}

/// What names a simulator's presenter view: its `present` and `seed` parameters,
/// its heading, and its kind for the stylesheet (`peeking`, `power`).
pub struct Simulator {
    pub present: &'static str,
    pub seed: &'static str,
    pub heading: &'static str,
    pub kind: &'static str,
}

/// A simulator in front of a class: one slide with its answer and charts (`body`),
/// its settings folded away (the run's size and seed left out), and "run again",
/// which moves the seed to the next one so the class sees new random tests and the
/// link still reopens exactly this run.
pub fn simulator_presenter(
    lang: Lang,
    form: &QueryForm,
    sim: Simulator,
    body: Html,
    settings: Html,
) -> Html {
    let t = lang.texts().learn();
    let seed = sim.seed;
    let (set, now) = (form.set.clone(), form.get(seed).to_string());
    let default = Values::defaults(form.values.params()).get(seed).to_string();
    let onclick = Callback::from(move |_: MouseEvent| set.emit((seed, next_seed(&now, &default))));
    let run_again = html! {
        <button type="button" class="run-again" data-testid="run-again" {onclick}>{ t.run_again }</button>
    };
    html! {
        <Presenter form={form.clone()} present_param={sim.present} heading={sim.heading} count={1} actions={run_again}>
            <div class={classes!("sim-present", sim.kind)}>
                { body }
                <details class="sim-settings"><summary>{ t.settings }</summary>{ settings }</details>
            </div>
        </Presenter>
    }
}
