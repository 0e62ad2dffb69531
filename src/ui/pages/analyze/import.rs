//! Filling the groups from a pasted table or a CSV of daily rows.

use std::rc::Rc;

use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::MAX_ARMS;
use crate::i18n::Lang;
use crate::model::analyze::cumulative::DailyLifts;
use crate::model::analyze::form::fill_from_table;
use crate::model::analyze::paste::{parse_arms, PasteVerdict};
use crate::model::analyze::table::{Column, Rejected};
use crate::ui::browser;
use crate::ui::hooks::QueryForm;
use crate::ui::lang::use_lang;

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    pub form: QueryForm,
    pub continuous: bool,
    pub daily: Option<DailyLifts>,
    pub on_csv: Callback<Rc<str>>,
}

/// What the last paste did: filled every group, or changed nothing and says why.
#[derive(Clone, PartialEq)]
struct PasteOutcome {
    verdict: PasteVerdict,
    filled: usize,
    rejected: Vec<Rejected>,
}

/// What the last paste did, in words: the groups it filled, or why it changed
/// nothing, and each line it could not read.
fn paste_result(lang: Lang, o: &PasteOutcome) -> Html {
    let texts = lang.texts();
    let t = texts.analyze();
    html! {
        <div class={classes!("import-result", (o.verdict != PasteVerdict::Fill).then_some("refused"))} data-testid="paste-result" aria-live="polite">
            <p>{ match o.verdict {
                PasteVerdict::Fill => t.paste_result.fill([&o.filled.to_string()]),
                PasteVerdict::BadLines(n) => t.paste_refused.fill([&n.to_string()]),
                PasteVerdict::Empty => t.paste_none.to_string(),
                PasteVerdict::OneGroup => t.paste_one.to_string(),
                PasteVerdict::TooMany(n) => t.paste_too_many.fill([&n.to_string()]),
            } }</p>
            <ul class="rejected">
                { for o.rejected.iter().map(|r| html! { <li>{ texts.rejected_line(r) }</li> }) }
            </ul>
        </div>
    }
}

#[component]
pub fn Import(props: &ImportProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.analyze();
    let text = use_state(String::new);
    let outcome = use_state(|| None::<PasteOutcome>);
    let file_failed = use_state(|| false);

    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                text.set(area.value());
            }
        })
    };
    let fill_groups = {
        let (text, outcome, form, continuous) = (
            text.clone(),
            outcome.clone(),
            props.form.clone(),
            props.continuous,
        );
        Callback::from(move |_: MouseEvent| {
            let table = parse_arms(&text, continuous);
            let verdict = table.verdict(MAX_ARMS);
            let arms = &table.arms;
            if verdict == PasteVerdict::Fill {
                form.set_many.emit(fill_from_table(arms, continuous));
            }
            outcome.set(Some(PasteOutcome {
                verdict,
                filled: arms.len(),
                rejected: table.rejected.clone(),
            }));
        })
    };
    let on_file = {
        let (on_csv, file_failed) = (props.on_csv.clone(), file_failed.clone());
        Callback::from(move |e: Event| {
            let Some(file) = browser::picked_file(&e) else {
                return;
            };
            let (on_csv, file_failed) = (on_csv.clone(), file_failed.clone());
            spawn_local(async move {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                let Some(text) = text else {
                    file_failed.set(true);
                    return;
                };
                file_failed.set(false);
                on_csv.emit(Rc::from(text));
            });
        })
    };

    html! {
        <>
            <details class="import" open={outcome.is_some()}>
                <summary>{ t.paste_heading }</summary>
                <p class="field-hint">{ t.paste_hint }</p>
                <textarea name="paste" rows="5" aria-label={t.paste_heading} value={(*text).clone()} oninput={on_text}
                    placeholder={format!("{}\t{}\t{}\n{}\t10,000\t500\n{}\t10,000\t560",
                        texts.column_name(Column::Name), texts.column_name(Column::Visitors), texts.column_name(Column::Conversions),
                        super::arm_name::<&str>(texts.analyze(), &[], 0), super::arm_name::<&str>(texts.analyze(), &[], 1))} />
                <button type="button" class="secondary" data-testid="paste-fill" onclick={fill_groups}>{ t.paste_button }</button>
                if let Some(o) = &*outcome {
                    { paste_result(lang, o) }
                }
            </details>
            if !props.continuous {
                <details class="import" open={props.daily.is_some()}>
                    <summary>{ t.daily_heading }</summary>
                    <p class="field-hint">{ t.daily_hint }</p>
                    <input type="file" name="daily_csv" accept=".csv,.txt,text/csv" onchange={on_file} aria-label={t.daily_heading} />
                    if *file_failed {
                        <p class="field-error">{ t.file_error }</p>
                    }
                    if let Some(d) = &props.daily {
                        <div class="import-result" data-testid="daily-result" aria-live="polite">
                            <p>{ t.daily_result.fill([&d.daily.rows.to_string(), &d.cumulative.first().map_or(0, Vec::len).to_string(), &d.daily.arms.len().to_string()]) }</p>
                            if d.daily.arms.len() > MAX_ARMS {
                                <p class="field-error">{ t.too_many_arms.fill([&d.daily.arms.len().to_string()]) }</p>
                            }
                            <ul class="rejected">
                                { for d.daily.rejected.iter().map(|r| html! { <li>{ texts.rejected_line(r) }</li> }) }
                            </ul>
                        </div>
                    }
                </details>
            }
        </>
    }
}
