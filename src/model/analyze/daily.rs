//! Reading a CSV of daily rows (date, group, visitors, conversions) into each group's
//! running totals day by day. Every row that cannot be used is reported with its
//! line number and the reason. The intervals drawn from these totals are computed in
//! `cumulative`.

use super::table::{cell, column_for, count, lines, split_cells, Column, Rejected, RowProblem};

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

/// Every group's running totals (visitors, conversions) at the end of one day.
#[derive(Clone, Debug, PartialEq)]
pub struct DayTotals {
    /// 1-based.
    pub day: usize,
    pub date: (u32, u32, u32),
    /// One per group, control first.
    pub running: Vec<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Daily {
    /// Arm names, control first.
    pub arms: Vec<String>,
    /// Totals per arm: visitors, conversions.
    pub totals: Vec<(f64, f64)>,
    /// The running totals after each day with data, in date order.
    pub days: Vec<DayTotals>,
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

/// Reads a CSV of daily rows and accumulates it day by day.
pub fn read_daily(text: &str) -> Daily {
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
        .position(|a| CONTROL_WORDS.contains(&a.to_ascii_lowercase().as_str()))
    {
        let control = out.arms.remove(i);
        out.arms.insert(0, control);
    }
    let mut dates: Vec<(u32, u32, u32)> = rows_ok.iter().map(|r| r.date).collect();
    dates.sort_unstable();
    dates.dedup();
    let arm_index = |name: &str| out.arms.iter().position(|a| a == name);
    let mut running = vec![(0.0f64, 0.0f64); out.arms.len()];
    for (day, date) in dates.iter().enumerate() {
        for r in rows_ok.iter().filter(|r| r.date == *date) {
            if let Some(t) = arm_index(&r.arm).and_then(|i| running.get_mut(i)) {
                t.0 += r.visitors;
                t.1 += r.conversions;
            }
        }
        out.days.push(DayTotals {
            day: day + 1,
            date: *date,
            running: running.clone(),
        });
    }
    out.totals = running;
    out
}

/// Days since 1970-01-01 of a calendar date (proleptic Gregorian), so that dates
/// can be counted between and moved forward.
fn day_number((y, m, d): (u32, u32, u32)) -> i64 {
    let (y, m, d) = (i64::from(y) - i64::from(m <= 2), i64::from(m), i64::from(d));
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The calendar date of a day number (the inverse of `day_number`).
fn date_of(number: i64) -> (u32, u32, u32) {
    let z = number + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let d = day_of_year - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = year_of_era + era * 400 + i64::from(m <= 2);
    (y as u32, m as u32, d as u32)
}

/// The date `days` calendar days after `date`: where extra days counted from the
/// file's last day end.
pub fn add_days(date: (u32, u32, u32), days: u64) -> (u32, u32, u32) {
    date_of(day_number(date) + i64::try_from(days).unwrap_or(i64::MAX / 2).min(1 << 40))
}

/// `2026-12-13`.
pub fn date_text((y, m, d): (u32, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

impl Daily {
    /// The file's last day: where the days still to come start.
    pub fn last_date(&self) -> Option<(u32, u32, u32)> {
        self.days.last().map(|d| d.date)
    }

    /// Visitors a day entering the test, all groups together: the file's visitors
    /// over the calendar days from its first date to its last (a day without rows
    /// counts as a day without traffic).
    pub fn visitors_per_day(&self) -> Option<f64> {
        let (first, last) = (self.days.first()?.date, self.last_date()?);
        let span = day_number(last) - day_number(first) + 1;
        let visitors: f64 = self.totals.iter().map(|t| t.0).sum();
        (span > 0 && visitors > 0.0).then(|| visitors / span as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn dates_read_in_iso_slash_and_chinese_forms() {
        assert_eq!(parse_date("2026-11-21"), Some((2026, 11, 21)));
        assert_eq!(parse_date("2026/1/5"), Some((2026, 1, 5)));
        assert_eq!(parse_date("2026年11月21日"), Some((2026, 11, 21)));
        assert_eq!(parse_date("21.11.2026"), None);
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn daily_rows_accumulate_and_report_bad_lines() {
        let text = "\u{feff}日期,分组,访客数,转化数\r\n2026-11-01,B,1000,58\r\n2026-11-01,对照组,1000,50\r\n2026-11-02,对照组,1100,52\r\n2026-11-02,B,1080,60\r\nnot a date,B,10,1\r\n2026-11-03,B,\"1,020\",abc\r\n";
        let d = read_daily(text);
        assert_eq!(d.arms, vec!["对照组".to_string(), "B".to_string()]);
        assert_eq!(d.totals, vec![(2100.0, 102.0), (2080.0, 118.0)]);
        assert_eq!(d.rows, 4);
        assert_eq!(
            d.rejected.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![6, 7]
        );
        assert_eq!(d.rejected[0].problem, RowProblem::BadDate);
        assert_eq!(d.days.len(), 2);
        assert_eq!(d.days[0].running, vec![(1000.0, 50.0), (1000.0, 58.0)]);
        assert_eq!(d.days[1].running, d.totals);
    }

    #[test]
    fn the_days_still_to_come_start_from_the_files_last_day() {
        assert_eq!(day_number((1970, 1, 1)), 0);
        assert_eq!(day_number((2000, 3, 1)) - day_number((2000, 2, 28)), 2);
        assert_eq!(day_number((2100, 3, 1)) - day_number((2100, 2, 28)), 1);
        assert_eq!(add_days((2026, 12, 4), 9), (2026, 12, 13));
        assert_eq!(add_days((2026, 12, 28), 9), (2027, 1, 6));
        assert_eq!(add_days((2028, 2, 28), 1), (2028, 2, 29));
        assert_eq!(add_days((2026, 11, 21), 0), (2026, 11, 21));
        for n in [0, 1, 59, 365, 10_000, 80_000] {
            assert_eq!(day_number(date_of(n)), n);
        }
        assert_eq!(date_text((2026, 1, 6)), "2026-01-06");
        // Three dates over four calendar days (one without rows), 2 × 1,000 visitors a day.
        let d = read_daily(
            "date,group,visitors,conversions\n2026-11-01,A,1000,50\n2026-11-01,B,1000,55\n\
             2026-11-02,A,1000,50\n2026-11-02,B,1000,52\n2026-11-04,A,2000,90\n2026-11-04,B,2000,99\n",
        );
        assert_eq!(d.last_date(), Some((2026, 11, 4)));
        assert_eq!(d.visitors_per_day(), Some(2000.0));
        assert_eq!(Daily::default().visitors_per_day(), None);
    }
}
