//! `#/analyze`: each variant against control. The sample-ratio check comes first, then
//! a plain-words verdict, the tests, the Bayesian view and the charts.

mod cuped;
mod guardrails;
mod import;
mod margin;
mod results;
mod sequential;
mod users_import;

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{AnalyzeTexts, Lang};
use crate::model::analyze::cumulative::daily_lifts;
use crate::model::analyze::daily::read_daily;
use crate::model::analyze::form::{self as f, fill_from_daily, AnalyzeForm, Given, PARAMS};
use crate::model::analyze::report::{analyze, planned_look, PlannedLook};
use crate::model::analyze::users::UserRows;
use crate::model::form::Cell;
use crate::model::input::ListError;
use crate::model::sequential::plan::Family;
use crate::ui::hooks::{use_query_form, QueryForm};
use crate::ui::lang::use_lang;
use crate::ui::widgets::{
    input_error, list_error, tool_header, ChoiceField, NumberField, SavedCalcs, ScrollBox,
};
use crate::ui::{browser, Elsewhere, Pages, Route};
use import::Import;
use results::Results;
use users_import::UsersImport;

pub use crate::model::analyze::form::MAX_ARMS;

/// The name of arm `i`: typed, or "Control", "Variant B", ….
pub fn arm_name<S: AsRef<str>>(t: &AnalyzeTexts, names: &[S], i: usize) -> String {
    match names.get(i).map(AsRef::as_ref).filter(|s| !s.is_empty()) {
        Some(s) => s.to_string(),
        None if i == 0 => t.control.to_string(),
        None => t
            .variant
            .fill([&char::from(b'A' + (i % 26) as u8).to_string()]),
    }
}

#[component]
pub fn AnalyzePage<P: Pages>() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.analyze();
    let form = use_query_form(Route::Analyze, PARAMS, "");
    // A first-visit module reads no guardrails: a link with one goes to the full module.
    let mut read = if P::FULL {
        f::read(&form.values)
    } else {
        f::read_primary(&form.values)
    };
    // A daily CSV stays in memory only (too large for a link); it is re-read when alpha
    // changes. A first-visit module does not read such files: it leaves the text on
    // the window for the full module, which takes it on its first render.
    let csv = use_state(|| {
        P::FULL
            .then(browser::take_handed_over)
            .flatten()
            .map(Rc::<str>::from)
    });
    let handing_over = use_state(|| false);
    let daily = {
        let csv = (*csv).clone();
        let always = read.input.as_ref().and_then(|i| {
            i.always_valid
                .map(|nstar| (i.alpha.to_bits(), nstar.to_bits()))
        });
        use_memo(
            (csv, read.z().to_bits(), always),
            move |(csv, z, always)| {
                if !P::FULL {
                    return None;
                }
                let always = always.map(|(a, n)| (f64::from_bits(a), f64::from_bits(n)));
                csv.as_ref()
                    .map(|c| daily_lifts(read_daily(c), f64::from_bits(*z), always))
            },
        )
    };
    // The groups take the file's totals: when it is picked, or when a handed-over
    // file arrives with the full module.
    let fill = {
        let form = form.clone();
        move |text: &str| {
            let changes = fill_from_daily(&read_daily(text));
            if !changes.is_empty() {
                form.set_many.emit(changes);
            }
        }
    };
    {
        let (csv, fill) = (csv.clone(), fill.clone());
        use_effect_with((), move |_| {
            if let Some(text) = csv.as_ref().filter(|_| P::FULL) {
                fill(text);
            }
        });
    }
    // Without `daily` the file's own traffic counts the days still to come.
    if let (Some(input), Some(rate), None) = (
        read.input.as_mut(),
        daily
            .as_ref()
            .as_ref()
            .and_then(|d| d.daily.visitors_per_day()),
        read.daily,
    ) {
        input.plan.daily = Some(rate);
    }
    let fields = Rc::new(read);
    let report = fields.input.as_ref().map(|i| Rc::new(analyze(i)));
    // A first-visit module holds none of these panels: the full module takes over.
    let lacking = !P::FULL
        && (fields.always_valid
            || fields.ratio
            || matches!(fields.given, Given::Sums | Given::Cuped)
            || f::any_guardrail(&form.values)
            || fields.plan_looks.is_some()
            || fields.margin_kind.is_some()
            || *handing_over);
    // Where a planned sequential test stands: read once (its boundary is a
    // recursion), by the answer and by the plan's panel.
    let planned: Option<Rc<PlannedLook>> = match (&fields.input, fields.plan, &report) {
        (Some(input), Some((schedule, family, max)), Some(r)) if P::FULL => {
            planned_look(input, r, &schedule, family, max).map(Rc::new)
        }
        _ => None,
    };
    let on_csv = {
        let (csv, handing_over) = (csv.clone(), handing_over.clone());
        Callback::from(move |text: Rc<str>| {
            if P::FULL {
                fill(&text);
                csv.set(Some(text));
            } else {
                browser::hand_over(&text);
                handing_over.set(true);
            }
        })
    };
    html! {
        <div class="page analyze">
            { tool_header(lang, t.heading, t.intro, &form, Vec::new()) }
            <div class="tool">
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend>{ t.data_heading }</legend>
                        <ChoiceField form={form.clone()} name={f::METRIC} label={texts.common().metric}
                            options={vec![("binary", texts.common().metric_binary.into()), ("continuous", texts.common().metric_continuous.into()), ("ratio", t.metric_ratio.into())]} />
                        { group_editor_view(&GroupEditorProps { form: form.clone(), fields: fields.clone() }, lang) }
                    </fieldset>
                    // A first-visit module holds only the button: the first guardrail
                    // brings in the full module, which holds the editor.
                    if P::FULL {
                        { guardrails::editor(lang, &form, &fields) }
                    } else {
                        <button type="button" class="secondary" data-testid="add-guardrail"
                            onclick={{ let form = form.clone(); Callback::from(move |_: MouseEvent| form.set_many.emit(guardrails::new_guardrail(lang, 1))) }}>
                            { "+ " }{ t.guard_add }
                        </button>
                    }
                    <fieldset>
                        <legend>{ texts.common().test_heading }</legend>
                        <NumberField form={form.clone()} name={f::ALPHA} label={texts.common().alpha} unit="%" error={input_error(texts.errors(), &fields.alpha)} />
                        <ChoiceField form={form.clone()} name={f::SIDES} label={texts.common().sides}
                            options={vec![("2", texts.common().two_sided.into()), ("1", texts.common().one_sided.into())]} />
                        if fields.arms > 2 {
                            <ChoiceField form={form.clone()} name={f::CORRECTION} label={texts.common().correction}
                                options={vec![("", t.correction_auto.into()), ("holm", t.holm.into()), ("bonferroni", texts.common().bonferroni.into()), ("dunnett", texts.common().dunnett.into()), ("none", texts.common().no_correction.into())]} />
                        }
                        <ChoiceField form={form.clone()} name={f::TEST} label={texts.common().test_kind}
                            options={["superiority", "noninferiority", "equivalence"].into_iter().zip(texts.common().test_names.iter()).map(|(v, l)| (v, AttrValue::from(*l))).collect::<Vec<_>>()} />
                        if fields.margin_kind.is_some() {
                            <NumberField form={form.clone()} name={f::MARGIN} label={texts.common().test_margin}
                                unit={AttrValue::from(if fields.continuous { "" } else { texts.common().points_unit })}
                                error={input_error(texts.errors(), &fields.margin)} />
                        }
                        <NumberField form={form.clone()} name={f::SPLIT} label={t.split} unit="%" inputmode="text"
                            hint={AttrValue::from(t.split_hint)} error={fields.split.as_ref().and_then(|s| list_error(texts.errors(), s))} />
                    </fieldset>
                    <fieldset>
                        <legend>{ t.seq_heading }</legend>
                        <ChoiceField form={form.clone()} name={f::SEQ} label={t.seq}
                            options={vec![("off", t.seq_off.into()), ("always", t.seq_always.into())]} />
                        if fields.always_valid {
                            <NumberField form={form.clone()} name={f::NSTAR} label={t.nstar} hint={AttrValue::from(t.nstar_hint)} error={input_error(texts.errors(), &fields.nstar)} />
                        }
                        <NumberField form={form.clone()} name={f::PLAN_LOOKS} label={t.plan_looks} inputmode="numeric"
                            hint={AttrValue::from(t.plan_looks_hint)} error={fields.plan_looks.and_then(|r| input_error(texts.errors(), &r))} />
                        if fields.plan_looks.is_some() {
                            <ChoiceField form={form.clone()} name={f::PLAN_BOUNDS} label={texts.common().bounds}
                                options={Family::CHOICES.iter().zip(texts.common().bounds_names.iter()).map(|((v, _), l)| (*v, AttrValue::from(*l))).collect::<Vec<_>>()} />
                            <NumberField form={form.clone()} name={f::PLAN_N} label={t.plan_n} error={input_error(texts.errors(), &fields.plan_n)} />
                        }
                    </fieldset>
                    <fieldset>
                        <legend>{ t.running_heading }</legend>
                        <NumberField form={form.clone()} name={f::MDE} label={t.mde_plan} unit="%" error={input_error(texts.errors(), &fields.mde)} />
                        <NumberField form={form.clone()} name={f::POWER} label={t.power_plan} unit="%" error={input_error(texts.errors(), &fields.power)} />
                        <NumberField form={form.clone()} name={f::DAILY} label={t.traffic} inputmode="numeric"
                            hint={AttrValue::from(t.traffic_hint)} error={fields.daily.and_then(|r| input_error(texts.errors(), &r))} />
                        <NumberField form={form.clone()} name={f::WIN_RATE} label={t.win_rate} unit="%"
                            hint={AttrValue::from(t.win_rate_hint)} error={input_error(texts.errors(), &fields.win_rate)} />
                        <NumberField form={form.clone()} name={f::PRIOR_SD} label={t.prior_sd} unit="%"
                            hint={AttrValue::from(t.prior_sd_hint)} error={fields.prior_sd.and_then(|r| input_error(texts.errors(), &r))} />
                    </fieldset>
                    // Sums come from a query; pasted per-user rows are not read here.
                    if matches!(fields.given, Given::Counts | Given::Means) {
                        <Import form={form.clone()} continuous={fields.continuous} daily={(*daily).clone()} on_csv={on_csv} />
                    } else if P::FULL {
                        <UsersImport form={form.clone()} rows={if fields.ratio { UserRows::Ratio } else { UserRows::Value }} />
                    }
                </form>
                if lacking {
                    <section class="outputs"><Elsewhere /></section>
                } else {
                    <Results<P> report={report.clone()} fields={fields.clone()} daily={daily.clone()} planned={planned.clone()} />
                }
            </div>
            if let Some(r) = report.as_ref().filter(|_| P::FULL) {
                { cuped::view(lang, &fields, r) }
                { margin::view(lang, &fields, r) }
                { sequential::view(lang, &fields, r, planned.as_deref()) }
            }
            <SavedCalcs tool="analyze" form={form.clone()} />
        </div>
    }
}

struct GroupEditorProps {
    form: QueryForm,
    fields: Rc<AnalyzeForm>,
}

/// One row per group: name, visitors and conversions (or units, mean and sd), with
/// add and remove.
fn group_editor_view(props: &GroupEditorProps, lang: Lang) -> Html {
    let texts = lang.texts();
    let t = &texts.analyze();
    let (form, fields) = (&props.form, &props.fields);
    let arms = fields.arms;
    let name = |i: usize| arm_name(texts.analyze(), &fields.names, i);
    let add = {
        let (form, fields) = (form.clone(), fields.clone());
        Callback::from(move |_: MouseEvent| form.set_many.emit(f::add_group(&form.values, &fields)))
    };
    let remove = |i: usize| {
        let (form, fields) = (form.clone(), fields.clone());
        Callback::from(move |_: MouseEvent| {
            form.set_many
                .emit(f::remove_group(&form.values, &fields, i))
        })
    };
    let empty = Cell {
        text: String::new(),
        value: Ok(0.0),
    };
    // Sums no per-user data can give, though the ratio still computes: said at the
    // sum at fault like an error (the figures are kept, the page says why to doubt them).
    let doubt = |param: &str, i: usize| {
        let (k, e) = fields.doubt(i)?;
        let (at, _) = fields.given.sums().get(k)?;
        (*at == param).then(|| texts.errors().sums_error(e).to_string())
    };
    let cell_input = |param: &'static str, i: usize, cell: &Cell, label: String| {
        let err_id = format!("err-{param}-{i}");
        let error = cell
            .error()
            .map(|e| texts.field_error(&e, &name))
            .or_else(|| doubt(param, i));
        html! {
            <td class={classes!(error.is_some().then_some("invalid"))}>
                <input type="text" inputmode="decimal" name={param} data-arm={i.to_string()} aria-label={label}
                    value={cell.text.clone()} aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={error.is_some().then(|| err_id.clone())} oninput={form.item_input(param, arms, i)} />
                if let Some(e) = error {
                    <span class="cell-error" id={err_id} data-testid={format!("error-{param}-{i}")}>{ e }</span>
                }
            </td>
        }
    };
    // The columns after the name: users and the sums of a ratio or of a metric (with
    // the pre-period's), units, mean and sd, or visitors and conversions.
    let columns: Vec<(&'static str, &'static str, &[Cell])> = match fields.given {
        Given::Ratio | Given::Sums | Given::Cuped => {
            let labels = if fields.ratio {
                &t.sum_cols
            } else {
                &t.mean_sum_cols
            };
            let mut c = vec![(f::N, t.users_col, fields.n.as_slice())];
            c.extend(
                fields
                    .given
                    .sums()
                    .iter()
                    .zip(labels)
                    .zip(&fields.sums)
                    .map(|(((p, _), label), cells)| (*p, *label, cells.as_slice())),
            );
            c
        }
        Given::Means => vec![
            (f::N, t.units_col, fields.n.as_slice()),
            (f::MEAN, t.mean, fields.second.as_slice()),
            (f::SD, t.sd, fields.sd.as_slice()),
        ],
        Given::Counts => vec![
            (f::N, t.visitors_col, fields.n.as_slice()),
            (f::X, t.conversions_col, fields.second.as_slice()),
        ],
    };
    // A continuous metric comes as means and sds, or as sums from a query (with the
    // pre-period's for CUPED); switching converts the numbers the rows hold.
    let given_field = (fields.continuous && !fields.ratio).then(|| {
        let choices = [
            ("means", Given::Means),
            ("sums", Given::Sums),
            ("cuped", Given::Cuped),
        ];
        let onchange = {
            let (form, fields) = (form.clone(), fields.clone());
            Callback::from(move |e: Event| {
                let chosen = e
                    .target_dyn_into::<web_sys::HtmlSelectElement>()
                    .map(|s| s.value());
                if let Some((_, to)) = choices.iter().find(|(v, _)| Some(*v) == chosen.as_deref()) {
                    form.set_many.emit(f::given_changes(&fields, *to));
                }
            })
        };
        html! {
            <div class="field">
                <label for="f-given">{ t.given_label }</label>
                <select id="f-given" data-testid="given" {onchange}>
                    { for choices.iter().zip(t.given_options).map(|((value, given), label)| html! {
                        <option value={*value} selected={fields.given == *given}>{ label }</option>
                    }) }
                </select>
            </div>
        }
    });
    html! { <>
        { for given_field }
        <ScrollBox label={t.arms_heading}>
            <table class="arm-editor" data-testid="arm-editor">
                <caption>{ t.arms_heading }</caption>
                <thead><tr>
                    <th scope="col">{ t.arm }</th>
                    { for columns.iter().map(|(_, label, _)| html! { <th scope="col">{ *label }</th> }) }
                    <th scope="col"><span class="visually-hidden">{ texts.common().remove.fill([""]) }</span></th>
                </tr></thead>
                <tbody>
                    { for (0..arms).map(|i| {
                        let n = name(i);
                        html! {
                            <tr>
                                <th scope="row">
                                    <input type="text" class="arm-name" name={f::NAMES} data-arm={i.to_string()}
                                        aria-label={format!("{} {}", t.names_label, i + 1)} placeholder={n.clone()}
                                        value={fields.names.get(i).cloned().unwrap_or_default()} oninput={form.item_input(f::NAMES, arms, i)} />
                                </th>
                                { for columns.iter().map(|(param, label, cells)| cell_input(param, i, cells.get(i).unwrap_or(&empty), format!("{n}: {label}"))) }
                                <td>
                                    if arms > 2 {
                                        <button type="button" class="icon" onclick={remove(i)}
                                            aria-label={texts.common().remove.fill([&n])} title={texts.common().remove.fill([&n])}>{ "×" }</button>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </ScrollBox>
        if fields.too_many {
            <p class="field-error">{ list_error(texts.errors(), &Err::<(), _>(ListError::TooMany { max: MAX_ARMS })) }</p>
        }
        <button type="button" class="secondary" data-testid="add-arm" onclick={add} disabled={arms >= MAX_ARMS}>{ "+ " }{ t.add_arm }</button>
    </> }
}
