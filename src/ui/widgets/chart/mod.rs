//! Plain-SVG charts. Geometry comes from `model::chart`; text is DOM, so it is
//! translated with the page and readable by screen readers and tests.
//!
//! Each chart measures its own box and draws in units of one CSS pixel (at a 16 px
//! root font), so its text keeps its size at every width instead of scaling with
//! the SVG: 12 px on a phone, larger on a projector. Narrow charts move bar labels
//! above their bars. Every colour a chart uses is named in its legend.//!
//! The shared frame (measuring the box, axes, grid, legend, downloads) is in
//! `frame`; charts over an x axis (lines, the histogram) in `xy`; charts of rows
//! (bars, intervals, stacked bars, the tornado, the waterfall) in `rows`. The layout
//! arithmetic lives in the tested `model::chart`.

mod frame;
mod rows;
mod xy;

pub use rows::*;
pub use xy::*;

use yew::prelude::*;

use crate::i18n::Lang;
use crate::model::format;

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

    /// What the numbers are counted in, for a chart whose rows carry no axis title
    /// (said in its downloaded file); none for counts and plain numbers.
    pub fn units(self, lang: Lang) -> Option<&'static str> {
        let [money, percent, points] = lang.texts().keep().chart_units;
        match self {
            AxisFormat::Money => Some(money),
            AxisFormat::Percent => Some(percent),
            AxisFormat::Points => Some(points),
            AxisFormat::Int | AxisFormat::Number => None,
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
