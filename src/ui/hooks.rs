//! Page state that lives in the URL.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::query::Raw;

use super::lang::use_lang;
use super::Route;
use crate::model::example::{Cleared, ExampleParts};
use crate::model::input::replace_item;
use crate::model::learn::cases::CASE_PARAM;
use crate::model::query::{push_pair, Param, Values};
use crate::model::Chunked;

/// A page's raw field values and the way to change one.
#[derive(Clone, PartialEq)]
pub struct QueryForm {
    pub route: Route,
    pub values: Rc<Values>,
    /// `(param, new text)`: updates the page and replaces the URL (no history entry).
    pub set: Callback<(&'static str, String)>,
    /// Several parameters at once, as one edit.
    pub set_many: Callback<Vec<(&'static str, String)>>,
    /// Whether `values` came from an edit on this page (`set`, `set_many`) rather than
    /// from a link opened, an example clicked or the language switched.
    pub edited: bool,
}

impl QueryForm {
    pub fn get(&self, name: &str) -> &str {
        self.values.get(name)
    }

    /// The query that reopens this page as it is now.
    pub fn query(&self) -> String {
        self.values.to_query()
    }

    /// The whole address that reopens this page as it is now, in `lang`.
    pub fn link(&self, lang: crate::i18n::Lang) -> String {
        crate::model::query::share_link(
            &crate::ui::browser::current_href().unwrap_or_default(),
            &self.route.to_path(),
            &self.query(),
            lang.code(),
        )
    }

    /// The input handler of row `i` of list parameter `param` (a list of `len` rows).
    pub fn item_input(&self, param: &'static str, len: usize, i: usize) -> Callback<InputEvent> {
        let form = self.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                form.set
                    .emit((param, replace_item(form.get(param), len, i, &input.value())));
            }
        })
    }
}

/// Not a page parameter: naming it in a `set_many` edit adds the language shown to
/// the link (the presenter view does, so its link opens in the same language).
pub const LANG: &str = "lang";

fn strip_question(q: &str) -> &str {
    q.strip_prefix('?').unwrap_or(q)
}

/// State of a page whose inputs are the query parameters `params`. A page opened with
/// none of its parameters shows `example` (a query string) instead of the defaults;
/// the example may depend on the language (named cost lines), so a language switch
/// on an untouched page shows it again in the new language.
#[hook]
pub fn use_query_form(route: Route, params: &'static [Param], example: &str) -> QueryForm {
    let location_query = use_location()
        .map(|l| strip_question(l.query_str()).to_string())
        .unwrap_or_default();
    let example = example.to_string();
    let values = {
        let (q, example) = (location_query.clone(), example.clone());
        use_state_eq(move || Rc::new(Values::from_query_or_example(params, &q, &example)))
    };
    // The query this page wrote last, to tell our own URL updates from a followed link.
    let written = use_mut_ref(|| None::<String>);
    let edited = use_mut_ref(|| false);
    {
        let (values, written, edited) = (values.clone(), written.clone(), edited.clone());
        use_effect_with((location_query.clone(), example), move |(q, example)| {
            if written.borrow().as_deref() != Some(q.as_str()) {
                *edited.borrow_mut() = false;
                values.set(Rc::new(Values::from_query_or_example(params, q, example)));
            }
        });
    }
    let navigator = use_navigator();
    // A link that names its language keeps naming it (in the language now shown)
    // through the page's own edits, so a presenter's or a shared link reopens in it.
    let lang = use_lang().lang;
    let keep_lang = crate::model::query::find(&location_query, "lang").is_some();
    // A tool opened from a guided case keeps its banner (`case=`) through the edits.
    let from_case = crate::model::query::find(&location_query, CASE_PARAM);
    let set_many = {
        let (values, edited) = (values.clone(), edited.clone());
        Callback::from(move |changes: Vec<(&'static str, String)>| {
            let mut next = (**values).clone();
            let mut with_lang = keep_lang;
            for (name, text) in changes {
                if name == LANG {
                    with_lang = true;
                } else {
                    next.set(name, text);
                }
            }
            let mut q = next.to_query();
            if let Some(case) = &from_case {
                push_pair(&mut q, CASE_PARAM, case);
            }
            if with_lang {
                push_pair(&mut q, LANG, lang.code());
            }
            write_query(&navigator, &written, route, &q);
            *edited.borrow_mut() = true;
            values.set(Rc::new(next));
        })
    };
    let set = set_many.reform(|change: (&'static str, String)| vec![change]);
    let edited = *edited.borrow();
    QueryForm {
        route,
        values: (*values).clone(),
        set,
        set_many,
        edited,
    }
}

/// Follows a page from a worked example to the user's own numbers: at the first edit
/// of the example's own numbers its fitted parts are cleared (`ExampleParts::to_clear`),
/// and what undoes that is kept until the undo is used or another link opens. A link
/// opened is never an edit: it shows what it names, fitted parts and all.
#[hook]
pub fn use_example_followed(
    form: &QueryForm,
    parts: &'static ExampleParts,
) -> UseStateHandle<Option<Cleared>> {
    let cleared = use_state(|| None::<Cleared>);
    let before = use_mut_ref(|| form.values.clone());
    {
        let (cleared, form) = (cleared.clone(), form.clone());
        use_effect_with(form.values.clone(), move |after| {
            let found = form
                .edited
                .then(|| parts.to_clear(&before.borrow(), after))
                .flatten();
            *before.borrow_mut() = after.clone();
            if let Some(c) = found {
                form.set_many.emit(c.clear.clone());
                cleared.set(Some(c));
            } else if !form.edited || parts.shown(after).is_some() {
                cleared.set(None);
            }
        });
    }
    cleared
}

fn write_query(
    navigator: &Option<Navigator>,
    written: &Rc<RefCell<Option<String>>>,
    route: Route,
    q: &str,
) {
    *written.borrow_mut() = Some(q.to_string());
    if let Some(nav) = navigator {
        if q.is_empty() {
            nav.replace(&route);
        } else {
            let _ = nav.replace_with_query(&route, Raw(q));
        }
    }
}

/// A chunked run as the page shows it: the state of the current job (partial while
/// it runs), the last finished one (kept on screen until the next finishes), and
/// whether the current job is still running.
pub struct Run<T> {
    pub current: Option<Rc<T>>,
    pub finished: Option<Rc<T>>,
    pub running: bool,
    /// Wall time of the last finished run, chunks and pauses between them included.
    pub millis: f64,
}

impl<T> Clone for Run<T> {
    fn clone(&self) -> Self {
        Run {
            current: self.current.clone(),
            finished: self.finished.clone(),
            running: self.running,
            millis: self.millis,
        }
    }
}

/// Runs `start(job)` and then `advance` in chunks of `chunk` until done, yielding to
/// the browser between chunks; a new job cancels the one in progress.
#[hook]
pub fn use_chunked<J, T>(job: Option<J>, start: fn(&J) -> Option<T>, chunk: usize) -> Run<T>
where
    J: PartialEq + Clone + 'static,
    T: Chunked + Clone + 'static,
{
    let run = use_state(|| Run::<T> {
        current: None,
        finished: None,
        running: job.is_some(),
        millis: f64::NAN,
    });
    // The last finished state, read by a job when it starts.
    let finished = use_mut_ref(|| None::<Rc<T>>);
    {
        let run = run.clone();
        use_effect_with(job, move |job| {
            let cancelled = Rc::new(std::cell::Cell::new(false));
            if let Some(job) = job.clone() {
                let cancelled = cancelled.clone();
                let millis = run.millis;
                run.set(Run {
                    current: None,
                    finished: finished.borrow().clone(),
                    running: true,
                    millis,
                });
                wasm_bindgen_futures::spawn_local(async move {
                    let kept = || finished.borrow().clone();
                    let began = js_sys::Date::now();
                    // Paint the page (and the progress) before the first chunk.
                    gloo::timers::future::TimeoutFuture::new(0).await;
                    if cancelled.get() {
                        return;
                    }
                    let Some(mut state) = start(&job) else {
                        run.set(Run {
                            current: None,
                            finished: kept(),
                            running: false,
                            millis,
                        });
                        return;
                    };
                    while state.done() < state.total() {
                        state.advance(chunk.min(state.total() - state.done()));
                        if state.done() < state.total() {
                            run.set(Run {
                                current: Some(Rc::new(state.clone())),
                                finished: kept(),
                                running: true,
                                millis,
                            });
                            gloo::timers::future::TimeoutFuture::new(0).await;
                            if cancelled.get() {
                                return;
                            }
                        }
                    }
                    let done = Rc::new(state);
                    *finished.borrow_mut() = Some(done.clone());
                    run.set(Run {
                        current: Some(done.clone()),
                        finished: Some(done),
                        running: false,
                        millis: js_sys::Date::now() - began,
                    });
                });
            } else {
                run.set(Run {
                    current: None,
                    finished: None,
                    running: false,
                    millis: f64::NAN,
                });
            }
            move || cancelled.set(true)
        });
    }
    (*run).clone()
}
