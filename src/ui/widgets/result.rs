//! A result as the link contract defines it: `data-testid`, `data-value` with the
//! full-precision number (fractions, not percent), and human text in the current language.

use yew::prelude::*;

use crate::model::format;
use crate::ui::lang::use_lang;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ValueFormat {
    /// A whole count: `31,231`.
    Count,
    /// A fraction shown as percent with 3 significant digits.
    Percent,
    /// A fraction shown as a signed percent (lifts).
    SignedPercent,
    /// A difference of two rates (fractions) in signed percentage points: `+0.6 pp`.
    SignedPoints,
    /// The same without its unit, where the unit is written once for several: `+0.6`.
    SignedPointsNumber,
    /// A non-negative difference of rates in percentage points: `0.4 pp`.
    Points,
    /// Money in the language's usual form.
    Money,
    /// A change of money, with its sign.
    SignedMoney,
    /// A p-value.
    PValue,
    /// A plain number with 4 significant digits.
    Number,
    /// A difference of means, signed, 4 significant digits: `+8`, `−1.25`.
    SignedNumber,
    /// A ratio or a number of months, 3 significant digits: ROAS `5`, `8.33`.
    Ratio,
    /// Days, whole, with their unit: `7 天`, `7 days`.
    Days,
}

pub fn format_value(lang: crate::i18n::Lang, f: ValueFormat, x: f64) -> String {
    match f {
        ValueFormat::Count => format::count(x),
        ValueFormat::Days => format::days(x, lang.is_zh()),
        ValueFormat::Percent => format::pct(x, 3),
        ValueFormat::SignedPercent => format::signed_pct(x, 3),
        ValueFormat::Points => format!(
            "{} {}",
            format::sig(x * 100.0, 3),
            lang.texts().common().points_unit
        ),
        ValueFormat::SignedPoints => format!(
            "{} {}",
            format::signed_points(x),
            lang.texts().common().points_unit
        ),
        ValueFormat::SignedPointsNumber => format::signed_points(x),
        ValueFormat::Money => lang.money(x),
        ValueFormat::SignedMoney => format::signed_money(x, lang.is_zh()),
        ValueFormat::PValue => format::p_value(x),
        ValueFormat::Number => format::sig(x, 4),
        ValueFormat::SignedNumber => format::signed_sig(x, 4),
        ValueFormat::Ratio => format::sig(x, 3),
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultValueProps {
    pub testid: AttrValue,
    pub label: AttrValue,
    /// `None` when the inputs do not allow this result: no `data-value` is written.
    pub value: Option<f64>,
    pub format: ValueFormat,
    #[prop_or_default]
    pub note: Option<AttrValue>,
    /// The main result of a page is drawn larger.
    #[prop_or_default]
    pub primary: bool,
    /// The value of earlier inputs, shown while the current one is computed: its
    /// text stays, its `data-value` does not (it is not the current inputs' result).
    #[prop_or_default]
    pub stale: bool,
}

/// The one place a contract output is written (`ResultValue` uses it too): an
/// `<output>` with its `data-testid`, the `data-value` the link contract defines
/// (Rust's `{}` of the `f64`; absent when `value` is `None` or not finite) and the
/// `text` people read.
pub fn output(testid: impl Into<AttrValue>, value: Option<f64>, text: impl Into<Html>) -> Html {
    let data_value = value.filter(|x| x.is_finite()).map(format::contract_value);
    html! { <output data-testid={testid.into()} data-value={data_value}>{ text.into() }</output> }
}

#[component]
pub fn ResultValue(props: &ResultValueProps) -> Html {
    let lang = use_lang().lang;
    let (text, value) = match props.value {
        Some(x) if x.is_finite() => (
            format_value(lang, props.format, x),
            (!props.stale).then_some(x),
        ),
        _ => ("—".to_string(), None),
    };
    html! {
        <div class={classes!("result", props.primary.then_some("primary"))}>
            <span class="result-label">{ props.label.clone() }</span>
            { output(props.testid.clone(), value, text) }
            if let Some(note) = &props.note {
                <span class="result-note">{ note.clone() }</span>
            }
        </div>
    }
}
