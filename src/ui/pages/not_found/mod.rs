use yew::prelude::*;
use yew_router::prelude::*;

use crate::ui::lang::use_lang;
use crate::ui::Route;

#[component]
pub fn NotFoundPage() -> Html {
    let t = use_lang().lang.texts().app();
    html! {
        <div class="page not-found">
            <h1>{ t.not_found_title }</h1>
            <p>{ t.not_found_body }</p>
            <p><Link<Route> to={Route::Home}>{ t.back_home }</Link<Route>></p>
        </div>
    }
}
