//! Low / likely / high ranges and the Monte Carlo they feed, run in chunks so the page
//! never stalls; a new input cancels the run in progress.

use std::cell::Cell as Flag;
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::campaign::cells;
use super::campaign::ReadCampaign;
use crate::i18n::fill;
use crate::model::format;
use crate::model::input::{parse_bounded, parse_choice, Bounds};
use crate::model::roi::montecarlo::{Range, Shape, Simulation, Summary, Uncertain};
use crate::ui::hooks::QueryForm;
use crate::ui::lang::use_lang;
use crate::ui::widgets::{
    input_error, AxisFormat, ChoiceField, Histogram, Marker, NumberField, ResultValue, ValueFormat,
};

pub const DRAWS: usize = 100_000;
const CHUNK: usize = 5_000;
const BINS: usize = 30;

#[derive(Properties, PartialEq)]
pub struct UncertaintyProps {
    pub form: QueryForm,
    /// The campaign as the page read it: the likely values and cost line names.
    pub read: ReadCampaign,
}

/// A range from an optional low and high around the likely value; `Ok(None)` when no
/// bound is given.
fn range(
    likely: Option<f64>,
    low: &str,
    high: &str,
    bounds: Bounds,
) -> Result<Option<Range>, bool> {
    let (lo_given, hi_given) = (!low.trim().is_empty(), !high.trim().is_empty());
    let Some(likely) = likely else {
        return Ok(None);
    };
    if !lo_given && !hi_given {
        return Ok(None);
    }
    let lo = if lo_given {
        parse_bounded(low, bounds).map_err(|_| false)?
    } else {
        likely
    };
    let hi = if hi_given {
        parse_bounded(high, bounds).map_err(|_| false)?
    } else {
        likely
    };
    Range::new(lo, likely, hi).map(Some).map_err(|_| true)
}

/// (low param, high param, label, likely value, bounds, which benefit it belongs to)
type RangeField = (
    &'static str,
    &'static str,
    &'static str,
    Result<f64, crate::model::input::InputError>,
    Bounds,
    usize,
);

#[derive(Clone, PartialEq)]
struct Run {
    done: usize,
    millis: f64,
    summary: Option<Summary>,
}

#[component]
pub fn Uncertainty(props: &UncertaintyProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.roi;
    let form = &props.form;
    let read = &props.read;
    let shape = parse_choice(
        form.get("dist"),
        &[("pert", Shape::Pert), ("tri", Shape::Triangular)],
    )
    .unwrap_or(Shape::Pert);
    let seed = parse_bounded(
        form.get("seed"),
        Bounds::range(0.0, true, 1e15, true).whole(),
    );

    let fields: [RangeField; 6] = [
        ("gmv_lo", "gmv_hi", t.gmv, read.gmv, Bounds::NON_NEGATIVE, 0),
        (
            "margin_lo",
            "margin_hi",
            t.margin,
            read.margin,
            Bounds::PERCENT,
            0,
        ),
        (
            "members_lo",
            "members_hi",
            t.members,
            read.members,
            Bounds::NON_NEGATIVE,
            1,
        ),
        ("ltv_lo", "ltv_hi", t.ltv, read.ltv, Bounds::NON_NEGATIVE, 1),
        (
            "impr_lo",
            "impr_hi",
            t.impr,
            read.impressions,
            Bounds::NON_NEGATIVE,
            2,
        ),
        ("cpm_lo", "cpm_hi", t.cpm, read.cpm, Bounds::NON_NEGATIVE, 2),
    ];
    let lows = cells(
        texts,
        form.get("cost_lo"),
        read.costs.len(),
        Bounds::NON_NEGATIVE,
    );
    let highs = cells(
        texts,
        form.get("cost_hi"),
        read.costs.len(),
        Bounds::NON_NEGATIVE,
    );
    let cost_ranges: Vec<Result<Option<Range>, bool>> = read
        .costs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let lo = lows.get(i).map_or("", |c| c.text.as_str());
            let hi = highs.get(i).map_or("", |c| c.text.as_str());
            range(c.value, lo, hi, Bounds::NON_NEGATIVE)
        })
        .collect();
    let field_ranges: Vec<Result<Option<Range>, bool>> = fields
        .iter()
        .map(|(lo, hi, _, likely, bounds, benefit)| {
            if read.counted.get(*benefit).copied().unwrap_or(true) {
                range(
                    likely.as_ref().ok().copied(),
                    form.get(lo),
                    form.get(hi),
                    *bounds,
                )
            } else {
                Ok(None)
            }
        })
        .collect();
    let any_range = cost_ranges
        .iter()
        .chain(&field_ranges)
        .any(|r| matches!(r, Ok(Some(_))));
    let all_ok = cost_ranges.iter().chain(&field_ranges).all(Result::is_ok);
    let uncertain = read
        .campaign
        .as_ref()
        .filter(|_| any_range && all_ok)
        .map(|c| {
            let fixed_or = |i: usize, v: f64| {
                field_ranges
                    .get(i)
                    .copied()
                    .and_then(Result::ok)
                    .flatten()
                    .unwrap_or(Range::fixed(v))
            };
            Uncertain {
                costs: c
                    .costs
                    .iter()
                    .zip(&cost_ranges)
                    .map(|(v, r)| (*r).ok().flatten().unwrap_or(Range::fixed(*v)))
                    .collect(),
                gmv: fixed_or(0, c.gmv),
                margin_pct: fixed_or(1, c.margin_pct),
                members: fixed_or(2, c.members),
                ltv: fixed_or(3, c.ltv),
                impressions: fixed_or(4, c.impressions),
                cpm: fixed_or(5, c.cpm),
            }
        });
    let job = match (uncertain, seed) {
        (Some(u), Ok(seed)) => Some((u, shape, seed as u64)),
        _ => None,
    };

    let run = use_state(|| None::<Run>);
    {
        let run = run.clone();
        use_effect_with(format!("{job:?}"), move |_| {
            let cancelled = Rc::new(Flag::new(false));
            if let Some((input, shape, seed)) = job {
                let cancelled = cancelled.clone();
                spawn_local(async move {
                    let start = js_sys::Date::now();
                    let mut sim = Simulation::new(input, shape, seed);
                    while sim.draws() < DRAWS {
                        sim.run(CHUNK.min(DRAWS - sim.draws()));
                        // Let the browser paint and take input between chunks.
                        gloo::timers::future::TimeoutFuture::new(0).await;
                        if cancelled.get() {
                            return;
                        }
                        if sim.draws() < DRAWS {
                            run.set(Some(Run {
                                done: sim.draws(),
                                millis: 0.0,
                                summary: None,
                            }));
                        }
                    }
                    let summary = sim.summary(BINS);
                    run.set(Some(Run {
                        done: sim.draws(),
                        millis: js_sys::Date::now() - start,
                        summary,
                    }));
                });
            } else {
                run.set(None);
            }
            move || cancelled.set(true)
        });
    }

    let on_cost = |param: &'static str, i: usize| form.item_input(param, read.costs.len(), i);
    let on_field = |param: &'static str| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                form.set.emit((param, input.value()));
            }
        })
    };
    let range_row = |label: String,
                     lo_name: &'static str,
                     lo: String,
                     likely: String,
                     hi_name: &'static str,
                     hi: String,
                     line: Option<usize>,
                     state: &Result<Option<Range>, bool>| {
        let (on_lo, on_hi) = match line {
            Some(i) => (on_cost(lo_name, i), on_cost(hi_name, i)),
            None => (on_field(lo_name), on_field(hi_name)),
        };
        let data_line = line.map(|i| i.to_string());
        html! {
            <tr class={classes!(state.is_err().then_some("invalid"))}>
                <th scope="row">{ label.clone() }</th>
                <td><input type="text" inputmode="decimal" name={lo_name} data-line={data_line.clone()} aria-label={format!("{label}: {}", t.low)} value={lo} oninput={on_lo} /></td>
                <td class="likely">{ likely }</td>
                <td><input type="text" inputmode="decimal" name={hi_name} data-line={data_line} aria-label={format!("{label}: {}", t.high)} value={hi} oninput={on_hi} /></td>
                <td>
                    if let Err(order) = state {
                        <span class="cell-error">{ if *order { t.range_error.to_string() } else { texts.errors.not_a_number.to_string() } }</span>
                    }
                </td>
            </tr>
        }
    };
    let current = (*run).clone();
    let summary = current.as_ref().and_then(|r| r.summary.clone());

    html! {
        <section class="panel uncertainty">
            <h2>{ t.mc_heading }</h2>
            <p>{ t.mc_intro }</p>
            <div class="table-wrap">
                <table class="arm-editor ranges" data-testid="ranges">
                    <thead><tr>
                        <th scope="col"></th>
                        <th scope="col">{ t.low }</th>
                        <th scope="col">{ t.likely }</th>
                        <th scope="col">{ t.high }</th>
                        <th scope="col"></th>
                    </tr></thead>
                    <tbody>
                        { for read.costs.iter().enumerate().map(|(i, c)| range_row(
                            read.labels.get(i).cloned().unwrap_or_default(),
                            "cost_lo", lows.get(i).map_or_else(String::new, |c| c.text.clone()),
                            c.value.map_or_else(|| "—".to_string(), |v| lang.money(v)),
                            "cost_hi", highs.get(i).map_or_else(String::new, |c| c.text.clone()),
                            Some(i), cost_ranges.get(i).unwrap_or(&Ok(None)),
                        )) }
                        { for fields.iter().zip(&field_ranges).filter(|((.., benefit), _)| read.counted.get(*benefit).copied().unwrap_or(true)).map(|((lo, hi, label, likely, _, _), state)| range_row(
                            (*label).to_string(), lo, form.get(lo).to_string(),
                            likely.as_ref().map_or_else(|_| "—".to_string(), |v| match *lo {
                                // Each likely value in its own kind: money, percent or a count.
                                "gmv_lo" | "ltv_lo" | "cpm_lo" => lang.money(*v),
                                "margin_lo" => format::pct(*v / 100.0, 3),
                                _ => format::count(*v),
                            }),
                            hi, form.get(hi).to_string(), None, state,
                        )) }
                    </tbody>
                </table>
            </div>
            <div class="solve">
                <ChoiceField form={form.clone()} name="dist" label={t.dist} options={vec![("pert", t.dist_pert.into()), ("tri", t.dist_tri.into())]} />
                <NumberField form={form.clone()} name="seed" label={t.seed} inputmode="numeric" error={input_error(texts, &seed)} />
            </div>
            if !any_range {
                <p class="field-hint">{ t.mc_none }</p>
            } else if let Some(r) = current.as_ref().filter(|r| r.summary.is_none()) {
                <p class="progress" role="status">{ fill(t.mc_running, &[&format::int(r.done as u64), &format::int(DRAWS as u64)]) }</p>
            }
            if let (Some(s), Some(r)) = (&summary, current.as_ref()) {
                <div class="results">
                    <ResultValue testid="mc-p-positive" label={t.p_positive} value={Some(s.p_positive)} format={ValueFormat::Percent} primary=true />
                    <div class="result">
                        <span class="result-label">{ t.roi_p }</span>
                        <span class="triple">
                            <output data-testid="mc-roi-p10" data-value={format::contract_value(s.roi[0])}>{ format::pct(s.roi[0], 3) }</output>{ " / " }
                            <output data-testid="mc-roi-p50" data-value={format::contract_value(s.roi[1])}>{ format::pct(s.roi[1], 3) }</output>{ " / " }
                            <output data-testid="mc-roi-p90" data-value={format::contract_value(s.roi[2])}>{ format::pct(s.roi[2], 3) }</output>
                        </span>
                    </div>
                    <div class="result">
                        <span class="result-label">{ t.profit_p }</span>
                        <span class="triple">
                            <output data-testid="mc-profit-p10" data-value={format::contract_value(s.profit[0])}>{ lang.money(s.profit[0]) }</output>{ " / " }
                            <output data-testid="mc-profit-p50" data-value={format::contract_value(s.profit[1])}>{ lang.money(s.profit[1]) }</output>{ " / " }
                            <output data-testid="mc-profit-p90" data-value={format::contract_value(s.profit[2])}>{ lang.money(s.profit[2]) }</output>
                        </span>
                    </div>
                </div>
                <Histogram aria_label={t.hist_label} bins={s.histogram.clone()} x_label={t.roi} y_label={t.hist_y}
                    format={AxisFormat::Percent} bars_label={t.hist_bars}
                    markers={["P10", "P50", "P90"].iter().zip(s.roi).map(|(l, at)| Marker { at, label: (*l).into() }).collect::<Vec<_>>()}
                    zero={Some(Marker { at: 0.0, label: t.hist_zero.into() })} />
                <p class="field-hint" data-testid="mc-speed">{ fill(t.mc_done, &[
                    &format::int(s.draws as u64), &format::num(r.millis, 0),
                    &format::int((s.draws as f64 / (r.millis.max(1.0) / 1000.0)) as u64),
                ]) }</p>
            }
            <p class="method">{ t.mc_method }</p>
        </section>
    }
}
