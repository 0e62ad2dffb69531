//! The training room's arithmetic: the exercises and their answer checks, and the
//! peeking and power simulators. Texts live in the language tables.

pub mod answer;
pub mod cases;
pub mod exercises;
pub mod peeking;
pub mod power;

use crate::model::input::{parse_bounded, Bounds, InputError};

/// A simulator's `sims=`: how many simulated tests, 100 to `max`.
pub fn read_sims(raw: &str, max: f64) -> Result<f64, InputError> {
    parse_bounded(raw, Bounds::range(100.0, true, max, true).whole())
}

/// A simulator's `seed=`: any whole number from 0 to 2³² − 1.
pub fn read_seed(raw: &str) -> Result<f64, InputError> {
    parse_bounded(raw, Bounds::range(0.0, true, 4_294_967_295.0, true).whole())
}

/// The seed "run again" moves to: the next one after `raw` (the default's next when
/// `raw` does not read), wrapping at 2³², so each run is new and its link reopens it.
pub fn next_seed(raw: &str, default: &str) -> String {
    let seed = read_seed(raw)
        .or_else(|_| read_seed(default))
        .unwrap_or(0.0) as u64;
    ((seed + 1) % 4_294_967_296).to_string()
}

/// Whether `present=` asks for the presenter view.
pub fn presenting(raw: &str) -> bool {
    raw.trim() == "1"
}

/// The presenter's item from `at=` (1-based in the link), as an index below `count`;
/// anything unreadable is the first item, anything past the end the last.
pub fn position(raw: &str, count: usize) -> usize {
    let last = count.saturating_sub(1);
    raw.trim()
        .parse::<usize>()
        .map_or(0, |at| at.saturating_sub(1).min(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_again_moves_to_the_next_seed() {
        assert_eq!(next_seed("1", "1"), "2");
        assert_eq!(next_seed("", "1"), "2");
        assert_eq!(next_seed("abc", "1"), "2");
        assert_eq!(next_seed("4294967295", "1"), "0");
        assert!(read_seed(&next_seed("4294967295", "1")).is_ok());
    }

    #[test]
    fn presenter_positions_are_clamped() {
        assert_eq!(position("3", 13), 2);
        assert_eq!(position("0", 13), 0);
        assert_eq!(position("99", 13), 12);
        assert_eq!(position("-1", 13), 0);
        assert_eq!(position("x", 13), 0);
        assert_eq!(position("1", 0), 0);
        assert!(presenting("1") && !presenting("") && !presenting("yes"));
    }
}
