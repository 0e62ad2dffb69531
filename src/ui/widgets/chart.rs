//! Plain-SVG charts. Geometry comes from `model::chart`; text is DOM, so it is
//! translated with the page and readable by screen readers and tests.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::model::chart::{band_d, nice_ticks, path_d, LinearScale};
use crate::model::format;
use crate::ui::lang::use_lang;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AxisFormat {
    Int,
    /// Values are fractions, ticks read as percent.
    Percent,
    Money,
    Number,
}

impl AxisFormat {
    pub fn tick(self, lang: Lang, x: f64) -> String {
        match self {
            AxisFormat::Int => format::num(x, 0),
            AxisFormat::Percent => format::pct(x, 3),
            AxisFormat::Money => lang.money(x),
            AxisFormat::Number => format::sig(x, 3),
        }
    }
}

#[derive(Clone, PartialEq, Debug)]
pub struct Series {
    pub label: AttrValue,
    pub points: Vec<(f64, f64)>,
    /// CSS class giving the colour (`s1`, `s2`, …).
    pub class: &'static str,
}

/// A reference line across the plot with its label.
#[derive(Clone, PartialEq, Debug)]
pub struct Marker {
    pub at: f64,
    pub label: AttrValue,
}

/// Upper and lower edges of a shaded band, on the same x values.
pub type Band = (Vec<(f64, f64)>, Vec<(f64, f64)>);

#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    pub aria_label: AttrValue,
    pub series: Vec<Series>,
    /// A shaded band (upper, lower) drawn under the lines, e.g. an interval.
    #[prop_or_default]
    pub band: Option<Band>,
    pub x_label: AttrValue,
    pub y_label: AttrValue,
    pub x_format: AxisFormat,
    pub y_format: AxisFormat,
    /// Fixes the y range (e.g. 0–1 for power) instead of fitting the data.
    #[prop_or_default]
    pub y_domain: Option<(f64, f64)>,
    #[prop_or_default]
    pub y_marker: Option<Marker>,
    #[prop_or_default]
    pub x_marker: Option<Marker>,
}

const W: f64 = 640.0;
const H: f64 = 300.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 52.0;

fn extent(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// Vertical grid lines with their labels under a horizontal chart of `height`.
fn x_grid(ticks: &[f64], xs: &LinearScale, height: f64, lang: Lang, format: AxisFormat) -> Html {
    html! {
        <g class="grid">
            { for ticks.iter().map(|&t| { let x = coord(xs.map(t)); html! {
                <g class="tick">
                    <line x1={x.clone()} x2={x.clone()} y1={coord(TOP)} y2={coord(height - 24.0)} />
                    <text x={x} y={coord(height - 8.0)} text-anchor="middle">{ format.tick(lang, t) }</text>
                </g>
            }}) }
        </g>
    }
}

fn coord(x: f64) -> String {
    let mut s = String::new();
    format::push_coord(&mut s, x);
    s
}

#[component]
pub fn LineChart(props: &LineChartProps) -> Html {
    let lang = use_lang().lang;
    let all_points = || {
        let band_pts = props
            .band
            .iter()
            .flat_map(|(u, l)| u.iter().chain(l.iter()));
        props
            .series
            .iter()
            .flat_map(|s| s.points.iter())
            .chain(band_pts)
            .copied()
    };
    let (x_lo, x_hi) = extent(all_points().map(|p| p.0)).unwrap_or((0.0, 1.0));
    let (y_lo, y_hi) = props
        .y_domain
        .or_else(|| extent(all_points().map(|p| p.1)))
        .unwrap_or((0.0, 1.0));
    let x_ticks = nice_ticks(x_lo, x_hi, 6);
    let y_ticks = nice_ticks(y_lo, y_hi, 5);
    let x_dom = (
        x_ticks.first().copied().unwrap_or(x_lo),
        x_ticks.last().copied().unwrap_or(x_hi),
    );
    let y_dom = (
        y_ticks.first().copied().unwrap_or(y_lo),
        y_ticks.last().copied().unwrap_or(y_hi),
    );
    let xs = LinearScale::new(x_dom, (LEFT, W - RIGHT));
    let ys = LinearScale::new(y_dom, (H - BOTTOM, TOP));
    let to_px = |pts: &[(f64, f64)]| -> Vec<(f64, f64)> {
        pts.iter().map(|&(x, y)| (xs.map(x), ys.map(y))).collect()
    };

    html! {
        <figure class="chart">
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={props.aria_label.clone()}
                preserveAspectRatio="xMidYMid meet">
                <g class="grid">
                    { for y_ticks.iter().map(|&t| { let y = coord(ys.map(t)); html! {
                        <g class="tick">
                            <line x1={coord(LEFT)} x2={coord(W - RIGHT)} y1={y.clone()} y2={y.clone()} />
                            <text x={coord(LEFT - 8.0)} y={y} dy="0.32em" text-anchor="end">{ props.y_format.tick(lang, t) }</text>
                        </g>
                    }}) }
                    { for x_ticks.iter().map(|&t| { let x = coord(xs.map(t)); html! {
                        <g class="tick">
                            <line x1={x.clone()} x2={x.clone()} y1={coord(TOP)} y2={coord(H - BOTTOM)} />
                            <text x={x} y={coord(H - BOTTOM + 18.0)} text-anchor="middle">{ props.x_format.tick(lang, t) }</text>
                        </g>
                    }}) }
                </g>
                if let Some((upper, lower)) = &props.band {
                    <path class="band" d={band_d(&to_px(upper), &to_px(lower))} />
                }
                if let Some(m) = &props.y_marker {
                    <g class="marker">
                        <line x1={coord(LEFT)} x2={coord(W - RIGHT)} y1={coord(ys.map(m.at))} y2={coord(ys.map(m.at))} />
                        <text x={coord(W - RIGHT - 4.0)} y={coord(ys.map(m.at) - 6.0)} text-anchor="end">{ m.label.clone() }</text>
                    </g>
                }
                if let Some(m) = &props.x_marker {
                    <g class="marker">
                        <line x1={coord(xs.map(m.at))} x2={coord(xs.map(m.at))} y1={coord(TOP)} y2={coord(H - BOTTOM)} />
                        <text x={coord(xs.map(m.at) + 4.0)} y={coord(TOP + 12.0)}>{ m.label.clone() }</text>
                    </g>
                }
                { for props.series.iter().map(|s| html! {
                    <path class={classes!("line", s.class)} d={path_d(&to_px(&s.points))}>
                        <title>{ s.label.clone() }</title>
                    </path>
                }) }
                <line class="axis" x1={coord(LEFT)} x2={coord(W - RIGHT)} y1={coord(H - BOTTOM)} y2={coord(H - BOTTOM)} />
                <line class="axis" x1={coord(LEFT)} x2={coord(LEFT)} y1={coord(TOP)} y2={coord(H - BOTTOM)} />
                <text class="axis-label" x={coord((LEFT + W - RIGHT) / 2.0)} y={coord(H - 8.0)} text-anchor="middle">{ props.x_label.clone() }</text>
                <text class="axis-label" transform={format!("translate(14 {}) rotate(-90)", coord((TOP + H - BOTTOM) / 2.0))} text-anchor="middle">{ props.y_label.clone() }</text>
            </svg>
            if props.series.len() > 1 {
                <figcaption class="legend">
                    { for props.series.iter().map(|s| html! {
                        <span class={classes!("key", s.class)}>{ s.label.clone() }</span>
                    }) }
                </figcaption>
            }
        </figure>
    }
}

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

const BAR_H: f64 = 30.0;
const BAR_GAP: f64 = 12.0;
const LABEL_W: f64 = 150.0;
const VALUE_W: f64 = 110.0;

/// Horizontal bars with a zero line; negative values extend to the left.
#[component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let lang = use_lang().lang;
    let (lo, hi) = extent(props.bars.iter().map(|b| b.value)).unwrap_or((0.0, 1.0));
    let ticks = nice_ticks(lo.min(0.0), hi.max(0.0), 4);
    let dom = (
        ticks.first().copied().unwrap_or(0.0),
        ticks.last().copied().unwrap_or(1.0),
    );
    let xs = LinearScale::new(dom, (LABEL_W, W - VALUE_W));
    let height = TOP + props.bars.len() as f64 * (BAR_H + BAR_GAP) + 28.0;
    let zero = xs.map(0.0);
    html! {
        <figure class="chart bars">
            <svg viewBox={format!("0 0 {W} {}", coord(height))} role="img" aria-label={props.aria_label.clone()}>
                { x_grid(&ticks, &xs, height, lang, props.format) }
                { for props.bars.iter().enumerate().map(|(i, b)| {
                    let y = TOP + i as f64 * (BAR_H + BAR_GAP);
                    let end = if b.value.is_finite() { xs.map(b.value) } else { zero };
                    let (x0, w) = if end >= zero { (zero, end - zero) } else { (end, zero - end) };
                    html! {
                        <g class={classes!("bar", b.class)}>
                            <text class="bar-label" x={coord(LABEL_W - 8.0)} y={coord(y + BAR_H / 2.0)} dy="0.32em" text-anchor="end">{ b.label.clone() }</text>
                            <rect x={coord(x0)} y={coord(y)} width={coord(w.max(1.0))} height={coord(BAR_H)} rx="3">
                                <title>{ format!("{}: {}", b.label, b.text) }</title>
                            </rect>
                            <text class="bar-value" x={coord(x0 + w.max(1.0) + 6.0)} y={coord(y + BAR_H / 2.0)} dy="0.32em">{ b.text.clone() }</text>
                        </g>
                    }
                }) }
                <line class="axis" x1={coord(zero)} x2={coord(zero)} y1={coord(TOP - 4.0)} y2={coord(height - 24.0)} />
            </svg>
        </figure>
    }
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
}

/// A forest plot: each row's estimate with its interval, against a zero line.
#[component]
pub fn IntervalChart(props: &IntervalChartProps) -> Html {
    let lang = use_lang().lang;
    let values = props
        .rows
        .iter()
        .flat_map(|r| [r.estimate, r.low].into_iter().chain(r.high));
    let (lo, hi) = extent(values).unwrap_or((-1.0, 1.0));
    let ticks = nice_ticks(lo.min(0.0), hi.max(0.0), 5);
    let dom = (
        ticks.first().copied().unwrap_or(lo),
        ticks.last().copied().unwrap_or(hi),
    );
    let xs = LinearScale::new(dom, (LABEL_W, W - RIGHT));
    let height = TOP + props.rows.len() as f64 * (BAR_H + BAR_GAP) + 28.0;
    let zero = xs.map(0.0);
    html! {
        <figure class="chart intervals">
            <svg viewBox={format!("0 0 {W} {}", coord(height))} role="img" aria-label={props.aria_label.clone()}>
                { x_grid(&ticks, &xs, height, lang, props.format) }
                <line class="axis" x1={coord(zero)} x2={coord(zero)} y1={coord(TOP - 4.0)} y2={coord(height - 24.0)} />
                { for props.rows.iter().enumerate().map(|(i, r)| {
                    let y = TOP + i as f64 * (BAR_H + BAR_GAP) + BAR_H / 2.0;
                    let x_low = xs.map(r.low).max(LABEL_W);
                    let x_high = r.high.map_or(W - RIGHT, |h| xs.map(h).min(W - RIGHT));
                    let text = match r.high {
                        Some(h) => format!("{}: {} [{}, {}]", r.label, props.format.tick(lang, r.estimate), props.format.tick(lang, r.low), props.format.tick(lang, h)),
                        None => format!("{}: {} [≥ {}]", r.label, props.format.tick(lang, r.estimate), props.format.tick(lang, r.low)),
                    };
                    html! {
                        <g class={classes!("interval", r.highlight.then_some("highlight"))}>
                            <text class="bar-label" x={coord(LABEL_W - 8.0)} y={coord(y)} dy="0.32em" text-anchor="end">{ r.label.clone() }</text>
                            <line class="whisker" x1={coord(x_low)} x2={coord(x_high)} y1={coord(y)} y2={coord(y)} />
                            <line class="whisker" x1={coord(x_low)} x2={coord(x_low)} y1={coord(y - 7.0)} y2={coord(y + 7.0)} />
                            if r.high.is_some() {
                                <line class="whisker" x1={coord(x_high)} x2={coord(x_high)} y1={coord(y - 7.0)} y2={coord(y + 7.0)} />
                            }
                            <circle cx={coord(xs.map(r.estimate))} cy={coord(y)} r="6"><title>{ text }</title></circle>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
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

/// Horizontal bars made of non-negative parts, each part labelled.
#[component]
pub fn StackedBars(props: &StackedBarsProps) -> Html {
    let lang = use_lang().lang;
    let total = |r: &StackRow| r.segments.iter().map(|s| s.value.max(0.0)).sum::<f64>();
    let hi = props.rows.iter().map(total).fold(0.0, f64::max);
    let ticks = nice_ticks(0.0, hi.max(1e-9), 4);
    let xs = LinearScale::new(
        (0.0, ticks.last().copied().unwrap_or(hi)),
        (LABEL_W, W - VALUE_W),
    );
    let row_h = 46.0;
    let height = TOP + props.rows.len() as f64 * (row_h + BAR_GAP) + 28.0;
    html! {
        <figure class="chart stacked">
            <svg viewBox={format!("0 0 {W} {}", coord(height))} role="img" aria-label={props.aria_label.clone()}>
                { x_grid(&ticks, &xs, height, lang, props.format) }
                { for props.rows.iter().enumerate().map(|(i, r)| {
                    let y = TOP + i as f64 * (row_h + BAR_GAP);
                    let mut start = 0.0;
                    let parts: Vec<Html> = r.segments.iter().filter(|s| s.value > 0.0).map(|s| {
                        let (x0, x1) = (xs.map(start), xs.map(start + s.value));
                        start += s.value;
                        let wide = x1 - x0 > 60.0;
                        html! {
                            <g class={classes!("segment", s.class)}>
                                <rect x={coord(x0)} y={coord(y)} width={coord((x1 - x0).max(1.0))} height={coord(row_h)}>
                                    <title>{ format!("{}: {}", s.label, props.format.tick(lang, s.value)) }</title>
                                </rect>
                                if wide {
                                    <text class="segment-label" x={coord((x0 + x1) / 2.0)} y={coord(y + row_h / 2.0)} dy="0.32em" text-anchor="middle">{ s.label.clone() }</text>
                                }
                            </g>
                        }
                    }).collect();
                    html! {
                        <g class="stack">
                            <text class="bar-label" x={coord(LABEL_W - 8.0)} y={coord(y + row_h / 2.0)} dy="0.32em" text-anchor="end">{ r.label.clone() }</text>
                            { for parts }
                            <text class="bar-value" x={coord(xs.map(total(r)) + 6.0)} y={coord(y + row_h / 2.0)} dy="0.32em">{ props.format.tick(lang, total(r)) }</text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
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
}

/// One bar per input from its low to its high result, widest first, around the base.
#[component]
pub fn Tornado(props: &TornadoProps) -> Html {
    let lang = use_lang().lang;
    let values = props
        .rows
        .iter()
        .flat_map(|r| [r.down, r.up])
        .chain([props.base]);
    let (lo, hi) = extent(values).unwrap_or((0.0, 1.0));
    let ticks = nice_ticks(lo, hi, 5);
    let dom = (
        ticks.first().copied().unwrap_or(lo),
        ticks.last().copied().unwrap_or(hi),
    );
    let xs = LinearScale::new(dom, (LABEL_W, W - RIGHT));
    let height = TOP + props.rows.len() as f64 * (BAR_H + BAR_GAP) + 28.0;
    let base = xs.map(props.base);
    html! {
        <figure class="chart tornado">
            <svg viewBox={format!("0 0 {W} {}", coord(height))} role="img" aria-label={props.aria_label.clone()}>
                { x_grid(&ticks, &xs, height, lang, props.format) }
                { for props.rows.iter().enumerate().map(|(i, r)| {
                    let y = TOP + i as f64 * (BAR_H + BAR_GAP);
                    let (down, up) = (xs.map(r.down), xs.map(r.up));
                    html! {
                        <g class="swing">
                            <text class="bar-label" x={coord(LABEL_W - 8.0)} y={coord(y + BAR_H / 2.0)} dy="0.32em" text-anchor="end">{ r.label.clone() }</text>
                            <rect class="down" x={coord(down.min(base))} y={coord(y)} width={coord((down - base).abs().max(1.0))} height={coord(BAR_H)}>
                                <title>{ format!("{} −: {}", r.label, props.format.tick(lang, r.down)) }</title>
                            </rect>
                            <rect class="up" x={coord(up.min(base))} y={coord(y)} width={coord((up - base).abs().max(1.0))} height={coord(BAR_H)}>
                                <title>{ format!("{} +: {}", r.label, props.format.tick(lang, r.up)) }</title>
                            </rect>
                        </g>
                    }
                }) }
                <line class="axis" x1={coord(base)} x2={coord(base)} y1={coord(TOP - 4.0)} y2={coord(height - 24.0)} />
            </svg>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct HistogramProps {
    pub aria_label: AttrValue,
    /// (from, to, count) per bin.
    pub bins: Vec<(f64, f64, usize)>,
    pub x_label: AttrValue,
    pub format: AxisFormat,
    /// A value to mark, such as break-even.
    #[prop_or_default]
    pub marker: Option<Marker>,
}

/// Vertical bars over equal bins.
#[component]
pub fn Histogram(props: &HistogramProps) -> Html {
    let lang = use_lang().lang;
    let lo = props.bins.first().map_or(0.0, |b| b.0);
    let hi = props.bins.last().map_or(1.0, |b| b.1);
    let top = props.bins.iter().map(|b| b.2).max().unwrap_or(1).max(1) as f64;
    let ticks = nice_ticks(lo, hi, 6);
    let xs = LinearScale::new((lo, hi), (LEFT, W - RIGHT));
    let ys = LinearScale::new((0.0, top), (H - BOTTOM, TOP));
    html! {
        <figure class="chart histogram">
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={props.aria_label.clone()}>
                { for props.bins.iter().map(|&(a, b, c)| html! {
                    <rect class="bin" x={coord(xs.map(a))} y={coord(ys.map(c as f64))}
                        width={coord((xs.map(b) - xs.map(a) - 1.0).max(0.5))} height={coord(ys.map(0.0) - ys.map(c as f64))}>
                        <title>{ format!("{} – {}: {}", props.format.tick(lang, a), props.format.tick(lang, b), format::int(c as u64)) }</title>
                    </rect>
                }) }
                <g class="grid">
                    { for ticks.iter().filter(|t| **t >= lo && **t <= hi).map(|&t| html! {
                        <text x={coord(xs.map(t))} y={coord(H - BOTTOM + 18.0)} text-anchor="middle">{ props.format.tick(lang, t) }</text>
                    }) }
                </g>
                if let Some(m) = props.marker.as_ref().filter(|m| m.at >= lo && m.at <= hi) {
                    <g class="marker">
                        <line x1={coord(xs.map(m.at))} x2={coord(xs.map(m.at))} y1={coord(TOP)} y2={coord(H - BOTTOM)} />
                        <text x={coord(xs.map(m.at) + 4.0)} y={coord(TOP + 12.0)}>{ m.label.clone() }</text>
                    </g>
                }
                <line class="axis" x1={coord(LEFT)} x2={coord(W - RIGHT)} y1={coord(H - BOTTOM)} y2={coord(H - BOTTOM)} />
                <text class="axis-label" x={coord((LEFT + W - RIGHT) / 2.0)} y={coord(H - 8.0)} text-anchor="middle">{ props.x_label.clone() }</text>
            </svg>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct WaterfallProps {
    pub aria_label: AttrValue,
    pub start: (AttrValue, f64),
    /// The steps from start to end, each a signed change.
    pub steps: Vec<(AttrValue, f64)>,
    pub end: (AttrValue, f64),
    pub format: AxisFormat,
}

/// A horizontal waterfall: the start total, each change floating from the running
/// total (gains and losses coloured apart), and the end total.
#[component]
pub fn Waterfall(props: &WaterfallProps) -> Html {
    let lang = use_lang().lang;
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
    let ticks = nice_ticks(lo.min(0.0), hi, 5);
    let dom = (
        ticks.first().copied().unwrap_or(lo),
        ticks.last().copied().unwrap_or(hi),
    );
    let xs = LinearScale::new(dom, (LABEL_W, W - VALUE_W));
    let height = TOP + spans.len() as f64 * (BAR_H + BAR_GAP) + 28.0;
    html! {
        <figure class="chart waterfall">
            <svg viewBox={format!("0 0 {W} {}", coord(height))} role="img" aria-label={props.aria_label.clone()}>
                { x_grid(&ticks, &xs, height, lang, props.format) }
                { for spans.iter().enumerate().map(|(i, (label, from, to, class))| {
                    let y = TOP + i as f64 * (BAR_H + BAR_GAP);
                    let (a, b) = (xs.map(from.min(*to)), xs.map(from.max(*to)));
                    let text = if *class == "total" { props.format.tick(lang, *to) } else {
                        format!("{}{}", if to >= from { "+" } else { "" }, props.format.tick(lang, to - from))
                    };
                    html! {
                        <g class={classes!("step", *class)}>
                            <text class="bar-label" x={coord(LABEL_W - 8.0)} y={coord(y + BAR_H / 2.0)} dy="0.32em" text-anchor="end">{ label.clone() }</text>
                            <rect x={coord(a)} y={coord(y)} width={coord((b - a).max(1.0))} height={coord(BAR_H)}><title>{ format!("{label}: {text}") }</title></rect>
                            <text class="bar-value" x={coord(b + 6.0)} y={coord(y + BAR_H / 2.0)} dy="0.32em">{ text }</text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}
