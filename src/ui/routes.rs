//! The route table: every page of the app, the section (and so the first-visit
//! module, `src/bin/<section>.rs`) it belongs to, whether it is a calculator with a
//! worked example, and the heading the static frame paints for it. The router
//! (`Route`), the navigation, the module a build holds (`Pages`) and the shell's
//! words (`www/shell.json`, written from this table by `tests/shell_texts.rs`) all
//! read it; the build scripts and the browser tests read the table's copy in
//! `shell.json`, so a page is added here and nowhere else.

use yew_router::Routable;

use crate::i18n::Lang;

use super::Route;

/// A top-level part of the app: one entry in the navigation (except the home page)
/// and one first-visit module.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Section {
    Home,
    Design,
    Analyze,
    Roi,
    Funnel,
    Learn,
}

impl Section {
    /// Every section, in the order of the navigation.
    pub const ALL: [Section; 6] = [
        Section::Home,
        Section::Design,
        Section::Analyze,
        Section::Roi,
        Section::Funnel,
        Section::Learn,
    ];

    /// The module's name (`src/bin/<name>.rs`) and the first part of its routes
    /// (`#/learn/peeking` is learn's), which is how the loader picks the module.
    pub fn name(self) -> &'static str {
        match self {
            Section::Home => "home",
            Section::Design => "design",
            Section::Analyze => "analyze",
            Section::Roi => "roi",
            Section::Funnel => "funnel",
            Section::Learn => "learn",
        }
    }

    /// The route the navigation links the section to.
    pub fn route(self) -> Route {
        match self {
            Section::Home => Route::Home,
            Section::Design => Route::Design,
            Section::Analyze => Route::Analyze,
            Section::Roi => Route::Roi,
            Section::Funnel => Route::Funnel,
            Section::Learn => Route::Learn,
        }
    }

    /// The section's label in the top navigation; the home page is reached by the brand.
    pub fn nav_label(self, lang: Lang) -> Option<&'static str> {
        let t = lang.texts().app();
        match self {
            Section::Home => None,
            Section::Design => Some(t.nav_design),
            Section::Analyze => Some(t.nav_analyze),
            Section::Roi => Some(t.nav_roi),
            Section::Funnel => Some(t.nav_funnel),
            Section::Learn => Some(t.nav_learn),
        }
    }
}

/// One row of the route table.
#[derive(Clone, Copy)]
pub struct Page {
    pub route: Route,
    pub section: Section,
    /// A calculator: it answers in one sentence, copies its link, and its worked
    /// example is prerendered for a first visit (the simulators draw at random and
    /// are left out).
    pub calculator: bool,
}

impl Page {
    /// The route's path as the address shows it after `#` (`/learn/peeking`).
    pub fn path(&self) -> String {
        self.route.to_path()
    }

    /// The page's heading and lead, as the page renders them, for the static frame.
    ///
    /// A function beside the table rather than a field of it: the app reads the
    /// table at run time (the navigation), and a field would link every page's
    /// heading into every first-visit module.
    pub fn heading(&self, lang: Lang) -> (&'static str, &'static str) {
        let t = lang.texts();
        match self.route {
            Route::Home => (t.home().heading, t.home().intro),
            Route::Design => (t.design().heading, t.design().intro),
            Route::Analyze => (t.analyze().heading, t.analyze().intro),
            Route::Roi => (t.roi().heading, t.roi().intro),
            Route::Funnel => (t.funnel().heading, t.funnel().intro),
            Route::Learn => (t.learn().heading, t.learn().intro),
            Route::LearnCases => (t.learn().cases_heading, t.learn().cases_intro),
            Route::LearnExercises => (t.learn().exercises_heading, t.learn().exercises_intro),
            Route::LearnGlossary => (t.learn().glossary_heading, t.learn().glossary_intro),
            Route::LearnPeeking => (t.learn().peeking_heading, t.learn().peeking_intro),
            Route::LearnPower => (t.learn().power_heading, t.learn().power_intro),
            Route::NotFound => (t.app().not_found_title, t.app().not_found_body),
        }
    }
}

const fn page(route: Route, section: Section, calculator: bool) -> Page {
    Page {
        route,
        section,
        calculator,
    }
}

/// Every page of the app, the 404 page aside, in the order of the navigation (the
/// training room's pages in the order of its own navigation).
pub const PAGES: [Page; 11] = [
    page(Route::Home, Section::Home, false),
    page(Route::Design, Section::Design, true),
    page(Route::Analyze, Section::Analyze, true),
    page(Route::Roi, Section::Roi, true),
    page(Route::Funnel, Section::Funnel, true),
    page(Route::Learn, Section::Learn, false),
    page(Route::LearnCases, Section::Learn, false),
    page(Route::LearnExercises, Section::Learn, false),
    page(Route::LearnPeeking, Section::Learn, false),
    page(Route::LearnPower, Section::Learn, false),
    page(Route::LearnGlossary, Section::Learn, false),
];

/// The section a route belongs to; the 404 page is shown by every module, so it
/// counts as the home page's.
///
/// A `const fn`, so that a build's page switch decides at compile time which pages
/// it holds (`ui::in_build`).
pub const fn section_of(route: Route) -> Section {
    let mut rest: &[Page] = &PAGES;
    while let [page, others @ ..] = rest {
        // `==` is not available in a const fn; the routes carry no data.
        if page.route as u8 == route as u8 {
            return page.section;
        }
        rest = others;
    }
    Section::Home
}

/// The pages of one section, in the table's order.
pub fn pages_of(section: Section) -> impl Iterator<Item = &'static Page> {
    PAGES.iter().filter(move |p| p.section == section)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_but_the_404_has_one_row() {
        let mut listed: Vec<String> = PAGES.iter().map(Page::path).collect();
        listed.sort();
        let before = listed.len();
        listed.dedup();
        assert_eq!(listed.len(), before, "a route is listed twice");
        let mut routes: Vec<String> = Route::routes()
            .into_iter()
            .filter(|r| *r != "/404")
            .map(String::from)
            .collect();
        routes.sort();
        assert_eq!(listed, routes);
    }

    #[test]
    fn a_routes_first_part_names_its_section() {
        for p in PAGES {
            let path = p.path();
            let first = path.split('/').nth(1).filter(|s| !s.is_empty());
            assert_eq!(first.unwrap_or("home"), p.section.name(), "{path}");
        }
        for s in Section::ALL {
            assert_eq!(section_of(s.route()), s);
        }
    }

    #[test]
    fn the_training_rooms_navigation_names_each_of_its_pages() {
        for lang in [Lang::En, Lang::Zh] {
            let t = lang.texts().learn();
            assert_eq!(pages_of(Section::Learn).count(), t.nav.len());
            assert_eq!(pages_of(Section::Learn).count(), t.parts.len() + 1);
        }
    }
}
