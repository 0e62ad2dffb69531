//! `#/funnel`: GMV from visitors, stage conversion rates and order value; what-ifs;
//! which stage to improve; the experiment that would prove it; targets; and what
//! drove a change between two periods.

mod panels;

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{FunnelTexts, Lang};
use crate::model::format;
use crate::model::funnel::form::{
    self as f, FunnelForm, CLASSIC_SHOP, EXAMPLE_PARTS, MAX_STAGES, PARAMS, PRESETS,
};
use crate::model::funnel::{leverage, scenario, FunnelResult, WhatIfResult};
use crate::model::input::{replace_item, split_list};
use crate::model::query::encode_into;
use crate::ui::hooks::{use_example_followed, use_query_form, QueryForm};
use crate::ui::lang::use_lang;
use crate::ui::widgets::{
    cleared_note, input_error, tool_header, AxisFormat, Bar, BarChart, NumberField, ResultValue,
    SavedCalcs, ScrollBox, ValueFormat,
};
use crate::ui::Route;
use panels::{Comparison, Experiments, LeverageTable, Target};

/// Typed names first; the shop's usual stage names, then "Stage n", where none is typed.
pub fn stage_names(lang: Lang, typed: &str, count: usize) -> Vec<String> {
    let t = lang.texts().funnel();
    let defaults = lang.texts().common().default_stages;
    let typed = split_list(typed);
    (0..count)
        .map(|i| match typed.get(i).filter(|s| !s.is_empty()) {
            Some(s) => (*s).to_string(),
            None => match defaults.get(i) {
                Some(s) => (*s).to_string(),
                None => t.stage_n.fill([&(i + 1).to_string()]),
            },
        })
        .collect()
}

/// A funnel with nothing filled in: names a parameter, so it is not the example.
const BLANK: &str = "visitors=";

/// The page's fields, the stage names shown, and what they compute, shared by its parts.
struct PartProps {
    form: QueryForm,
    fields: Rc<FunnelForm>,
    names: Rc<Vec<String>>,
    now: Option<Rc<FunnelResult>>,
    whatif: Option<Rc<WhatIfResult>>,
}

#[component]
pub fn FunnelPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.funnel();
    let form = use_query_form(Route::Funnel, PARAMS, CLASSIC_SHOP);
    let fields = Rc::new(f::read(&form.values));
    let names = Rc::new(stage_names(lang, form.get(f::STAGES), fields.stages()));
    let now = fields
        .funnel
        .as_ref()
        .and_then(|fu| fu.evaluate().ok())
        .map(Rc::new);
    let whatif = fields
        .funnel
        .as_ref()
        .zip(fields.scenario.as_ref())
        .and_then(|(fu, s)| scenario(fu, s).ok())
        .map(Rc::new);
    let preset_link = |i: usize| {
        let mut q = String::from(PRESETS.get(i).copied().unwrap_or(""));
        q.push_str("&stages=");
        encode_into(&mut q, t.preset_stages.get(i).copied().unwrap_or(""));
        format!("#/funnel?{q}")
    };
    let parts = PartProps {
        form: form.clone(),
        fields: fields.clone(),
        names: names.clone(),
        now: now.clone(),
        whatif: whatif.clone(),
    };
    let cleared = use_example_followed(&form, &EXAMPLE_PARTS);
    let mut examples: Vec<(String, AttrValue)> = t
        .presets
        .iter()
        .enumerate()
        .map(|(i, label)| (preset_link(i), AttrValue::from(*label)))
        .collect();
    examples.push((
        format!("#/funnel?{BLANK}"),
        texts.common().start_blank.into(),
    ));
    html! {
        <div class="page funnel">
            { tool_header(lang, t.heading, t.intro, &form, examples) }
            <div class="tool">
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    { stage_editor_view(&parts, lang) }
                    { what_if_editor_view(&parts, lang) }
                </form>
                { outputs_view(&parts, lang, cleared_note(&form, &cleared, t.example_cleared, t.example_undo)) }
            </div>
            if let (Some(fu), Some(r)) = (&fields.funnel, &now) {
                <LeverageTable funnel={fu.clone()} names={(*names).clone()}
                    kept={fields.kept()} />
                <Experiments funnel={fu.clone()} people={r.people.clone()} names={(*names).clone()}
                    what_ifs={fields.scenario.as_ref().map(|s| s.rates.clone()).unwrap_or_default()} period={fields.period.as_ref().ok().copied()} />
                <Target form={form.clone()} fields={fields.clone()} funnel={fu.clone()} names={(*names).clone()} />
                <Comparison form={form.clone()} fields={fields.clone()} funnel={fu.clone()} names={(*names).clone()} />
            }
            <SavedCalcs tool="funnel" form={form.clone()} />
        </div>
    }
}

/// The answer in one sentence: the GMV, the stage where a point is worth most, and
/// where the what-ifs take it.
fn answer(
    lang: Lang,
    fields: &FunnelForm,
    names: &[String],
    r: &FunnelResult,
    w: Option<&WhatIfResult>,
) -> String {
    let t = lang.texts().funnel();
    let best = fields
        .funnel
        .as_ref()
        .and_then(|fu| leverage(fu).ok())
        .and_then(|rows| rows.into_iter().next())
        .filter(|top| top.per_point > 0.0);
    let mut text = match best {
        Some(top) => t.answer.fill([
            &lang.money(r.gmv),
            &format::count(r.orders),
            &names.get(top.stage).cloned().unwrap_or_default(),
            &lang.money(top.per_point),
        ]),
        None => t
            .answer
            .fill([&lang.money(r.gmv), &format::count(r.orders), "—", "—"]),
    };
    if let Some(w) = w {
        text.push_str(lang.gap());
        text.push_str(
            &t.answer_whatif.fill([
                &lang.money(w.after.gmv),
                &format::signed_money(w.gmv_delta, lang.is_zh()),
                &w.gmv_delta_rel
                    .map_or_else(|| "—".to_string(), |x| format::signed_pct(x, 3)),
            ]),
        );
    }
    text
}

/// The stages: name and rate per row, reorder and remove, then traffic and order value.
fn stage_editor_view(props: &PartProps, lang: Lang) -> Html {
    let texts = lang.texts();
    let t = &texts.funnel();
    let (form, fields, names) = (&props.form, &props.fields, &props.names);
    let count = fields.stages();
    let typed_names = split_list(form.get(f::STAGES));
    let on_cell = |param: &'static str, i: usize, len: usize| form.item_input(param, len, i);
    let add_stage = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.set_many.emit(f::add_stage(&form.values, count)))
    };
    let remove_stage = |i: usize| {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.set_many.emit(f::remove_stage(&form.values, i)))
    };
    let swap = |i: usize| {
        let (form, names) = (form.clone(), names.clone());
        Callback::from(move |_: MouseEvent| {
            form.set_many.emit(f::swap_stages(&form.values, &names, i))
        })
    };
    let field_error = |e: &crate::model::form::FieldError| {
        texts.field_error(e, &|i| names.get(i).cloned().unwrap_or_default())
    };
    html! {
                <fieldset>
                    <legend>{ t.funnel_heading }</legend>
                    <NumberField form={form.clone()} name={f::VISITORS} label={t.visitors} error={input_error(texts.errors(), &fields.visitors)} />
                    <ScrollBox label={t.funnel_heading}>
                        <table class="arm-editor" data-testid="stage-editor">
                            <thead><tr>
                                <th scope="col">{ t.stage_col }</th>
                                <th scope="col">{ t.rate_col }{ " %" }</th>
                                <th scope="col"><span class="visually-hidden">{ texts.common().remove.fill([""]) }</span></th>
                            </tr></thead>
                            <tbody>
                                { for fields.rates.iter().enumerate().map(|(i, c)| {
                                    let name = names.get(i).cloned().unwrap_or_default();
                                    html! {
                                        <tr>
                                            <th scope="row">
                                                <input type="text" class="arm-name" name={f::STAGES} data-line={i.to_string()} placeholder={name.clone()}
                                                    aria-label={format!("{} {}", t.stage_col, i + 1)} value={typed_names.get(i).copied().unwrap_or("").to_string()}
                                                    oninput={on_cell(f::STAGES, i, count)} />
                                            </th>
                                            <td class={classes!(c.error().is_some().then_some("invalid"))}>
                                                <input type="text" inputmode="decimal" name={f::RATES} data-line={i.to_string()} aria-label={format!("{name}: {}", t.rate_col)}
                                                    value={c.text.clone()} oninput={on_cell(f::RATES, i, count)} />
                                                if let Some(e) = c.error().map(|e| field_error(&e)) { <span class="cell-error" data-testid={format!("error-rates-{i}")}>{ e }</span> }
                                            </td>
                                            <td class="row-buttons">
                                                if i > 0 { <button type="button" class="icon" onclick={swap(i - 1)} aria-label={t.move_up.fill([&name])} title={t.move_up.fill([&name])}>{ "↑" }</button> }
                                                if i + 1 < count { <button type="button" class="icon" onclick={swap(i)} aria-label={t.move_down.fill([&name])} title={t.move_down.fill([&name])}>{ "↓" }</button> }
                                                if count > 1 { <button type="button" class="icon" onclick={remove_stage(i)} aria-label={texts.common().remove.fill([&name])} title={texts.common().remove.fill([&name])}>{ "×" }</button> }
                                            </td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </ScrollBox>
                    if count == 0 {
                        <p class="field-error" data-testid="error-rates">{ t.no_stages }</p>
                    }
                    <button type="button" class="secondary" data-testid="add-stage" onclick={add_stage} disabled={count >= MAX_STAGES}>{ "+ " }{ t.add_stage }</button>
                    <NumberField form={form.clone()} name={f::AOV} label={t.aov} error={input_error(texts.errors(), &fields.aov)} />
                    <NumberField form={form.clone()} name={f::REFUND} label={t.refund} unit="%" hint={AttrValue::from(t.refund_hint)}
                        error={fields.refund.and_then(|r| input_error(texts.errors(), &r))} />
                    <NumberField form={form.clone()} name={f::PERIOD} label={t.period} hint={AttrValue::from(t.period_hint)} error={input_error(texts.errors(), &fields.period)} />
                </fieldset>
    }
}

/// The what-ifs: a stage and its new rate per row, and traffic and order value.
fn what_if_editor_view(props: &PartProps, lang: Lang) -> Html {
    let texts = lang.texts();
    let t = &texts.funnel();
    let (form, fields, names) = (&props.form, &props.fields, &props.names);
    let rows = &fields.what_ifs;
    let on_cell = |param: &'static str, i: usize, len: usize| form.item_input(param, len, i);
    let add_what_if = {
        let (form, n) = (form.clone(), rows.len());
        Callback::from(move |_: MouseEvent| form.set_many.emit(f::add_what_if(&form.values, n)))
    };
    let remove_what_if = |i: usize| {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.set_many.emit(f::remove_what_if(&form.values, i)))
    };
    let field_error = |e: &crate::model::form::FieldError| {
        texts.field_error(e, &|i| names.get(i).cloned().unwrap_or_default())
    };
    let on_pick = |i: usize| {
        let (form, len) = (form.clone(), rows.len());
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                form.set.emit((
                    f::STAGE,
                    replace_item(form.get(f::STAGE), len, i, &select.value()),
                ));
            }
        })
    };
    html! {
                <fieldset>
                    <legend>{ t.what_if_heading }</legend>
                    <p class="field-hint">{ t.what_if_intro }</p>
                    <ScrollBox label={t.what_if_heading}>
                        <table class="arm-editor" data-testid="what-ifs">
                            <thead><tr><th scope="col">{ t.stage }</th><th scope="col">{ t.to }{ " %" }</th><th scope="col"><span class="visually-hidden">{ texts.common().remove.fill([""]) }</span></th></tr></thead>
                            <tbody>
                                { for rows.iter().enumerate().map(|(i, r)| html! {
                                    <tr>
                                        <td class={classes!(r.stage.error().is_some().then_some("invalid"))}>
                                            { stage_picker(t, names, &r.stage.text, i, on_pick(i)) }
                                            if let Some(e) = r.stage.error().map(|e| field_error(&e)) { <span class="cell-error" data-testid={format!("error-stage-{i}")}>{ e }</span> }
                                        </td>
                                        <td class={classes!(r.to.error().is_some().then_some("invalid"))}>
                                            <input type="text" inputmode="decimal" name={f::TO} data-line={i.to_string()} aria-label={format!("{} {}", t.to, i + 1)}
                                                value={r.to.text.clone()} oninput={on_cell(f::TO, i, rows.len())} />
                                            if let Some(e) = r.to.error().map(|e| field_error(&e)) { <span class="cell-error" data-testid={format!("error-to-{i}")}>{ e }</span> }
                                        </td>
                                        <td><button type="button" class="icon" onclick={remove_what_if(i)} aria-label={t.remove_what_if.fill([&(i + 1).to_string()])}>{ "×" }</button></td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </ScrollBox>
                    <button type="button" class="secondary" data-testid="add-what-if" onclick={add_what_if}>{ "+ " }{ t.add_what_if }</button>
                    <NumberField form={form.clone()} name={f::VISITORS_TO} label={t.visitors_to} error={fields.visitors_to.and_then(|r| input_error(texts.errors(), &r))} />
                    <NumberField form={form.clone()} name={f::AOV_TO} label={t.aov_to} error={fields.aov_to.and_then(|r| input_error(texts.errors(), &r))} />
                </fieldset>
    }
}

/// The what-if's stage, picked by name; the link keeps its 1-based number. A number
/// from a link that names no stage stays selected, with its error beside it.
fn stage_picker(
    t: &FunnelTexts,
    names: &[String],
    text: &str,
    row: usize,
    onchange: Callback<Event>,
) -> Html {
    let known = (1..=names.len()).any(|n| n.to_string() == text.trim());
    html! {
        <select name={f::STAGE} data-line={row.to_string()} aria-label={format!("{} {}", t.stage, row + 1)} {onchange}>
            if !known {
                <option value={text.to_string()} selected=true>{ if text.trim().is_empty() { "—".to_string() } else { text.to_string() } }</option>
            }
            { for names.iter().enumerate().map(|(i, name)| {
                let n = (i + 1).to_string();
                html! { <option value={n.clone()} selected={known && n == text.trim()}>{ format!("{n}. {name}") }</option> }
            }) }
        </select>
    }
}

fn outputs_view(props: &PartProps, lang: Lang, cleared: Html) -> Html {
    let texts = lang.texts();
    let t = &texts.funnel();
    let (fields, names) = (&props.fields, &props.names);
    let now = props.now.as_deref();
    let w = props.whatif.as_deref();
    let count = fields.stages();
    html! {
            <section class="outputs" aria-live="polite">
                <h2>{ t.results_heading }</h2>
                if let Some(r) = now {
                    <p class="answer" data-testid="answer">{ answer(lang, fields, names, r, w) }</p>
                }
                { cleared }
                if now.is_none() {
                    <p class="blocked">{ if count == 0 { t.no_stages } else { texts.app().cannot_compute } }</p>
                }
                <div class="results">
                    <ResultValue testid="gmv" label={t.gmv} value={now.map(|r| r.gmv)} format={ValueFormat::Money} primary=true />
                    <ResultValue testid="orders" label={t.orders} value={now.map(|r| r.orders)} format={ValueFormat::Count} />
                    <ResultValue testid="overall-rate" label={t.overall_rate} value={now.map(|r| r.overall_rate)} format={ValueFormat::Percent} />
                    <ResultValue testid="gmv-whatif" label={t.gmv_whatif} value={w.map(|w| w.after.gmv)} format={ValueFormat::Money} />
                    <ResultValue testid="orders-whatif" label={t.orders_whatif} value={w.map(|w| w.after.orders)} format={ValueFormat::Count} />
                    <ResultValue testid="gmv-delta" label={t.gmv_delta} value={w.map(|w| w.gmv_delta)} format={ValueFormat::SignedMoney} />
                    <ResultValue testid="gmv-delta-rel" label={t.gmv_delta_rel} value={w.and_then(|w| w.gmv_delta_rel)} format={ValueFormat::SignedPercent} />
                </div>
                if let Some(r) = now {
                    <BarChart aria_label={t.chart_label} format={AxisFormat::Int} bars={
                        r.people.iter().enumerate().map(|(i, p)| {
                            let label = if i == 0 { t.visitors.to_string() } else { names.get(i - 1).cloned().unwrap_or_default() };
                            Bar { label: label.into(), value: *p, text: format::count(*p).into(), class: "stage" }
                        }).collect::<Vec<_>>()
                    } />
                }
                <p class="method">{ t.method }</p>
            </section>
    }
}
