//! The funnel page's analysis panels: which stage to improve, the test that would
//! prove it, what reaches a GMV target, and what drove a change between two periods.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::widgets::output;

use crate::model::design::{days, whole_week_days, Design};
use crate::model::format;
use crate::model::funnel::form::{self as f, FunnelForm};
use crate::model::funnel::{
    decompose, leverage, solve_target, DecompositionError, Factor, Funnel, WhatIf,
};
use crate::ui::hooks::QueryForm;
use crate::ui::lang::use_lang;
use crate::ui::widgets::{
    input_error, list_error, AxisFormat, NumberField, ResultValue, ScrollBox, ValueFormat,
    Waterfall,
};

#[derive(Properties, PartialEq)]
pub struct LeverageProps {
    pub funnel: Funnel,
    pub names: Vec<String>,
    /// The share of GMV kept after refunds, when a refund rate is given.
    #[prop_or_default]
    pub kept: Option<f64>,
}

#[component]
pub fn LeverageTable(props: &LeverageProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.texts().funnel();
    let Ok(rows) = leverage(&props.funnel) else {
        return html! {};
    };
    let name = |i: usize| props.names.get(i).cloned().unwrap_or_default();
    // Both columns in one unit (万 in Chinese), so rows compare at a glance and the
    // +10 % column, equal at every stage, prints equal.
    let zh = lang.is_zh();
    let unit =
        format::MoneyUnit::for_column(rows.iter().flat_map(|r| [r.per_point, r.per_tenth]), zh);
    let gain = |x: f64| format::signed_money_in(x, zh, unit);
    html! {
        <section class="panel" id="leverage">
            <h2>{ t.leverage_heading }</h2>
            <p>{ t.leverage_intro }</p>
            if let Some(top) = rows.first().filter(|r| r.per_point > 0.0) {
                <p class="headline" data-testid="leverage-top">{ t.leverage_top.fill([&name(top.stage), &lang.money(top.per_point)]) }</p>
            }
            <ScrollBox label={t.leverage_heading}>
                <table class="data" data-testid="leverage">
                    <thead><tr>
                        <th scope="col">{ t.stage_col }</th><th scope="col">{ t.rate_col }</th>
                        <th scope="col">{ t.per_point_col }</th><th scope="col">{ t.per_tenth_col }</th>
                        if props.kept.is_some() { <th scope="col">{ t.per_point_net_col }</th> }
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|r| html! {
                            <tr>
                                <th scope="row">{ name(r.stage) }</th>
                                <td>{ props.funnel.rates.get(r.stage).map_or("—".into(), |v| format::pct(*v, 3)) }</td>
                                <td>{ output(format!("per-point-{}", r.stage + 1), Some(r.per_point), gain(r.per_point)) }</td>
                                <td>{ gain(r.per_tenth) }</td>
                                if let Some(kept) = props.kept {
                                    <td>{ output(format!("per-point-net-{}", r.stage + 1), Some(r.per_point_net(kept)), gain(r.per_point_net(kept))) }</td>
                                }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </ScrollBox>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ExperimentsProps {
    pub funnel: Funnel,
    /// People reaching each stage, entry first.
    pub people: Vec<f64>,
    pub names: Vec<String>,
    pub what_ifs: Vec<WhatIf>,
    /// Days the visitor count covers.
    pub period: Option<f64>,
}

/// Numbers for a link: full precision, no grouping.
fn plain(x: f64) -> String {
    format!("{}", (x * 1e6).round() / 1e6)
}

#[component]
pub fn Experiments(props: &ExperimentsProps) -> Html {
    let lang = use_lang().lang;
    let t = lang.texts().funnel();
    let period = props.period.unwrap_or(1.0);
    html! {
        <section class="panel">
            <h2>{ t.experiment_heading }</h2>
            <p>{ t.experiment_intro }</p>
            <ScrollBox label={t.experiment_heading}>
                <table class="data" data-testid="experiments">
                    <thead><tr>
                        <th scope="col">{ t.stage_col }</th><th scope="col">{ t.rate_col }</th><th scope="col">{ t.change_col }</th>
                        <th scope="col">{ t.daily_col }</th><th scope="col">{ t.n_col }</th><th scope="col">{ t.days_col }</th><th scope="col">{ t.run_col }</th><th scope="col"><span class="visually-hidden">{ lang.texts().common().link_col }</span></th>
                    </tr></thead>
                    <tbody>
                        { for props.funnel.rates.iter().enumerate().map(|(i, &p1)| {
                            // The what-if for this stage (the last one given), or +10 % relative.
                            let p2 = props.what_ifs.iter().rev().find(|w| w.stage == i).map_or(p1 * 1.1, |w| w.to);
                            let daily = props.people.get(i).copied().unwrap_or(0.0) / period;
                            let design = Design::two_rates(p1, p2);
                            let sizes = (p1 > 0.0 && p1 < 1.0).then(|| design.sizes().ok()).flatten();
                            let duration = sizes.and_then(|s| days(s.n_total, daily, 1.0));
                            let link = format!("#/design?p={}&mde={}&mde_mode=abs&daily={}", plain(p1 * 100.0), plain((p2 - p1).abs() * 100.0), plain(daily.round()));
                            html! {
                                <tr>
                                    <th scope="row">{ props.names.get(i).cloned().unwrap_or_default() }</th>
                                    <td>{ format::pct(p1, 3) }</td>
                                    <td>{ format!("{} → {}", format::pct(p1, 3), format::pct(p2, 3)) }</td>
                                    <td>{ format::num(daily, 0) }</td>
                                    <td>{ output(format!("test-n-{}", i + 1), sizes.map(|s| s.n_control as f64), sizes.map_or(t.not_testable.to_string(), |s| format::int(s.n_control))) }</td>
                                    <td>{ output(format!("test-days-{}", i + 1), duration.map(|d| d as f64), duration.map_or("—".into(), format::int)) }</td>
                                    <td data-testid={format!("test-run-{}", i + 1)}>{ duration.map_or("—".into(), |d| match whole_week_days(d) / 7 {
                                        1 => t.one_week.to_string(),
                                        w => t.n_weeks.fill([&format::int(w)]),
                                    }) }</td>
                                    <td>if sizes.is_some() { <a href={link} data-testid={format!("design-link-{}", i + 1)} title={t.open_design}>{ t.design_link }{ " →" }</a> }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </ScrollBox>
            <p class="field-hint">{ t.experiment_note }</p>
        </section>
    }
}

#[derive(Properties)]
pub struct PanelProps {
    pub form: QueryForm,
    /// The page's form as read (compared by identity: it is read anew on each render).
    pub fields: Rc<FunnelForm>,
    pub funnel: Funnel,
    pub names: Vec<String>,
}

impl PartialEq for PanelProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.fields, &other.fields)
            && self.form == other.form
            && self.funnel == other.funnel
            && self.names == other.names
    }
}

#[component]
pub fn Target(props: &PanelProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.funnel();
    let target = props.fields.target;
    let needs = target
        .and_then(Result::ok)
        .and_then(|g| solve_target(&props.funnel, g).ok());
    html! {
        <section class="panel" id="target">
            <h2>{ t.target_heading }</h2>
            <p>{ t.target_intro }</p>
            <div class="solve">
                <NumberField form={props.form.clone()} name={f::TARGET} label={t.target} error={target.and_then(|r| input_error(texts.errors(), &r))} />
            </div>
            if let Some(n) = &needs {
                if n.visitors.is_none() {
                    <p class="field-hint">{ t.target_none }</p>
                } else {
                    <div class="results">
                        <ResultValue testid="need-visitors" label={t.need_visitors} value={n.visitors} format={ValueFormat::Count} />
                        <ResultValue testid="need-aov" label={t.need_aov} value={n.aov} format={ValueFormat::Money} />
                        if let Some(net) = props.fields.target_net() {
                            <ResultValue testid="target-net" label={t.target_net} value={Some(net)} format={ValueFormat::Money} />
                        }
                    </div>
                    <ScrollBox label={t.target_heading}>
                        <table class="data" data-testid="target-rates">
                            <thead><tr><th scope="col">{ t.stage_col }</th><th scope="col">{ t.rate_col }</th><th scope="col">{ t.need_rate_col }</th></tr></thead>
                            <tbody>
                                { for n.rates.iter().enumerate().map(|(i, r)| {
                                    let impossible = r.is_some_and(|r| r > 1.0);
                                    html! {
                                        <tr class={classes!(impossible.then_some("impossible"))}>
                                            <th scope="row">{ props.names.get(i).cloned().unwrap_or_default() }</th>
                                            <td>{ props.funnel.rates.get(i).map_or("—".into(), |v| format::pct(*v, 3)) }</td>
                                            <td>
                                                { output(format!("need-rate-{}", i + 1), *r, r.map_or("—".into(), |v| format::pct(v, 3))) }
                                                if impossible { { " · " }<span class="field-error">{ t.impossible }</span> }
                                            </td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </ScrollBox>
                }
            }
        </section>
    }
}

#[component]
pub fn Comparison(props: &PanelProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.funnel();
    let form = &props.form;
    let given = props.fields.before.as_ref();
    let before = given.and_then(|b| b.funnel.as_ref());
    let parts = before.map(|b| decompose(b, &props.funnel));
    let name = |f: Factor| match f {
        Factor::Traffic => t.traffic.to_string(),
        Factor::OrderValue => t.order_value.to_string(),
        Factor::Stage(i) => props.names.get(i).cloned().unwrap_or_default(),
    };
    let gmv = |f: &Funnel| f.evaluate().map_or(f64::NAN, |r| r.gmv);
    html! {
        <section class="panel" id="decomposition">
            <h2>{ t.compare_heading }</h2>
            <p>{ t.compare_intro }</p>
            <div class="solve">
                <NumberField form={form.clone()} name={f::B_VISITORS} label={t.before_visitors} error={given.and_then(|b| input_error(texts.errors(), &b.visitors))} />
                <NumberField form={form.clone()} name={f::B_RATES} label={t.before_rates} unit="%" inputmode="text" error={given.and_then(|b| list_error(texts.errors(), &b.rates))} />
                <NumberField form={form.clone()} name={f::B_AOV} label={t.before_aov} error={given.and_then(|b| input_error(texts.errors(), &b.aov))} />
            </div>
            { match (&parts, before) {
                (Some(Ok(parts)), Some(b)) => {
                    let (g0, g1) = (gmv(b), gmv(&props.funnel));
                    let top = parts.iter().max_by(|a, c| a.1.abs().total_cmp(&c.1.abs()));
                    let zh = lang.is_zh();
                    let unit = format::MoneyUnit::for_column(parts.iter().map(|p| p.1).chain([g1 - g0]), zh);
                    let change = |x: f64| format::signed_money_in(x, zh, unit);
                    html! { <>
                        if let Some((f, v)) = top {
                            <p class="headline" data-testid="biggest-driver">{ t.biggest_driver.fill([&name(*f), &change(*v), &change(g1 - g0)]) }</p>
                        }
                        <Waterfall aria_label={t.waterfall_label} format={AxisFormat::Money}
                            start={(AttrValue::from(t.gmv_before), g0)} end={(AttrValue::from(t.gmv_after), g1)}
                            legend={[AttrValue::from(t.waterfall_total), AttrValue::from(t.waterfall_gain), AttrValue::from(t.waterfall_loss)]}
                            steps={parts.iter().map(|(f, v)| (AttrValue::from(name(*f)), *v)).collect::<Vec<_>>()} />
                        <ScrollBox label={t.waterfall_label}>
                            <table class="data" data-testid="decomposition">
                                <thead><tr><th scope="col">{ t.factor_col }</th><th scope="col">{ t.effect_col }</th></tr></thead>
                                <tbody>
                                    { for parts.iter().enumerate().map(|(i, (f, v))| html! {
                                        <tr><th scope="row">{ name(*f) }</th>
                                            <td>{ output(format!("part-{i}"), Some(*v), change(*v)) }</td></tr>
                                    }) }
                                </tbody>
                            </table>
                        </ScrollBox>
                    </> }
                }
                (Some(Err(DecompositionError::StagesDiffer)), _) => html! { <p class="field-error">{ t.compare_stages_differ }</p> },
                (Some(Err(_)), _) => html! { <p class="field-error">{ t.compare_zero }</p> },
                _ => html! { <p class="field-hint">{ t.compare_none }</p> },
            } }
        </section>
    }
}
