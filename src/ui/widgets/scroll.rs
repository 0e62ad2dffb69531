//! The box a wide table scrolls in on a narrow screen. A region that scrolls must be
//! reachable by keyboard (arrow keys scroll it once it has focus) and must say what
//! it holds, so every one is focusable and named here, in one place.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ScrollBoxProps {
    /// What the table shows, read out when the box takes focus.
    pub label: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn ScrollBox(props: &ScrollBoxProps) -> Html {
    html! {
        <div class="table-wrap" role="region" aria-label={props.label.clone()} tabindex="0">
            { props.children.clone() }
        </div>
    }
}
