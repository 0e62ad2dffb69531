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

/// One change to the store, as an action applies it.
type Change = Box<dyn FnOnce(&mut Store) -> Result<Saved, SaveError>>;

/// The outcome of one action, as the status line says it.
#[derive(Clone, PartialEq)]
enum Status {
    None,
    Done(String),
    Refused(String),
}

/// Reads, applies `change`, writes. A damaged document is first copied aside.
#[inline(never)]
fn change_storage(
    change: impl FnOnce(&mut Store) -> Result<Saved, SaveError>,
) -> (Snapshot, Result<Saved, Result<SaveError, StorageError>>) {
    let mut snapshot = read_storage();
    let Ok(loaded) = &mut snapshot.loaded else {
        let e = snapshot
            .loaded
            .as_ref()
            .err()
            .copied()
            .unwrap_or(StorageError::Unavailable);
        return (snapshot, Err(Err(e)));
    };
    let outcome = match change(&mut loaded.store) {
        Err(e) => Err(Ok(e)),
        Ok(done) => {
            let aside = match &snapshot.damaged {
                Some(text) if !text.is_empty() => browser::storage_write(
                    &format!("{}.{}", saved::DAMAGED_KEY, browser::now_ms()),
                    text,
                ),
                _ => Ok(()),
            };
            match aside
                .and_then(|_| browser::storage_write(saved::STORAGE_KEY, &loaded.store.to_json()))
            {
                Ok(()) => Ok(done),
                Err(e) => Err(Err(e)),
            }
        }
    };
    // Show what the storage now really holds (after a failed write: what it held).
    (read_storage(), outcome)
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

#[component]
pub fn SavedCalcs(props: &SavedCalcsProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.texts().keep();
    let snapshot = use_state(read_storage);
    let name = use_state(String::new);
    let status = use_state(|| Status::None);
    let renaming = use_state(|| None::<(String, String)>);
    let tool = props.tool;

    let entries: Rc<Vec<Entry>> = Rc::new(match &snapshot.loaded {
        Ok(l) => l.store.for_tool(tool).into_iter().cloned().collect(),
        Err(_) => Vec::new(),
    });
    let writable = matches!(&snapshot.loaded, Ok(l) if l.store.writable());
    let default_name = t.default_name.fill([&(entries.len() + 1).to_string()]);

    // One action: apply, then say what happened. Shared behind an `Rc`, so its code
    // exists once however many buttons call it.
    let act: Rc<dyn Fn(Change, String, String, String)> = {
        let (snapshot, status) = (snapshot.clone(), status.clone());
        Rc::new(
            move |change: Change, done: String, replaced: String, named: String| {
                let (next, outcome) = change_storage(change);
                let message = match outcome {
                    Ok(Saved::New) => Status::Done(done),
                    Ok(Saved::Replaced) => Status::Done(replaced),
                    Err(Ok(e)) => Status::Refused(match e {
                        SaveError::EmptyName => t.name_empty.into(),
                        SaveError::NameTaken => t.name_taken.fill([&named]),
                        SaveError::NotFound => t.not_found.into(),
                        SaveError::Full => t.tool_full.fill([&saved::MAX_PER_TOOL.to_string()]),
                        SaveError::ReadOnly => match &next.loaded {
                            Ok(Loaded {
                                problem: Some(Problem::Newer { version }),
                                ..
                            }) => t.storage_newer.fill([&version.to_string()]),
                            _ => t.not_found.into(),
                        },
                    }),
                    Err(Err(StorageError::Full)) => Status::Refused(t.storage_full.into()),
                    Err(Err(StorageError::Unavailable)) => Status::Refused(t.storage_off.into()),
                };
                snapshot.set(next);
                status.set(message);
            },
        )
    };

    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                name.set(input.value());
            }
        })
    };
    let save = {
        let (act, name, form) = (act.clone(), name.clone(), props.form.clone());
        let default_name = default_name.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = saved::clean_name(&name);
            let label = if typed.is_empty() {
                default_name.clone()
            } else {
                typed
            };
            let query = form.query();
            let now = browser::now_ms();
            let l = label.clone();
            act(
                Box::new(move |s| s.save(tool, &l, &query, now)),
                t.saved_new.fill([&label]),
                t.saved_replaced.fill([&label]),
                label.clone(),
            );
            name.set(String::new());
        })
    };
    let delete = |victim: String| {
        let act = act.clone();
        Callback::from(move |_: MouseEvent| {
            let v = victim.clone();
            act(
                Box::new(move |s| s.delete(tool, &v).map(|()| Saved::New)),
                t.deleted.fill([&victim]),
                String::new(),
                victim.clone(),
            );
        })
    };
    let start_rename = |who: String| {
        let renaming = renaming.clone();
        Callback::from(move |_: MouseEvent| renaming.set(Some((who.clone(), who.clone()))))
    };
    let on_rename_text = {
        let renaming = renaming.clone();
        Callback::from(move |e: InputEvent| {
            if let (Some(input), Some((from, _))) = (
                e.target_dyn_into::<web_sys::HtmlInputElement>(),
                (*renaming).clone(),
            ) {
                renaming.set(Some((from, input.value())));
            }
        })
    };
    let finish_rename = {
        let (act, renaming) = (act.clone(), renaming.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some((from, to)) = (*renaming).clone() {
                let clean = saved::clean_name(&to);
                let (f, c) = (from.clone(), clean.clone());
                act(
                    Box::new(move |s| s.rename(tool, &f, &c).map(|()| Saved::New)),
                    t.renamed.fill([&clean]),
                    String::new(),
                    clean.clone(),
                );
                renaming.set(None);
            }
        })
    };
    let cancel_rename = {
        let renaming = renaming.clone();
        Callback::from(move |_: MouseEvent| renaming.set(None))
    };

    let problem = match &snapshot.loaded {
        Err(StorageError::Unavailable) => Some(t.storage_off.to_string()),
        Err(StorageError::Full) => Some(t.storage_full.to_string()),
        Ok(l) => match l.problem {
            Some(Problem::Unreadable) => Some(t.storage_damaged.to_string()),
            Some(Problem::Newer { version }) => Some(t.storage_newer.fill([&version.to_string()])),
            Some(Problem::Skipped { count }) => Some(t.storage_skipped.fill([&count.to_string()])),
            None => None,
        },
    };
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
                        value={(*name).clone()} oninput={on_name} placeholder={default_name.clone()} autocomplete="off" />
                </div>
                <button type="submit" class="secondary" data-testid="save-calc" disabled={!writable}>{ t.save }</button>
            </form>
            <p class="share-status" role="status" data-testid="saved-message">
                { match &*status {
                    Status::None => html! {},
                    Status::Done(m) => html! { { m.clone() } },
                    Status::Refused(m) => html! { <span class="field-error">{ m.clone() }</span> },
                } }
            </p>
            if entries.is_empty() {
                <p class="field-hint" data-testid="saved-empty">{ t.none_saved }</p>
            } else {
                <ul class="saved-list" data-testid="saved-list">
                    { for entries.iter().map(|e| {
                        let editing = renaming.as_ref().filter(|(from, _)| *from == e.name).map(|(_, to)| to.clone());
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
