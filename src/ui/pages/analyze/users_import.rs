//! Per-user rows summed in the browser: a paste from a spreadsheet or a CSV file with
//! one row per randomized user, read by `model::analyze::users` and written into the
//! groups as sums. A table with a row per order is refused, naming repeated users.

use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::MAX_ARMS;
use crate::i18n::Lang;
use crate::model::analyze::form::fill_from_users;
use crate::model::analyze::users::{read_users, UserRows, UsersTable, UsersVerdict};
use crate::model::format;
use crate::ui::browser;
use crate::ui::hooks::QueryForm;
use crate::ui::lang::use_lang;

#[derive(Properties, PartialEq)]
pub struct UsersImportProps {
    pub form: QueryForm,
    pub rows: UserRows,
}

/// What the last rows did: filled the groups, or changed nothing and why.
fn outcome_view(lang: Lang, table: &UsersTable) -> Html {
    let texts = lang.texts();
    let (t, p) = (texts.analyze(), texts.analyze_panels());
    let verdict = table.verdict(MAX_ARMS);
    let line = match verdict {
        UsersVerdict::Fill => p.users_filled.fill([
            &format::count(table.rows as f64),
            &table.groups.len().to_string(),
        ]),
        UsersVerdict::Repeated(n) => p.users_repeated.fill([&format::count(n as f64)]),
        UsersVerdict::BadLines(n) => t.paste_refused.fill([&format::count(n as f64)]),
        UsersVerdict::Empty => t.paste_none.to_string(),
        UsersVerdict::OneGroup => t.paste_one.to_string(),
        UsersVerdict::TooMany(n) => t.paste_too_many.fill([&n.to_string()]),
    };
    html! {
        <div class={classes!("import-result", (verdict != UsersVerdict::Fill).then_some("refused"))} data-testid="users-result" aria-live="polite">
            <p>{ line }</p>
            <ul class="rejected">
                { for table.repeated.iter().map(|r| {
                    let lines = r.lines.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
                    html! { <li>{ p.users_repeated_line.fill([&r.user, &lines]) }</li> }
                }) }
                { for table.rejected.iter().map(|r| html! { <li>{ texts.rejected_line(r) }</li> }) }
            </ul>
        </div>
    }
}

#[component]
pub fn UsersImport(props: &UsersImportProps) -> Html {
    let lang = use_lang().lang;
    let p = lang.texts().analyze_panels();
    let text = use_state(String::new);
    let outcome = use_state(|| None::<UsersTable>);
    let file_failed = use_state(|| false);
    // Reads the rows and, when every one is usable, writes the groups' sums.
    let sum_rows = {
        let (outcome, form, rows) = (outcome.clone(), props.form.clone(), props.rows);
        Callback::from(move |raw: String| {
            let table = read_users(&raw, rows);
            if table.verdict(MAX_ARMS) == UsersVerdict::Fill {
                form.set_many.emit(fill_from_users(&table, rows));
            }
            outcome.set(Some(table));
        })
    };
    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                text.set(area.value());
            }
        })
    };
    let on_click = {
        let (text, sum_rows) = (text.clone(), sum_rows.clone());
        Callback::from(move |_: MouseEvent| sum_rows.emit((*text).clone()))
    };
    let on_file = {
        let (sum_rows, file_failed) = (sum_rows.clone(), file_failed.clone());
        Callback::from(move |e: Event| {
            let Some(file) = browser::picked_file(&e) else {
                return;
            };
            let (sum_rows, file_failed) = (sum_rows.clone(), file_failed.clone());
            // The file's bytes straight into the module: reading it as text would
            // decode 10^6 rows into a JavaScript string and encode them back.
            spawn_local(async move {
                let bytes = JsFuture::from(file.array_buffer())
                    .await
                    .ok()
                    .map(|b| js_sys::Uint8Array::new(&b).to_vec());
                let text = bytes.and_then(|b| String::from_utf8(b).ok());
                file_failed.set(text.is_none());
                if let Some(text) = text {
                    sum_rows.emit(text);
                }
            });
        })
    };
    let (hint, placeholder) = match props.rows {
        UserRows::Ratio => (p.users_hint_ratio, p.users_example_ratio),
        UserRows::Value => (p.users_hint_value, p.users_example_value),
    };
    html! {
        <details class="import" open={outcome.is_some()} data-testid="users-import">
            <summary>{ p.users_heading }</summary>
            <p class="field-hint">{ hint }</p>
            <textarea name="users" rows="5" aria-label={p.users_heading} value={(*text).clone()} oninput={on_text} placeholder={placeholder} />
            <button type="button" class="secondary" data-testid="users-fill" onclick={on_click}>{ p.users_button }</button>
            <label class="file-pick">
                { p.users_file }
                <input type="file" name="users_csv" accept=".csv,.txt,text/csv" onchange={on_file} />
            </label>
            if *file_failed {
                <p class="field-error" data-testid="users-file-error">{ p.users_not_utf8 }</p>
            }
            if let Some(table) = &*outcome {
                { outcome_view(lang, table) }
            }
        </details>
    }
}
