//! What every chart shares: its measured width, the axes and grid, the row labels,
//! the legend and the download links.

use yew::prelude::*;

use super::*;
use crate::i18n::Lang;
use crate::model::chart::{
    nice_ticks, tick_count, units_for_box, LinearScale, RowLayout, DEFAULT_WIDTH,
};
use crate::ui::browser;
use crate::ui::export::{download_chart, ChartFormat};

pub(super) const RIGHT: f64 = 20.0;
pub(super) const TOP: f64 = 16.0;
pub(super) const BOTTOM: f64 = 52.0;
pub(super) const BAR_H: f64 = 30.0;

/// The measured width of a chart's box, in chart units.
#[hook]
pub(super) fn use_chart_width() -> (NodeRef, f64) {
    let node = use_node_ref();
    let width = use_state_eq(|| DEFAULT_WIDTH);
    {
        let node = node.clone();
        let width = width.setter();
        use_effect_with((), move |_| {
            let watch = node.cast::<web_sys::Element>().and_then(|el| {
                let figure = el.clone();
                // The chart's own type size: the page's everywhere, larger in the
                // presenter view, so chart text grows with the text around it.
                browser::watch_width(&el, move |px| {
                    width.set(units_for_box(px, browser::font_px(&figure)))
                })
            });
            move || drop(watch)
        });
    }
    (node, *width)
}

pub(super) fn extent(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

pub(super) fn coord(x: f64) -> String {
    let mut s = String::new();
    format::push_coord(&mut s, x);
    s
}

fn view_box(w: f64, h: f64) -> String {
    format!("0 0 {} {}", coord(w), coord(h))
}

/// The ticks' first and last values, as the scale's domain.
pub(super) fn tick_domain(ticks: &[f64], lo: f64, hi: f64) -> (f64, f64) {
    (
        ticks.first().copied().unwrap_or(lo),
        ticks.last().copied().unwrap_or(hi),
    )
}

/// Vertical grid lines with their labels under a horizontal chart of `height`.
pub(super) fn x_grid(
    ticks: &[f64],
    xs: &LinearScale,
    height: f64,
    lang: Lang,
    format: AxisFormat,
) -> Html {
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

/// Horizontal grid lines across a plot from `left` to `right`, labelled at the left.
pub(super) fn y_grid(
    ticks: &[f64],
    ys: &LinearScale,
    (left, right): (f64, f64),
    label: impl Fn(f64) -> String,
) -> Html {
    html! {
        <g class="grid">
            { for ticks.iter().map(|&t| { let y = coord(ys.map(t)); html! {
                <g class="tick">
                    <line x1={coord(left)} x2={coord(right)} y1={y.clone()} y2={y.clone()} />
                    <text x={coord(left - 8.0)} y={y} dy="0.32em" text-anchor="end">{ label(t) }</text>
                </g>
            }}) }
        </g>
    }
}

/// The two axes of a plot `left`..`w − RIGHT` wide and `TOP`..`h − BOTTOM` high, each
/// with what it measures.
pub(super) fn plot_axes(
    left: f64,
    (w, h): (f64, f64),
    x_label: &AttrValue,
    y_label: &AttrValue,
) -> Html {
    html! {
        <>
            <line class="axis" x1={coord(left)} x2={coord(w - RIGHT)} y1={coord(h - BOTTOM)} y2={coord(h - BOTTOM)} />
            <line class="axis" x1={coord(left)} x2={coord(left)} y1={coord(TOP)} y2={coord(h - BOTTOM)} />
            <text class="axis-label" x={coord((left + w - RIGHT) / 2.0)} y={coord(h - 8.0)} text-anchor="middle">{ x_label.clone() }</text>
            <text class="axis-label" transform={format!("translate(14 {}) rotate(-90)", coord((TOP + h - BOTTOM) / 2.0))} text-anchor="middle">{ y_label.clone() }</text>
        </>
    }
}

/// Ticks for a horizontal value axis between `left` and `right`.
pub(super) fn axis_ticks(lo: f64, hi: f64, left: f64, right: f64, format: AxisFormat) -> Vec<f64> {
    let mut ticks = nice_ticks(lo, hi, tick_count(right - left, format.tick_room()));
    // Counts (looks, days) have no half ticks.
    if format == AxisFormat::Int {
        ticks.retain(|t| t.fract() == 0.0);
    }
    ticks
}

/// The value axis of a horizontal-bar chart: round ticks covering `lo..hi` and the
/// scale from them onto the bar span of `layout`.
pub(super) fn bar_axis(
    layout: &RowLayout,
    lo: f64,
    hi: f64,
    format: AxisFormat,
) -> (Vec<f64>, LinearScale) {
    let ticks = axis_ticks(lo, hi, layout.bar_left, layout.bar_right, format);
    let xs = LinearScale::new(
        tick_domain(&ticks, lo, hi),
        (layout.bar_left, layout.bar_right),
    );
    (ticks, xs)
}

/// The figure every chart is drawn in: the download links, the drawing (an `<svg>`
/// in chart units, named for screen readers) and the legend. Written once, so that
/// every chart downloads, names itself and explains its colours the same way.
pub(super) struct Figure {
    /// The chart's kind for the stylesheet (`bars`, `histogram`; empty for lines).
    pub kind: &'static str,
    /// The box `use_chart_width` measures.
    pub node: NodeRef,
    /// Width and height in chart units.
    pub size: (f64, f64),
    pub label: AttrValue,
    /// What the numbers are counted in, where no axis title says it: the
    /// downloaded file prints it under the title (`data-units`).
    pub units: Option<&'static str>,
}

impl Figure {
    pub fn new(kind: &'static str, node: NodeRef, size: (f64, f64), label: &AttrValue) -> Figure {
        Figure {
            kind,
            node,
            size,
            label: label.clone(),
            units: None,
        }
    }

    pub fn units(self, units: Option<&'static str>) -> Figure {
        Figure { units, ..self }
    }

    pub fn draw(self, lang: Lang, keys: &[LegendKey], drawing: Html) -> Html {
        let (w, h) = self.size;
        html! {
            <figure class={classes!("chart", (!self.kind.is_empty()).then_some(self.kind))} ref={self.node} data-units={self.units}>
                { downloads(lang) }
                <svg viewBox={view_box(w, h)} role="img" aria-label={self.label}>{ drawing }</svg>
                { legend(keys) }
            </figure>
        }
    }
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
pub(super) fn text_units(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 7.5 } else { 12.5 })
        .sum()
}

/// A row's label: beside the bar on wide charts, on its own line above on narrow ones.
pub(super) fn row_label(layout: &RowLayout, y: f64, text: AttrValue) -> Html {
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
pub(super) fn rows_height(layout: &RowLayout, rows: usize) -> f64 {
    TOP + rows as f64 * layout.pitch + 28.0
}
