//! Worked examples as links: each reopens its case, and is a link to share.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PresetsProps {
    pub heading: AttrValue,
    /// `(href, label)`.
    pub links: Vec<(String, AttrValue)>,
}

#[component]
pub fn Presets(props: &PresetsProps) -> Html {
    html! {
        <nav class="presets" aria-label={props.heading.clone()}>
            <span>{ props.heading.clone() }{ ":" }</span>
            { for props.links.iter().map(|(href, label)| html! { <a class="chip" href={href.clone()}>{ label.clone() }</a> }) }
        </nav>
    }
}
