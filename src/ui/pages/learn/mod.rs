//! `#/learn`: the training room. An index that says what each part is for and in
//! what order a session might use them, and the parts on their own routes: guided
//! cases, exercises, the peeking and power simulators, the glossary.

mod cases;
mod exercises;
mod glossary;
mod peeking;
mod power;
mod presenter;

pub use cases::{case_banner, CasesPage};
pub use exercises::ExercisesPage;
pub use glossary::GlossaryPage;
pub use peeking::PeekingPage;
pub use power::PowerPage;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n::Lang;
use crate::ui::lang::use_lang;
use crate::ui::routes::{pages_of, Section};
use crate::ui::Route;

/// The training room's own navigation, under each of its headings.
fn learn_nav(lang: Lang, current: Route) -> Html {
    let t = lang.texts().learn();
    html! {
        <nav class="subnav" aria-label={t.nav_label}>
            { for pages_of(Section::Learn).zip(t.nav.iter()).map(|(page, label)| {
                let here = page.route == current;
                html! {
                    <Link<Route> to={page.route} classes={classes!("chip", here.then_some("active"))}>
                        <span aria-current={here.then_some("page")}>{ *label }</span>
                    </Link<Route>>
                }
            }) }
        </nav>
    }
}

#[component]
pub fn LearnPage() -> Html {
    let lang = use_lang().lang;
    let t = lang.texts().learn();
    html! {
        <div class="page learn">
            <h1>{ t.heading }</h1>
            { learn_nav(lang, Route::Learn) }
            <p class="lead">{ t.intro }</p>
            <section>
                <h2>{ t.parts_heading }</h2>
                <ul class="cards">
                    { for pages_of(Section::Learn).skip(1).zip(t.parts.iter()).map(|(page, part)| html! {
                        <li class="card">
                            <h3><Link<Route> to={page.route}>{ part.title }</Link<Route>></h3>
                            <p>{ part.body }</p>
                        </li>
                    }) }
                </ul>
            </section>
            <section>
                <h2>{ t.session_heading }</h2>
                <ol class="session">
                    { for t.session.iter().map(|s| html! { <li>{ *s }</li> }) }
                </ol>
            </section>
        </div>
    }
}
