//! Charts over an x axis: lines with bands and markers, and the histogram.

use yew::prelude::*;

use super::frame::*;
use super::*;
use crate::model::chart::{band_d, nice_ticks, path_d, plot_height, tick_count, LinearScale};
use crate::model::format;
use crate::ui::lang::use_lang;

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

/// The line chart's legend: every named line, dot series and group of thin lines
/// when there is more than one, and the band when it has a label.
fn line_keys(props: &LineChartProps) -> Vec<LegendKey> {
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
    keys
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
    // The x axis ends where the data end (looks, sample sizes): round ticks inside it.
    let mut x_ticks = axis_ticks(x_lo, x_hi, left, w - RIGHT, props.x_format);
    let slack = (x_hi - x_lo).abs() * 1e-9;
    x_ticks.retain(|t| *t >= x_lo - slack && *t <= x_hi + slack);
    let y_ticks = nice_ticks(y_lo, y_hi, tick_count(h - TOP - BOTTOM, 36.0));
    let x_domain = if x_hi > x_lo {
        (x_lo, x_hi)
    } else {
        tick_domain(&x_ticks, x_lo, x_hi)
    };
    let xs = LinearScale::new(x_domain, (left, w - RIGHT));
    let ys = LinearScale::new(tick_domain(&y_ticks, y_lo, y_hi), (h - BOTTOM, TOP));
    let to_px = |pts: &[(f64, f64)]| -> Vec<(f64, f64)> {
        pts.iter().map(|&(x, y)| (xs.map(x), ys.map(y))).collect()
    };
    let keys = line_keys(props);
    let drawing = html! {
        <>
            { y_grid(&y_ticks, &ys, (left, w - RIGHT), |t| props.y_format.tick(lang, t)) }
            <g class="grid">
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
            { plot_axes(left, (w, h), &props.x_label, &props.y_label) }
        </>
    };
    Figure::new("", node, (w, h), &props.aria_label).draw(lang, &keys, drawing)
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
    let drawing = html! {
        <>
            { y_grid(&y_ticks, &ys, (left, w - RIGHT), |t| format::pct(t, 3)) }
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
            { plot_axes(left, (w, h), &props.x_label, &props.y_label) }
        </>
    };
    Figure::new("histogram", node, (w, h), &props.aria_label).draw(lang, &keys, drawing)
}
