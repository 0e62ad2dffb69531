//! The Yew front end. Components parse, call `crate::model`, and render; nothing
//! here computes a statistic.

use yew::prelude::*;
use yew_router::prelude::*;

pub mod browser;
pub mod export;
pub mod hooks;
pub mod lang;
pub mod pages;
pub mod routes;
pub mod startup;
pub mod update;
pub mod widgets;

use lang::{use_lang, LangProvider};
use routes::{section_of, Section};

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

/// Which pages a build of the app holds. The full app (`AllPages`) has every page;
/// a first visit loads a lighter module holding only the section it opened (the
/// loader in `index.html` picks it by the route), so it downloads and compiles a
/// fraction of the code. The flags are constants: the pages a build leaves out are
/// never referenced, and the linker drops their code and their strings.
pub trait Pages: 'static {
    const HOME: bool = false;
    const DESIGN: bool = false;
    const ANALYZE: bool = false;
    const ROI: bool = false;
    const FUNNEL: bool = false;
    const LEARN: bool = false;
    /// Every panel of every page. A first-visit module leaves out the significance
    /// page's sequential-plan, always-valid and margin panels (the group-sequential
    /// recursion is most of their weight) and hands over to the full module when a link or
    /// a choice asks for them.
    const FULL: bool = false;
}

/// Every page: the module used once the service worker has cached it.
pub struct AllPages;
impl Pages for AllPages {
    const HOME: bool = true;
    const DESIGN: bool = true;
    const ANALYZE: bool = true;
    const ROI: bool = true;
    const FUNNEL: bool = true;
    const LEARN: bool = true;
    const FULL: bool = true;
}

pub struct HomeOnly;
impl Pages for HomeOnly {
    const HOME: bool = true;
}

pub struct DesignOnly;
impl Pages for DesignOnly {
    const DESIGN: bool = true;
}

pub struct AnalyzeOnly;
impl Pages for AnalyzeOnly {
    const ANALYZE: bool = true;
}

pub struct RoiOnly;
impl Pages for RoiOnly {
    const ROI: bool = true;
}

pub struct FunnelOnly;
impl Pages for FunnelOnly {
    const FUNNEL: bool = true;
}

pub struct LearnOnly;
impl Pages for LearnOnly {
    const LEARN: bool = true;
}

/// The running app, so that `stop` can take it down when the loader swaps modules.
type Teardown = Box<dyn FnOnce()>;
thread_local! {
    static RUNNING: std::cell::RefCell<Option<Teardown>> = const { std::cell::RefCell::new(None) };
}

/// Installs the panic hook and mounts the app with the pages `P` on `#app` (or `<body>`).
pub fn start<P: Pages>() {
    startup::mark(startup::START);
    // A panic aborts the module; at least say why in the console.
    std::panic::set_hook(Box::new(|info| {
        gloo::console::error!(format!("panic: {info}"));
    }));
    let handle = match browser::element_by_id("app") {
        Some(root) => {
            // The static frame painted while the module loaded (www/shell.js, with
            // the prerendered worked example when the link asks for it), or the last
            // picture of the module this one replaces, gives way to the app in
            // the same task, so no frame is painted between.
            if let Some(shown) = root.get_attribute("data-shell") {
                lang::remember_frame_language(&shown);
                root.set_inner_html("");
                let _ = root.remove_attribute("data-shell");
                let _ = root.remove_attribute("data-example");
            }
            yew::Renderer::<App<P>>::with_root(root).render()
        }
        None => yew::Renderer::<App<P>>::new().render(),
    };
    RUNNING.with(|r| *r.borrow_mut() = Some(Box::new(move || handle.destroy())));
}

/// Takes the app down for the module that holds the page the reader went to, and
/// leaves a still picture of it (marked `data-shell` with the language) on screen
/// until that module starts.
pub fn stop() {
    let Some(teardown) = RUNNING.with(|r| r.borrow_mut().take()) else {
        return;
    };
    let root = browser::element_by_id("app");
    let picture = root
        .as_ref()
        .and_then(|r| r.clone_node_with_deep(true).ok());
    let lang = browser::document_language();
    teardown();
    if let (Some(root), Some(picture)) = (root, picture) {
        let _ = root.replace_with_with_node_1(&picture);
        if let Some(picture) = browser::element_by_id("app") {
            let code = lang.as_deref().and_then(crate::i18n::Lang::from_code);
            let _ = picture.set_attribute("data-shell", code.map_or("en", |l| l.code()));
        }
    }
}

/// A module's entry: `main` starts the app with the pages `$pages`, and `stop` is
/// exported for the loader.
#[macro_export]
macro_rules! module {
    ($pages:ty) => {
        fn main() {
            $crate::ui::start::<$pages>();
        }

        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn stop() {
            $crate::ui::stop();
        }
    };
}

#[component]
pub fn App<P: Pages>() -> Html {
    html! {
        <HashRouter>
            <LangProvider>
                <Shell<P> />
            </LangProvider>
        </HashRouter>
    }
}

/// Whether a build with the pages `P` holds `route`, decided at compile time (the
/// `const` blocks below): a page a build leaves out is then never referenced, and
/// the linker drops it.
const fn in_build<P: Pages>(route: Route) -> bool {
    match routes::section_of(route) {
        Section::Home => P::HOME,
        Section::Design => P::DESIGN,
        Section::Analyze => P::ANALYZE,
        Section::Roi => P::ROI,
        Section::Funnel => P::FUNNEL,
        Section::Learn => P::LEARN,
    }
}

fn switch<P: Pages>(route: Route) -> Html {
    use Route as R;
    match route {
        R::Home if const { in_build::<P>(R::Home) } => html! { <pages::home::HomePage /> },
        R::Design if const { in_build::<P>(R::Design) } => html! { <pages::design::DesignPage /> },
        R::Analyze if const { in_build::<P>(R::Analyze) } => {
            html! { <pages::analyze::AnalyzePage<P> /> }
        }
        R::Roi if const { in_build::<P>(R::Roi) } => html! { <pages::roi::RoiPage /> },
        R::Funnel if const { in_build::<P>(R::Funnel) } => html! { <pages::funnel::FunnelPage /> },
        R::Learn if const { in_build::<P>(R::Learn) } => html! { <pages::learn::LearnPage /> },
        R::LearnCases if const { in_build::<P>(R::LearnCases) } => {
            html! { <pages::learn::CasesPage /> }
        }
        R::LearnExercises if const { in_build::<P>(R::LearnExercises) } => {
            html! { <pages::learn::ExercisesPage /> }
        }
        R::LearnGlossary if const { in_build::<P>(R::LearnGlossary) } => {
            html! { <pages::learn::GlossaryPage /> }
        }
        R::LearnPeeking if const { in_build::<P>(R::LearnPeeking) } => {
            html! { <pages::learn::PeekingPage /> }
        }
        R::LearnPower if const { in_build::<P>(R::LearnPower) } => {
            html! { <pages::learn::PowerPage /> }
        }
        R::NotFound => html! { <pages::not_found::NotFoundPage /> },
        // A page this module does not hold: the loader is fetching the one that does.
        _ => html! { <Elsewhere /> },
    }
}

/// The place of a page held by another module, while the loader (index.html,
/// told by the event `abkit-elsewhere`) brings in the module that holds it.
#[component]
pub fn Elsewhere() -> Html {
    let t = use_lang().lang.texts().app();
    use_effect_with((), |_| browser::announce("abkit-elsewhere"));
    html! {
        <div class="page">
            <p class="field-hint" role="status" data-testid="page-loading">{ t.loading }</p>
        </div>
    }
}

#[component]
fn Shell<P: Pages>() -> Html {
    let lang = use_lang();
    let t = lang.lang.texts().app();
    let current = use_route::<Route>();
    use_effect_with((), |_| {
        startup::mark(startup::SETTLED);
        #[cfg(debug_assertions)]
        startup::report();
    });
    // A new page starts at its top, or at the section a link names (`focus=channels`),
    // never where the reader had scrolled the page they left; edits within a page
    // change neither and do not scroll.
    let location = use_location();
    let query = location
        .as_ref()
        .map(|l| l.query_str().trim_start_matches('?'));
    let focus = query.and_then(|q| crate::model::query::find(q, "focus"));
    // The guided case a tool was opened from: its banner leads back. The training
    // room's texts are in the modules that hold the training room (the full one a
    // case's link opens in); a first visit to a tool's own module shows the tool alone.
    let case = query
        .and_then(|q| crate::model::query::find(q, crate::model::learn::cases::CASE_PARAM))
        .filter(|_| const { in_build::<P>(Route::Learn) })
        .filter(|_| current != Some(Route::LearnCases));
    use_effect_with((current, focus), |(_, focus)| match focus {
        Some(id) => browser::scroll_to_id(id),
        None => browser::scroll_to_top(),
    });
    let nav_items: Vec<(Section, &str)> = Section::ALL
        .iter()
        .filter_map(|s| Some((*s, s.nav_label(lang.lang)?)))
        .collect();
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
                        { for nav_items.iter().map(|(section, label)| {
                            let active = current.map(section_of) == Some(*section);
                            html! {
                                <li>
                                    <Link<Route> to={section.route()} classes={classes!(active.then_some("active"))}>
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
                if let Some(id) = &case {
                    { pages::learn::case_banner(lang.lang, id) }
                }
                <Switch<Route> render={switch::<P>} />
            </main>
            <footer class="bottom">
                <p>{ t.privacy }</p>
            </footer>
            <update::UpdateNotice />
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags<P: Pages>() -> [bool; 6] {
        Section::ALL.map(|s| in_build::<P>(s.route()))
    }

    #[test]
    fn each_first_visit_module_holds_its_own_section_only_and_the_full_app_all() {
        assert_eq!(flags::<AllPages>(), [true; 6]);
        let sections = [
            flags::<HomeOnly>(),
            flags::<DesignOnly>(),
            flags::<AnalyzeOnly>(),
            flags::<RoiOnly>(),
            flags::<FunnelOnly>(),
            flags::<LearnOnly>(),
        ];
        for (i, set) in sections.iter().enumerate() {
            for (j, has) in set.iter().enumerate() {
                assert_eq!(*has, i == j, "module {i}, section {j}");
            }
        }
    }
}
