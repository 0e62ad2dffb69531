//! Times reading per-user rows into the page's sums: 10^6 users of a ratio metric
//! (id, group, GMV, orders) and of a value with a pre-period, as a CSV file and as a
//! spreadsheet paste, and a per-order table of the same size refused for its repeated
//! users. The page's promise is well under a second for 10^6 rows in the browser
//! (WebAssembly runs such loops at roughly half native speed). Run with
//! `cargo bench --bench per_user_rows`.

use std::fmt::Write;
use std::hint::black_box;

mod common;

use abkit::model::analyze::users::{read_users, UserRows, UsersVerdict};
use common::median_micros;

/// `rows` lines of per-user data, with a header, separated by `sep`; ids repeat
/// every `distinct` rows (a per-order table) when `distinct < rows`.
fn rows(rows: usize, distinct: usize, sep: char, kind: UserRows) -> String {
    let mut text = String::with_capacity(rows * 32);
    let header = match kind {
        UserRows::Ratio => ["user_id", "group", "gmv", "orders"],
        UserRows::Value => ["user_id", "group", "value", "pre"],
    };
    text.push_str(&header.join(&sep.to_string()));
    text.push('\n');
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..rows {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let group = if state.is_multiple_of(2) {
            "control"
        } else {
            "B"
        };
        let orders = state % 4;
        let gmv = (state % 40_000) as f64 / 100.0 * orders as f64;
        let _ = writeln!(text, "u{}{sep}{group}{sep}{gmv}{sep}{orders}", i % distinct);
    }
    text
}

fn main() {
    let n = 1_000_000;
    let cases = [
        (
            "10^6 users, ratio, CSV",
            rows(n, n, ',', UserRows::Ratio),
            UserRows::Ratio,
            UsersVerdict::Fill,
        ),
        (
            "10^6 users, value + pre-period, spreadsheet paste",
            rows(n, n, '\t', UserRows::Value),
            UserRows::Value,
            UsersVerdict::Fill,
        ),
        (
            "10^6 orders of 400,000 users (refused)",
            rows(n, 400_000, ',', UserRows::Ratio),
            UserRows::Ratio,
            UsersVerdict::Repeated(600_000),
        ),
    ];
    println!("per-user rows read and summed, median per call:");
    for (name, text, kind, expected) in cases {
        let verdict = read_users(&text, kind).verdict(10);
        assert_eq!(verdict, expected, "{name}");
        let t = median_micros(
            || {
                let _ = black_box(read_users(black_box(&text), kind));
            },
            1,
            7,
        );
        println!(
            "  {name:<52} {:>8.1} ms ({:.1} MB)",
            t / 1000.0,
            text.len() as f64 / 1e6
        );
    }
}
