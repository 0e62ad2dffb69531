//! "Saved calculations": the page's calculations kept in this browser under a name,
//! listed newest first, each opened by its link, renamed or deleted. Every change
//! reads the storage afresh, applies itself and writes back, so two open tabs do not
//! undo each other's saves; every refusal of the storage becomes a message.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::Routable;

use crate::model::saved::{self, Entry, Loaded, Problem, SaveError, Saved, Store};
use crate::ui::browser::{self, StorageError};
use crate::ui::hooks::QueryForm;
use crate::ui::lang::use_lang;

/// What the storage holds now, or why it cannot be used.
#[derive(Clone, PartialEq)]
struct Snapshot {
    loaded: Result<Loaded, StorageError>,
    /// The damaged document's text, moved aside before a new one replaces it.
    damaged: Option<String>,
}

#[inline(never)]
fn read_storage() -> Snapshot {
    let current = browser::storage_read(saved::STORAGE_KEY);
    let legacy = browser::storage_read(saved::LEGACY_ROI_KEY);
    match (current, legacy) {
        (Ok(current), Ok(legacy)) => {
            let loaded = saved::load(current.as_deref(), legacy.as_deref());
            let damaged =
                (loaded.problem == Some(Problem::Unreadable)).then(|| current.unwrap_or_default());
            if loaded.migrated {
                // The old key goes only once its scenarios are safely in the document.
                if browser::storage_write(saved::STORAGE_KEY, &loaded.store.to_json()).is_ok() {
                    browser::storage_remove(saved::LEGACY_ROI_KEY);
                }
            }
            Snapshot {
                loaded: Ok(loaded),
                damaged,
            }
        }
        (Err(e), _) | (_, Err(e)) => Snapshot {
            loaded: Err(e),
            damaged: None,
        },
    }
}

/// Why an action changed nothing: the store refused it, or the browser's storage did.
#[derive(Clone, Copy, PartialEq)]
enum Refusal {
    Store(SaveError),
    Storage(StorageError),
}

/// What an action did, for the status line (translated when shown).
#[derive(Clone, PartialEq)]
enum Status {
    None,
    Saved {
        name: String,
        replaced: bool,
    },
    Deleted(String),
    Renamed(String),
    /// Refused, with the name it was about.
    Refused(Refusal, String),
}

/// Reads, applies `change`, writes. A damaged document is first copied aside.
#[inline(never)]
fn change_storage(
    change: impl FnOnce(&mut Store) -> Result<Saved, SaveError>,
) -> (Snapshot, Result<Saved, Refusal>) {
    let mut snapshot = read_storage();
    let loaded = match &mut snapshot.loaded {
        Ok(loaded) => loaded,
        Err(e) => {
            let e = *e;
            return (snapshot, Err(Refusal::Storage(e)));
        }
    };
    let outcome = change(&mut loaded.store)
        .map_err(Refusal::Store)
        .and_then(|done| {
            let aside = match &snapshot.damaged {
                Some(text) if !text.is_empty() => browser::storage_write(
                    &format!("{}.{}", saved::DAMAGED_KEY, browser::now_ms()),
                    text,
                ),
                _ => Ok(()),
            };
            aside
                .and_then(|()| browser::storage_write(saved::STORAGE_KEY, &loaded.store.to_json()))
                .map(|()| done)
                .map_err(Refusal::Storage)
        });
    // Show what the storage now really holds (after a failed write: what it held).
    (read_storage(), outcome)
}

/// What the panel holds: the storage as last read, the name being typed, the last
/// action's outcome and the entry being renamed (its old name and the new text).
#[derive(Clone, PartialEq)]
struct Panel {
    tool: &'static str,
    snapshot: Snapshot,
    name: String,
    status: Status,
    renaming: Option<(String, String)>,
}

/// Everything the panel's controls do.
enum Action {
    Type(String),
    /// Saves the page's `query` under the typed name, or `default_name` when none is typed.
    Save {
        query: String,
        default_name: String,
    },
    Delete(String),
    StartRename(String),
    RenameText(String),
    FinishRename,
    CancelRename,
}

impl Panel {
    fn new(tool: &'static str) -> Panel {
        Panel {
            tool,
            snapshot: read_storage(),
            name: String::new(),
            status: Status::None,
            renaming: None,
        }
    }

    /// Applies `change` to the storage; `done` says what it did when it worked.
    fn apply(
        &mut self,
        name: String,
        change: impl FnOnce(&mut Store) -> Result<Saved, SaveError>,
        done: impl FnOnce(Saved, String) -> Status,
    ) {
        let (next, outcome) = change_storage(change);
        self.snapshot = next;
        self.status = match outcome {
            Ok(saved) => done(saved, name),
            Err(refusal) => Status::Refused(refusal, name),
        };
    }
}

impl Reducible for Panel {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let tool = self.tool;
        match action {
            Action::Type(text) => next.name = text,
            Action::Save {
                query,
                default_name,
            } => {
                let typed = saved::clean_name(&next.name);
                let label = if typed.is_empty() {
                    default_name
                } else {
                    typed
                };
                let now = browser::now_ms();
                let l = label.clone();
                next.apply(
                    label,
                    move |s| s.save(tool, &l, &query, now),
                    |saved, name| Status::Saved {
                        name,
                        replaced: saved == Saved::Replaced,
                    },
                );
                next.name.clear();
            }
            Action::Delete(victim) => {
                let v = victim.clone();
                next.apply(
                    victim,
                    move |s| s.delete(tool, &v).map(|()| Saved::New),
                    |_, name| Status::Deleted(name),
                );
            }
            Action::StartRename(who) => next.renaming = Some((who.clone(), who)),
            Action::RenameText(text) => {
                if let Some((_, to)) = &mut next.renaming {
                    *to = text;
                }
            }
            Action::FinishRename => {
                if let Some((from, to)) = next.renaming.take() {
                    let clean = saved::clean_name(&to);
                    let c = clean.clone();
                    next.apply(
                        clean,
                        move |s| s.rename(tool, &from, &c).map(|()| Saved::New),
                        |_, name| Status::Renamed(name),
                    );
                }
            }
            Action::CancelRename => next.renaming = None,
        }
        Rc::new(next)
    }
}

/// What the panel says about the storage itself, when it cannot be used as usual.
fn storage_problem(
    lang: crate::i18n::Lang,
    loaded: &Result<Loaded, StorageError>,
) -> Option<String> {
    let t = lang.texts().keep();
    match loaded {
        Err(StorageError::Unavailable) => Some(t.storage_off.to_string()),
        Err(StorageError::Full) => Some(t.storage_full.to_string()),
        Ok(l) => match l.problem {
            Some(Problem::Unreadable) => Some(t.storage_damaged.to_string()),
            Some(Problem::Newer { version }) => Some(t.storage_newer.fill([&version.to_string()])),
            Some(Problem::Skipped { count }) => Some(t.storage_skipped.fill([&count.to_string()])),
            None => None,
        },
    }
}

/// The status line's words for the last action: `Ok` for what was done, `Err` for a
/// refusal.
fn status_text(
    lang: crate::i18n::Lang,
    status: &Status,
    loaded: &Result<Loaded, StorageError>,
) -> Option<Result<String, String>> {
    let t = lang.texts().keep();
    match status {
        Status::None => None,
        Status::Saved {
            name,
            replaced: false,
        } => Some(Ok(t.saved_new.fill([name]))),
        Status::Saved {
            name,
            replaced: true,
        } => Some(Ok(t.saved_replaced.fill([name]))),
        Status::Deleted(name) => Some(Ok(t.deleted.fill([name]))),
        Status::Renamed(name) => Some(Ok(t.renamed.fill([name]))),
        Status::Refused(refusal, name) => Some(Err(match refusal {
            Refusal::Store(SaveError::EmptyName) => t.name_empty.into(),
            Refusal::Store(SaveError::NameTaken) => t.name_taken.fill([name]),
            Refusal::Store(SaveError::NotFound) => t.not_found.into(),
            Refusal::Store(SaveError::Full) => t.tool_full.fill([&saved::MAX_PER_TOOL.to_string()]),
            Refusal::Store(SaveError::ReadOnly) => match loaded {
                Ok(Loaded {
                    problem: Some(Problem::Newer { version }),
                    ..
                }) => t.storage_newer.fill([&version.to_string()]),
                _ => t.not_found.into(),
            },
            Refusal::Storage(StorageError::Full) => t.storage_full.into(),
            Refusal::Storage(StorageError::Unavailable) => t.storage_off.into(),
        })),
    }
}

#[derive(Properties, PartialEq)]
pub struct SavedCalcsProps {
    /// The page's name in the store: `design`, `analyze`, `roi`, `funnel`, `peeking`, `power`.
    pub tool: &'static str,
    pub form: QueryForm,
    /// Drawn under the list with this page's saved calculations (the ROI comparison).
    #[prop_or_default]
    pub extra: Option<Callback<Rc<Vec<Entry>>, Html>>,
}

/// The text of the field an input event came from.
fn text_of(e: InputEvent) -> Option<String> {
    e.target_dyn_into::<web_sys::HtmlInputElement>()
        .map(|input| input.value())
}

/// A callback that sends the panel the action `make` reads from the event, if any.
fn sends<E: 'static>(
    panel: &UseReducerDispatcher<Panel>,
    make: impl Fn(E) -> Option<Action> + 'static,
) -> Callback<E> {
    let panel = panel.clone();
    Callback::from(move |e: E| {
        if let Some(action) = make(e) {
            panel.dispatch(action);
        }
    })
}

#[component]
pub fn SavedCalcs(props: &SavedCalcsProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.texts().keep();
    let tool = props.tool;
    let panel = use_reducer(move || Panel::new(tool));
    let snapshot = &panel.snapshot;

    let entries: Rc<Vec<Entry>> = Rc::new(match &snapshot.loaded {
        Ok(l) => l.store.for_tool(tool).into_iter().cloned().collect(),
        Err(_) => Vec::new(),
    });
    let writable = matches!(&snapshot.loaded, Ok(l) if l.store.writable());
    let default_name = t.default_name.fill([&(entries.len() + 1).to_string()]);
    let status = status_text(lang, &panel.status, &snapshot.loaded);

    let to_panel = panel.dispatcher();
    let on_name = sends(&to_panel, |e: InputEvent| text_of(e).map(Action::Type));
    let save = {
        let (form, default_name) = (props.form.clone(), default_name.clone());
        sends(&to_panel, move |e: SubmitEvent| {
            e.prevent_default();
            Some(Action::Save {
                query: form.query(),
                default_name: default_name.clone(),
            })
        })
    };
    let delete = |victim: String| {
        sends(&to_panel, move |_: MouseEvent| {
            Some(Action::Delete(victim.clone()))
        })
    };
    let start_rename = |who: String| {
        sends(&to_panel, move |_: MouseEvent| {
            Some(Action::StartRename(who.clone()))
        })
    };
    let on_rename_text = sends(&to_panel, |e: InputEvent| {
        text_of(e).map(Action::RenameText)
    });
    let finish_rename = sends(&to_panel, |e: SubmitEvent| {
        e.prevent_default();
        Some(Action::FinishRename)
    });
    let cancel_rename = sends(&to_panel, |_: MouseEvent| Some(Action::CancelRename));

    let problem = storage_problem(lang, &snapshot.loaded);
    let path = props.form.route.to_path();
    let link = |e: &Entry| {
        if e.query.is_empty() {
            format!("#{path}")
        } else {
            format!("#{path}?{}", e.query)
        }
    };

    html! {
        <section class="panel saved" id="saved" aria-labelledby="saved-heading">
            <h2 id="saved-heading">{ t.saved_heading }</h2>
            <p class="field-hint">{ t.saved_intro }</p>
            if let Some(p) = problem {
                <p class="notice warn" role="alert" data-testid="saved-problem">{ p }</p>
            }
            <form class="solve" onsubmit={save}>
                <div class="field">
                    <label for={format!("save-name-{tool}")}>{ t.save_name }</label>
                    <input id={format!("save-name-{tool}")} type="text" data-testid="save-name" maxlength="80"
                        value={panel.name.clone()} oninput={on_name} placeholder={default_name.clone()} autocomplete="off" />
                </div>
                <button type="submit" class="secondary" data-testid="save-calc" disabled={!writable}>{ t.save }</button>
            </form>
            <p class="share-status" role="status" data-testid="saved-message">
                { match status {
                    None => html! {},
                    Some(Ok(m)) => html! { { m } },
                    Some(Err(m)) => html! { <span class="field-error">{ m }</span> },
                } }
            </p>
            if entries.is_empty() {
                <p class="field-hint" data-testid="saved-empty">{ t.none_saved }</p>
            } else {
                <ul class="saved-list" data-testid="saved-list">
                    { for entries.iter().map(|e| {
                        let editing = panel.renaming.as_ref().filter(|(from, _)| *from == e.name).map(|(_, to)| to.clone());
                        html! {
                            <li data-testid="saved-item" key={e.name.clone()}>
                                if let Some(to) = editing {
                                    <form class="rename" onsubmit={finish_rename.clone()}>
                                        <input type="text" data-testid="saved-rename-name" maxlength="80" value={to}
                                            aria-label={t.rename_to.fill([&e.name])} oninput={on_rename_text.clone()} />
                                        <button type="submit" class="secondary" data-testid="saved-rename-save">{ t.rename_save }</button>
                                        <button type="button" class="link" onclick={cancel_rename.clone()}>{ t.cancel }</button>
                                    </form>
                                } else {
                                    <a href={link(e)} data-testid="saved-open" title={t.open.fill([&e.name])}>{ e.name.clone() }</a>
                                    if e.saved_ms > 0.0 {
                                        <span class="saved-at">{ t.saved_at.fill([&browser::local_date_time(e.saved_ms)]) }</span>
                                    }
                                    <span class="saved-actions">
                                        <button type="button" class="link" data-testid="saved-rename" disabled={!writable}
                                            onclick={start_rename(e.name.clone())}>{ t.rename }</button>
                                        <button type="button" class="icon" data-testid="saved-delete" disabled={!writable}
                                            onclick={delete(e.name.clone())} aria-label={t.delete.fill([&e.name])} title={t.delete.fill([&e.name])}>{ "×" }</button>
                                    </span>
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
            if let Some(extra) = &props.extra {
                { extra.emit(entries.clone()) }
            }
        </section>
    }
}
