//! Building blocks every page uses, written once.

pub mod chart;
pub mod field;
pub mod presets;
pub mod result;
pub mod saved;
pub mod scroll;
pub mod share;

pub use chart::{
    AxisFormat, Bar, BarChart, Histogram, IntervalChart, IntervalRow, LineChart, Marker, Segment,
    Series, StackRow, StackedBars, Tornado, TornadoRow, Waterfall,
};
pub use field::{input_error, list_error, ChoiceField, NumberField};
pub use presets::{cleared_note, tool_header, Presets};
pub use result::{output, ResultValue, ValueFormat};
pub use saved::SavedCalcs;
pub use scroll::ScrollBox;
pub use share::{CopyLink, ExportCsv};
