//! `#/roi`: campaign ROI from cost lines and three kinds of benefit.

use yew::prelude::*;

use crate::i18n::fill;
use crate::model::input::{parse_bounded, parse_list, split_list, Bounds};
use crate::model::query::Param;
use crate::model::roi::{evaluate, Campaign};
use crate::ui::hooks::use_query_form;
use crate::ui::lang::use_lang;
use crate::ui::widgets::{
    input_error, list_error, AxisFormat, Bar, BarChart, NumberField, ResultValue, ValueFormat,
};
use crate::ui::Route;

pub const PARAMS: &[Param] = &[
    Param {
        name: "cost",
        default: "",
    },
    Param {
        name: "cost_label",
        default: "",
    },
    Param {
        name: "gmv",
        default: "",
    },
    Param {
        name: "margin",
        default: "",
    },
    Param {
        name: "members",
        default: "0",
    },
    Param {
        name: "ltv",
        default: "0",
    },
    Param {
        name: "impr",
        default: "0",
    },
    Param {
        name: "cpm",
        default: "0",
    },
];

/// The training material's "super brand day": ROI 190 %.
pub const SUPER_BRAND_DAY: &str = "cost=600000,200000,150000,50000&gmv=5000000&margin=20&members=5000&ltv=200&impr=30000000&cpm=30";

const MAX_COST_LINES: usize = 20;

#[component]
pub fn RoiPage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.roi;
    let form = use_query_form(Route::Roi, PARAMS, SUPER_BRAND_DAY);

    let costs = parse_list(form.get("cost"), Bounds::NON_NEGATIVE, 1, MAX_COST_LINES);
    let gmv = parse_bounded(form.get("gmv"), Bounds::NON_NEGATIVE);
    let margin = parse_bounded(form.get("margin"), Bounds::PERCENT);
    let members = parse_bounded(form.get("members"), Bounds::COUNT);
    let ltv = parse_bounded(form.get("ltv"), Bounds::NON_NEGATIVE);
    let impr = parse_bounded(form.get("impr"), Bounds::COUNT);
    let cpm = parse_bounded(form.get("cpm"), Bounds::NON_NEGATIVE);

    let campaign = match (&costs, gmv, margin, members, ltv, impr, cpm) {
        (Ok(costs), Ok(gmv), Ok(margin_pct), Ok(members), Ok(ltv), Ok(impressions), Ok(cpm)) => {
            Some(Campaign {
                costs: costs.clone(),
                gmv,
                margin_pct,
                members,
                ltv,
                impressions,
                cpm,
            })
        }
        _ => None,
    };
    let result = campaign.as_ref().map(evaluate);
    let labels: Vec<String> = {
        let typed = split_list(form.get("cost_label"));
        let n = costs.as_ref().map_or(0, Vec::len);
        (0..n)
            .map(|i| match typed.get(i).filter(|s| !s.is_empty()) {
                Some(s) => (*s).to_string(),
                None => fill(t.cost_line, &[&(i + 1).to_string()]),
            })
            .collect()
    };
    let r = result.as_ref();
    let roi_note = match r {
        Some(r) if r.roi.is_none() => Some(AttrValue::from(t.roi_undefined)),
        _ => None,
    };

    html! {
        <div class="page roi">
            <h1>{ t.heading }</h1>
            <p class="lead">{ t.intro }</p>
            <div class="tool">
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend>{ t.costs_heading }</legend>
                        <NumberField form={form.clone()} name="cost" label={t.cost} inputmode="text"
                            hint={AttrValue::from(t.cost_hint)} error={list_error(texts, &costs)} />
                        <NumberField form={form.clone()} name="cost_label" label={t.cost_label} inputmode="text"
                            hint={AttrValue::from(t.cost_label_hint)} />
                    </fieldset>
                    <fieldset>
                        <legend>{ t.benefits_heading }</legend>
                        <NumberField form={form.clone()} name="gmv" label={t.gmv} error={input_error(texts, &gmv)} />
                        <NumberField form={form.clone()} name="margin" label={t.margin} unit="%" error={input_error(texts, &margin)} />
                        <NumberField form={form.clone()} name="members" label={t.members} error={input_error(texts, &members)} />
                        <NumberField form={form.clone()} name="ltv" label={t.ltv} error={input_error(texts, &ltv)} />
                        <NumberField form={form.clone()} name="impr" label={t.impr} error={input_error(texts, &impr)} />
                        <NumberField form={form.clone()} name="cpm" label={t.cpm} error={input_error(texts, &cpm)} />
                    </fieldset>
                </form>
                <section class="outputs" aria-live="polite">
                    <h2>{ t.results_heading }</h2>
                    if result.is_none() {
                        <p class="blocked">{ texts.app.cannot_compute }</p>
                    }
                    <div class="results">
                        <ResultValue testid="roi" label={t.roi} value={r.and_then(|r| r.roi)} format={ValueFormat::Percent} primary=true note={roi_note} />
                        <ResultValue testid="net-profit" label={t.net_profit} value={r.map(|r| r.net_profit)} format={ValueFormat::Money} />
                        <ResultValue testid="roas" label={t.roas} value={r.and_then(|r| r.roas)} format={ValueFormat::Number} />
                        <ResultValue testid="breakeven-gmv" label={t.breakeven_gmv} value={r.and_then(|r| r.breakeven_gmv)} format={ValueFormat::Money} />
                        <ResultValue testid="breakeven-roas" label={t.breakeven_roas} value={r.and_then(|r| r.breakeven_roas)} format={ValueFormat::Number} />
                        <ResultValue testid="cost-total" label={t.cost_total} value={r.map(|r| r.cost_total)} format={ValueFormat::Money} />
                        <ResultValue testid="benefit-direct" label={t.benefit_direct} value={r.map(|r| r.benefit_direct)} format={ValueFormat::Money} />
                        <ResultValue testid="benefit-members" label={t.benefit_members} value={r.map(|r| r.benefit_members)} format={ValueFormat::Money} />
                        <ResultValue testid="benefit-brand" label={t.benefit_brand} value={r.map(|r| r.benefit_brand)} format={ValueFormat::Money} />
                        <ResultValue testid="benefit-total" label={t.benefit_total} value={r.map(|r| r.benefit_total)} format={ValueFormat::Money} />
                    </div>
                    if let (Some(r), Ok(costs)) = (r, &costs) {
                        <BarChart aria_label={t.chart_label} format={AxisFormat::Money} bars={
                            costs.iter().zip(&labels).map(|(c, l)| Bar { label: l.clone().into(), value: *c, text: lang.money(*c).into(), class: "cost" })
                                .chain([
                                    (t.benefit_direct, r.benefit_direct),
                                    (t.benefit_members, r.benefit_members),
                                    (t.benefit_brand, r.benefit_brand),
                                ].into_iter().map(|(l, v)| Bar { label: l.into(), value: v, text: lang.money(v).into(), class: "benefit" }))
                                .collect::<Vec<_>>()
                        } />
                    }
                    <p class="method">{ t.method }</p>
                </section>
            </div>
        </div>
    }
}
