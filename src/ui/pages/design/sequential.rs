//! The design page's sequential plan: the looks, their boundaries (as |z|, as the
//! nominal p and as the lift that crosses), the alpha spent, the maximum and expected
//! samples, a chart of the boundaries and, in words, what each family does.

use yew::prelude::*;

use crate::ui::widgets::output;

use crate::i18n::Lang;
use crate::model::design::form::TimingProblem;
use crate::model::design::plan::Looks;
use crate::model::format;
use crate::model::sequential::plan::Family;
use crate::ui::widgets::{
    AxisFormat, LineChart, Marker, ResultValue, ScrollBox, Series, ValueFormat,
};

/// The family's name, in the order of `Family::CHOICES`.
pub fn family_name(lang: Lang, family: Family) -> &'static str {
    let i = Family::CHOICES
        .iter()
        .position(|(_, f)| *f == family)
        .unwrap_or(0);
    lang.texts()
        .common()
        .bounds_names
        .get(i)
        .copied()
        .unwrap_or("")
}

pub fn timing_error(lang: Lang, e: &TimingProblem) -> String {
    let texts = lang.texts();
    match e {
        TimingProblem::List(l) => texts.list_error(l),
        TimingProblem::Order => texts.design().timing_order.to_string(),
        TimingProblem::Count => texts.design().timing_count.to_string(),
    }
}

/// The plan in one sentence, for the page's answer.
pub fn answer(lang: Lang, family: Family, looks: &Looks) -> String {
    let p = &looks.plan;
    lang.texts().design().seq_answer.fill([
        &p.times.len().to_string(),
        family_name(lang, family),
        &format::sig(p.inflation, 4),
        &format::int(looks.n_control.last().copied().unwrap_or(0)),
        &format::pct(p.en_h1, 3),
    ])
}

pub fn view(lang: Lang, family: Family, looks: &Looks, binary: bool) -> Html {
    let t = lang.texts().design();
    let p = &looks.plan;
    let lift = |l: &Option<f64>| {
        l.map_or("—".to_string(), |x| {
            if binary {
                format!(
                    "{} {}",
                    format::signed_points(x),
                    lang.texts().common().points_unit
                )
            } else {
                format::sig(x, 4)
            }
        })
    };
    let points: Vec<(f64, f64)> = looks
        .n_control
        .iter()
        .zip(&p.z)
        .filter(|(_, z)| z.is_finite())
        .map(|(n, z)| (*n as f64, z.min(8.0)))
        .collect();
    let fixed_z = p.z.last().copied().unwrap_or(f64::NAN);
    let top = points.iter().map(|(_, z)| *z).fold(0.0, f64::max) + 0.5;
    html! {
        <section class="panel" id="sequential" data-testid="sequential">
            <h2>{ t.seq_heading }</h2>
            <p>{ answer(lang, family, looks) }</p>
            <div class="results">
                <ResultValue testid="gs-inflation" label={t.gs_inflation} value={Some(p.inflation)} format={ValueFormat::Number} />
                <ResultValue testid="gs-en-h0" label={t.gs_en_h0} value={Some(p.en_h0)} format={ValueFormat::Percent} note={AttrValue::from(t.gs_en_note)} />
                <ResultValue testid="gs-en-h1" label={t.gs_en_h1} value={Some(p.en_h1)} format={ValueFormat::Percent} note={AttrValue::from(t.gs_en_note)} />
            </div>
            <ScrollBox label={t.seq_heading}>
                <table class="data">
                    <thead><tr>
                        { for t.seq_columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for p.times.iter().enumerate().map(|(i, share)| {
                            let k = i + 1;
                            let z = p.z.get(i).copied().unwrap_or(f64::NAN);
                            let cell = |id: &str, v: f64, text: String| html! {
                                <td class="num">{ output(format!("{id}-{k}"), Some(v), text) }</td>
                            };
                            let n = looks.n_control.get(i).copied().unwrap_or(0) as f64;
                            let np = p.nominal_p.get(i).copied().unwrap_or(f64::NAN);
                            let spent = p.alpha_spent.get(i).copied().unwrap_or(f64::NAN);
                            let l = looks.lift.get(i).copied().flatten();
                            html! {
                                <tr>
                                    <th scope="row">{ k }</th>
                                    <td class="num">{ format::pct(*share, 3) }</td>
                                    { cell("gs-n-control", n, format::count(n)) }
                                    { cell("gs-z", z, if z.is_finite() { format::num(z, 3) } else { "—".to_string() }) }
                                    { cell("gs-p", np, if z.is_finite() { format::p_value(np) } else { "—".to_string() }) }
                                    { cell("gs-lift", l.unwrap_or(f64::NAN), lift(&l)) }
                                    { cell("gs-alpha", spent, format::pct(spent, 3)) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </ScrollBox>
            <LineChart aria_label={t.seq_chart} x_label={t.seq_x} y_label={t.seq_y}
                x_format={AxisFormat::Int} y_format={AxisFormat::Number} y_domain={Some((0.0, top))}
                y_marker={fixed_z.is_finite().then(|| Marker { at: fixed_z, label: t.seq_last.into() })}
                series={vec![Series { label: t.seq_chart.into(), points: points.clone(), class: "s1" }]}
                dots={vec![Series { label: t.seq_looks.into(), points, class: "s2" }]} />
            <details class="math">
                <summary>{ t.seq_method_heading }</summary>
                { for t.seq_method.iter().map(|m| html! { <p>{ *m }</p> }) }
            </details>
        </section>
    }
}
