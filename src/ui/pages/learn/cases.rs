//! `#/learn/cases`: the guided cases, each with a link that opens its tool with the
//! case's numbers; one at a time in the presenter view.

use yew::prelude::*;

use super::learn_nav;
use super::presenter::{present_button, Presenter};
use crate::i18n::{CaseText, Lang};
use crate::model::learn::cases::{find_case, Case, Tool, AT, CASES, PARAMS, PRESENT};
use crate::model::learn::{position, presenting};
use crate::model::query::encode_into;
use crate::ui::hooks::use_query_form;
use crate::ui::lang::use_lang;
use crate::ui::Route;

pub(super) fn tool_name(lang: Lang, tool: Tool) -> &'static str {
    let texts = lang.texts();
    let nav = |i: usize| texts.learn().nav.get(i).copied().unwrap_or("");
    match tool {
        Tool::Design => texts.app().nav_design,
        Tool::Analyze => texts.app().nav_analyze,
        Tool::Roi => texts.app().nav_roi,
        Tool::Funnel => texts.app().nav_funnel,
        Tool::Peeking => nav(3),
        Tool::Power => nav(4),
    }
}

/// The case's link into its tool: cost lines and stages named in the reader's
/// language, and `case=` for the banner that leads back.
pub fn case_href(lang: Lang, case: &Case) -> String {
    let mut href = format!("#{}?{}", case.tool.path(), case.query);
    if !case.stages.is_empty() {
        let defaults = lang.texts().common().default_stages;
        let names: Vec<&str> = case
            .stages
            .iter()
            .map(|&i| defaults.get(i).copied().unwrap_or(""))
            .collect();
        href.push_str("&stages=");
        encode_into(&mut href, &names.join(","));
    }
    if case.cost_labels {
        href.push_str("&cost_label=");
        let labels = lang
            .texts()
            .common()
            .preset_cost_labels
            .first()
            .copied()
            .unwrap_or("");
        encode_into(&mut href, labels);
    }
    if let Some(focus) = case.focus {
        href.push_str("&focus=");
        href.push_str(focus);
    }
    href.push_str("&case=");
    href.push_str(case.id);
    href
}

/// Above a tool opened from a guided case: the case's title and steps, and the way
/// back to it. A function, not a component (it often renders nothing).
pub fn case_banner(lang: Lang, id: &str) -> Html {
    let t = lang.texts().learn();
    let Some((i, case)) = find_case(id) else {
        return html! {};
    };
    let Some(text) = t.cases.get(i) else {
        return html! {};
    };
    let back = format!("#/learn/cases?focus=case-{}", case.id);
    html! {
        <aside class="case-banner" data-testid="case-banner" aria-label={t.case_label}>
            <details open=true>
                <summary><span class="case-banner-label">{ t.case_label }{ lang.colon() }</span>{ text.title }</summary>
                <ol class="steps">
                    { for text.steps.iter().map(|s| html! { <li>{ *s }</li> }) }
                </ol>
            </details>
            <a href={back} data-testid="back-to-case">{ t.back_to_case }</a>
        </aside>
    }
}

fn case_view(lang: Lang, case: &Case, text: &CaseText) -> Html {
    let t = lang.texts().learn();
    let colon = lang.colon();
    html! {
        // Keyed by the case: a new slide is a new element, so a conclusion opened on
        // one case does not stay open on the next.
        <article class="case" key={case.id} id={format!("case-{}", case.id)} data-testid={format!("case-{}", case.id)}>
            <h2>{ text.title }</h2>
            <p>{ text.situation }</p>
            <p class="question"><strong>{ t.question_label }{ colon }</strong>{ text.question }</p>
            <p><a class="button" href={case_href(lang, case)}>{ t.open_in.fill([tool_name(lang, case.tool)]) }</a></p>
            <h3>{ t.try_heading }</h3>
            <ol class="steps">
                { for text.steps.iter().map(|s| html! { <li>{ *s }</li> }) }
            </ol>
            <details class="lesson">
                <summary>{ t.lesson_label }</summary>
                <p>{ text.lesson }</p>
            </details>
        </article>
    }
}

#[component]
pub fn CasesPage() -> Html {
    let lang = use_lang().lang;
    let t = lang.texts().learn();
    let form = use_query_form(Route::LearnCases, PARAMS, "");
    let cases: Vec<(&Case, &CaseText)> = CASES.iter().zip(t.cases.iter()).collect();
    if presenting(form.get(PRESENT)) {
        let at = position(form.get(AT), cases.len());
        return html! {
            <Presenter form={form.clone()} present_param={PRESENT} at_param={Some(AT)} heading={t.cases_heading} count={cases.len()}>
                { for cases.get(at).map(|(c, text)| case_view(lang, c, text)) }
            </Presenter>
        };
    }
    html! {
        <div class="page learn cases">
            <h1>{ t.cases_heading }</h1>
            { learn_nav(lang, Route::LearnCases) }
            <p class="lead">{ t.cases_intro }</p>
            <p>{ present_button(&form, PRESENT, Some(AT), t.present) }</p>
            { for cases.iter().map(|(c, text)| case_view(lang, c, text)) }
        </div>
    }
}
