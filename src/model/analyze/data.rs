//! Reading the numbers people have: a table pasted from Excel, WPS, Feishu or Google
//! Sheets (tab- or comma-separated, Chinese or English headers, `1,234` numbers, a BOM,
//! blank lines, CRLF), and a CSV of daily rows (date, arm, visitors, conversions).
//! Every row that cannot be used is reported with its line number and the reason;
//! only blank lines and the header are skipped.

use super::intervals::newcombe;
use super::report::Arm;
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

fn column_for(header: &str) -> Option<Column> {
    let h = header.trim().to_lowercase();
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
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty())
}

/// The columns of a table: from its header when the first line is one, otherwise by
/// position (`positional`), with a leading name column when the first cell is text.
fn layout(first: &[String], positional: &[Column]) -> (Vec<Option<Column>>, bool) {
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

fn cell<'a>(cells: &'a [String], cols: &[Option<Column>], want: Column) -> Option<&'a str> {
    cols.iter()
        .position(|c| *c == Some(want))
        .and_then(|i| cells.get(i))
        .map(String::as_str)
        .filter(|s| !s.is_empty())
}

fn count(cells: &[String], cols: &[Option<Column>], column: Column) -> Result<f64, RowProblem> {
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

fn amount(cells: &[String], cols: &[Option<Column>], column: Column) -> Result<f64, RowProblem> {
    let text = cell(cells, cols, column).ok_or(RowProblem::MissingColumn(column))?;
    parse_number(text).map_err(|error| RowProblem::BadNumber { column, error })
}

/// One arm read from a pasted table.
#[derive(Clone, Debug, PartialEq)]
pub struct ArmRow {
    pub name: Option<String>,
    pub n: f64,
    /// Conversions (binary tables).
    pub x: Option<f64>,
    /// Mean and standard deviation (continuous tables).
    pub mean_sd: Option<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ArmsTable {
    pub arms: Vec<ArmRow>,
    pub rejected: Vec<Rejected>,
}

/// What a pasted table may do to the groups on the page: replace all of them, or
/// nothing at all. A table with one bad line is refused whole, so a half-read paste
/// never mixes with the groups that were there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasteVerdict {
    /// Every line was read: the groups become the table's rows.
    Fill,
    /// These many lines cannot be read (each is in `rejected`).
    BadLines(usize),
    /// No data rows at all.
    Empty,
    /// Only one group: nothing to compare it with.
    OneGroup,
    /// More groups than the page compares.
    TooMany(usize),
}

impl ArmsTable {
    pub fn verdict(&self, max_arms: usize) -> PasteVerdict {
        if !self.rejected.is_empty() {
            PasteVerdict::BadLines(self.rejected.len())
        } else if self.arms.is_empty() {
            PasteVerdict::Empty
        } else if self.arms.len() == 1 {
            PasteVerdict::OneGroup
        } else if self.arms.len() > max_arms {
            PasteVerdict::TooMany(self.arms.len())
        } else {
            PasteVerdict::Fill
        }
    }
}

/// Reads a pasted table of arms, control first: name (optional), visitors and
/// conversions, or name, n, mean and sd when `continuous`.
pub fn parse_arms(text: &str, continuous: bool) -> ArmsTable {
    let positional: &[Column] = if continuous {
        &[Column::Visitors, Column::Mean, Column::Sd]
    } else {
        &[Column::Visitors, Column::Conversions]
    };
    let mut table = ArmsTable::default();
    let mut rows = lines(text).peekable();
    let Some((_, first)) = rows.peek() else {
        return table;
    };
    let (cols, header) = layout(&split_cells(first), positional);
    if header {
        let line = rows.next().map_or(1, |(line, _)| line);
        let has = |c: Column| cols.contains(&Some(c));
        if !continuous && has(Column::Rate) && !has(Column::Conversions) {
            table.rejected.push(Rejected {
                line,
                problem: RowProblem::RateWithoutCounts,
            });
            return table;
        }
    }
    for (line, text) in rows {
        let cells = split_cells(text);
        let row = (|| {
            let n = count(&cells, &cols, Column::Visitors)?;
            let name = cell(&cells, &cols, Column::Name).map(String::from);
            if continuous {
                let mean = amount(&cells, &cols, Column::Mean)?;
                let sd = amount(&cells, &cols, Column::Sd)?;
                if sd < 0.0 {
                    return Err(RowProblem::Negative(Column::Sd));
                }
                Ok(ArmRow {
                    name,
                    n,
                    x: None,
                    mean_sd: Some((mean, sd)),
                })
            } else {
                let x = count(&cells, &cols, Column::Conversions)?;
                if n == 0.0 {
                    return Err(RowProblem::NoVisitors);
                }
                if x > n {
                    return Err(RowProblem::ConversionsAboveVisitors);
                }
                Ok(ArmRow {
                    name,
                    n,
                    x: Some(x),
                    mean_sd: None,
                })
            }
        })();
        match row {
            Ok(r) => table.arms.push(r),
            Err(problem) => table.rejected.push(Rejected { line, problem }),
        }
    }
    table
}

/// A date as (year, month, day) from `2026-11-21`, `2026/11/21`, `2026.11.21` or
/// `2026年11月21日`.
pub fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().ok())
        .collect::<Option<Vec<u32>>>()?;
    match parts.as_slice() {
        &[y, m, d]
            if (1900..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) =>
        {
            Some((y, m, d))
        }
        _ => None,
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DailyRow {
    pub date: (u32, u32, u32),
    pub arm: String,
    pub visitors: f64,
    pub conversions: f64,
}

/// The cumulative lift of each treatment arm after each day.
#[derive(Clone, Debug, PartialEq)]
pub struct CumulativePoint {
    pub day: usize,
    pub date: (u32, u32, u32),
    pub lift: f64,
    pub low: f64,
    pub high: f64,
    /// The always-valid interval, when asked for.
    pub always_valid: Option<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Daily {
    /// Arm names, control first.
    pub arms: Vec<String>,
    /// Totals per arm: visitors, conversions.
    pub totals: Vec<(f64, f64)>,
    /// Per treatment arm (index 0 is arm 1), one point per day.
    pub cumulative: Vec<Vec<CumulativePoint>>,
    pub rejected: Vec<Rejected>,
    pub rows: usize,
}

/// Words that mark the control arm, which goes first whatever the row order.
const CONTROL_WORDS: &[&str] = &[
    "control",
    "a",
    "base",
    "baseline",
    "original",
    "对照",
    "对照组",
    "原版",
    "基线",
];

/// Reads a CSV of daily rows and accumulates it; the interval is Newcombe's at `z`,
/// and with `always_valid = (alpha, nstar)` the always-valid one too.
pub fn parse_daily(text: &str, z: f64, always_valid: Option<(f64, f64)>) -> Daily {
    let positional = [
        Column::Date,
        Column::Name,
        Column::Visitors,
        Column::Conversions,
    ];
    let mut out = Daily::default();
    let mut rows_ok: Vec<DailyRow> = Vec::new();
    let mut rows = lines(text).peekable();
    let Some((_, first)) = rows.peek() else {
        return out;
    };
    let first_cells = split_cells(first);
    let named: Vec<Option<Column>> = first_cells.iter().map(|c| column_for(c)).collect();
    let cols = if named.iter().flatten().count() >= 3 {
        rows.next();
        named
    } else {
        positional.iter().map(|c| Some(*c)).collect()
    };
    for (line, text) in rows {
        let cells = split_cells(text);
        let row = (|| {
            let date =
                cell(&cells, &cols, Column::Date).ok_or(RowProblem::MissingColumn(Column::Date))?;
            let date = parse_date(date).ok_or(RowProblem::BadDate)?;
            let arm = cell(&cells, &cols, Column::Name)
                .ok_or(RowProblem::MissingColumn(Column::Name))?
                .to_string();
            let visitors = count(&cells, &cols, Column::Visitors)?;
            let conversions = count(&cells, &cols, Column::Conversions)?;
            if conversions > visitors {
                return Err(RowProblem::ConversionsAboveVisitors);
            }
            Ok(DailyRow {
                date,
                arm,
                visitors,
                conversions,
            })
        })();
        match row {
            Ok(r) => rows_ok.push(r),
            Err(problem) => out.rejected.push(Rejected { line, problem }),
        }
    }
    out.rows = rows_ok.len();
    for r in &rows_ok {
        if !out.arms.contains(&r.arm) {
            out.arms.push(r.arm.clone());
        }
    }
    if let Some(i) = out
        .arms
        .iter()
        .position(|a| CONTROL_WORDS.contains(&a.to_lowercase().as_str()))
    {
        let control = out.arms.remove(i);
        out.arms.insert(0, control);
    }
    let mut dates: Vec<(u32, u32, u32)> = rows_ok.iter().map(|r| r.date).collect();
    dates.sort_unstable();
    dates.dedup();
    let arm_index = |name: &str| out.arms.iter().position(|a| a == name);
    let mut running = vec![(0.0f64, 0.0f64); out.arms.len()];
    let mut cumulative = vec![Vec::new(); out.arms.len().saturating_sub(1)];
    for (day, date) in dates.iter().enumerate() {
        for r in rows_ok.iter().filter(|r| r.date == *date) {
            if let Some(t) = arm_index(&r.arm).and_then(|i| running.get_mut(i)) {
                t.0 += r.visitors;
                t.1 += r.conversions;
            }
        }
        let Some(&(n0, x0)) = running.first() else {
            continue;
        };
        for (i, series) in cumulative.iter_mut().enumerate() {
            let Some(&(n1, x1)) = running.get(i + 1) else {
                continue;
            };
            if n0 > 0.0 && n1 > 0.0 {
                let (low, high) = newcombe(x0, n0, x1, n1, z);
                series.push(CumulativePoint {
                    day: day + 1,
                    date: *date,
                    lift: x1 / n1 - x0 / n0,
                    low,
                    high,
                    always_valid: always_valid.and_then(|(alpha, nstar)| {
                        super::always_valid::compare(
                            Arm::Binary { n: n0, x: x0 },
                            Arm::Binary { n: n1, x: x1 },
                            alpha,
                            nstar,
                        )
                        .map(|a| (a.low, a.high))
                    }),
                });
            }
        }
    }
    out.totals = running;
    out.cumulative = cumulative;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_copy_with_chinese_headers_and_thousands() {
        let text =
            "\u{feff}组别\t访客数\t转化数\r\n对照组\t10,000\t500\r\n\r\n实验组B\t10,120\t561\r\n";
        let t = parse_arms(text, false);
        assert_eq!(t.rejected, vec![]);
        assert_eq!(t.arms.len(), 2);
        assert_eq!(t.arms[0].name.as_deref(), Some("对照组"));
        assert_eq!((t.arms[1].n, t.arms[1].x), (10_120.0, Some(561.0)));
    }

    #[test]
    fn csv_with_quotes_english_headers_and_bad_rows() {
        let text = "Variant,Users,Conversions\nControl,\"12,000\",600\nB,\"12,100\",abc\nC,100,150\nD,2.5,1\nE,-3,0\nF,\"11,900\",640\n";
        let t = parse_arms(text, false);
        assert_eq!(t.arms.len(), 2);
        assert_eq!(t.arms[1].name.as_deref(), Some("F"));
        let lines: Vec<usize> = t.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6]);
        assert!(matches!(
            t.rejected[0].problem,
            RowProblem::BadNumber {
                column: Column::Conversions,
                ..
            }
        ));
        assert_eq!(t.rejected[1].problem, RowProblem::ConversionsAboveVisitors);
        assert_eq!(
            t.rejected[2].problem,
            RowProblem::NotWhole(Column::Visitors)
        );
        assert!(matches!(
            t.rejected[3].problem,
            RowProblem::BadNumber { .. } | RowProblem::Negative(_)
        ));
    }

    #[test]
    fn a_rate_column_is_never_read_as_conversions() {
        // "转化率" starts like "转化" (conversions), and "5%" parses as 5.
        let t = parse_arms(
            "组别\t访客数\t转化率\n对照组\t10000\t5%\n实验组\t10000\t5.6%\n",
            false,
        );
        assert_eq!(t.arms, vec![]);
        assert_eq!(
            t.rejected,
            vec![Rejected {
                line: 1,
                problem: RowProblem::RateWithoutCounts
            }]
        );
        assert_eq!(t.verdict(10), PasteVerdict::BadLines(1));
        // Without a header, a percentage where a count belongs is refused by line.
        let t = parse_arms("Control\t10000\t5%\nB\t10000\t560\n", false);
        assert_eq!(t.arms.len(), 1);
        assert_eq!(
            t.rejected,
            vec![Rejected {
                line: 1,
                problem: RowProblem::Percent {
                    column: Column::Conversions,
                    text: "5%".into()
                }
            }]
        );
        // A table with counts and a rate column beside them reads the counts.
        let t = parse_arms(
            "组别,访客数,转化数,转化率\nA,1000,50,5%\nB,1000,60,6%\n",
            false,
        );
        assert_eq!(t.verdict(10), PasteVerdict::Fill);
        assert_eq!(t.arms[1].x, Some(60.0));
    }

    #[test]
    fn a_paste_is_taken_whole_or_not_at_all() {
        let good = parse_arms("A\t1000\t50\nB\t1000\t60\n", false);
        assert_eq!(good.verdict(10), PasteVerdict::Fill);
        assert_eq!(good.verdict(1), PasteVerdict::TooMany(2));
        let one_bad = parse_arms("A\t1000\t50\nB\t1000\tabc\nC\t1000\t70\n", false);
        assert_eq!(one_bad.arms.len(), 2);
        assert_eq!(one_bad.verdict(10), PasteVerdict::BadLines(1));
        assert_eq!(parse_arms("", false).verdict(10), PasteVerdict::Empty);
        assert_eq!(
            parse_arms("A\t1000\t50", false).verdict(10),
            PasteVerdict::OneGroup
        );
    }

    #[test]
    fn headerless_numbers_and_continuous() {
        let t = parse_arms("10000 \t 500\n10000\t560", false);
        assert_eq!(
            t.arms.iter().map(|a| a.x).collect::<Vec<_>>(),
            vec![Some(500.0), Some(560.0)]
        );
        let t = parse_arms(
            "分组,样本量,客单价,标准差\nA,1200,150.5,220\nB,1180,158,231.5\n",
            true,
        );
        assert_eq!(t.arms[1].mean_sd, Some((158.0, 231.5)));
        let t = parse_arms("Control;1000;50\nB;1000;60", false);
        assert_eq!(t.arms.len(), 2);
        assert!(parse_arms("", false).arms.is_empty());
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2026-11-21"), Some((2026, 11, 21)));
        assert_eq!(parse_date("2026/1/5"), Some((2026, 1, 5)));
        assert_eq!(parse_date("2026年11月21日"), Some((2026, 11, 21)));
        assert_eq!(parse_date("21.11.2026"), None);
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn daily_rows_accumulate_and_report_bad_lines() {
        let text = "\u{feff}日期,分组,访客数,转化数\r\n2026-11-01,B,1000,58\r\n2026-11-01,对照组,1000,50\r\n2026-11-02,对照组,1100,52\r\n2026-11-02,B,1080,60\r\nnot a date,B,10,1\r\n2026-11-03,B,\"1,020\",abc\r\n";
        let d = parse_daily(text, 1.96, None);
        assert_eq!(d.arms, vec!["对照组".to_string(), "B".to_string()]);
        assert_eq!(d.totals, vec![(2100.0, 102.0), (2080.0, 118.0)]);
        assert_eq!(d.rows, 4);
        assert_eq!(
            d.rejected.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![6, 7]
        );
        assert_eq!(d.rejected[0].problem, RowProblem::BadDate);
        let series = &d.cumulative[0];
        assert_eq!(series.len(), 2);
        assert!((series[1].lift - (118.0 / 2080.0 - 102.0 / 2100.0)).abs() < 1e-15);
        assert!(series[1].low < series[1].lift && series[1].high > series[1].lift);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_rate_header_without_counts_refuses_the_table_once() {
        let t = parse_arms("CR\n!\nA", false);
        assert!(t.arms.is_empty());
        assert_eq!(t.rejected.len(), 1);
        assert_eq!(t.rejected[0].problem, RowProblem::RateWithoutCounts);
    }

    proptest! {
        #[test]
        fn parsing_never_panics_and_accounts_for_every_line(text in "[\\PC\t\r\n,\"]{0,200}") {
            let t = parse_arms(&text, false);
            let data_lines = lines(&text).count();
            if t.rejected.first().map(|r| &r.problem) == Some(&RowProblem::RateWithoutCounts) {
                // A header with rates but no counts refuses the whole table, once.
                prop_assert!(t.arms.is_empty() && t.rejected.len() == 1);
            } else {
                // Every line is an arm or a refused line, but for one header.
                prop_assert!(t.arms.len() + t.rejected.len() <= data_lines);
                prop_assert!(t.arms.len() + t.rejected.len() + 1 >= data_lines);
            }
            let _ = parse_daily(&text, 1.96, None);
        }
    }
}
