use yew::prelude::*;
use yew_router::prelude::*;

use crate::ui::lang::use_lang;
use crate::ui::Route;

#[component]
pub fn HomePage() -> Html {
    let t = use_lang().lang.texts().home();
    let tools = [
        (Route::Design, "design", t.design_title, t.design_body),
        (Route::Analyze, "analyze", t.analyze_title, t.analyze_body),
        (Route::Roi, "roi", t.roi_title, t.roi_body),
        (Route::Funnel, "funnel", t.funnel_title, t.funnel_body),
        (Route::Learn, "learn", t.learn_title, t.learn_body),
    ];
    html! {
        <div class="page home">
            <h1>{ t.heading }</h1>
            <p class="lead">{ t.intro }</p>
            <ul class="cards">
                { for tools.iter().map(|(route, key, title, body)| html! {
                    <li class={classes!("card", *key)}>
                        <Link<Route> to={*route} classes="card-link">
                            <h2>{ *title }</h2>
                            <p>{ *body }</p>
                            <span class="card-open" aria-hidden="true">{ t.open }{" →"}</span>
                        </Link<Route>>
                    </li>
                }) }
            </ul>
            <section class="principles">
                <h2>{ t.principles_heading }</h2>
                <ul>
                    { for t.principles.iter().map(|p| html! { <li>{ *p }</li> }) }
                </ul>
            </section>
        </div>
    }
}
