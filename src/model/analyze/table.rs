//! What reading a pasted table or a CSV shares: the columns it can have (Chinese or
//! English headers), splitting a line into cells (tab- or comma-separated, quoted,
//! a BOM, CRLF), and the reasons a row is refused. The pasted groups are read in
//! `paste`, the daily rows in `daily`.

use crate::model::input::{parse_number, InputError};

/// A column the pasted table can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Date,
    Visitors,
    Conversions,
    Mean,
    Sd,
    /// A conversion rate ("5%"): recognised so it is never read as a count.
    Rate,
    /// Per-user rows (`users`): the user's id, a ratio's numerator and denominator,
    /// the metric's value and its pre-period value.
    User,
    Numerator,
    Denominator,
    Value,
    Pre,
}

const HEADER_WORDS: &[(Column, &[&str])] = &[
    (Column::Date, &["date", "day", "日期", "时间", "天"]),
    (
        Column::Name,
        &[
            "arm",
            "variant",
            "group",
            "name",
            "version",
            "bucket",
            "组",
            "组别",
            "分组",
            "版本",
            "实验组",
            "名称",
            "方案",
        ],
    ),
    (
        Column::Visitors,
        &[
            "visitors",
            "users",
            "sessions",
            "n",
            "sample",
            "samples",
            "uv",
            "访客",
            "访客数",
            "用户",
            "用户数",
            "人数",
            "样本",
            "样本量",
            "曝光",
            "曝光数",
        ],
    ),
    // Before conversions: "转化率" must not be taken for "转化" (conversions).
    (
        Column::Rate,
        &[
            "rate",
            "conversion rate",
            "cvr",
            "cr",
            "转化率",
            "支付转化率",
            "下单转化率",
            "成交转化率",
            "购买率",
        ],
    ),
    (
        Column::Conversions,
        &[
            "conversions",
            "converted",
            "orders",
            "purchases",
            "x",
            "转化",
            "转化数",
            "转化人数",
            "订单",
            "订单数",
            "成交",
            "成交数",
            "下单数",
            "支付人数",
            "购买人数",
        ],
    ),
    (
        Column::Mean,
        &[
            "mean",
            "average",
            "avg",
            "aov",
            "均值",
            "平均",
            "平均值",
            "客单价",
        ],
    ),
    (
        Column::Sd,
        &[
            "sd",
            "std",
            "stdev",
            "std dev",
            "standard deviation",
            "标准差",
        ],
    ),
];

pub(crate) fn column_for(header: &str) -> Option<Column> {
    // The header words are ASCII or Chinese: ASCII case folding is enough.
    let h = header.trim().to_ascii_lowercase();
    HEADER_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| h == *w))
        .map(|(c, _)| *c)
        .or_else(|| {
            // Longer headers such as "访客数(UV)" or "Conversions (paid)".
            HEADER_WORDS
                .iter()
                .find(|(_, words)| {
                    words
                        .iter()
                        .any(|w| w.chars().count() >= 2 && h.starts_with(w))
                })
                .map(|(c, _)| *c)
        })
}

/// Why a row was not used.
#[derive(Clone, Debug, PartialEq)]
pub enum RowProblem {
    MissingColumn(Column),
    BadNumber {
        column: Column,
        error: InputError,
    },
    NotWhole(Column),
    Negative(Column),
    ConversionsAboveVisitors,
    NoVisitors,
    BadDate,
    /// A count column holds a percentage ("5%"): a rate pasted where a count belongs.
    Percent {
        column: Column,
        text: String,
    },
    /// The header names a rate column and no conversion counts.
    RateWithoutCounts,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    /// 1-based line number in the pasted text or file.
    pub line: usize,
    pub problem: RowProblem,
}

/// Splits one line: tabs when there are any (a spreadsheet copy), otherwise CSV with
/// double quotes (so `"1,234"` stays one cell), commas or semicolons.
pub fn split_cells(line: &str) -> Vec<String> {
    if line.contains('\t') {
        return line.split('\t').map(|c| c.trim().to_string()).collect();
    }
    let sep = if !line.contains(',') && !line.contains('，') && line.contains(';') {
        ';'
    } else {
        ','
    };
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if !quoted && (c == sep || (sep == ',' && c == '，')) => {
                cells.push(std::mem::take(&mut cell).trim().to_string())
            }
            c => cell.push(c),
        }
    }
    cells.push(cell.trim().to_string());
    cells
}

/// The lines of a text with their 1-based numbers, without BOM, CR and blank lines.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty())
}

/// The columns of a table: from its header when the first line is one, otherwise by
/// position (`positional`), with a leading name column when the first cell is text.
pub(crate) fn layout(first: &[String], positional: &[Column]) -> (Vec<Option<Column>>, bool) {
    let named: Vec<Option<Column>> = first.iter().map(|c| column_for(c)).collect();
    let is_header =
        named.iter().flatten().count() >= 2 || first.iter().all(|c| parse_number(c).is_err());
    if is_header {
        return (named, true);
    }
    let starts_with_name = first.first().is_some_and(|c| parse_number(c).is_err());
    let mut cols: Vec<Option<Column>> = Vec::new();
    if starts_with_name && !positional.contains(&Column::Name) {
        cols.push(Some(Column::Name));
    }
    cols.extend(positional.iter().map(|c| Some(*c)));
    (cols, false)
}

pub(crate) fn cell<'a>(
    cells: &'a [String],
    cols: &[Option<Column>],
    want: Column,
) -> Option<&'a str> {
    cols.iter()
        .position(|c| *c == Some(want))
        .and_then(|i| cells.get(i))
        .map(String::as_str)
        .filter(|s| !s.is_empty())
}

pub(crate) fn count(
    cells: &[String],
    cols: &[Option<Column>],
    column: Column,
) -> Result<f64, RowProblem> {
    let text = cell(cells, cols, column).ok_or(RowProblem::MissingColumn(column))?;
    if text.contains('%') || text.contains('％') {
        return Err(RowProblem::Percent {
            column,
            text: text.to_string(),
        });
    }
    let v = parse_number(text).map_err(|error| RowProblem::BadNumber { column, error })?;
    if v < 0.0 {
        Err(RowProblem::Negative(column))
    } else if v.fract() != 0.0 {
        Err(RowProblem::NotWhole(column))
    } else {
        Ok(v)
    }
}

pub(crate) fn amount(
    cells: &[String],
    cols: &[Option<Column>],
    column: Column,
) -> Result<f64, RowProblem> {
    let text = cell(cells, cols, column).ok_or(RowProblem::MissingColumn(column))?;
    parse_number(text).map_err(|error| RowProblem::BadNumber { column, error })
}
