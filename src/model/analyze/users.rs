//! Per-user rows, pasted from Excel, WPS or Feishu or read from a CSV file, summed
//! in the browser into the sums the page reads: one row per randomized user with
//! its group and its numerator and denominator (a ratio) or its value and, for
//! CUPED, its pre-period value.
//!
//! The unit of the rows must be the unit that was randomized. A table with a row per
//! order or per session repeats users, and summing it as if each row were a user is
//! exactly the mistake a ratio metric exists to avoid, so a repeated user id refuses
//! the whole table, naming the id and its lines. Up to 10^6 rows are read in well
//! under a second (`benches/per_user_rows.rs`): cells are borrowed from the text, and
//! ids are checked in one hash set with a fast non-cryptographic hash.

use std::borrow::Cow;

use super::table::{column_for, lines, split_cells, Column, Rejected, RowProblem};
use crate::model::input::{parse_number, InputError};

/// What the rows hold besides user and group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserRows {
    /// Numerator and denominator (客单价: GMV and orders; CTR: clicks and impressions).
    Ratio,
    /// The metric's value, and optionally the pre-period value.
    Value,
}

/// One group's sums over its users: `a` is the numerator or the value, `b` the
/// denominator or the pre-period value (0 for every user when there is none).
#[derive(Clone, Debug, PartialEq)]
pub struct GroupSums {
    pub name: String,
    pub n: f64,
    pub a: f64,
    pub a2: f64,
    pub b: f64,
    pub b2: f64,
    pub ab: f64,
}

/// A user id found on more than one line.
#[derive(Clone, Debug, PartialEq)]
pub struct Repeated {
    pub user: String,
    /// 1-based, in the order met; at most `MAX_LINES_SHOWN`.
    pub lines: Vec<usize>,
}

/// The rows read: each group's sums in the order the groups first appear, or why
/// the table cannot be used.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct UsersTable {
    pub groups: Vec<GroupSums>,
    /// Data rows read (users).
    pub rows: usize,
    /// Value rows: whether a pre-period column was given.
    pub pre: bool,
    /// The first lines that cannot be read (at most `MAX_SHOWN`), and how many there are.
    pub rejected: Vec<Rejected>,
    pub bad_lines: usize,
    /// The first repeated ids (at most `MAX_SHOWN`), and how many rows repeat an id.
    pub repeated: Vec<Repeated>,
    pub repeats: usize,
}

/// What the rows may do to the groups on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UsersVerdict {
    /// Every row was read and every user appears once: the groups become the sums.
    Fill,
    /// These many rows repeat a user id: not one row per randomized user.
    Repeated(usize),
    /// These many lines cannot be read.
    BadLines(usize),
    Empty,
    OneGroup,
    TooMany(usize),
}

pub const MAX_SHOWN: usize = 5;
pub const MAX_LINES_SHOWN: usize = 5;

impl UsersTable {
    pub fn verdict(&self, max_groups: usize) -> UsersVerdict {
        if self.repeats > 0 {
            UsersVerdict::Repeated(self.repeats)
        } else if self.bad_lines > 0 {
            UsersVerdict::BadLines(self.bad_lines)
        } else if self.groups.is_empty() {
            UsersVerdict::Empty
        } else if self.groups.len() == 1 {
            UsersVerdict::OneGroup
        } else if self.groups.len() > max_groups {
            UsersVerdict::TooMany(self.groups.len())
        } else {
            UsersVerdict::Fill
        }
    }
}

/// FNV-1a with a final mix: ids are short and come from the reader's own file, so a
/// fast hash with no defence against crafted collisions is the right trade (equal
/// hashes are compared as text before a user is called repeated).
fn id_hash(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// The header words of the per-user columns (ASCII lower case or Chinese).
const USER_WORDS: &[&str] = &[
    "user",
    "user_id",
    "userid",
    "uid",
    "id",
    "用户",
    "用户id",
    "用户 id",
    "买家",
    "买家id",
    "会员",
    "会员id",
    "访客id",
];
const NUMERATOR_WORDS: &[&str] = &[
    "numerator",
    "num",
    "gmv",
    "revenue",
    "clicks",
    "分子",
    "成交金额",
    "支付金额",
    "销售额",
    "点击",
    "点击数",
];
const DENOMINATOR_WORDS: &[&str] = &[
    "denominator",
    "den",
    "orders",
    "impressions",
    "分母",
    "订单",
    "订单数",
    "曝光",
    "曝光数",
];
const VALUE_WORDS: &[&str] = &[
    "value",
    "metric",
    "y",
    "spend",
    "指标",
    "指标值",
    "消费",
    "金额",
];
const PRE_WORDS: &[&str] = &[
    "pre",
    "pre_period",
    "pre-period",
    "before",
    "x",
    "covariate",
    "实验前",
    "实验前值",
    "历史",
    "前期",
];

fn per_user_column(header: &str, rows: UserRows) -> Option<Column> {
    let h = header.trim().to_ascii_lowercase();
    let is = |words: &[&str]| words.iter().any(|w| h == *w);
    if is(USER_WORDS) {
        Some(Column::User)
    } else if is(PRE_WORDS) {
        Some(Column::Pre)
    } else if rows == UserRows::Ratio && is(NUMERATOR_WORDS) {
        Some(Column::Numerator)
    } else if rows == UserRows::Ratio && is(DENOMINATOR_WORDS) {
        Some(Column::Denominator)
    } else if rows == UserRows::Value && (is(VALUE_WORDS) || is(NUMERATOR_WORDS)) {
        Some(Column::Value)
    } else {
        column_for(&h).filter(|c| *c == Column::Name)
    }
}

/// How the file's lines split: decided once, from its first line, since a file or a
/// paste has one separator throughout; quotes send a line through the quoting reader.
#[derive(Clone, Copy)]
struct Splitter {
    sep: char,
    /// A full-width comma (，) separates too, as when typed in a Chinese IME.
    wide_comma: bool,
    quotes: bool,
}

impl Splitter {
    fn of(first: &str, text: &str) -> Splitter {
        let sep = if first.contains('\t') {
            '\t'
        } else if !first.contains(',') && !first.contains('，') && first.contains(';') {
            ';'
        } else {
            ','
        };
        Splitter {
            sep,
            wide_comma: sep == ',' && text.contains('，'),
            quotes: text.contains('"'),
        }
    }

    /// The line's cells, borrowed from the text unless the line has quotes.
    fn split<'t>(self, line: &'t str, cells: &mut Vec<Cow<'t, str>>) {
        cells.clear();
        if self.quotes && line.contains('"') {
            cells.extend(split_cells(line).into_iter().map(Cow::Owned));
        } else if self.wide_comma {
            cells.extend(line.split([',', '，']).map(|c| Cow::Borrowed(c.trim())));
        } else {
            cells.extend(line.split(self.sep).map(|c| Cow::Borrowed(c.trim())));
        }
    }
}

fn number(text: Option<&Cow<str>>, column: Column) -> Result<f64, RowProblem> {
    let text = text
        .map(|t| t.as_ref())
        .filter(|t| !t.is_empty())
        .ok_or(RowProblem::MissingColumn(column))?;
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err(RowProblem::BadNumber {
            column,
            error: InputError::NotANumber,
        }),
        Err(_) => {
            if text.contains('%') || text.contains('％') {
                return Err(RowProblem::Percent {
                    column,
                    text: text.to_string(),
                });
            }
            parse_number(text).map_err(|error| RowProblem::BadNumber { column, error })
        }
    }
}

/// Reads per-user rows: user, group, then numerator and denominator (`Ratio`) or
/// value and an optional pre-period value (`Value`). A header line is optional; with
/// one the columns may come in any order.
pub fn read_users(text: &str, rows: UserRows) -> UsersTable {
    let mut table = UsersTable::default();
    let mut all = lines(text).peekable();
    let mut cells: Vec<Cow<str>> = Vec::new();
    let positional: Vec<Column> = match rows {
        UserRows::Ratio => vec![
            Column::User,
            Column::Name,
            Column::Numerator,
            Column::Denominator,
        ],
        UserRows::Value => vec![Column::User, Column::Name, Column::Value, Column::Pre],
    };
    let Some((_, first)) = all.peek().copied() else {
        return table;
    };
    let splitter = Splitter::of(first, text);
    let mut first_cells = Vec::new();
    splitter.split(first, &mut first_cells);
    // A header: the first numeric column does not hold a number.
    let header = first_cells
        .get(2)
        .is_none_or(|c| number(Some(c), Column::Value).is_err());
    let cols: Vec<Column> = if header {
        all.next();
        let named: Vec<Option<Column>> = first_cells
            .iter()
            .map(|c| per_user_column(c, rows))
            .collect();
        let found = |c: Column| named.contains(&Some(c));
        let needed: &[Column] = match rows {
            UserRows::Ratio => &[
                Column::User,
                Column::Name,
                Column::Numerator,
                Column::Denominator,
            ],
            UserRows::Value => &[Column::User, Column::Name, Column::Value],
        };
        if needed.iter().all(|c| found(*c)) {
            // Columns the page does not read are skipped.
            named.iter().map(|c| c.unwrap_or(Column::Rate)).collect()
        } else {
            positional.clone()
        }
    } else {
        positional.clone()
    };
    let at = |c: Column| cols.iter().position(|k| *k == c);
    let (user_at, group_at) = (at(Column::User).unwrap_or(0), at(Column::Name).unwrap_or(1));
    let (a_col, b_col) = match rows {
        UserRows::Ratio => (Column::Numerator, Column::Denominator),
        UserRows::Value => (Column::Value, Column::Pre),
    };
    let (a_at, b_at) = (at(a_col).unwrap_or(2), at(b_col).unwrap_or(3));
    // Value rows have a pre-period when the header names one, or, without a header,
    // when the first row has a fourth cell.
    let with_b = match rows {
        UserRows::Ratio => true,
        UserRows::Value if header => at(Column::Pre).is_some() && cols.len() > b_at,
        UserRows::Value => first_cells.get(3).is_some_and(|c| !c.is_empty()),
    };
    table.pre = rows == UserRows::Value && with_b;
    // Each row's id hash, line number and place in the text: sorted afterwards, equal
    // hashes are the only candidates for a repeated user (a hash set of 10^6 ids
    // costs several times more than one sort of plain numbers).
    let mut ids: Vec<IdAt> = Vec::with_capacity(text.len() / 16);
    for (line, row_text) in all {
        splitter.split(row_text, &mut cells);
        let row = (|| {
            let text_of = |at: usize, column: Column| {
                cells
                    .get(at)
                    .filter(|c| !c.is_empty())
                    .ok_or(RowProblem::MissingColumn(column))
            };
            let user = id_hash(text_of(user_at, Column::User)?);
            let group = text_of(group_at, Column::Name)?;
            let a = number(cells.get(a_at), a_col)?;
            let b = if with_b {
                number(cells.get(b_at), b_col)?
            } else {
                0.0
            };
            Ok((user, group, a, b))
        })();
        let (hash, group, a, b) = match row {
            Ok(r) => r,
            Err(problem) => {
                table.bad_lines += 1;
                if table.rejected.len() < MAX_SHOWN {
                    table.rejected.push(Rejected { line, problem });
                }
                continue;
            }
        };
        ids.push(IdAt {
            hash,
            line,
            start: row_text.as_ptr() as usize - text.as_ptr() as usize,
            len: row_text.len(),
        });
        table.rows += 1;
        let g = match table.groups.iter().position(|s| s.name == group.as_ref()) {
            Some(g) => g,
            None => {
                table.groups.push(GroupSums {
                    name: group.to_string(),
                    n: 0.0,
                    a: 0.0,
                    a2: 0.0,
                    b: 0.0,
                    b2: 0.0,
                    ab: 0.0,
                });
                table.groups.len() - 1
            }
        };
        if let Some(s) = table.groups.get_mut(g) {
            s.n += 1.0;
            s.a += a;
            s.a2 += a * a;
            s.b += b;
            s.b2 += b * b;
            s.ab += a * b;
        }
    }
    let id_of = |at: &IdAt| -> String {
        let mut cells = Vec::new();
        let row = text.get(at.start..at.start + at.len).unwrap_or("");
        splitter.split(row, &mut cells);
        cells
            .get(user_at)
            .map(|c| c.to_string())
            .unwrap_or_default()
    };
    find_repeats(&mut ids, id_of, &mut table);
    table
}

/// Where a row's user id is: its hash, its line, and the row's place in the text.
struct IdAt {
    hash: u64,
    line: usize,
    start: usize,
    len: usize,
}

/// Counts the rows that repeat an earlier row's user id, and names the first
/// repeated ids (by the line they first appear on) with their lines. Rows of equal
/// hash are compared as text in that order until `MAX_SHOWN` repeated ids are named;
/// the rest (a per-order table repeats thousands) count by hash alone, where a
/// collision of two ids has odds of about one in 10^7 for 10^6 rows.
fn find_repeats(ids: &mut [IdAt], id_of: impl Fn(&IdAt) -> String, table: &mut UsersTable) {
    ids.sort_unstable_by_key(|a| (a.hash, a.line));
    let mut runs: Vec<&[IdAt]> = ids
        .chunk_by(|a, b| a.hash == b.hash)
        .filter(|r| r.len() > 1)
        .collect();
    // The earliest runs one at a time (a second sort would add its own code to the
    // module for the few runs named).
    while table.repeated.len() < MAX_SHOWN {
        let earliest = runs
            .iter()
            .enumerate()
            .min_by_key(|(_, r)| r.first().map_or(0, |a| a.line))
            .map(|(k, _)| k);
        let Some(run) = earliest.map(|k| runs.swap_remove(k)) else {
            break;
        };
        // Within one hash, the same text is the same user (a collision is not).
        let mut users: Vec<(String, Vec<usize>, usize)> = Vec::new();
        for at in run {
            let id = id_of(at);
            match users.iter_mut().find(|u| u.0 == id) {
                Some(u) => {
                    u.2 += 1;
                    if u.1.len() < MAX_LINES_SHOWN {
                        u.1.push(at.line);
                    }
                }
                None => users.push((id, vec![at.line], 1)),
            }
        }
        for (user, lines, count) in users.into_iter().filter(|u| u.2 > 1) {
            table.repeats += count - 1;
            if table.repeated.len() < MAX_SHOWN {
                table.repeated.push(Repeated { user, lines });
            }
        }
    }
    table.repeats += runs.iter().map(|r| r.len() - 1).sum::<usize>();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spreadsheet_copy_sums_per_group_in_the_order_groups_appear() {
        let text = "\u{feff}用户ID\t分组\t成交金额\t订单数\r\nu1\t对照组\t120\t1\r\nu2\t实验组\t0\t0\r\n\r\nu3\t对照组\t80.5\t2\r\nu4\t实验组\t1,200\t3\r\n";
        let t = read_users(text, UserRows::Ratio);
        assert_eq!(t.verdict(10), UsersVerdict::Fill);
        assert_eq!((t.rows, t.groups.len()), (4, 2));
        let c = &t.groups[0];
        assert_eq!(c.name, "对照组");
        assert_eq!((c.n, c.a, c.a2), (2.0, 200.5, 120.0 * 120.0 + 80.5 * 80.5));
        assert_eq!((c.b, c.b2, c.ab), (3.0, 5.0, 120.0 + 161.0));
        let v = &t.groups[1];
        assert_eq!(
            (v.name.as_str(), v.n, v.a, v.b, v.ab),
            ("实验组", 2.0, 1200.0, 3.0, 3600.0)
        );
    }

    #[test]
    fn columns_follow_the_header_and_quoted_csv_reads() {
        let text = "group,pre,user_id,value\nA,10,1,12\nB,\"1,000\",2,\"1,100.5\"\nA,0,3,4\n";
        let t = read_users(text, UserRows::Value);
        assert!(t.pre);
        assert_eq!(t.verdict(10), UsersVerdict::Fill);
        assert_eq!(t.groups[0].name, "A");
        assert_eq!(
            (t.groups[0].a, t.groups[0].b, t.groups[0].ab),
            (16.0, 10.0, 120.0)
        );
        assert_eq!((t.groups[1].a, t.groups[1].b), (1100.5, 1000.0));
        // Without a header and a fourth column: no pre-period.
        let t = read_users("u1,A,5\nu2,B,7\nu3,A,6\n", UserRows::Value);
        assert!(!t.pre);
        assert_eq!((t.groups[0].a2, t.groups[0].b), (61.0, 0.0));
    }

    #[test]
    fn a_per_order_table_is_refused_naming_the_repeated_users_and_lines() {
        let text = "user,group,gmv,orders\nu1,A,50,1\nu2,B,30,1\nu1,A,70,1\nu3,A,20,1\nu1,A,10,1\nu2,B,5,1\n";
        let t = read_users(text, UserRows::Ratio);
        assert_eq!(t.verdict(10), UsersVerdict::Repeated(3));
        assert_eq!(
            t.repeated,
            vec![
                Repeated {
                    user: "u1".into(),
                    lines: vec![2, 4, 6]
                },
                Repeated {
                    user: "u2".into(),
                    lines: vec![3, 7]
                },
            ]
        );
    }

    #[test]
    fn every_repeat_is_counted_and_the_earliest_ids_named() {
        let mut text = String::new();
        for round in 0..3 {
            for u in 0..8 {
                text.push_str(&format!(
                    "u{u},{},{round},1\n",
                    if u % 2 == 0 { "A" } else { "B" }
                ));
            }
        }
        let t = read_users(&text, UserRows::Ratio);
        assert_eq!(t.verdict(10), UsersVerdict::Repeated(16));
        let named: Vec<&str> = t.repeated.iter().map(|r| r.user.as_str()).collect();
        assert_eq!(named, ["u0", "u1", "u2", "u3", "u4"]);
        assert_eq!(t.repeated[2].lines, [3, 11, 19]);
    }

    #[test]
    fn bad_lines_are_counted_and_the_first_named() {
        let text = "u1,A,5,1\nu2,B,x,1\nu3,,4,1\nu4,B,5%,1\nu5,A,3\n";
        let t = read_users(text, UserRows::Ratio);
        assert_eq!(t.verdict(10), UsersVerdict::BadLines(4));
        let problems: Vec<(usize, &RowProblem)> =
            t.rejected.iter().map(|r| (r.line, &r.problem)).collect();
        assert_eq!(problems[1], (3, &RowProblem::MissingColumn(Column::Name)));
        assert!(matches!(
            problems[0].1,
            RowProblem::BadNumber {
                column: Column::Numerator,
                ..
            }
        ));
        assert!(matches!(
            problems[2].1,
            RowProblem::Percent {
                column: Column::Numerator,
                ..
            }
        ));
        assert_eq!(
            problems[3],
            (5, &RowProblem::MissingColumn(Column::Denominator))
        );
        assert_eq!(
            read_users("", UserRows::Value).verdict(10),
            UsersVerdict::Empty
        );
        assert_eq!(
            read_users("u1,A,1\nu2,A,2", UserRows::Value).verdict(10),
            UsersVerdict::OneGroup
        );
        let many: String = (0..12).map(|i| format!("u{i},g{i},1\n")).collect();
        assert_eq!(
            read_users(&many, UserRows::Value).verdict(10),
            UsersVerdict::TooMany(12)
        );
    }
}
