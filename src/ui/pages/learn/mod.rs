use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::Term;
use crate::ui::lang::use_texts;

/// Case-insensitive match on the term or its explanation.
fn matches(term: &Term, filter: &str) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty()
        || term.term.to_lowercase().contains(&f)
        || term.meaning.to_lowercase().contains(&f)
}

#[component]
pub fn LearnPage() -> Html {
    let t = &use_texts().learn;
    let filter = use_state(String::new);
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                filter.set(input.value());
            }
        })
    };
    let shown: Vec<&Term> = t
        .glossary
        .iter()
        .filter(|term| matches(term, &filter))
        .collect();
    html! {
        <div class="page learn">
            <h1>{ t.heading }</h1>
            <p class="lead">{ t.intro }</p>
            <section>
                <h2>{ t.formulas_heading }</h2>
                <dl class="formulas">
                    { for t.formulas.iter().map(|f| html! {
                        <div class="formula"><dt>{ f.term }</dt><dd><code>{ f.meaning }</code></dd></div>
                    }) }
                </dl>
            </section>
            <section>
                <h2>{ t.glossary_heading }</h2>
                <div class="field filter">
                    <label for="glossary-filter">{ t.filter_label }</label>
                    <input id="glossary-filter" type="search" placeholder={t.filter_placeholder}
                        value={(*filter).clone()} {oninput} />
                </div>
                if shown.is_empty() {
                    <p class="empty">{ t.no_match }</p>
                } else {
                    <dl class="glossary" data-testid="glossary">
                        { for shown.iter().map(|term| html! {
                            <div class="term"><dt>{ term.term }</dt><dd>{ term.meaning }</dd></div>
                        }) }
                    </dl>
                }
            </section>
        </div>
    }
}
