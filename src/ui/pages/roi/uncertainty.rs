//! Low / likely / high ranges and the Monte Carlo they feed, run in chunks so the page
//! never stalls; a new input cancels the run in progress.

use std::cell::Cell as Flag;
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::ui::widgets::output;

use crate::model::form::FieldError;
use crate::model::format;
use crate::model::input::{replace_item, InputError};
use crate::model::roi::form::{self as f, CampaignForm, RangeRow, UncertaintyForm, RANGED};
use crate::model::roi::montecarlo::{Shape, Simulation, Summary, Uncertain, DRAWS};

type Read = Result<f64, InputError>;
use crate::i18n::Lang;
use crate::ui::hooks::QueryForm;
use crate::ui::lang::use_lang;
use crate::ui::widgets::{
    input_error, AxisFormat, ChoiceField, Histogram, Marker, NumberField, ResultValue, ScrollBox,
    ValueFormat,
};

const CHUNK: usize = 5_000;
const BINS: usize = 30;

#[derive(Properties)]
pub struct UncertaintyProps {
    pub form: QueryForm,
    /// The campaign as the page read it: the likely values.
    pub campaign: Rc<CampaignForm>,
    pub labels: Rc<Vec<String>>,
    /// The ranges as the page read them (`read_uncertainty`), once for the
    /// simulation and this panel.
    pub ranges: Rc<UncertaintyForm>,
    /// The simulation, run by the page (`use_page_simulation`) so that its answer
    /// can say how sure the campaign is to pay.
    pub run: UseStateHandle<Option<Run>>,
}

impl PartialEq for UncertaintyProps {
    // The campaign is read anew on each render: compare it by identity.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.campaign, &other.campaign)
            && Rc::ptr_eq(&self.ranges, &other.ranges)
            && self.form == other.form
            && self.labels == other.labels
            && *self.run == *other.run
    }
}

#[derive(Clone, PartialEq)]
pub struct Run {
    done: usize,
    millis: f64,
    summary: Option<Summary>,
    /// The last finished result and its time, kept on screen (dimmed, without
    /// `data-value`) while this run is in progress instead of blanking the panel.
    previous: Option<(Summary, f64)>,
}

impl Run {
    /// The finished run's chance that the campaign pays (ROI > 0); none while it runs.
    pub fn chance_positive(&self) -> Option<f64> {
        self.summary.as_ref().map(|s| s.p_positive)
    }
}

/// The page's simulation: the ranges its link gives (`read_uncertainty`), run in
/// chunks between frames.
#[hook]
pub fn use_page_simulation(ranges: &UncertaintyForm) -> UseStateHandle<Option<Run>> {
    let job = match (&ranges.uncertain, ranges.seed) {
        (Some(u), Ok(seed)) => Some((u.clone(), ranges.shape, seed as u64)),
        _ => None,
    };
    use_simulation(job)
}

/// Runs the simulation `job` in chunks between frames; a new job cancels the one
/// in progress. The state is the progress, then the summary and how long it took.
#[hook]
fn use_simulation(job: Option<(Uncertain, Shape, u64)>) -> UseStateHandle<Option<Run>> {
    let run = use_state(|| None::<Run>);
    let last = use_mut_ref(|| None::<(Summary, f64)>);
    {
        let run = run.clone();
        use_effect_with(job, move |job| {
            let cancelled = Rc::new(Flag::new(false));
            if let Some((input, shape, seed)) = job.clone() {
                let cancelled = cancelled.clone();
                let previous = last.borrow().clone();
                run.set(Some(Run {
                    done: 0,
                    millis: 0.0,
                    summary: None,
                    previous: previous.clone(),
                }));
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
                                previous: previous.clone(),
                            }));
                        }
                    }
                    let summary = sim.summary(BINS);
                    let millis = js_sys::Date::now() - start;
                    *last.borrow_mut() = summary.clone().map(|s| (s, millis));
                    run.set(Some(Run {
                        done: sim.draws(),
                        millis,
                        summary,
                        previous: None,
                    }));
                });
            } else {
                *last.borrow_mut() = None;
                run.set(None);
            }
            move || cancelled.set(true)
        });
    }
    run
}

/// Label and likely value of each entry of `RANGED`, each shown in its own kind.
fn likely_values(lang: Lang, read: &CampaignForm) -> [(&'static str, String); 8] {
    let t = lang.texts().roi();
    let shown = |r: &Read, f: &dyn Fn(f64) -> String| {
        r.as_ref().map_or_else(|_| "—".to_string(), |v| f(*v))
    };
    let money = |v: f64| lang.money(v);
    let zh = lang.is_zh();
    [
        (t.gmv, shown(&read.gmv, &money)),
        (
            t.margin,
            shown(&read.margin, &|v| format::pct(v / 100.0, 3)),
        ),
        (
            t.members,
            shown(&read.members, &|v| format::big_count(v, zh)),
        ),
        (t.ltv, shown(&read.ltv, &money)),
        (
            t.impr,
            shown(&read.impressions, &|v| format::big_count(v, zh)),
        ),
        (t.cpm, shown(&read.cpm, &money)),
        (
            t.refund,
            shown(&read.refund, &|v| format::pct(v / 100.0, 3)),
        ),
        (t.fee, shown(&read.fee, &|v| format::pct(v / 100.0, 3))),
    ]
}

/// The simulation's answer: the chance of paying off, the P10 / P50 / P90 of ROI and
/// of profit, the histogram and the speed; dimmed and without contract values
/// while a newer run is in progress (`fresh` false).
fn results_view(lang: Lang, s: &Summary, millis: f64, fresh: bool) -> Html {
    let t = lang.texts().roi();
    let value = |x: f64| fresh.then_some(x);
    html! {
        <div class={classes!("mc-results", (!fresh).then_some("stale"))} aria-busy={(!fresh).then_some("true")}>
        <div class="results">
            <ResultValue testid="mc-p-positive" label={t.p_positive} value={Some(s.p_positive)} format={ValueFormat::Percent} primary=true stale={!fresh} note={s.is_coin_flip().then(|| AttrValue::from(t.p_coin_flip))} />
            <div class="result">
                <span class="result-label">{ t.roi_p }</span>
                <span class="triple">
                    { output("mc-roi-p10", value(s.roi[0]), format::pct(s.roi[0], 3)) }{ " / " }
                    { output("mc-roi-p50", value(s.roi[1]), format::pct(s.roi[1], 3)) }{ " / " }
                    { output("mc-roi-p90", value(s.roi[2]), format::pct(s.roi[2], 3)) }
                </span>
            </div>
            <div class="result">
                <span class="result-label">{ t.profit_p }</span>
                <span class="triple">
                    { output("mc-profit-p10", value(s.profit[0]), lang.money(s.profit[0])) }{ " / " }
                    { output("mc-profit-p50", value(s.profit[1]), lang.money(s.profit[1])) }{ " / " }
                    { output("mc-profit-p90", value(s.profit[2]), lang.money(s.profit[2])) }
                </span>
            </div>
        </div>
        <Histogram aria_label={t.hist_label} bins={s.histogram.clone()} x_label={t.roi} y_label={t.hist_y}
            format={AxisFormat::Percent} bars_label={t.hist_bars}
            markers={["P10", "P50", "P90"].iter().zip(s.roi).map(|(l, at)| Marker { at, label: (*l).into() }).collect::<Vec<_>>()}
            zero={Some(Marker { at: 0.0, label: t.hist_zero.into() })} />
        <p class="field-hint" data-testid="mc-speed">{ t.mc_done.fill([
            &format::int(s.draws as u64), &format::num(millis, 0),
            &format::int((s.draws as f64 / (millis.max(1.0) / 1000.0)) as u64),
        ]) }</p>
        </div>
    }
}

#[component]
pub fn Uncertainty(props: &UncertaintyProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.roi();
    let form = &props.form;
    let read = &props.campaign;
    let ranges = &props.ranges;
    let ranged_fields = likely_values(lang, read);
    let run = &props.run;

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
                     (lo_name, hi_name): (&'static str, &'static str),
                     likely: String,
                     line: Option<usize>,
                     row: &RangeRow| {
        let (on_lo, on_hi) = match line {
            Some(i) => (on_cost(lo_name, i), on_cost(hi_name, i)),
            None => (on_field(lo_name), on_field(hi_name)),
        };
        let data_line = line.map(|i| i.to_string());
        let error: Option<FieldError> = row.range.err();
        // One click takes a range off an input whose likely value has left it.
        let clear = {
            let form = form.clone();
            let lines = read.costs.len();
            Callback::from(move |_: MouseEvent| {
                form.set_many.emit(match line {
                    Some(i) => [lo_name, hi_name]
                        .map(|p| (p, replace_item(form.get(p), lines, i, "")))
                        .to_vec(),
                    None => vec![(lo_name, String::new()), (hi_name, String::new())],
                })
            })
        };
        html! {
            <tr class={classes!(error.is_some().then_some("invalid"))}>
                <th scope="row">{ label.clone() }</th>
                <td><input type="text" inputmode="decimal" name={lo_name} data-line={data_line.clone()} aria-label={format!("{label}: {}", t.low)} value={row.low.clone()} oninput={on_lo} /></td>
                <td class="likely">{ likely }</td>
                <td><input type="text" inputmode="decimal" name={hi_name} data-line={data_line} aria-label={format!("{label}: {}", t.high)} value={row.high.clone()} oninput={on_hi} /></td>
                <td>
                    if let Some(e) = error {
                        <span class="cell-error">{ texts.field_error(&e, &|_| String::new()) }</span>
                        if e == FieldError::RangeOrder {
                            <button type="button" class="link" data-testid="clear-range" onclick={clear}>{ t.clear_range }</button>
                        }
                    }
                </td>
            </tr>
        }
    };
    let current = (**run).clone();
    // What the panel shows: this run's result, or while it runs the last one, dimmed.
    let (shown, fresh) = match &current {
        Some(r) if r.summary.is_some() => (r.summary.clone().map(|s| (s, r.millis)), true),
        Some(r) => (r.previous.clone(), false),
        None => (None, false),
    };
    html! {
        <section class="panel uncertainty">
            <h2>{ t.mc_heading }</h2>
            <p>{ t.mc_intro }</p>
            <ScrollBox label={t.mc_heading}>
                <table class="arm-editor ranges" data-testid="ranges">
                    <thead><tr>
                        <th scope="col"><span class="visually-hidden">{ texts.common().item_col }</span></th>
                        <th scope="col">{ t.low }</th>
                        <th scope="col">{ t.likely }</th>
                        <th scope="col">{ t.high }</th>
                        <th scope="col"><span class="visually-hidden">{ texts.common().remove.fill([""]) }</span></th>
                    </tr></thead>
                    <tbody>
                        { for read.costs.iter().zip(&ranges.costs).enumerate().map(|(i, (c, row))| range_row(
                            props.labels.get(i).cloned().unwrap_or_default(), (f::COST_LO, f::COST_HI),
                            c.ok().map_or_else(|| "—".to_string(), |v| lang.money(v)), Some(i), row,
                        )) }
                        { for RANGED.iter().zip(&ranged_fields).zip(&ranges.fields).filter_map(|((ranged, (label, likely)), row)| row.as_ref().map(|row| range_row(
                            (*label).to_string(), (ranged.low, ranged.high), likely.clone(), None, row,
                        ))) }
                    </tbody>
                </table>
            </ScrollBox>
            <div class="solve">
                <ChoiceField form={form.clone()} name={f::DIST} label={t.dist} options={vec![("pert", t.dist_pert.into()), ("tri", t.dist_tri.into())]} />
                <NumberField form={form.clone()} name={f::SEED} label={t.seed} inputmode="numeric" error={input_error(texts.errors(), &ranges.seed)} />
            </div>
            if !ranges.any_range {
                <p class="field-hint">{ t.mc_none }</p>
            } else if ranges.costs.iter().chain(ranges.fields.iter().flatten()).any(|r| r.range.is_err()) {
                <p class="blocked" data-testid="mc-blocked">{ t.mc_blocked }</p>
            } else if let Some(r) = current.as_ref().filter(|r| r.summary.is_none()) {
                <div class="progress" role="status" data-testid="mc-progress">
                    <progress max={DRAWS.to_string()} value={r.done.to_string()}></progress>
                    <span>{ t.mc_running.fill([&format::int(r.done as u64), &format::int(DRAWS as u64)]) }</span>
                </div>
            }
            if let Some((s, millis)) = &shown {
                { results_view(lang, s, *millis, fresh) }
            }
            <p class="method">{ t.mc_method }</p>
        </section>
    }
}
