//! Saved ROI calculations compared side by side (up to four), under the page's
//! saved list: each column is one saved campaign recomputed from its link.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::format;
use crate::model::query::Values;
use crate::model::roi::form::{read_campaign, PARAMS};
use crate::model::roi::{evaluate, RoiResult};
use crate::model::saved::Entry;
use crate::ui::lang::use_lang;
use crate::ui::widgets::ScrollBox;

const MAX_COMPARED: usize = 4;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    /// This page's saved calculations.
    pub saved: Rc<Vec<Entry>>,
}

#[component]
pub fn ScenarioCompare(props: &CompareProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.roi();
    let saved = &props.saved;
    let compared = use_state(Vec::<String>::new);
    let toggle = |which: String| {
        let compared = compared.clone();
        Callback::from(move |_: Event| {
            let mut list = (*compared).clone();
            if let Some(at) = list.iter().position(|n| *n == which) {
                list.remove(at);
            } else if list.len() < MAX_COMPARED {
                list.push(which.clone());
            }
            compared.set(list);
        })
    };
    let results: Vec<(String, Option<RoiResult>)> = compared
        .iter()
        .filter_map(|n| saved.iter().find(|e| e.name == *n))
        .map(|e| {
            let (n, q) = (&e.name, &e.query);
            let values = Values::from_query(PARAMS, q);
            let read = read_campaign(&values);
            (n.clone(), read.campaign.as_ref().map(evaluate))
        })
        .collect();
    let row = |label: &'static str, f: &dyn Fn(&RoiResult) -> Option<String>| {
        html! {
            <tr>
                <th scope="row">{ label }</th>
                { for results.iter().map(|(_, r)| html! { <td>{ r.as_ref().and_then(f).unwrap_or_else(|| "—".into()) }</td> }) }
            </tr>
        }
    };

    if saved.len() < 2 {
        return html! {};
    }
    html! {
        <div class="scenarios">
            <h3>{ t.scen_heading }</h3>
            <p class="field-hint">{ t.scen_intro }</p>
            <ul class="scenario-list" data-testid="scenario-list">
                { for saved.iter().map(|e| {
                    let checked = compared.contains(&e.name);
                    html! {
                        <li>
                            <label>
                                <input type="checkbox" checked={checked} onchange={toggle(e.name.clone())}
                                    disabled={!checked && compared.len() >= MAX_COMPARED} />
                                { " " }{ t.scen_compare }{ ": " }<strong>{ e.name.clone() }</strong>
                            </label>
                        </li>
                    }
                }) }
            </ul>
            if compared.len() >= MAX_COMPARED {
                <p class="field-hint">{ t.scen_max }</p>
            }
            if !results.is_empty() {
                <ScrollBox label={t.scen_heading}>
                    <table class="data" data-testid="scenario-compare">
                        <thead><tr>
                            <th scope="col"><span class="visually-hidden">{ texts.common().item_col }</span></th>
                            { for results.iter().map(|(n, _)| html! { <th scope="col">{ n.clone() }</th> }) }
                        </tr></thead>
                        <tbody>
                            { row(t.roi, &|r| r.roi.map(|v| format::pct(v, 3))) }
                            { row(t.net_profit, &|r| Some(lang.money(r.net_profit))) }
                            { row(t.cost_total, &|r| Some(lang.money(r.cost_total))) }
                            { row(t.benefit_total, &|r| Some(lang.money(r.benefit_total))) }
                            { row(t.roas, &|r| r.roas.map(|v| format::sig(v, 3))) }
                            { row(t.breakeven_gmv, &|r| r.breakeven_gmv.map(|v| lang.money(v))) }
                        </tbody>
                    </table>
                </ScrollBox>
            }
        </div>
    }
}
