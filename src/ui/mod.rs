//! The Yew front end. Components parse, call `crate::model`, and render; nothing
//! here computes a statistic.

use yew::prelude::*;
use yew_router::prelude::*;

pub mod browser;
pub mod export;
pub mod hooks;
pub mod lang;
pub mod pages;
pub mod startup;
pub mod update;
pub mod widgets;

use lang::{use_lang, LangProvider};

#[derive(Clone, Copy, Routable, PartialEq, Eq, Debug)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/design")]
    Design,
    #[at("/analyze")]
    Analyze,
    #[at("/roi")]
    Roi,
    #[at("/funnel")]
    Funnel,
    #[at("/learn")]
    Learn,
    #[at("/learn/cases")]
    LearnCases,
    #[at("/learn/exercises")]
    LearnExercises,
    #[at("/learn/glossary")]
    LearnGlossary,
    #[at("/learn/peeking")]
    LearnPeeking,
    #[at("/learn/power")]
    LearnPower,
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// The top-level section a route belongs to, for the navigation.
    pub fn section(self) -> Route {
        match self {
            Route::LearnCases
            | Route::LearnExercises
            | Route::LearnGlossary
            | Route::LearnPeeking
            | Route::LearnPower => Route::Learn,
            other => other,
        }
    }
}

/// Installs the panic hook and mounts the app on `#app` (or `<body>`).
pub fn start() {
    startup::mark(startup::START);
    // A panic aborts the module; at least say why in the console.
    std::panic::set_hook(Box::new(|info| {
        gloo::console::error!(format!("panic: {info}"));
    }));
    match browser::element_by_id("app") {
        Some(root) => {
            // The static frame painted while the module loaded (www/shell.js) gives
            // way to the app, in the same task, so no frame is painted between.
            if root.has_attribute("data-shell") {
                root.set_inner_html("");
                let _ = root.remove_attribute("data-shell");
            }
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

#[component]
pub fn App() -> Html {
    html! {
        <HashRouter>
            <LangProvider>
                <Shell />
            </LangProvider>
        </HashRouter>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <pages::home::HomePage /> },
        Route::Design => html! { <pages::design::DesignPage /> },
        Route::Analyze => html! { <pages::analyze::AnalyzePage /> },
        Route::Roi => html! { <pages::roi::RoiPage /> },
        Route::Funnel => html! { <pages::funnel::FunnelPage /> },
        Route::Learn => html! { <pages::learn::LearnPage /> },
        Route::LearnCases => html! { <pages::learn::CasesPage /> },
        Route::LearnExercises => html! { <pages::learn::ExercisesPage /> },
        Route::LearnGlossary => html! { <pages::learn::GlossaryPage /> },
        Route::LearnPeeking => html! { <pages::learn::PeekingPage /> },
        Route::LearnPower => html! { <pages::learn::PowerPage /> },
        Route::NotFound => html! { <pages::not_found::NotFoundPage /> },
    }
}

#[component]
fn Shell() -> Html {
    let lang = use_lang();
    let t = &lang.lang.texts().app;
    let current = use_route::<Route>();
    // A link may name the section it is about (`focus=channels`): bring it into view
    // once the page has rendered.
    use_effect_with((), |_| {
        startup::mark(startup::SETTLED);
        #[cfg(debug_assertions)]
        startup::report();
    });
    let focus = use_location()
        .and_then(|l| crate::model::query::find(l.query_str().trim_start_matches('?'), "focus"));
    use_effect_with(focus, |focus| {
        if let Some(id) = focus {
            browser::scroll_to_id(id);
        }
    });
    let nav_items = [
        (Route::Design, t.nav_design),
        (Route::Analyze, t.nav_analyze),
        (Route::Roi, t.nav_roi),
        (Route::Funnel, t.nav_funnel),
        (Route::Learn, t.nav_learn),
    ];
    let switch_lang = {
        let set = lang.set.clone();
        let other = lang.lang.other();
        Callback::from(move |_| set.emit(other))
    };
    html! {
        <>
            <a class="skip" href="#main" onclick={Callback::from(|e: MouseEvent| {
                // The hash is the router's: focus the content instead of navigating.
                e.prevent_default();
                browser::focus_by_id("main");
            })}>{ t.skip_to_content }</a>
            <header class="top">
                <Link<Route> to={Route::Home} classes="brand">
                    <span class="brand-mark" aria-hidden="true">{"A/B"}</span>
                    <span class="brand-name">{ t.title }</span>
                </Link<Route>>
                <nav aria-label={t.nav_label}>
                    <ul>
                        { for nav_items.iter().map(|(route, label)| {
                            let active = current.map(Route::section) == Some(*route);
                            html! {
                                <li>
                                    <Link<Route> to={*route} classes={classes!(active.then_some("active"))}>
                                        <span aria-current={active.then_some("page")}>{ *label }</span>
                                    </Link<Route>>
                                </li>
                            }
                        }) }
                    </ul>
                </nav>
                <button type="button" class="lang-switch" data-testid="lang-switch"
                    lang={lang.lang.other().html_tag()}
                    aria-label={t.switch_lang_label} onclick={switch_lang}>
                    { t.switch_lang }
                </button>
            </header>
            <main id="main" tabindex="-1">
                <Switch<Route> render={switch} />
            </main>
            <footer class="bottom">
                <p>{ t.privacy }</p>
            </footer>
            <update::UpdateNotice />
        </>
    }
}
