//! Plain-SVG charts. Geometry comes from `model::chart`; text is DOM, so it is
//! translated with the page and readable by screen readers and tests.
//!
//! Each chart measures its own box and draws in units of one CSS pixel (at a 16 px
//! root font), so its text keeps its size at every width instead of scaling with
//! the SVG: 12 px on a phone, larger on a projector. Narrow charts move bar labels
//! above their bars. Every colour a chart uses is named in its legend.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::model::chart::{
    band_d, nice_ticks, path_d, plot_height, row_layout, tick_count, units_for_box, LinearScale,
    RowLayout, DEFAULT_WIDTH,
};
use crate::model::format;
use crate::ui::browser;
use crate::ui::export::{download_chart, ChartFormat};
use crate::ui::lang::use_lang;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AxisFormat {
    Int,
    /// Values are fractions, ticks read as percent.
    Percent,
    Money,
    Number,
    /// Values are differences of rates (fractions), ticks read in percentage points
    /// (the axis label names the unit).
    Points,
}

impl AxisFormat {
    pub fn tick(self, lang: Lang, x: f64) -> String {
        match self {
            AxisFormat::Int => format::num(x, 0),
            AxisFormat::Percent => format::pct(x, 3),
            AxisFormat::Money => format::money_tick(x, lang.is_zh()),
            AxisFormat::Number => format::sig(x, 3),
            AxisFormat::Points => format::signed_points(x),
        }
    }

    /// A value written out in full (bar ends, tooltips), not shortened like a tick.
    pub fn value(self, lang: Lang, x: f64) -> String {
        match self {
            AxisFormat::Money => lang.money(x),
            AxisFormat::Int => format::count(x),
            other => other.tick(lang, x),
        }
    }

    /// Units a tick label needs along a horizontal axis.
    fn tick_room(self) -> f64 {
        match self {
            AxisFormat::Money => 78.0,
            AxisFormat::Int => 60.0,
            _ => 70.0,
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

/// Thin lines of one kind (sample paths): their legend label, colour class and points.
pub type LineGroup = (AttrValue, &'static str, Vec<Vec<(f64, f64)>>);

/// Upper and lower edges of a shaded band, on the same x values.
pub type Band = (Vec<(f64, f64)>, Vec<(f64, f64)>);

/// One entry of a chart's legend: the colour class and what it means.
#[derive(Clone, PartialEq, Debug)]
pub struct LegendKey {
    pub class: &'static str,
    pub label: AttrValue,
}

const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 52.0;
const BAR_H: f64 = 30.0;

/// The measured width of a chart's box, in chart units.
#[hook]
fn use_chart_width() -> (NodeRef, f64) {
    let node = use_node_ref();
    let width = use_state_eq(|| DEFAULT_WIDTH);
    {
        let node = node.clone();
        let width = width.setter();
        use_effect_with((), move |_| {
            let watch = node.cast::<web_sys::Element>().and_then(|el| {
                browser::watch_width(&el, move |px| {
                    width.set(units_for_box(px, browser::root_font_px()))
                })
            });
            move || drop(watch)
        });
    }
    (node, *width)
}

fn extent(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

fn coord(x: f64) -> String {
    let mut s = String::new();
    format::push_coord(&mut s, x);
    s
}

fn view_box(w: f64, h: f64) -> String {
    format!("0 0 {} {}", coord(w), coord(h))
}

/// The ticks' first and last values, as the scale's domain.
fn tick_domain(ticks: &[f64], lo: f64, hi: f64) -> (f64, f64) {
    (
        ticks.first().copied().unwrap_or(lo),
        ticks.last().copied().unwrap_or(hi),
    )
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

/// Ticks for a horizontal value axis between `left` and `right`.
fn axis_ticks(lo: f64, hi: f64, left: f64, right: f64, format: AxisFormat) -> Vec<f64> {
    let mut ticks = nice_ticks(lo, hi, tick_count(right - left, format.tick_room()));
    // Counts (looks, days) have no half ticks.
    if format == AxisFormat::Int {
        ticks.retain(|t| t.fract() == 0.0);
    }
    ticks
}

/// The value axis of a horizontal-bar chart: round ticks covering `lo..hi` and the
/// scale from them onto the bar span of `layout`.
fn bar_axis(layout: &RowLayout, lo: f64, hi: f64, format: AxisFormat) -> (Vec<f64>, LinearScale) {
    let ticks = axis_ticks(lo, hi, layout.bar_left, layout.bar_right, format);
    let xs = LinearScale::new(
        tick_domain(&ticks, lo, hi),
        (layout.bar_left, layout.bar_right),
    );
    (ticks, xs)
}

/// "Download chart: SVG · PNG" above a chart: the file is the chart as drawn, with
/// its legend, named after what the chart shows and the day.
fn downloads(lang: Lang) -> Html {
    let t = lang.texts().keep();
    let button = |format: ChartFormat, name: &'static str| {
        let onclick = Callback::from(move |e: MouseEvent| {
            let figure = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|el| el.closest("figure.chart").ok().flatten());
            if let Some(figure) = figure {
                download_chart(&figure, format);
            }
        });
        html! {
            <button type="button" class="link" data-testid={format!("chart-{}", name.to_ascii_lowercase())}
                title={t.chart_as.fill([name])} aria-label={t.chart_as.fill([name])} {onclick}>{ name }</button>
        }
    };
    html! {
        <div class="chart-tools">
            <span>{ t.chart_download }</span>
            { button(ChartFormat::Svg, "SVG") }
            { button(ChartFormat::Png, "PNG") }
        </div>
    }
}

/// The legend under a chart; nothing when there is nothing to tell apart.
fn legend(keys: &[LegendKey]) -> Html {
    if keys.is_empty() {
        return html! {};
    }
    html! {
        <figcaption class="legend">
            { for keys.iter().map(|k| html! {
                <span class="key"><i class={classes!("swatch", k.class)} aria-hidden="true"></i>{ k.label.clone() }</span>
            }) }
        </figcaption>
    }
}

/// About how wide `text` is at the charts' 12-unit bold type: a Chinese character
/// is a full em, a Latin letter or digit a little over half of one.
fn text_units(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 7.5 } else { 12.5 })
        .sum()
}

/// A row's label: beside the bar on wide charts, on its own line above on narrow ones.
fn row_label(layout: &RowLayout, y: f64, text: AttrValue) -> Html {
    if layout.labels_above {
        html! { <text class="bar-label" x={coord(layout.bar_left)} y={coord(y + 12.0)}>{ text }</text> }
    } else {
        html! {
            <text class="bar-label" x={coord(layout.bar_left - 8.0)} y={coord(y + BAR_H / 2.0)}
                dy="0.32em" text-anchor="end">{ text }</text>
        }
    }
}

/// Height of a horizontal-bar chart with `rows` rows of `bar_h`.
fn rows_height(layout: &RowLayout, rows: usize) -> f64 {
    TOP + rows as f64 * layout.pitch + 28.0
}

#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    pub aria_label: AttrValue,
    pub series: Vec<Series>,
    /// A shaded band (upper, lower) drawn under the lines, e.g. an interval.
    #[prop_or_default]
    pub band: Option<Band>,
    /// What the band is, for the legend.
    #[prop_or_default]
    pub band_label: Option<AttrValue>,
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
    /// Values drawn as dots (simulated points beside a computed curve), in the legend.
    #[prop_or_default]
    pub dots: Vec<Series>,
    /// Groups of thin lines (sample paths), each named once in the legend:
    /// `(label, colour class, lines)`.
    #[prop_or_default]
    pub faint: Vec<LineGroup>,
}

#[component]
pub fn LineChart(props: &LineChartProps) -> Html {
    let lang = use_lang().lang;
    let (node, w) = use_chart_width();
    let h = plot_height(w);
    let left = 64.0;
    let all_points = || {
        let band_pts = props
            .band
            .iter()
            .flat_map(|(u, l)| u.iter().chain(l.iter()));
        let faint_pts = props
            .faint
            .iter()
            .flat_map(|(_, _, lines)| lines.iter().flatten());
        props
            .series
            .iter()
            .chain(props.dots.iter())
            .flat_map(|s| s.points.iter())
            .chain(band_pts)
            .chain(faint_pts)
            .copied()
    };
    let (x_lo, x_hi) = extent(all_points().map(|p| p.0)).unwrap_or((0.0, 1.0));
    let (y_lo, y_hi) = props
        .y_domain
        .or_else(|| extent(all_points().map(|p| p.1)))
        .unwrap_or((0.0, 1.0));
    let x_ticks = axis_ticks(x_lo, x_hi, left, w - RIGHT, props.x_format);
    let y_ticks = nice_ticks(y_lo, y_hi, tick_count(h - TOP - BOTTOM, 36.0));
    let xs = LinearScale::new(tick_domain(&x_ticks, x_lo, x_hi), (left, w - RIGHT));
    let ys = LinearScale::new(tick_domain(&y_ticks, y_lo, y_hi), (h - BOTTOM, TOP));
    let to_px = |pts: &[(f64, f64)]| -> Vec<(f64, f64)> {
        pts.iter().map(|&(x, y)| (xs.map(x), ys.map(y))).collect()
    };
    let named = props.series.len() + props.dots.len() + props.faint.len();
    let mut keys: Vec<LegendKey> = if named > 1 {
        props
            .series
            .iter()
            .chain(props.dots.iter())
            .map(|s| LegendKey {
                class: s.class,
                label: s.label.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    // A boundary drawn above and below is one entry.
    keys.dedup_by(|a, b| a.label == b.label);
    if named > 1 {
        keys.extend(props.faint.iter().map(|(label, class, _)| LegendKey {
            class,
            label: label.clone(),
        }));
    }
    if let (Some(_), Some(label)) = (&props.band, &props.band_label) {
        keys.push(LegendKey {
            class: "band",
            label: label.clone(),
        });
    }

    html! {
        <figure class="chart" ref={node}>
            { downloads(lang) }
            <svg viewBox={view_box(w, h)} role="img" aria-label={props.aria_label.clone()}>
                <g class="grid">
                    { for y_ticks.iter().map(|&t| { let y = coord(ys.map(t)); html! {
                        <g class="tick">
                            <line x1={coord(left)} x2={coord(w - RIGHT)} y1={y.clone()} y2={y.clone()} />
                            <text x={coord(left - 8.0)} y={y} dy="0.32em" text-anchor="end">{ props.y_format.tick(lang, t) }</text>
                        </g>
                    }}) }
                    { for x_ticks.iter().map(|&t| { let x = coord(xs.map(t)); html! {
                        <g class="tick">
                            <line x1={x.clone()} x2={x.clone()} y1={coord(TOP)} y2={coord(h - BOTTOM)} />
                            <text x={x} y={coord(h - BOTTOM + 18.0)} text-anchor="middle">{ props.x_format.tick(lang, t) }</text>
                        </g>
                    }}) }
                </g>
                if let Some((upper, lower)) = &props.band {
                    <path class="band" d={band_d(&to_px(upper), &to_px(lower))} />
                }
                if let Some(m) = &props.y_marker {
                    <g class="marker">
                        <line x1={coord(left)} x2={coord(w - RIGHT)} y1={coord(ys.map(m.at))} y2={coord(ys.map(m.at))} />
                        <text x={coord(w - RIGHT - 4.0)} y={coord(ys.map(m.at) - 6.0)} text-anchor="end">{ m.label.clone() }</text>
                    </g>
                }
                if let Some(m) = &props.x_marker {
                    <g class="marker">
                        <line x1={coord(xs.map(m.at))} x2={coord(xs.map(m.at))} y1={coord(TOP)} y2={coord(h - BOTTOM)} />
                        <text x={coord(xs.map(m.at) + 4.0)} y={coord(TOP + 12.0)}>{ m.label.clone() }</text>
                    </g>
                }
                { for props.faint.iter().map(|(label, class, lines)| html! {
                    <g class={classes!("faint-lines", *class)}>
                        <title>{ label.clone() }</title>
                        { for lines.iter().map(|pts| html! { <path class="line" d={path_d(&to_px(pts))} /> }) }
                    </g>
                }) }
                { for props.series.iter().map(|s| html! {
                    <path class={classes!("line", s.class)} d={path_d(&to_px(&s.points))}>
                        <title>{ s.label.clone() }</title>
                    </path>
                }) }
                { for props.dots.iter().map(|s| html! {
                    <g class={classes!("dots", s.class)}>
                        <title>{ s.label.clone() }</title>
                        { for to_px(&s.points).iter().map(|(x, y)| html! { <circle cx={coord(*x)} cy={coord(*y)} r="5" /> }) }
                    </g>
                }) }
                <line class="axis" x1={coord(left)} x2={coord(w - RIGHT)} y1={coord(h - BOTTOM)} y2={coord(h - BOTTOM)} />
                <line class="axis" x1={coord(left)} x2={coord(left)} y1={coord(TOP)} y2={coord(h - BOTTOM)} />
                <text class="axis-label" x={coord((left + w - RIGHT) / 2.0)} y={coord(h - 8.0)} text-anchor="middle">{ props.x_label.clone() }</text>
                <text class="axis-label" transform={format!("translate(14 {}) rotate(-90)", coord((TOP + h - BOTTOM) / 2.0))} text-anchor="middle">{ props.y_label.clone() }</text>
            </svg>
            { legend(&keys) }
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
    html! {
        <figure class="chart bars" ref={node}>
            { downloads(lang) }
            <svg viewBox={view_box(w, height)} role="img" aria-label={props.aria_label.clone()}>
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
    html! {
        <figure class="chart intervals" ref={node}>
            { downloads(lang) }
            <svg viewBox={view_box(w, height)} role="img" aria-label={props.aria_label.clone()}>
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
            </svg>
            { legend(&keys) }
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
    html! {
        <figure class="chart stacked" ref={node}>
            { downloads(lang) }
            <svg viewBox={view_box(w, height)} role="img" aria-label={props.aria_label.clone()}>
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
            </svg>
            { legend(&keys) }
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
    html! {
        <figure class="chart tornado" ref={node}>
            { downloads(lang) }
            <svg viewBox={view_box(w, height)} role="img" aria-label={props.aria_label.clone()}>
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
            </svg>
            { legend(&keys) }
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct HistogramProps {
    pub aria_label: AttrValue,
    /// (from, to, count) per bin.
    pub bins: Vec<(f64, f64, usize)>,
    pub x_label: AttrValue,
    pub y_label: AttrValue,
    pub format: AxisFormat,
    /// Values to mark with a dashed line, such as percentiles.
    #[prop_or_default]
    pub markers: Vec<Marker>,
    /// A value to mark with a solid line, such as break-even.
    #[prop_or_default]
    pub zero: Option<Marker>,
    /// What the bars are, for the legend.
    pub bars_label: AttrValue,
}

/// Vertical bars over equal bins, with both axes, share of draws on the y axis.
#[component]
pub fn Histogram(props: &HistogramProps) -> Html {
    let lang = use_lang().lang;
    let (node, w) = use_chart_width();
    let h = plot_height(w) + 20.0;
    let left = 64.0;
    // The axis always reaches the zero line (break-even), so the chart shows how far
    // the draws are from it even when none comes close.
    let zero_at = props.zero.as_ref().map(|z| z.at);
    let lo = props
        .bins
        .first()
        .map_or(0.0, |b| b.0)
        .min(zero_at.unwrap_or(f64::INFINITY));
    let hi = props
        .bins
        .last()
        .map_or(1.0, |b| b.1)
        .max(zero_at.unwrap_or(f64::NEG_INFINITY));
    let total: usize = props.bins.iter().map(|b| b.2).sum();
    let share = |c: usize| c as f64 / total.max(1) as f64;
    let top = props.bins.iter().map(|b| share(b.2)).fold(0.0, f64::max);
    let x_ticks = axis_ticks(lo, hi, left, w - RIGHT, props.format);
    let y_ticks = nice_ticks(0.0, top.max(1e-9), tick_count(h - TOP - BOTTOM, 36.0));
    let xs = LinearScale::new((lo, hi), (left, w - RIGHT));
    // Room above the bars for the percentile labels.
    let ys = LinearScale::new(tick_domain(&y_ticks, 0.0, top), (h - BOTTOM, TOP + 30.0));
    let inside = |at: f64| at >= lo && at <= hi;
    // Percentile labels stagger down so neighbours do not overprint.
    let dashed: Vec<(usize, &Marker)> = props
        .markers
        .iter()
        .filter(|m| inside(m.at))
        .enumerate()
        .collect();
    let mut keys = vec![LegendKey {
        class: "bin",
        label: props.bars_label.clone(),
    }];
    if let Some(z) = props.zero.as_ref() {
        keys.push(LegendKey {
            class: "zero",
            label: z.label.clone(),
        });
    }
    if !dashed.is_empty() {
        keys.push(LegendKey {
            class: "marker",
            label: dashed
                .iter()
                .map(|(_, m)| format!("{} {}", m.label, props.format.tick(lang, m.at)))
                .collect::<Vec<_>>()
                .join(" · ")
                .into(),
        });
    }
    html! {
        <figure class="chart histogram" ref={node}>
            { downloads(lang) }
            <svg viewBox={view_box(w, h)} role="img" aria-label={props.aria_label.clone()}>
                <g class="grid">
                    { for y_ticks.iter().map(|&t| { let y = coord(ys.map(t)); html! {
                        <g class="tick">
                            <line x1={coord(left)} x2={coord(w - RIGHT)} y1={y.clone()} y2={y.clone()} />
                            <text x={coord(left - 8.0)} y={y} dy="0.32em" text-anchor="end">{ format::pct(t, 3) }</text>
                        </g>
                    }}) }
                </g>
                { for props.bins.iter().map(|&(a, b, c)| html! {
                    <rect class="bin" x={coord(xs.map(a))} y={coord(ys.map(share(c)))}
                        width={coord((xs.map(b) - xs.map(a) - 1.0).max(0.5))} height={coord(ys.map(0.0) - ys.map(share(c)))}>
                        <title>{ format!("{} – {}: {}", props.format.tick(lang, a), props.format.tick(lang, b), format::int(c as u64)) }</title>
                    </rect>
                }) }
                <g class="grid">
                    { for x_ticks.iter().filter(|t| inside(**t)).map(|&t| { let x = coord(xs.map(t)); html! {
                        <g class="tick">
                            <line class="tick-mark" x1={x.clone()} x2={x.clone()} y1={coord(h - BOTTOM)} y2={coord(h - BOTTOM + 5.0)} />
                            <text x={x} y={coord(h - BOTTOM + 18.0)} text-anchor="middle">{ props.format.tick(lang, t) }</text>
                        </g>
                    }}) }
                </g>
                if let Some(z) = props.zero.as_ref().filter(|z| inside(z.at)) {
                    <g class="zero">
                        <line x1={coord(xs.map(z.at))} x2={coord(xs.map(z.at))} y1={coord(TOP)} y2={coord(h - BOTTOM)} />
                    </g>
                }
                { for dashed.iter().map(|(i, m)| html! {
                    <g class="marker">
                        <line x1={coord(xs.map(m.at))} x2={coord(xs.map(m.at))} y1={coord(TOP)} y2={coord(h - BOTTOM)} />
                        <text x={coord(xs.map(m.at))} y={coord(TOP + 8.0 + 14.0 * (*i % 2) as f64)} text-anchor="middle">{ m.label.clone() }</text>
                    </g>
                }) }
                <line class="axis" x1={coord(left)} x2={coord(w - RIGHT)} y1={coord(h - BOTTOM)} y2={coord(h - BOTTOM)} />
                <line class="axis" x1={coord(left)} x2={coord(left)} y1={coord(TOP)} y2={coord(h - BOTTOM)} />
                <text class="axis-label" x={coord((left + w - RIGHT) / 2.0)} y={coord(h - 8.0)} text-anchor="middle">{ props.x_label.clone() }</text>
                <text class="axis-label" transform={format!("translate(14 {}) rotate(-90)", coord((TOP + h - BOTTOM) / 2.0))} text-anchor="middle">{ props.y_label.clone() }</text>
            </svg>
            { legend(&keys) }
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
    html! {
        <figure class="chart waterfall" ref={node}>
            { downloads(lang) }
            <svg viewBox={view_box(w, height)} role="img" aria-label={props.aria_label.clone()}>
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
            </svg>
            { legend(&keys) }
        </figure>
    }
}
