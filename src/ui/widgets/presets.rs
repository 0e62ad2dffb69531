//! The top of every tool page: heading, what the tool is for, copy link, CSV export, and the
//! worked examples as links (each reopens its case, and is a link to share).

use yew::prelude::*;

use crate::i18n::Lang;
use crate::model::example::Cleared;
use crate::ui::hooks::QueryForm;
use crate::ui::lang::use_lang;
use crate::ui::widgets::{CopyLink, ExportCsv};

#[derive(Properties, PartialEq)]
pub struct PresetsProps {
    pub heading: AttrValue,
    /// `(href, label)`.
    pub links: Vec<(String, AttrValue)>,
}

#[component]
pub fn Presets(props: &PresetsProps) -> Html {
    let zh = use_lang().lang.is_zh();
    html! {
        <nav class="presets" aria-label={props.heading.clone()}>
            <span>{ props.heading.clone() }{ if zh { "：" } else { ":" } }</span>
            { for props.links.iter().map(|(href, label)| html! { <a class="chip" href={href.clone()}>{ label.clone() }</a> }) }
        </nav>
    }
}

/// Heading, lead, copy link, export and (when there are any) the worked examples.
pub fn tool_header(
    lang: Lang,
    heading: &'static str,
    intro: &'static str,
    form: &QueryForm,
    presets: Vec<(String, AttrValue)>,
) -> Html {
    html! { <>
        <h1>{ heading }</h1>
        <p class="lead">{ intro }</p>
        <div class="page-actions">
            <CopyLink form={form.clone()} />
            <ExportCsv form={form.clone()} title={heading} />
        </div>
        if !presets.is_empty() {
            <Presets heading={lang.texts().common().presets_heading} links={presets} />
        }
    </> }
}

/// Under the answer, after an example's fitted parts were cleared: what happened and
/// the button that puts them back. A plain function, not a component: a component that
/// renders nothing, between siblings that appear and disappear in the same render, makes
/// Yew 0.23 insert before a node it has already removed (and the page panics).
pub fn cleared_note(
    form: &QueryForm,
    cleared: &UseStateHandle<Option<Cleared>>,
    text: &'static str,
    undo: &'static str,
) -> Html {
    let Some(c) = (**cleared).clone() else {
        return html! {};
    };
    let onclick = {
        let (form, cleared) = (form.clone(), cleared.clone());
        Callback::from(move |_: MouseEvent| {
            form.set_many.emit(c.undo.clone());
            cleared.set(None);
        })
    };
    html! {
        <p class="note example-cleared" role="status" data-testid="example-cleared">
            { text }{ " " }
            <button type="button" class="link" data-testid="example-undo" {onclick}>{ undo }</button>
        </p>
    }
}
