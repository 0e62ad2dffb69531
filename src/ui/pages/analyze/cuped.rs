//! CUPED on the significance page: θ, the variance the pre-period value takes out,
//! how much narrower each interval became (drawn beside the unadjusted one), each
//! group's unadjusted and pre-period means, and why the pre-period must come before
//! assignment. The adjusted results themselves are the page's table.

use yew::prelude::*;

use super::arm_name;
use super::results::out;
use crate::i18n::Lang;
use crate::model::analyze::form::AnalyzeForm;
use crate::model::analyze::report::Report;
use crate::model::format;
use crate::ui::widgets::{AxisFormat, IntervalChart, IntervalRow, ScrollBox, ValueFormat};

/// Below this the adjustment is said to barely help (half a percent narrower).
const NO_GAIN: f64 = 0.005;

pub fn view(lang: Lang, fields: &AnalyzeForm, report: &Report) -> Html {
    let (Some(cuped), Some(input)) = (fields.cuped.as_ref(), fields.input.as_ref()) else {
        return html! {};
    };
    let texts = lang.texts();
    let (t, p) = (texts.analyze(), texts.analyze_panels());
    let name = |i: usize| arm_name(t, &fields.names, i);
    let q = if input.two_sided {
        1.0 - input.alpha / 2.0
    } else {
        1.0 - input.alpha
    };
    let variants = (1..cuped.arms.len()).filter(|i| report.comparison(*i).is_some());
    let rows: Vec<IntervalRow> = variants
        .clone()
        .flat_map(|i| {
            [true, false].into_iter().filter_map(move |adjusted| {
                let (low, high) = cuped.interval(i, q, adjusted)?;
                let label = if adjusted {
                    p.cuped_row_adjusted
                } else {
                    p.cuped_row_plain
                };
                Some((i, adjusted, low, high, label))
            })
        })
        .map(|(i, adjusted, low, high, label)| IntervalRow {
            label: label.fill([&name(i)]).into(),
            estimate: (low + high) / 2.0,
            low,
            high: Some(high),
            highlight: adjusted,
        })
        .collect();
    html! {
        <section class="panel" id="cuped" data-testid="cuped">
            <h2>{ p.cuped_heading }</h2>
            <p class="headline">
                { p.cuped_theta }{ lang.colon() }{ out(lang, "cuped-theta".into(), Some(cuped.theta), ValueFormat::Number) }
                <br />
                { p.cuped_reduction }{ lang.colon() }{ out(lang, "variance-reduction".into(), Some(cuped.variance_reduction), ValueFormat::Percent) }
            </p>
            { for variants.map(|i| {
                let line = match cuped.narrower(i, q) {
                    Some(k) if k > NO_GAIN => p.cuped_narrower.fill([
                        &name(i),
                        &format::pct(k, 2),
                        &format::sig(1.0 / ((1.0 - k) * (1.0 - k)), 3),
                    ]),
                    _ => p.cuped_no_gain.fill([&name(i)]),
                };
                html! { <p data-testid={format!("cuped-narrower-{i}")}>{ line }</p> }
            }) }
            <IntervalChart aria_label={p.cuped_chart} rows={rows}
                x_label={t.difference_axis} format={AxisFormat::Number}
                legend={p.cuped_legend.map(AttrValue::from)} />
            <ScrollBox label={p.cuped_heading}>
                <table class="arms">
                    <thead><tr>{ for p.cuped_columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr></thead>
                    <tbody>
                        { for cuped.arms.iter().enumerate().map(|(i, a)| html! {
                            <tr>
                                <th scope="row">{ name(i) }</th>
                                <td>{ out(lang, format!("mean-{i}"), Some(a.mean), ValueFormat::Number) }</td>
                                <td>{ out(lang, format!("pre-mean-{i}"), Some(a.pre_mean), ValueFormat::Number) }</td>
                                <td>{ out(lang, format!("sd-adj-{i}"), Some(a.sd_adj), ValueFormat::Number) }{ " / " }{ format::sig(a.sd, 4) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </ScrollBox>
            <p>{ p.cuped_why }</p>
            <div class="method">
                <p>{ p.cuped_method }</p>
                <p>{ p.cuped_sql_intro }</p>
                <pre><code>{ CUPED_SQL }</code></pre>
            </div>
        </section>
    }
}

/// The warehouse query behind CUPED's sums: each randomized user's spend in the test
/// and in the 28 days before it began (0 without orders), then summed per group.
const CUPED_SQL: &str = "-- GMV per user in the test (y) and in the 28 days before it began (x)
WITH per_user AS (
  SELECT a.user_id, a.group_name,
         COALESCE(SUM(CASE WHEN o.paid_at >= a.assigned_at THEN o.gmv END), 0) AS y,
         COALESCE(SUM(CASE WHEN o.paid_at <  t.started_at
                            AND o.paid_at >= t.started_at - INTERVAL '28' DAY
                           THEN o.gmv END), 0) AS x
  FROM assignments a
  CROSS JOIN test t
  LEFT JOIN orders o ON o.user_id = a.user_id
  GROUP BY a.user_id, a.group_name
)
SELECT group_name,
       COUNT(*)     AS n,
       SUM(y)       AS sum,  SUM(y * y) AS sum2,
       SUM(x)       AS pre,  SUM(x * x) AS pre2,
       SUM(x * y)   AS prepost
FROM per_user
GROUP BY group_name;";
