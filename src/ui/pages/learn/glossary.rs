//! `#/learn/glossary`: every term with its meaning, formula, a worked number and a
//! link to the tool that computes it; the core formulas; a filter.

use yew::prelude::*;

use super::cases::tool_name;
use super::learn_nav;
use crate::i18n::GlossaryEntry;
use crate::model::learn::cases::Tool;
use crate::ui::lang::use_lang;
use crate::ui::Route;

/// The tool (and its section) that computes each glossary entry, in the tables' order.
const TOOLS: [Option<(Tool, &str)>; 46] = [
    Some((Tool::Funnel, "")),
    Some((Tool::Funnel, "")),
    Some((Tool::Analyze, "")),
    Some((Tool::Funnel, "")),
    Some((Tool::Funnel, "")),
    Some((Tool::Roi, "")),
    Some((Tool::Roi, "")),
    Some((Tool::Roi, "")),
    Some((Tool::Roi, "customer")),
    Some((Tool::Roi, "customer")),
    None,
    Some((Tool::Roi, "customer")),
    None,
    Some((Tool::Roi, "customer")),
    None,
    None,
    None,
    Some((Tool::Roi, "channels")),
    Some((Tool::Roi, "")),
    Some((Tool::Funnel, "decomposition")),
    Some((Tool::Funnel, "decomposition")),
    None,
    Some((Tool::Funnel, "")),
    None,
    None,
    None,
    None,
    None,
    Some((Tool::Design, "")),
    Some((Tool::Analyze, "")),
    Some((Tool::Design, "")),
    Some((Tool::Power, "")),
    Some((Tool::Design, "")),
    Some((Tool::Analyze, "")),
    Some((Tool::Peeking, "")),
    // Marketing share and refund rate: the ROI page's money terms.
    Some((Tool::Roi, "terms")),
    Some((Tool::Roi, "terms")),
    Some((Tool::Analyze, "")),
    // Test sensitivity, false-positive risk, exaggeration: the running test's table.
    Some((Tool::Analyze, "running")),
    Some((Tool::Analyze, "running")),
    Some((Tool::Analyze, "running")),
    // Ratio metrics and their unit: the significance page; CUPED: the design page's factor.
    Some((Tool::Analyze, "")),
    Some((Tool::Analyze, "")),
    Some((Tool::Design, "")),
    // Guardrails and the decision rule: the significance page.
    Some((Tool::Analyze, "")),
    Some((Tool::Analyze, "")),
];

/// Case-insensitive match on any of the entry's text. ASCII case only: the entries
/// are English and Chinese, and Unicode's case tables would cost every module that
/// folds case several kilobytes.
fn matches(entry: &GlossaryEntry, filter: &str) -> bool {
    let f = filter.trim().to_ascii_lowercase();
    f.is_empty()
        || [entry.term, entry.meaning, entry.formula, entry.example]
            .iter()
            .any(|s| s.to_ascii_lowercase().contains(&f))
}

#[component]
pub fn GlossaryPage() -> Html {
    let lang = use_lang().lang;
    let t = lang.texts().learn();
    let filter = use_state(String::new);
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                filter.set(input.value());
            }
        })
    };
    let colon = lang.colon();
    let shown: Vec<(&GlossaryEntry, Option<(Tool, &str)>)> = t
        .glossary
        .iter()
        .zip(TOOLS.iter())
        .filter(|(entry, _)| matches(entry, &filter))
        .map(|(entry, tool)| (entry, *tool))
        .collect();
    html! {
        <div class="page learn glossary-page">
            <h1>{ t.glossary_heading }</h1>
            { learn_nav(lang, Route::LearnGlossary) }
            <p class="lead">{ t.glossary_intro }</p>
            <section>
                <h2>{ t.formulas_heading }</h2>
                <dl class="formulas">
                    { for t.formulas.iter().map(|f| html! {
                        <div class="formula"><dt>{ f.term }</dt><dd><code>{ f.meaning }</code></dd></div>
                    }) }
                </dl>
            </section>
            <section>
                <div class="field filter">
                    <label for="glossary-filter">{ t.filter_label }</label>
                    <input id="glossary-filter" type="search" placeholder={t.filter_placeholder}
                        value={(*filter).clone()} {oninput} />
                </div>
                if shown.is_empty() {
                    <p class="empty">{ t.no_match }</p>
                } else {
                    <dl class="glossary" data-testid="glossary">
                        { for shown.iter().map(|(entry, tool)| html! {
                            <div class="term">
                                <dt>{ entry.term }</dt>
                                <dd>
                                    <p>{ entry.meaning }</p>
                                    <p class="term-formula"><span class="term-label">{ t.formula_label }{ colon }</span><code>{ entry.formula }</code></p>
                                    <p class="term-example"><span class="term-label">{ t.example_label }{ colon }</span>{ entry.example }</p>
                                    if let Some((tool, focus)) = tool {
                                        <p><a href={if focus.is_empty() { format!("#{}", tool.path()) } else { format!("#{}?focus={focus}", tool.path()) }}>
                                            { t.open_tool.fill([tool_name(lang, *tool)]) }
                                        </a></p>
                                    }
                                </dd>
                            </div>
                        }) }
                    </dl>
                }
            </section>
        </div>
    }
}
