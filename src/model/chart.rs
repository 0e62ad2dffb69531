//! Geometry for the SVG charts: scales, "nice" ticks and path strings.
//! Pure, so the parts that can go wrong (empty data, flat data, NaN) are tested natively.

use super::format::push_coord;

/// Maps a data interval onto a pixel interval, linearly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearScale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl LinearScale {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> LinearScale {
        LinearScale { domain, range }
    }

    pub fn map(&self, x: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        let span = d1 - d0;
        if span == 0.0 || !span.is_finite() {
            return (r0 + r1) / 2.0;
        }
        r0 + (x - d0) / span * (r1 - r0)
    }
}

/// Round tick values covering `[lo, hi]`, about `count` of them, on steps of 1, 2 or 5 × 10^k
/// (no 2.5: whole-number axes such as days must get whole-number ticks).
/// Returns the ticks; the first is ≤ lo and the last ≥ hi, so they also serve as the domain.
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    if !lo.is_finite() || !hi.is_finite() {
        return vec![0.0, 1.0];
    }
    let (mut lo, mut hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    if hi - lo < 1e-12 * lo.abs().max(1e-300) || hi == lo {
        // Flat data: open a window around the value.
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        lo -= pad;
        hi += pad;
    }
    let raw_step = (hi - lo) / count.max(1) as f64;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw_step)
        .unwrap_or(10.0 * magnitude);
    let start = (lo / step).floor();
    let end = (hi / step).ceil();
    let n = ((end - start) as usize).min(50);
    // Computing each tick from its index avoids accumulating rounding error.
    (0..=n).map(|i| clean((start + i as f64) * step)).collect()
}

/// Removes binary noise such as 0.30000000000000004 from a tick value.
fn clean(x: f64) -> f64 {
    let r = (x * 1e9).round() / 1e9;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// An SVG path through the points, skipping non-finite ones (each gap starts a new run).
pub fn path_d(points: &[(f64, f64)]) -> String {
    let mut d = String::with_capacity(points.len() * 16);
    let mut pen_down = false;
    for &(x, y) in points {
        if !(x.is_finite() && y.is_finite()) {
            pen_down = false;
            continue;
        }
        d.push(if pen_down { 'L' } else { 'M' });
        push_coord(&mut d, x);
        d.push(',');
        push_coord(&mut d, y);
        pen_down = true;
    }
    d
}

/// A closed band between an upper and a lower line sharing the same x values.
pub fn band_d(upper: &[(f64, f64)], lower: &[(f64, f64)]) -> String {
    let mut pts: Vec<(f64, f64)> = upper.to_vec();
    pts.extend(lower.iter().rev());
    let mut d = path_d(&pts);
    if !d.is_empty() {
        d.push('Z');
    }
    d
}

/// The width a chart is drawn at before its box has been measured, in SVG units.
pub const DEFAULT_WIDTH: f64 = 640.0;

/// The chart width in SVG units for a box `box_px` CSS pixels wide whose font size
/// is `font_px`. One unit is one CSS pixel at a 16 px font, so chart text given in
/// units (12) is 12 px on a phone and grows with the page's type on a projector
/// (19 px root: 14.25 px; the presenter view's 38 px: 28.5 px), instead of shrinking
/// and growing with the box. Whole units, so sub-pixel layout changes do not redraw the chart.
pub fn units_for_box(box_px: f64, font_px: f64) -> f64 {
    let root = if font_px.is_finite() && font_px > 0.0 {
        font_px
    } else {
        16.0
    };
    if !box_px.is_finite() || box_px <= 0.0 {
        return DEFAULT_WIDTH;
    }
    (box_px * 16.0 / root).round().clamp(200.0, 4000.0)
}

/// The plot height of a line chart or histogram for its width: wide enough to
/// read on a phone, not taller than a laptop screen can show beside the inputs.
pub fn plot_height(width: f64) -> f64 {
    (width * 0.5).clamp(220.0, 320.0)
}

/// About how many ticks fit along an axis of `length` units, each label needing
/// about `label_units`.
pub fn tick_count(length: f64, label_units: f64) -> usize {
    let fit = (length / label_units.max(1.0)).floor();
    if fit.is_finite() {
        (fit as usize).clamp(2, 8)
    } else {
        2
    }
}

/// Where the parts of a horizontal-bar chart go at a given width.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowLayout {
    /// Where bars start.
    pub bar_left: f64,
    /// Where bars may end (room for the value text after it).
    pub bar_right: f64,
    /// Labels sit on their own line above each bar (narrow charts) instead of to its left.
    pub labels_above: bool,
    /// Vertical distance from one row to the next.
    pub pitch: f64,
    /// Offset of the bar's top within its row.
    pub bar_offset: f64,
}

/// Label column, bars and value column for a chart `width` units wide whose bars
/// are `bar_h` tall and whose value text needs `value_w` units. Below 520 units
/// (a phone) a label column would leave the bars no room, so labels go above.
pub fn row_layout(width: f64, bar_h: f64, value_w: f64) -> RowLayout {
    const GAP: f64 = 12.0;
    const EDGE: f64 = 8.0;
    if width < 520.0 {
        RowLayout {
            bar_left: EDGE,
            bar_right: (width - value_w).max(EDGE + 40.0),
            labels_above: true,
            pitch: bar_h + GAP + 18.0,
            bar_offset: 18.0,
        }
    } else {
        let label_w = (width * 0.24).clamp(120.0, 220.0);
        RowLayout {
            bar_left: label_w,
            bar_right: (width - value_w).max(label_w + 40.0),
            labels_above: false,
            pitch: bar_h + GAP,
            bar_offset: 0.0,
        }
    }
}

/// `text` broken into lines that fit `width` at `size` px bold (a downloaded
/// chart's title): Latin words stay whole, Chinese breaks between any two characters.
pub fn wrap_title(text: &str, width: f64, size: f64) -> Vec<String> {
    let advance = |c: char| if c.is_ascii() { 0.58 * size } else { size };
    let mut tokens: Vec<String> = Vec::new();
    for c in text.chars() {
        let joins = c.is_ascii() && !c.is_whitespace();
        match tokens.last_mut() {
            Some(last)
                if joins
                    && last
                        .chars()
                        .last()
                        .is_some_and(|p| p.is_ascii() && !p.is_whitespace()) =>
            {
                last.push(c)
            }
            _ => tokens.push(c.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0.0;
    for token in tokens {
        let w: f64 = token.chars().map(advance).sum();
        if used + w > width && !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
            line = String::new();
            used = 0.0;
            if token.trim().is_empty() {
                continue;
            }
        }
        line.push_str(&token);
        used += w;
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_wrap_at_words_in_english_and_anywhere_in_chinese() {
        let en = super::wrap_title(
            "Sample size per group against the smallest lift",
            230.0,
            15.0,
        );
        assert_eq!(en, ["Sample size per group", "against the smallest lift"]);
        assert!(en
            .iter()
            .all(|l| l.chars().count() as f64 * 0.58 * 15.0 <= 230.0));
        let zh = super::wrap_title("每组所需样本量与最小可检测提升的关系", 150.0, 15.0);
        assert_eq!(zh, ["每组所需样本量与最小", "可检测提升的关系"]);
        assert_eq!(super::wrap_title("GMV 漏斗", 500.0, 15.0), ["GMV 漏斗"]);
        assert!(super::wrap_title("", 100.0, 15.0).is_empty());
    }

    use super::*;

    #[test]
    fn chart_units_follow_the_root_font() {
        assert_eq!(units_for_box(360.0, 16.0), 360.0);
        assert_eq!(units_for_box(1520.0, 19.0), 1280.0);
        assert_eq!(units_for_box(0.0, 16.0), DEFAULT_WIDTH);
        assert_eq!(units_for_box(f64::NAN, 16.0), DEFAULT_WIDTH);
        assert_eq!(units_for_box(500.0, 0.0), 500.0);
        assert_eq!(units_for_box(50.0, 16.0), 200.0);
    }

    #[test]
    fn narrow_charts_put_labels_above_their_bars() {
        let phone = row_layout(340.0, 30.0, 90.0);
        assert!(phone.labels_above);
        assert_eq!(phone.bar_left, 8.0);
        assert_eq!(phone.bar_right, 250.0);
        let laptop = row_layout(700.0, 30.0, 110.0);
        assert!(!laptop.labels_above);
        assert_eq!(laptop.bar_left, 168.0);
        assert_eq!(laptop.bar_right, 590.0);
        assert_eq!(laptop.bar_offset, 0.0);
        assert!(row_layout(200.0, 30.0, 400.0).bar_right > 8.0);
        assert_eq!(tick_count(300.0, 70.0), 4);
        assert_eq!(tick_count(10.0, 70.0), 2);
        assert_eq!(tick_count(5000.0, 70.0), 8);
        assert_eq!(plot_height(340.0), 220.0);
        assert_eq!(plot_height(1000.0), 320.0);
    }

    #[test]
    fn scale_maps_ends_and_flips() {
        let s = LinearScale::new((0.0, 10.0), (200.0, 0.0));
        assert_eq!(s.map(0.0), 200.0);
        assert_eq!(s.map(10.0), 0.0);
        assert_eq!(s.map(5.0), 100.0);
        let flat = LinearScale::new((3.0, 3.0), (0.0, 100.0));
        assert_eq!(flat.map(3.0), 50.0);
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(nice_ticks(0.0, 1.0, 5), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(
            nice_ticks(0.0, 31231.0, 4),
            vec![0.0, 10000.0, 20000.0, 30000.0, 40000.0]
        );
        assert_eq!(nice_ticks(5.0, 5.0, 4), vec![4.5, 5.0, 5.5]);
        assert_eq!(nice_ticks(0.0, 13.4, 6), vec![0.0, 5.0, 10.0, 15.0]);
        assert_eq!(nice_ticks(f64::NAN, 1.0, 4), vec![0.0, 1.0]);
    }

    #[test]
    fn paths_skip_gaps() {
        assert_eq!(path_d(&[(0.0, 1.0), (1.5, 2.25)]), "M0,1L1.5,2.25");
        assert_eq!(
            path_d(&[(0.0, 1.0), (1.0, f64::NAN), (2.0, 3.0)]),
            "M0,1M2,3"
        );
        assert_eq!(
            band_d(&[(0.0, 1.0), (1.0, 1.0)], &[(0.0, 0.0), (1.0, 0.0)]),
            "M0,1L1,1L1,0L0,0Z"
        );
        assert_eq!(path_d(&[]), "");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn ticks_cover_the_data(lo in -1e9f64..1e9, width in 0f64..1e9, count in 2usize..10) {
            let hi = lo + width;
            let t = nice_ticks(lo, hi, count);
            prop_assert!(t.len() >= 2 && t.len() <= 51);
            prop_assert!(t.first().is_some_and(|&f| f <= lo + 1e-6 * lo.abs().max(1.0)));
            prop_assert!(t.last().is_some_and(|&l| l >= hi - 1e-6 * hi.abs().max(1.0)));
            prop_assert!(t.windows(2).all(|w| matches!(w, [a, b] if b > a)));
        }
    }
}
