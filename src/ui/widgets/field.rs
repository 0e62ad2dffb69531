//! Input fields bound to a query parameter. They hold the raw text, so what the user
//! typed is never lost; the page parses it and passes back a localized error.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::ui::hooks::QueryForm;

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub form: QueryForm,
    /// The query parameter, also the input's `name`.
    pub name: &'static str,
    pub label: AttrValue,
    /// Shown after the input, e.g. `%`.
    #[prop_or_default]
    pub unit: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// The localized reason the current text is not acceptable.
    #[prop_or_default]
    pub error: Option<String>,
    /// `decimal` brings up a number pad on phones; `text` for lists.
    #[prop_or(AttrValue::Static("decimal"))]
    pub inputmode: AttrValue,
}

#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let id = format!("f-{}", props.name);
    let err_id = format!("{id}-err");
    let hint_id = format!("{id}-hint");
    let oninput = {
        let set = props.form.set.clone();
        let name = props.name;
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                set.emit((name, input.value()));
            }
        })
    };
    let described = match (&props.error, &props.hint) {
        (Some(_), _) => Some(err_id.clone()),
        (None, Some(_)) => Some(hint_id.clone()),
        _ => None,
    };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            <div class="input-wrap">
                <input id={id} name={props.name} type="text" autocomplete="off" spellcheck="false"
                    inputmode={props.inputmode.clone()}
                    value={props.form.get(props.name).to_string()}
                    aria-invalid={props.error.is_some().then_some("true")}
                    aria-describedby={described}
                    {oninput} />
                if let Some(unit) = &props.unit {
                    <span class="unit" aria-hidden="true">{ unit.clone() }</span>
                }
            </div>
            if let Some(err) = &props.error {
                <p class="field-error" id={err_id} data-testid={format!("error-{}", props.name)}>{ err.clone() }</p>
            } else if let Some(hint) = &props.hint {
                <p class="field-hint" id={hint_id}>{ hint.clone() }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChoiceFieldProps {
    pub form: QueryForm,
    pub name: &'static str,
    pub label: AttrValue,
    /// `(value in the URL, localized label)`.
    pub options: Vec<(&'static str, AttrValue)>,
    #[prop_or_default]
    pub error: Option<String>,
}

/// A `<select>`; a value from a link that is not one of the options is shown as
/// selected-nothing with the error, and the page falls back to the default.
#[component]
pub fn ChoiceField(props: &ChoiceFieldProps) -> Html {
    let id = format!("f-{}", props.name);
    let current = props.form.get(props.name).to_string();
    let onchange = {
        let set = props.form.set.clone();
        let name = props.name;
        Callback::from(move |e: Event| {
            if let Some(select) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
            {
                set.emit((name, select.value()));
            }
        })
    };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            <select id={id} name={props.name} {onchange}>
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={*value} selected={current == *value}>{ label.clone() }</option>
                }) }
            </select>
            if let Some(err) = &props.error {
                <p class="field-error" data-testid={format!("error-{}", props.name)}>{ err.clone() }</p>
            }
        </div>
    }
}

/// The localized message for a parse result, or `None` when it parsed.
pub fn input_error<T>(
    errors: &crate::i18n::ErrorTexts,
    r: &Result<T, crate::model::input::InputError>,
) -> Option<String> {
    r.as_ref().err().map(|e| errors.input_error(e))
}

/// The localized message for a list parse result.
pub fn list_error<T>(
    errors: &crate::i18n::ErrorTexts,
    r: &Result<T, crate::model::input::ListError>,
) -> Option<String> {
    r.as_ref().err().map(|e| errors.list_error(e))
}
