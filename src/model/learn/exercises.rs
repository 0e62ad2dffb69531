//! The exercises: each asks for one number, and its answer is computed here by the
//! same arithmetic the tools use, so an answer key can never drift from the kit.
//! The questions and worked solutions are in the language tables, in the same order.

use super::answer::{grade, AnswerError, Grade, Unit};
use crate::model::analyze::{sample_ratio_p, two_proportion};
use crate::model::design::{days, Design};
use crate::model::roi::promo::{CustomerValue, Promotion};
use crate::model::roi::{evaluate, Campaign};
use crate::model::sequential::naive_peeking_rates;
use crate::model::stats::{normal_sf, z_quantile};

crate::params! {
    PARAMS {
        SET = "set": "",
        PRESENT = "present": "",
        AT = "at": "1",
    }
}

/// The topics a trainer can hand out on their own (`#/learn/exercises?set=roi`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Set {
    Roi,
    Gmv,
    Funnel,
    Test,
    Stats,
    Ltv,
    Promo,
}

pub const SETS: [(&str, Set); 7] = [
    ("roi", Set::Roi),
    ("gmv", Set::Gmv),
    ("funnel", Set::Funnel),
    ("test", Set::Test),
    ("stats", Set::Stats),
    ("ltv", Set::Ltv),
    ("promo", Set::Promo),
];

impl Set {
    pub fn code(self) -> &'static str {
        SETS.iter().find(|(_, s)| *s == self).map_or("", |(c, _)| c)
    }

    pub fn index(self) -> usize {
        SETS.iter().position(|(_, s)| *s == self).unwrap_or(0)
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Exercise {
    /// Stable name for links, storage and tests.
    pub id: &'static str,
    pub set: Set,
    pub unit: Unit,
    /// Relative tolerance of the check.
    pub tolerance: f64,
    pub answer: fn() -> f64,
    /// Another answer that is right too, where the solution names it (the days of a
    /// run rounded up to whole weeks).
    pub also_right: Option<fn() -> f64>,
}

impl Exercise {
    /// `raw` graded against the answer, or against the other right one.
    pub fn grade(&self, raw: &str) -> Result<Grade, AnswerError> {
        let first = grade(raw, self.unit, (self.answer)(), self.tolerance)?;
        Ok(match self.also_right {
            Some(also) if first != Grade::Right => {
                match grade(raw, self.unit, also(), self.tolerance)? {
                    Grade::Right => Grade::Right,
                    _ => first,
                }
            }
            _ => first,
        })
    }

    const fn or(self, also: fn() -> f64) -> Exercise {
        Exercise {
            also_right: Some(also),
            ..self
        }
    }
}

fn sample_size(p1: f64, p2: f64) -> f64 {
    Design::two_rates(p1, p2)
        .sizes()
        .map_or(f64::NAN, |s| s.n_control as f64)
}

fn campaign_roi(
    costs: Vec<f64>,
    gmv: f64,
    margin_pct: f64,
    members: f64,
    ltv: f64,
    impr: f64,
    cpm: f64,
) -> f64 {
    evaluate(&Campaign {
        costs,
        gmv,
        margin_pct,
        members,
        ltv,
        impressions: impr,
        cpm,
        refund_pct: 0.0,
        fee_pct: 0.0,
    })
    .roi
    .unwrap_or(f64::NAN)
}

fn customer(
    arpu: f64,
    margin: f64,
    churn: f64,
    cac: f64,
) -> crate::model::roi::promo::CustomerValueResult {
    CustomerValue {
        arpu,
        margin,
        churn,
        cac,
    }
    .evaluate()
}

const fn ex(
    id: &'static str,
    set: Set,
    unit: Unit,
    tolerance: f64,
    answer: fn() -> f64,
) -> Exercise {
    Exercise {
        id,
        set,
        unit,
        tolerance,
        answer,
        also_right: None,
    }
}

pub const COUNT: usize = 26;

pub const EXERCISES: [Exercise; COUNT] = [
    // ROI, ROAS, break-even.
    ex("roi-basic", Set::Roi, Unit::Percent, 0.01, || {
        campaign_roi(vec![200_000.0], 1_200_000.0, 25.0, 0.0, 0.0, 0.0, 0.0)
    }),
    ex("roas", Set::Roi, Unit::Ratio, 0.01, || 480_000.0 / 80_000.0),
    ex("breakeven-roas", Set::Roi, Unit::Ratio, 0.01, || 1.0 / 0.25),
    ex("brand-day-roi", Set::Roi, Unit::Percent, 0.01, || {
        campaign_roi(
            vec![600_000.0, 200_000.0, 150_000.0, 50_000.0],
            5_000_000.0,
            20.0,
            5_000.0,
            200.0,
            30_000_000.0,
            30.0,
        )
    }),
    // GMV and its parts.
    ex("gmv", Set::Gmv, Unit::Money, 0.01, || {
        200_000.0 * 0.03 * 150.0
    }),
    ex("aov", Set::Gmv, Unit::Money, 0.01, || {
        1_500_000.0 / 12_000.0
    }),
    ex("double11-aov", Set::Gmv, Unit::Money, 0.01, || {
        5_000_000.0 / (1_000_000.0 * 0.08)
    }),
    ex("sales-decomposition", Set::Gmv, Unit::Ratio, 0.01, || {
        1.5 / (0.05 / 0.08)
    }),
    // Funnel rates.
    ex("funnel-overall", Set::Funnel, Unit::Percent, 0.01, || {
        0.4 * 0.25 * 0.5
    }),
    ex("bounce-fix", Set::Funnel, Unit::Percent, 0.01, || {
        0.03 * 0.4 / 0.3
    }),
    ex("channel-cpo", Set::Funnel, Unit::Money, 0.01, || {
        50.0 / 0.08
    }),
    // Sample size and duration.
    ex("sample-size", Set::Test, Unit::Count, 0.02, || {
        sample_size(0.05, 0.055)
    }),
    ex("duration", Set::Test, Unit::Days, 0.001, || {
        let n = sample_size(0.05, 0.055);
        days((2.0 * n) as u64, 5_000.0, 1.0).map_or(f64::NAN, |d| d as f64)
    })
    // The solution recommends whole weeks: 14 days is right too.
    .or(|| {
        let n = sample_size(0.05, 0.055);
        days((2.0 * n) as u64, 5_000.0, 1.0).map_or(f64::NAN, |d| (d as f64 / 7.0).ceil() * 7.0)
    }),
    ex("mde-halved", Set::Test, Unit::Ratio, 0.05, || {
        sample_size(0.05, 0.0525) / sample_size(0.05, 0.055)
    }),
    ex("low-traffic", Set::Test, Unit::Days, 0.03, || {
        let n = sample_size(0.008, 0.0088);
        days((2.0 * n) as u64, 300.0, 1.0).map_or(f64::NAN, |d| d as f64)
    }),
    // Reading results.
    ex("p-value", Set::Stats, Unit::Number, 0.05, || {
        two_proportion(10_000.0, 500.0, 10_000.0, 560.0, true)
            .p
            .unwrap_or(f64::NAN)
    }),
    ex("z-to-p", Set::Stats, Unit::Number, 0.03, || {
        2.0 * normal_sf(2.1)
    }),
    ex("srm-chi2", Set::Stats, Unit::Number, 0.01, || {
        // The statistic behind the page's `srm-p`: Σ (observed − expected)² / expected.
        let (a, b, e) = (50_600.0f64, 49_400.0f64, 50_000.0f64);
        let chi2 = (a - e).powi(2) / e + (b - e).powi(2) / e;
        debug_assert!(sample_ratio_p(&[a, b], &[1.0, 1.0]).is_some());
        chi2
    }),
    ex("family-wise", Set::Stats, Unit::Percent, 0.02, || {
        1.0 - 0.95f64.powi(3)
    }),
    ex("peeking-rate", Set::Stats, Unit::Percent, 0.03, || {
        naive_peeking_rates(5, z_quantile(0.975))
            .ok()
            .and_then(|r| r.get(4).copied())
            .unwrap_or(f64::NAN)
    }),
    // Customer value.
    ex("ltv", Set::Ltv, Unit::Money, 0.01, || {
        customer(60.0, 0.4, 0.06, 160.0).ltv
    }),
    ex("ltv-cac", Set::Ltv, Unit::Ratio, 0.01, || {
        customer(60.0, 0.4, 0.06, 160.0)
            .ltv_to_cac
            .unwrap_or(f64::NAN)
    }),
    ex("churn-lifetime", Set::Ltv, Unit::Ratio, 0.01, || {
        customer(100.0, 0.3, 0.06, 0.0).lifetime_months
            / customer(100.0, 0.3, 0.15, 0.0).lifetime_months
    }),
    // Promotions.
    ex("threshold-depth", Set::Promo, Unit::Percent, 0.01, || {
        promotion(200.0, 0.4, 200.0, 50.0, 1.0).depth
    }),
    ex("threshold-orders", Set::Promo, Unit::Count, 0.01, || {
        // Same profit as 1,000 orders at full price: 80,000 / (80 − 50).
        let r = promotion(200.0, 0.4, 200.0, 50.0, 1.0);
        1_000.0 * r.profit_per_order / (r.profit_per_order - r.cost_per_order)
    }),
    ex("coupon-cost", Set::Promo, Unit::Money, 0.01, || {
        10_000.0 * 0.15 * 20.0
    }),
];

fn promotion(
    aov: f64,
    margin: f64,
    threshold: f64,
    discount: f64,
    share: f64,
) -> crate::model::roi::promo::PromotionResult {
    Promotion {
        aov,
        margin,
        threshold,
        discount,
        share,
    }
    .evaluate()
}

/// The sets named in `raw` (`roi` or `roi,ltv`); unknown names are ignored, and
/// none means every exercise.
pub fn read_sets(raw: &str) -> Vec<Set> {
    let mut sets: Vec<Set> = raw
        .split(',')
        .filter_map(|name| {
            let name = name.trim().to_ascii_lowercase();
            SETS.iter().find(|(c, _)| *c == name).map(|(_, s)| *s)
        })
        .collect();
    sets.dedup();
    sets
}

/// The exercises shown for `sets` (all when empty), with their index in `EXERCISES`.
pub fn chosen(sets: &[Set]) -> Vec<(usize, &'static Exercise)> {
    EXERCISES
        .iter()
        .enumerate()
        .filter(|(_, e)| sets.is_empty() || sets.contains(&e.set))
        .collect()
}

/// What this browser remembers: which exercises were answered, and whether right.
/// Stored as `id:1,id:0`; unknown ids and malformed items are dropped, so an old
/// or damaged entry never breaks the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub answered: Vec<(&'static str, bool)>,
}

impl Progress {
    pub fn parse(text: &str) -> Progress {
        let mut answered: Vec<(&'static str, bool)> = Vec::new();
        for item in text.split(',') {
            let Some((id, mark)) = item.trim().split_once(':') else {
                continue;
            };
            let Some(e) = EXERCISES.iter().find(|e| e.id == id) else {
                continue;
            };
            let right = match mark {
                "1" => true,
                "0" => false,
                _ => continue,
            };
            answered.retain(|(i, _)| *i != e.id);
            answered.push((e.id, right));
        }
        Progress { answered }
    }

    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (i, (id, right)) in self.answered.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(id);
            out.push_str(if *right { ":1" } else { ":0" });
        }
        out
    }

    pub fn record(&mut self, id: &'static str, right: bool) {
        self.answered.retain(|(i, _)| *i != id);
        self.answered.push((id, right));
    }

    pub fn get(&self, id: &str) -> Option<bool> {
        self.answered
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, r)| *r)
    }

    /// (answered right, answered) among `ids`.
    pub fn score<'a>(&self, ids: impl Iterator<Item = &'a str>) -> (usize, usize) {
        ids.fold((0, 0), |(right, seen), id| match self.get(id) {
            Some(true) => (right + 1, seen + 1),
            Some(false) => (right, seen + 1),
            None => (right, seen),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::answer::check;
    use super::*;

    #[test]
    fn answers_are_the_textbook_numbers() {
        let answer = |id: &str| EXERCISES.iter().find(|e| e.id == id).map(|e| (e.answer)());
        let near = |id: &str, want: f64, rel: f64| {
            let got = answer(id).unwrap_or(f64::NAN);
            assert!(
                (got - want).abs() <= rel * want.abs(),
                "{id}: {got} vs {want}"
            );
        };
        near("roi-basic", 0.5, 1e-12);
        near("roas", 6.0, 1e-12);
        near("breakeven-roas", 4.0, 1e-12);
        near("brand-day-roi", 1.9, 1e-12);
        near("gmv", 900_000.0, 1e-12);
        near("aov", 125.0, 1e-12);
        near("double11-aov", 62.5, 1e-12);
        near("sales-decomposition", 2.4, 1e-12);
        near("funnel-overall", 0.05, 1e-12);
        near("bounce-fix", 0.04, 1e-12);
        near("channel-cpo", 625.0, 1e-12);
        // The spec's public check for p=5&mde=10.
        near("sample-size", 31_231.0, 0.0);
        near("duration", 13.0, 0.0);
        let duration = EXERCISES.iter().find(|e| e.id == "duration").unwrap();
        assert_eq!(duration.grade("14").unwrap(), Grade::Right);
        assert_eq!(duration.grade("13").unwrap(), Grade::Right);
        assert_ne!(duration.grade("12").unwrap(), Grade::Right);
        near("mde-halved", 3.9, 0.02);
        near("p-value", 0.0583, 0.005);
        near("z-to-p", 0.0357, 0.002);
        near("srm-chi2", 14.4, 1e-12);
        near("family-wise", 0.142625, 1e-9);
        near("peeking-rate", 0.142, 0.003);
        near("ltv", 400.0, 1e-12);
        near("ltv-cac", 2.5, 1e-12);
        near("churn-lifetime", 2.5, 1e-12);
        near("threshold-depth", 0.25, 1e-12);
        near("threshold-orders", 8_000.0 / 3.0, 1e-12);
        near("coupon-cost", 30_000.0, 1e-12);
        let low = answer("low-traffic").unwrap_or(0.0);
        assert!(low > 1_000.0, "{low}");
    }

    #[test]
    fn every_answer_checks_against_itself_and_not_against_a_tenth_of_it() {
        for e in &EXERCISES {
            let a = (e.answer)();
            assert!(a.is_finite() && a > 0.0, "{}", e.id);
            let written = if e.unit == Unit::Percent {
                format!("{}%", a * 100.0)
            } else {
                format!("{a}")
            };
            assert_eq!(
                check(&written, e.unit, a, e.tolerance),
                Ok(true),
                "{}",
                e.id
            );
            let wrong = format!("{}", a * 0.1);
            assert_eq!(check(&wrong, e.unit, a, e.tolerance), Ok(false), "{}", e.id);
        }
    }

    #[test]
    fn ids_are_unique_and_every_set_has_exercises() {
        for (i, e) in EXERCISES.iter().enumerate() {
            assert!(
                EXERCISES.iter().skip(i + 1).all(|o| o.id != e.id),
                "{}",
                e.id
            );
        }
        for (_, s) in SETS {
            assert!(chosen(&[s]).len() >= 3, "{s:?}");
        }
        assert_eq!(chosen(&[]).len(), COUNT);
    }

    #[test]
    fn sets_from_links() {
        assert_eq!(read_sets("roi"), vec![Set::Roi]);
        assert_eq!(read_sets("ROI, ltv,nope"), vec![Set::Roi, Set::Ltv]);
        assert!(read_sets("").is_empty());
        assert!(read_sets("<script>").is_empty());
        assert!(chosen(&read_sets("promo"))
            .iter()
            .all(|(_, e)| e.set == Set::Promo));
    }

    #[test]
    fn progress_round_trips_and_survives_damage() {
        let mut p = Progress::default();
        p.record("roas", true);
        p.record("gmv", false);
        p.record("roas", false);
        assert_eq!(p.to_text(), "gmv:0,roas:0");
        assert_eq!(Progress::parse(&p.to_text()), p);
        let damaged = Progress::parse("{\"x\":1},roas:1,nope:1,gmv:7,,:,aov:0");
        assert_eq!(damaged.answered, vec![("roas", true), ("aov", false)]);
        assert_eq!(damaged.score(["roas", "aov", "gmv"].into_iter()), (1, 2));
    }
}
