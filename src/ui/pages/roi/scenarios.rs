//! Named scenarios kept in this browser, compared side by side; each is also a link.

use yew::prelude::*;

use crate::model::format;
use crate::model::query::Values;
use crate::model::roi::form::{read_campaign, PARAMS};
use crate::model::roi::{evaluate, RoiResult};
use crate::ui::browser;
use crate::ui::hooks::QueryForm;
use crate::ui::lang::use_lang;

const STORAGE_KEY: &str = "abkit.v1.roi.scenarios";
const MAX_COMPARED: usize = 4;

/// Scenarios are stored as lines of `name<TAB>query`.
fn load() -> Vec<(String, String)> {
    browser::storage_get(STORAGE_KEY)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(n, q)| (n.to_string(), q.to_string()))
        .collect()
}

fn store(list: &[(String, String)]) {
    let text: Vec<String> = list.iter().map(|(n, q)| format!("{n}\t{q}")).collect();
    browser::storage_set(STORAGE_KEY, &text.join("\n"));
}

#[derive(Properties, PartialEq)]
pub struct ScenariosProps {
    pub form: QueryForm,
}

#[component]
pub fn Scenarios(props: &ScenariosProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.roi;
    let saved = use_state(load);
    let name = use_state(String::new);
    let compared = use_state(Vec::<String>::new);

    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                name.set(input.value());
            }
        })
    };
    let save = {
        let (saved, name, form) = (saved.clone(), name.clone(), props.form.clone());
        let default_name = t.scen_default_name.fill([&(saved.len() + 1).to_string()]);
        Callback::from(move |_: MouseEvent| {
            let clean: String = name
                .trim()
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let label = if clean.is_empty() {
                default_name.clone()
            } else {
                clean
            };
            let mut list = (*saved).clone();
            let query = form.values.to_query(PARAMS);
            match list.iter_mut().find(|(n, _)| *n == label) {
                Some(entry) => entry.1 = query,
                None => list.push((label, query)),
            }
            store(&list);
            saved.set(list);
            name.set(String::new());
        })
    };
    let delete = |victim: String| {
        let (saved, compared) = (saved.clone(), compared.clone());
        Callback::from(move |_: MouseEvent| {
            let list: Vec<(String, String)> = saved
                .iter()
                .filter(|(n, _)| *n != victim)
                .cloned()
                .collect();
            store(&list);
            saved.set(list);
            compared.set(compared.iter().filter(|n| **n != victim).cloned().collect());
        })
    };
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
        .filter_map(|n| saved.iter().find(|(m, _)| m == n))
        .map(|(n, q)| {
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

    html! {
        <section class="panel scenarios">
            <h2>{ t.scen_heading }</h2>
            <p>{ t.scen_intro }</p>
            <div class="solve">
                <div class="field">
                    <label for="scenario-name">{ t.scen_name }</label>
                    <input id="scenario-name" type="text" value={(*name).clone()} oninput={on_name}
                        placeholder={t.scen_default_name.fill([&(saved.len() + 1).to_string()])} />
                </div>
                <button type="button" class="secondary" data-testid="save-scenario" onclick={save}>{ t.scen_save }</button>
            </div>
            if saved.is_empty() {
                <p class="field-hint">{ t.scen_empty }</p>
            } else {
                <ul class="scenario-list" data-testid="scenario-list">
                    { for saved.iter().map(|(n, q)| {
                        let checked = compared.contains(n);
                        html! {
                            <li>
                                <label>
                                    <input type="checkbox" checked={checked} onchange={toggle(n.clone())}
                                        disabled={!checked && compared.len() >= MAX_COMPARED} />
                                    { " " }{ t.scen_compare }{ ": " }<strong>{ n.clone() }</strong>
                                </label>
                                { " · " }<a href={format!("#/roi?{q}")}>{ t.scen_open }</a>{ " · " }
                                <button type="button" class="icon" onclick={delete(n.clone())} aria-label={t.scen_delete.fill([n])} title={t.scen_delete.fill([n])}>{ "×" }</button>
                            </li>
                        }
                    }) }
                </ul>
                if compared.len() >= MAX_COMPARED {
                    <p class="field-hint">{ t.scen_max }</p>
                }
            }
            if !results.is_empty() {
                <div class="table-wrap">
                    <table class="data" data-testid="scenario-compare">
                        <thead><tr>
                            <th scope="col"></th>
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
                </div>
            }
        </section>
    }
}
