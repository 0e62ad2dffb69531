//! Charts of labelled rows: bars, intervals, stacked bars, the tornado and the
//! waterfall.

use yew::prelude::*;

use super::frame::*;
use super::*;
use crate::model::chart::row_layout;
use crate::model::format;
use crate::ui::lang::use_lang;

#[derive(Clone, PartialEq, Debug)]
pub struct Bar {
    pub label: AttrValue,
    pub value: f64,
    /// The text at the end of the bar (already formatted).
    pub text: AttrValue,
    pub class: &'static str,
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    pub aria_label: AttrValue,
    pub bars: Vec<Bar>,
    pub format: AxisFormat,
}

/// Horizontal bars with a zero line; negative values extend to the left.
#[component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let lang = use_lang().lang;
    let (node, w) = use_chart_width();
    let layout = row_layout(w, BAR_H, 90.0);
    let (lo, hi) = extent(props.bars.iter().map(|b| b.value)).unwrap_or((0.0, 1.0));
    let (ticks, xs) = bar_axis(&layout, lo.min(0.0), hi.max(0.0), props.format);
    let height = rows_height(&layout, props.bars.len());
    let zero = xs.map(0.0);
    let drawing = html! {
        <>
            { x_grid(&ticks, &xs, height, lang, props.format) }
            { for props.bars.iter().enumerate().map(|(i, b)| {
                let row = TOP + i as f64 * layout.pitch;
                let y = row + layout.bar_offset;
                let end = if b.value.is_finite() { xs.map(b.value) } else { zero };
                let (x0, bw) = if end >= zero { (zero, end - zero) } else { (end, zero - end) };
                html! {
                    <g class={classes!("bar", b.class)}>
                        { row_label(&layout, row, b.label.clone()) }
                        <rect x={coord(x0)} y={coord(y)} width={coord(bw.max(1.0))} height={coord(BAR_H)} rx="3">
                            <title>{ format!("{}: {}", b.label, b.text) }</title>
                        </rect>
                        <text class="bar-value" x={coord(x0 + bw.max(1.0) + 6.0)} y={coord(y + BAR_H / 2.0)} dy="0.32em">{ b.text.clone() }</text>
                    </g>
                }
            }) }
            <line class="axis" x1={coord(zero)} x2={coord(zero)} y1={coord(TOP - 4.0)} y2={coord(height - 24.0)} />
        </>
    };
    Figure::new("bars", node, (w, height), &props.aria_label)
        .units(props.format.units(lang))
        .draw(lang, &[], drawing)
}

/// One row of an interval chart: an estimate and its interval.
#[derive(Clone, PartialEq, Debug)]
pub struct IntervalRow {
    pub label: AttrValue,
    pub estimate: f64,
    pub low: f64,
    /// `None` for a one-sided interval: drawn open to the right.
    pub high: Option<f64>,
    /// Marks a row whose interval excludes zero.
    pub highlight: bool,
}

#[derive(Properties, PartialEq)]
pub struct IntervalChartProps {
    pub aria_label: AttrValue,
    pub rows: Vec<IntervalRow>,
    pub format: AxisFormat,
    /// What the axis measures, with its unit.
    pub x_label: AttrValue,
    /// What a highlighted row and a plain one mean.
    pub legend: [AttrValue; 2],
    /// Reference lines across the rows (a non-inferiority or equivalence margin).
    #[prop_or_default]
    pub lines: Vec<Marker>,
}

/// A forest plot: each row's estimate with its interval, against a zero line.
#[component]
pub fn IntervalChart(props: &IntervalChartProps) -> Html {
    let lang = use_lang().lang;
    let (node, w) = use_chart_width();
    let layout = row_layout(w, BAR_H, RIGHT);
    let values = props
        .rows
        .iter()
        .flat_map(|r| [r.estimate, r.low].into_iter().chain(r.high))
        .chain(props.lines.iter().map(|m| m.at));
    let (lo, hi) = extent(values).unwrap_or((-1.0, 1.0));
    let (ticks, xs) = bar_axis(&layout, lo.min(0.0), hi.max(0.0), props.format);
    // The rows and their grid, then a line for the axis label.
    let grid_height = rows_height(&layout, props.rows.len());
    let height = grid_height + 20.0;
    let zero = xs.map(0.0);
    let [significant, plain] = &props.legend;
    let mut keys = Vec::new();
    if props.rows.iter().any(|r| r.highlight) {
        keys.push(LegendKey {
            class: "highlight",
            label: significant.clone(),
        });
    }
    if props.rows.iter().any(|r| !r.highlight) {
        keys.push(LegendKey {
            class: "plain",
            label: plain.clone(),
        });
    }
    let drawing = html! {
        <>
            { x_grid(&ticks, &xs, grid_height, lang, props.format) }
            <line class="axis" x1={coord(zero)} x2={coord(zero)} y1={coord(TOP - 4.0)} y2={coord(grid_height - 24.0)} />
            { for props.lines.iter().map(|m| { let x = coord(xs.map(m.at)); html! {
                <g class="marker">
                    <line x1={x.clone()} x2={x.clone()} y1={coord(TOP - 4.0)} y2={coord(grid_height - 24.0)} />
                    <text x={x} y={coord(TOP + 6.0)} text-anchor="middle">{ m.label.clone() }</text>
                </g>
            }}) }
            <text class="axis-label" x={coord((layout.bar_left + layout.bar_right) / 2.0)} y={coord(height - 4.0)} text-anchor="middle">{ props.x_label.clone() }</text>
            { for props.rows.iter().enumerate().map(|(i, r)| {
                let row = TOP + i as f64 * layout.pitch;
                let y = row + layout.bar_offset + BAR_H / 2.0;
                let x_low = xs.map(r.low).max(layout.bar_left);
                let x_high = r.high.map_or(layout.bar_right, |h| xs.map(h).min(layout.bar_right));
                let text = match r.high {
                    Some(h) => format!("{}: {} [{}, {}]", r.label, props.format.tick(lang, r.estimate), props.format.tick(lang, r.low), props.format.tick(lang, h)),
                    None => format!("{}: {} [≥ {}]", r.label, props.format.tick(lang, r.estimate), props.format.tick(lang, r.low)),
                };
                html! {
                    <g class={classes!("interval", r.highlight.then_some("highlight"))}>
                        { row_label(&layout, row, r.label.clone()) }
                        <line class="whisker" x1={coord(x_low)} x2={coord(x_high)} y1={coord(y)} y2={coord(y)} />
                        <line class="whisker" x1={coord(x_low)} x2={coord(x_low)} y1={coord(y - 7.0)} y2={coord(y + 7.0)} />
                        if r.high.is_some() {
                            <line class="whisker" x1={coord(x_high)} x2={coord(x_high)} y1={coord(y - 7.0)} y2={coord(y + 7.0)} />
                        }
                        <circle cx={coord(xs.map(r.estimate))} cy={coord(y)} r="6"><title>{ text }</title></circle>
                    </g>
                }
            }) }
        </>
    };
    Figure::new("intervals", node, (w, height), &props.aria_label).draw(lang, &keys, drawing)
}

/// A part of a stacked bar.
#[derive(Clone, PartialEq, Debug)]
pub struct Segment {
    pub label: AttrValue,
    pub value: f64,
    pub class: &'static str,
}

#[derive(Clone, PartialEq, Debug)]
pub struct StackRow {
    pub label: AttrValue,
    pub segments: Vec<Segment>,
}

#[derive(Properties, PartialEq)]
pub struct StackedBarsProps {
    pub aria_label: AttrValue,
    pub rows: Vec<StackRow>,
    pub format: AxisFormat,
}

/// Horizontal bars made of non-negative parts. Parts wide enough carry their name;
/// the legend names every part with its amount, so narrow ones are never anonymous.
#[component]
pub fn StackedBars(props: &StackedBarsProps) -> Html {
    let lang = use_lang().lang;
    let (node, w) = use_chart_width();
    let row_h = 46.0;
    let layout = row_layout(w, row_h, 96.0);
    let total = |r: &StackRow| r.segments.iter().map(|s| s.value.max(0.0)).sum::<f64>();
    let hi = props.rows.iter().map(total).fold(0.0, f64::max);
    let (ticks, xs) = bar_axis(&layout, 0.0, hi.max(1e-9), props.format);
    let height = rows_height(&layout, props.rows.len());
    let keys: Vec<LegendKey> = props
        .rows
        .iter()
        .flat_map(|r| r.segments.iter())
        .filter(|s| s.value > 0.0)
        .map(|s| LegendKey {
            class: s.class,
            label: format!("{} {}", s.label, props.format.value(lang, s.value)).into(),
        })
        .collect();
    let drawing = html! {
        <>
            { x_grid(&ticks, &xs, height, lang, props.format) }
            { for props.rows.iter().enumerate().map(|(i, r)| {
                let row = TOP + i as f64 * layout.pitch;
                let y = row + layout.bar_offset;
                let mut start = 0.0;
                let parts: Vec<Html> = r.segments.iter().filter(|s| s.value > 0.0).map(|s| {
                    let (x0, x1) = (xs.map(start), xs.map(start + s.value));
                    start += s.value;
                    let fits = x1 - x0 > text_units(&s.label) + 10.0;
                    html! {
                        <g class={classes!("segment", s.class)}>
                            <rect x={coord(x0)} y={coord(y)} width={coord((x1 - x0).max(1.0))} height={coord(row_h)}>
                                <title>{ format!("{}: {}", s.label, props.format.value(lang, s.value)) }</title>
                            </rect>
                            if fits {
                                <text class="segment-label" x={coord((x0 + x1) / 2.0)} y={coord(y + row_h / 2.0)} dy="0.32em" text-anchor="middle">{ s.label.clone() }</text>
                            }
                        </g>
                    }
                }).collect();
                html! {
                    <g class="stack">
                        { row_label(&layout, row + if layout.labels_above { 0.0 } else { (row_h - BAR_H) / 2.0 }, r.label.clone()) }
                        { for parts }
                        <text class="bar-value" x={coord(xs.map(total(r)) + 6.0)} y={coord(y + row_h / 2.0)} dy="0.32em">{ props.format.value(lang, total(r)) }</text>
                    </g>
                }
            }) }
        </>
    };
    Figure::new("stacked", node, (w, height), &props.aria_label)
        .units(props.format.units(lang))
        .draw(lang, &keys, drawing)
}

#[derive(Clone, PartialEq, Debug)]
pub struct TornadoRow {
    pub label: AttrValue,
    /// The result with the input moved down and up.
    pub down: f64,
    pub up: f64,
}

#[derive(Properties, PartialEq)]
pub struct TornadoProps {
    pub aria_label: AttrValue,
    pub rows: Vec<TornadoRow>,
    /// The result with every input as given.
    pub base: f64,
    pub format: AxisFormat,
    /// What the two colours mean: the input moved down, and up.
    pub legend: [AttrValue; 2],
}

/// One bar per input from its low to its high result, widest first, around the base.
#[component]
pub fn Tornado(props: &TornadoProps) -> Html {
    let lang = use_lang().lang;
    let (node, w) = use_chart_width();
    let layout = row_layout(w, BAR_H, RIGHT);
    let values = props
        .rows
        .iter()
        .flat_map(|r| [r.down, r.up])
        .chain([props.base]);
    let (lo, hi) = extent(values).unwrap_or((0.0, 1.0));
    let (ticks, xs) = bar_axis(&layout, lo, hi, props.format);
    let height = rows_height(&layout, props.rows.len());
    let base = xs.map(props.base);
    let [down_label, up_label] = &props.legend;
    let keys = [
        LegendKey {
            class: "down",
            label: down_label.clone(),
        },
        LegendKey {
            class: "up",
            label: up_label.clone(),
        },
    ];
    let drawing = html! {
        <>
            { x_grid(&ticks, &xs, height, lang, props.format) }
            { for props.rows.iter().enumerate().map(|(i, r)| {
                let row = TOP + i as f64 * layout.pitch;
                let y = row + layout.bar_offset;
                let (down, up) = (xs.map(r.down), xs.map(r.up));
                html! {
                    <g class="swing">
                        { row_label(&layout, row, r.label.clone()) }
                        <rect class="down" x={coord(down.min(base))} y={coord(y)} width={coord((down - base).abs().max(1.0))} height={coord(BAR_H)}>
                            <title>{ format!("{} ({}): {}", r.label, down_label, props.format.tick(lang, r.down)) }</title>
                        </rect>
                        <rect class="up" x={coord(up.min(base))} y={coord(y)} width={coord((up - base).abs().max(1.0))} height={coord(BAR_H)}>
                            <title>{ format!("{} ({}): {}", r.label, up_label, props.format.tick(lang, r.up)) }</title>
                        </rect>
                    </g>
                }
            }) }
            <line class="axis" x1={coord(base)} x2={coord(base)} y1={coord(TOP - 4.0)} y2={coord(height - 24.0)} />
        </>
    };
    Figure::new("tornado", node, (w, height), &props.aria_label)
        .units(props.format.units(lang))
        .draw(lang, &keys, drawing)
}

#[derive(Properties, PartialEq)]
pub struct WaterfallProps {
    pub aria_label: AttrValue,
    pub start: (AttrValue, f64),
    /// The steps from start to end, each a signed change.
    pub steps: Vec<(AttrValue, f64)>,
    pub end: (AttrValue, f64),
    pub format: AxisFormat,
    /// What the colours mean: a total, a gain, a loss.
    pub legend: [AttrValue; 3],
}

/// A horizontal waterfall: the start total, each change floating from the running
/// total (gains and losses coloured apart), and the end total.
#[component]
pub fn Waterfall(props: &WaterfallProps) -> Html {
    let lang = use_lang().lang;
    let (node, w) = use_chart_width();
    let layout = row_layout(w, BAR_H, 96.0);
    let mut running = props.start.1;
    let mut spans = vec![(props.start.0.clone(), 0.0, props.start.1, "total")];
    for (label, change) in &props.steps {
        spans.push((
            label.clone(),
            running,
            running + change,
            if *change >= 0.0 { "gain" } else { "loss" },
        ));
        running += change;
    }
    spans.push((props.end.0.clone(), 0.0, props.end.1, "total"));
    let (lo, hi) = extent(spans.iter().flat_map(|s| [s.1, s.2])).unwrap_or((0.0, 1.0));
    let (ticks, xs) = bar_axis(&layout, lo.min(0.0), hi, props.format);
    let height = rows_height(&layout, spans.len());
    let [total_label, gain_label, loss_label] = &props.legend;
    let keys: Vec<LegendKey> = [
        ("total", total_label),
        ("gain", gain_label),
        ("loss", loss_label),
    ]
    .into_iter()
    .filter(|(class, _)| spans.iter().any(|s| s.3 == *class))
    .map(|(class, label)| LegendKey {
        class,
        label: label.clone(),
    })
    .collect();
    let drawing = html! {
        <>
            { x_grid(&ticks, &xs, height, lang, props.format) }
            { for spans.iter().enumerate().map(|(i, (label, from, to, class))| {
                let row = TOP + i as f64 * layout.pitch;
                let y = row + layout.bar_offset;
                let (a, b) = (xs.map(from.min(*to)), xs.map(from.max(*to)));
                let text = if *class == "total" {
                    props.format.value(lang, *to)
                } else if props.format == AxisFormat::Money {
                    format::signed_money(to - from, lang.is_zh())
                } else {
                    format!("{}{}", if to >= from { "+" } else { "" }, props.format.value(lang, to - from))
                };
                html! {
                    <g class={classes!("step", *class)}>
                        { row_label(&layout, row, label.clone()) }
                        <rect x={coord(a)} y={coord(y)} width={coord((b - a).max(1.0))} height={coord(BAR_H)}><title>{ format!("{label}: {text}") }</title></rect>
                        <text class="bar-value" x={coord(b + 6.0)} y={coord(y + BAR_H / 2.0)} dy="0.32em">{ text }</text>
                    </g>
                }
            }) }
        </>
    };
    Figure::new("waterfall", node, (w, height), &props.aria_label)
        .units(props.format.units(lang))
        .draw(lang, &keys, drawing)
}
