//! The current language, shared through a context; switching re-renders every string.

use yew::prelude::*;
use yew_router::prelude::*;

use super::browser;
use crate::i18n::Lang;
use crate::model::query;

const STORAGE_KEY: &str = "abkit.v1.lang";

#[derive(Clone, PartialEq)]
pub struct LangHandle {
    pub lang: Lang,
    /// Switches and remembers the choice.
    pub set: Callback<Lang>,
}

#[derive(Properties, PartialEq)]
pub struct LangProviderProps {
    pub children: Html,
}

thread_local! {
    /// The language of the frame on screen when the app started (`#app[data-shell]`).
    static FRAME_LANG: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Notes the language of the frame the app replaces: the static frame picked it as
/// the app would, and a module taking over from another keeps the reader's choice
/// even when storage is switched off.
pub fn remember_frame_language(code: &str) {
    FRAME_LANG.with(|f| f.set(Lang::from_code(code)));
}

fn initial_lang() -> Lang {
    let from_link = query::find(&browser::hash_query(), "lang");
    let stored = browser::storage_get(STORAGE_KEY)
        .or_else(|| FRAME_LANG.with(|f| f.get()).map(|l| l.code().to_string()));
    let browser_lang = browser::navigator_language();
    Lang::pick(
        from_link.as_deref(),
        stored.as_deref(),
        browser_lang.as_deref(),
    )
}

#[component]
pub fn LangProvider(props: &LangProviderProps) -> Html {
    let lang = use_state_eq(initial_lang);

    // A `lang=` in a link followed inside the app overrides the language for this visit.
    let location_query = use_location()
        .map(|l| l.query_str().to_string())
        .unwrap_or_default();
    {
        let lang = lang.clone();
        use_effect_with(location_query, move |q| {
            if let Some(l) = query::find(q, "lang").as_deref().and_then(Lang::from_code) {
                lang.set(l);
            }
        });
    }
    use_effect_with(*lang, |l| {
        browser::set_document_language(l.html_tag(), l.texts().app().title);
    });

    let set = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| {
            browser::storage_set(STORAGE_KEY, l.code());
            lang.set(l);
        })
    };
    let handle = LangHandle { lang: *lang, set };
    html! {
        <ContextProvider<LangHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<LangHandle>>
    }
}

#[hook]
pub fn use_lang() -> LangHandle {
    use_context::<LangHandle>().unwrap_or_else(|| LangHandle {
        lang: Lang::En,
        set: Callback::noop(),
    })
}
