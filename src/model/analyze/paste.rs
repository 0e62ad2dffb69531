//! Reading the groups from a table pasted from Excel, WPS, Feishu or Google Sheets
//! (one row per group: name, visitors and conversions, or units, mean and sd). Every
//! row that cannot be used is reported with its line number and the reason; only
//! blank lines and the header are skipped.

use super::table::{amount, cell, count, layout, lines, split_cells, Column, Rejected, RowProblem};

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
            let _ = super::super::daily::read_daily(&text);
        }
    }
}
