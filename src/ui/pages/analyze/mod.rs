//! `#/analyze`: each variant against control. The sample-ratio check comes first, then
//! a plain-words verdict, the tests, the Bayesian view and the charts.

mod import;
mod results;

use yew::prelude::*;

use crate::i18n::{fill, Texts};
use crate::model::analyze::data::parse_daily;
use crate::model::analyze::report::{analyze, AnalyzeInput, Arm};
use crate::model::analyze::Adjust;
use crate::model::input::{
    check, parse_bounded, parse_choice, parse_list, push_item, remove_item, split_list, Bounds,
};
use crate::model::query::Param;
use crate::ui::cells::{cells, Cell};
use crate::ui::hooks::use_query_form;
use crate::ui::lang::use_lang;
use crate::ui::widgets::{input_error, list_error, ChoiceField, CopyLink, NumberField};
use crate::ui::Route;
use import::Import;
use results::Results;

pub const PARAMS: &[Param] = &[
    Param {
        name: "metric",
        default: "binary",
    },
    Param {
        name: "n",
        default: "10000,10000",
    },
    Param {
        name: "x",
        default: "500,560",
    },
    Param {
        name: "mean",
        default: "",
    },
    Param {
        name: "sd",
        default: "",
    },
    // Optional group names, control first.
    Param {
        name: "names",
        default: "",
    },
    Param {
        name: "alpha",
        default: "5",
    },
    Param {
        name: "sides",
        default: "2",
    },
    // Empty: Holm when there are more than two arms.
    Param {
        name: "correction",
        default: "",
    },
    Param {
        name: "split",
        default: "",
    },
];

pub const MAX_ARMS: usize = 10;

/// The name of arm `i`: typed, or "Control", "Variant B", ….
pub fn arm_name(t: &Texts, names: &[&str], i: usize) -> String {
    match names.get(i).filter(|s| !s.is_empty()) {
        Some(s) => (*s).to_string(),
        None if i == 0 => t.analyze.control.to_string(),
        None => fill(
            t.analyze.variant,
            &[&char::from(b'A' + (i % 26) as u8).to_string()],
        ),
    }
}

/// The list params that hold one item per arm.
fn arm_lists(continuous: bool) -> &'static [&'static str] {
    if continuous {
        &["names", "n", "mean", "sd", "split"]
    } else {
        &["names", "n", "x", "split"]
    }
}

/// One cell per group for list parameter `raw`: extra items beyond the groups are ignored.
fn arm_cells(t: &Texts, raw: &str, arms: usize, bounds: Bounds) -> Vec<Cell> {
    let mut row = cells(t, raw, arms, bounds);
    row.truncate(arms);
    row
}

#[component]
pub fn AnalyzePage() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let t = &texts.analyze;
    let form = use_query_form(Route::Analyze, PARAMS, "");

    let continuous = parse_choice(
        form.get("metric"),
        &[("binary", false), ("continuous", true)],
    )
    .unwrap_or(false);
    let two_sided = parse_choice(form.get("sides"), &[("2", true), ("1", false)]).unwrap_or(true);
    let alpha = parse_bounded(form.get("alpha"), Bounds::OPEN_PERCENT);
    let second = if continuous { "mean" } else { "x" };
    let arms = split_list(form.get("n"))
        .len()
        .max(split_list(form.get(second)).len())
        .max(2);
    let too_many = arms > MAX_ARMS;
    let arms = arms.min(MAX_ARMS);
    let names_raw = form.get("names").to_string();
    let names: Vec<&str> = split_list(&names_raw);

    let mut n_cells = arm_cells(texts, form.get("n"), arms, Bounds::COUNT);
    let amount = Bounds::range(-1e15, true, 1e15, true);
    let mut second_cells = arm_cells(
        texts,
        form.get(second),
        arms,
        if continuous { amount } else { Bounds::COUNT },
    );
    let sd_cells = arm_cells(texts, form.get("sd"), arms, Bounds::POSITIVE);
    // Checks that involve two cells of a row.
    for i in 0..arms {
        let (Some(n), Some(cell)) = (n_cells.get(i).and_then(|c| c.value), n_cells.get_mut(i))
        else {
            continue;
        };
        if cell.error.is_none() && continuous && n < 2.0 {
            cell.error = Some(t.welch_needs_two.replace("{0}", &(i + 1).to_string()));
        } else if cell.error.is_none() && !continuous && n == 0.0 {
            cell.error = input_error(texts, &check(0.0, Bounds::range(0.0, false, 1e10, true)));
        }
        if let (false, Some(x), Some(c)) = (
            continuous,
            second_cells.get(i).and_then(|c| c.value),
            second_cells.get_mut(i),
        ) {
            if x > n && c.error.is_none() {
                c.error = Some(fill(
                    t.more_conversions_than_visitors,
                    &[&arm_name(texts, &names, i)],
                ));
            }
        }
    }
    let split_given = !form.get("split").trim().is_empty();
    let split = parse_list(
        form.get("split"),
        Bounds::range(0.0, false, 100.0, true),
        arms,
        arms,
    );
    let correction = parse_choice(form.get("correction"), &Adjust::CHOICES)
        .unwrap_or(if arms > 2 { Adjust::Holm } else { Adjust::None });

    let all_ok = n_cells
        .iter()
        .chain(&second_cells)
        .all(|c| c.error.is_none())
        && (!continuous || sd_cells.iter().all(|c| c.error.is_none()))
        && !too_many;
    let arm_data: Option<Vec<Arm>> = all_ok
        .then(|| {
            (0..arms)
                .map(|i| {
                    let n = n_cells.get(i).and_then(|c| c.value)?;
                    let v = second_cells.get(i).and_then(|c| c.value)?;
                    Some(if continuous {
                        Arm::Continuous {
                            n,
                            mean: v,
                            sd: sd_cells.get(i).and_then(|c| c.value)?,
                        }
                    } else {
                        Arm::Binary { n, x: v }
                    })
                })
                .collect()
        })
        .flatten();
    let input = match (arm_data, alpha, split_given, &split) {
        (Some(arms), Ok(alpha), given, split) if !given || split.is_ok() => Some(AnalyzeInput {
            arms,
            alpha: alpha / 100.0,
            two_sided,
            correction,
            split: if given {
                split.as_ref().ok().cloned()
            } else {
                None
            },
        }),
        _ => None,
    };
    let report = input.as_ref().map(analyze);
    // A daily CSV stays in memory only (too large for a link); it is re-read when alpha changes.
    let csv = use_state(|| None::<std::rc::Rc<str>>);
    let z = alpha.as_ref().ok().map_or(f64::NAN, |a| {
        crate::model::stats::z_quantile(if two_sided {
            1.0 - a / 200.0
        } else {
            1.0 - a / 100.0
        })
    });
    let daily = {
        let csv = (*csv).clone();
        use_memo((csv, z.to_bits()), move |(csv, _)| {
            csv.as_ref().map(|c| parse_daily(c, z))
        })
    };
    let on_csv = {
        let csv = csv.clone();
        Callback::from(move |text: std::rc::Rc<str>| csv.set(Some(text)))
    };

    let on_cell = |param: &'static str, i: usize| form.item_input(param, arms, i);
    let add_arm = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            let changes = arm_lists(continuous)
                .iter()
                .filter(|p| **p != "split" || !form.get("split").trim().is_empty())
                .map(|&p| {
                    // A new variant starts as a copy of the last one's numbers, unnamed.
                    let last = split_list(form.get(p))
                        .get(arms - 1)
                        .copied()
                        .unwrap_or("")
                        .to_string();
                    let copy = if p == "names" { String::new() } else { last };
                    (p, push_item(form.get(p), arms, &copy))
                })
                .collect();
            form.set_many.emit(changes);
        })
    };
    let remove_arm = |i: usize| {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            let changes = arm_lists(continuous)
                .iter()
                .filter(|p| !form.get(p).trim().is_empty())
                .map(|&p| (p, remove_item(form.get(p), i)))
                .collect();
            form.set_many.emit(changes);
        })
    };
    let cell_input = |param: &'static str, i: usize, cell: &Cell, label: String| {
        let err_id = format!("err-{param}-{i}");
        html! {
            <td class={classes!(cell.error.is_some().then_some("invalid"))}>
                <input type="text" inputmode="decimal" name={param} data-arm={i.to_string()} aria-label={label}
                    value={cell.text.clone()} aria-invalid={cell.error.is_some().then_some("true")}
                    aria-describedby={cell.error.is_some().then(|| err_id.clone())} oninput={on_cell(param, i)} />
                if let Some(e) = &cell.error {
                    <span class="cell-error" id={err_id} data-testid={format!("error-{param}-{i}")}>{ e.clone() }</span>
                }
            </td>
        }
    };
    let second_label = if continuous {
        t.mean
    } else {
        t.conversions_col
    };

    html! {
        <div class="page analyze">
            <h1>{ t.heading }</h1>
            <p class="lead">{ t.intro }</p>
            <CopyLink form={form.clone()} />
            <div class="tool">
                <form class="inputs" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset>
                        <legend>{ t.data_heading }</legend>
                        <ChoiceField form={form.clone()} name="metric" label={t.metric}
                            options={vec![("binary", t.metric_binary.into()), ("continuous", t.metric_continuous.into())]} />
                        <div class="table-wrap">
                            <table class="arm-editor" data-testid="arm-editor">
                                <caption>{ t.arms_heading }</caption>
                                <thead><tr>
                                    <th scope="col">{ t.arm }</th>
                                    <th scope="col">{ if continuous { t.units_col } else { t.visitors_col } }</th>
                                    <th scope="col">{ second_label }</th>
                                    if continuous { <th scope="col">{ t.sd }</th> }
                                    <th scope="col"><span class="visually-hidden">{ t.remove_arm.replace("{0}", "") }</span></th>
                                </tr></thead>
                                <tbody>
                                    { for (0..arms).map(|i| {
                                        let name = arm_name(texts, &names, i);
                                        let name_text = names.get(i).copied().unwrap_or("").to_string();
                                        html! {
                                            <tr>
                                                <th scope="row">
                                                    <input type="text" class="arm-name" name="names" data-arm={i.to_string()}
                                                        aria-label={format!("{} {}", t.names_label, i + 1)} placeholder={name.clone()}
                                                        value={name_text} oninput={on_cell("names", i)} />
                                                </th>
                                                { cell_input("n", i, n_cells.get(i).unwrap_or(&Cell { text: String::new(), value: None, error: None }), format!("{name}: {}", if continuous { t.units_col } else { t.visitors_col })) }
                                                { cell_input(second, i, second_cells.get(i).unwrap_or(&Cell { text: String::new(), value: None, error: None }), format!("{name}: {second_label}")) }
                                                if continuous {
                                                    { cell_input("sd", i, sd_cells.get(i).unwrap_or(&Cell { text: String::new(), value: None, error: None }), format!("{name}: {}", t.sd)) }
                                                }
                                                <td>
                                                    if arms > 2 {
                                                        <button type="button" class="icon" onclick={remove_arm(i)}
                                                            aria-label={fill(t.remove_arm, &[&name])} title={fill(t.remove_arm, &[&name])}>{ "×" }</button>
                                                    }
                                                </td>
                                            </tr>
                                        }
                                    }) }
                                </tbody>
                            </table>
                        </div>
                        if too_many {
                            <p class="field-error">{ list_error(texts, &Err::<(), _>(crate::model::input::ListError::TooMany { max: MAX_ARMS })) }</p>
                        }
                        <button type="button" class="secondary" data-testid="add-arm" onclick={add_arm} disabled={arms >= MAX_ARMS}>{ "+ " }{ t.add_arm }</button>
                    </fieldset>
                    <fieldset>
                        <legend>{ t.test_heading }</legend>
                        <NumberField form={form.clone()} name="alpha" label={t.alpha} unit="%" error={input_error(texts, &alpha)} />
                        <ChoiceField form={form.clone()} name="sides" label={t.sides}
                            options={vec![("2", t.two_sided.into()), ("1", t.one_sided.into())]} />
                        if arms > 2 {
                            <ChoiceField form={form.clone()} name="correction" label={t.correction}
                                options={vec![("", t.correction_auto.into()), ("holm", t.holm.into()), ("bonferroni", t.bonferroni.into()), ("none", t.no_correction.into())]} />
                        }
                        <NumberField form={form.clone()} name="split" label={t.split} unit="%" inputmode="text"
                            hint={AttrValue::from(t.split_hint)} error={if split_given { list_error(texts, &split) } else { None }} />
                    </fieldset>
                    <Import form={form.clone()} continuous={continuous} daily={(*daily).clone()} on_csv={on_csv} />
                </form>
                <Results report={report} input={input} names={names_raw.clone()} continuous={continuous} daily={(*daily).clone()} />
            </div>
        </div>
    }
}
