//! The significance page's typed form: its URL parameters, one row per group (visitors
//! and conversions, or units, mean and sd), the cross-row checks, and the report's
//! input when every group is valid; and the row operations that keep the per-group
//! lists aligned when a group is added or removed.

use super::cuped::{check_pre, cuped, read_mean, Cuped, MeanSums, PreSums};
use super::daily::Daily;
use super::guardrail::{Good, Guardrail};
use super::input::{Adjust, AnalyzeInput, Arm, MarginKind, RunningPlan};
use super::paste::ArmRow;
use super::ratio::{read_ratio, RatioArm, RatioSums, Sum, SumsError};
use super::users::{GroupSums, UserRows, UsersTable};
use crate::model::form::{blocking, cells, optional, Cell, FieldError, PageForm};
use crate::model::input::{
    parse_bounded, parse_choice, parse_list, push_item, remove_item, split_list, Bounds,
    InputError, ListError,
};
use crate::model::query::{Param, Values};
use crate::model::sequential::plan::{Family, Schedule, MAX_LOOKS};

crate::params! {
    PARAMS {
        METRIC = "metric": "binary",
        N = "n": "10000,10000",
        X = "x": "500,560",
        MEAN = "mean": "",
        SD = "sd": "",
        /// `metric=ratio`: per arm, over its users, Σ numerator, Σ numerator², Σ
        /// denominator, Σ denominator², Σ numerator × denominator.
        NUM = "num": "",
        NUM2 = "num2": "",
        DEN = "den": "",
        DEN2 = "den2": "",
        NUMDEN = "numden": "",
        /// `metric=continuous` given as sums instead of `mean` and `sd`: per arm, Σ
        /// metric and Σ metric² over its users; with the pre-experiment value's Σ, Σ²
        /// and Σ pre × metric, CUPED.
        SUM = "sum": "",
        SUM2 = "sum2": "",
        PRE = "pre": "",
        PRE2 = "pre2": "",
        PREPOST = "prepost": "",
        /// Optional group names, control first.
        NAMES = "names": "",
        ALPHA = "alpha": "5",
        SIDES = "sides": "2",
        /// Empty: Holm when there are more than two arms.
        CORRECTION = "correction": "",
        SPLIT = "split": "",
        /// `always`: confidence sequences and always-valid p-values beside the fixed ones.
        SEQ = "seq": "off",
        /// Units (both groups) at which the always-valid interval is tuned to be tightest.
        NSTAR = "nstar": "5000",
        /// A planned group-sequential test: its looks, boundaries and maximum per group.
        PLAN_LOOKS = "plan_looks": "",
        PLAN_BOUNDS = "plan_bounds": "ld_obf",
        PLAN_N = "plan_n": "",
        /// `superiority`, `noninferiority` or `equivalence`, against `margin`.
        TEST = "test": "superiority",
        /// Percentage points (rates) or metric units.
        MARGIN = "margin": "",
        /// The plan a running test is read against: the relative effect (%) and the
        /// power (%) it was sized for, visitors a day, the team's win rate (%) and
        /// the prior's sd of relative effects (%).
        MDE = "mde": "10",
        POWER = "power": "80",
        DAILY = "daily": "",
        WIN_RATE = "win_rate": "10",
        PRIOR_SD = "prior_sd": "",
        /// Guardrails 1 to 5: name, counts per group or mean and sd per group over the
        /// groups' users, which direction is good (`lower` or `higher`), and the
        /// worsening tolerated (points for rates, units for means).
        G1_NAME = "g1_name": "",
        G1_X = "g1_x": "",
        G1_MEAN = "g1_mean": "",
        G1_SD = "g1_sd": "",
        G1_GOOD = "g1_good": "",
        G1_MARGIN = "g1_margin": "",
        G2_NAME = "g2_name": "",
        G2_X = "g2_x": "",
        G2_MEAN = "g2_mean": "",
        G2_SD = "g2_sd": "",
        G2_GOOD = "g2_good": "",
        G2_MARGIN = "g2_margin": "",
        G3_NAME = "g3_name": "",
        G3_X = "g3_x": "",
        G3_MEAN = "g3_mean": "",
        G3_SD = "g3_sd": "",
        G3_GOOD = "g3_good": "",
        G3_MARGIN = "g3_margin": "",
        G4_NAME = "g4_name": "",
        G4_X = "g4_x": "",
        G4_MEAN = "g4_mean": "",
        G4_SD = "g4_sd": "",
        G4_GOOD = "g4_good": "",
        G4_MARGIN = "g4_margin": "",
        G5_NAME = "g5_name": "",
        G5_X = "g5_x": "",
        G5_MEAN = "g5_mean": "",
        G5_SD = "g5_sd": "",
        G5_GOOD = "g5_good": "",
        G5_MARGIN = "g5_margin": "",
    }
}

pub const MAX_ARMS: usize = 10;

/// What each group's row holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Given {
    /// Visitors and conversions.
    Counts,
    /// Units, mean and sd.
    Means,
    /// Users, Σ metric and Σ metric².
    Sums,
    /// The sums and the pre-experiment value's sums: CUPED.
    Cuped,
    /// Users and the five sums of a ratio.
    Ratio,
}

impl Given {
    /// The sums of a row, in the order of `AnalyzeForm::sums`, with the sum each names.
    pub fn sums(self) -> &'static [(&'static str, Sum)] {
        match self {
            Given::Ratio => &RATIO_SUMS,
            Given::Sums => &MEAN_SUMS[..2],
            Given::Cuped => &MEAN_SUMS,
            Given::Counts | Given::Means => &[],
        }
    }

    /// Where `sum` stands in `sums()`; `None` for the users' count.
    pub fn position(self, sum: Sum) -> Option<usize> {
        self.sums().iter().position(|(_, s)| *s == sum)
    }

    /// The list whose length, with `n`'s, counts the groups.
    fn second(self) -> &'static str {
        match self {
            Given::Counts => X,
            Given::Means => MEAN,
            Given::Sums | Given::Cuped => SUM,
            Given::Ratio => NUM,
        }
    }
}

/// Every field of the page as read, and the report's input when they allow one.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalyzeForm {
    /// Means, or ratios read as means (`ratio`).
    pub continuous: bool,
    /// A ratio of per-user sums (`metric=ratio`).
    pub ratio: bool,
    pub given: Given,
    pub two_sided: bool,
    pub alpha: Result<f64, InputError>,
    pub correction: Adjust,
    /// The groups shown: at least 2, at most `MAX_ARMS`.
    pub arms: usize,
    /// More groups were given than the page compares.
    pub too_many: bool,
    /// The typed names, one per group (empty when not typed).
    pub names: Vec<String>,
    /// Visitors (binary) or units (continuous) per group.
    pub n: Vec<Cell>,
    /// Conversions (binary) or means (continuous) per group.
    pub second: Vec<Cell>,
    /// Standard deviations per group (continuous).
    pub sd: Vec<Cell>,
    /// Given as sums: one row of cells per sum (`given.sums()` order), one cell per
    /// group; with `metric=ratio` each group's ratio when its sums give one.
    pub sums: Vec<Vec<Cell>>,
    pub ratios: Vec<Option<RatioArm>>,
    /// The adjustment, when the pre-experiment sums of every group are valid.
    pub cuped: Option<Cuped>,
    /// The guardrails the link gives, in the order of their `k`.
    pub guardrails: Vec<GuardrailRow>,
    /// The planned split, when one is given.
    pub split: Option<Result<Vec<f64>, ListError>>,
    pub always_valid: bool,
    pub nstar: Result<f64, InputError>,
    /// The planned test, when its looks are given: looks, family, maximum per group.
    pub plan_looks: Option<Result<f64, InputError>>,
    pub plan_family: Family,
    pub plan_n: Result<f64, InputError>,
    pub plan: Option<(Schedule, Family, f64)>,
    /// `None` for superiority.
    pub margin_kind: Option<MarginKind>,
    pub margin: Result<f64, InputError>,
    pub mde: Result<f64, InputError>,
    pub power: Result<f64, InputError>,
    pub daily: Option<Result<f64, InputError>>,
    pub win_rate: Result<f64, InputError>,
    pub prior_sd: Option<Result<f64, InputError>>,
    pub input: Option<AnalyzeInput>,
}

impl AnalyzeForm {
    /// The parameter of the second column: conversions or means.
    pub fn second_param(&self) -> &'static str {
        second_param(self.continuous)
    }

    /// Group `i`'s sums when they compute but no per-user data give them: the error
    /// and the position of the sum at fault in `given.sums()`.
    pub fn doubt(&self, i: usize) -> Option<(usize, SumsError)> {
        let e = self.ratios.get(i).copied().flatten()?.inconsistent?;
        Some((self.given.position(e.sum())?, e))
    }

    /// The page's per-group lists, for adding and removing a group.
    pub fn group_lists(&self) -> &'static [&'static str] {
        group_lists(self.given)
    }

    /// The guardrails' per-group lists in use: counts, or means and sds.
    pub fn guardrail_lists(&self) -> Vec<&'static str> {
        self.guardrails
            .iter()
            .filter_map(|g| Some((g.means, GuardrailRow::params(g.k)?)))
            .flat_map(|(means, ps)| {
                if means {
                    vec![ps[2], ps[3]]
                } else {
                    vec![ps[1]]
                }
            })
            .collect()
    }

    /// The normal quantile of the page's interval (two- or one-sided), for the
    /// daily chart; NaN while alpha is invalid.
    pub fn z(&self) -> f64 {
        self.alpha.as_ref().ok().map_or(f64::NAN, |a| {
            crate::model::stats::z_quantile(if self.two_sided {
                1.0 - a / 200.0
            } else {
                1.0 - a / 100.0
            })
        })
    }
}

fn second_param(continuous: bool) -> &'static str {
    if continuous {
        MEAN
    } else {
        X
    }
}

/// The list parameters that hold one item per group.
pub fn group_lists(given: Given) -> &'static [&'static str] {
    match given {
        Given::Ratio => &[NAMES, N, NUM, NUM2, DEN, DEN2, NUMDEN, SPLIT],
        Given::Cuped => &[NAMES, N, SUM, SUM2, PRE, PRE2, PREPOST, SPLIT],
        Given::Sums => &[NAMES, N, SUM, SUM2, SPLIT],
        Given::Means => &[NAMES, N, MEAN, SD, SPLIT],
        Given::Counts => &[NAMES, N, X, SPLIT],
    }
}

/// A ratio's sums, in the order of `AnalyzeForm::sums`, with the sum each names.
pub const RATIO_SUMS: [(&str, Sum); 5] = [
    (NUM, Sum::Num),
    (NUM2, Sum::Num2),
    (DEN, Sum::Den),
    (DEN2, Sum::Den2),
    (NUMDEN, Sum::NumDen),
];

/// A continuous metric's sums, in the order of `AnalyzeForm::sums`: the first two
/// without a pre-period, all five with one.
pub const MEAN_SUMS: [(&str, Sum); 5] = [
    (SUM, Sum::Metric),
    (SUM2, Sum::Metric2),
    (PRE, Sum::Pre),
    (PRE2, Sum::Pre2),
    (PREPOST, Sum::PrePost),
];

/// The cells of each sum of `given`, one per group: sums of squares cannot be negative.
fn sum_cells(values: &Values, given: Given, arms: usize) -> Vec<Vec<Cell>> {
    let amount = Bounds::range(-1e300, true, 1e300, true);
    let squares = Bounds::range(0.0, true, 1e300, true);
    given
        .sums()
        .iter()
        .map(|(p, s)| {
            let bounds = if matches!(s, Sum::Num2 | Sum::Den2 | Sum::Metric2 | Sum::Pre2) {
                squares
            } else {
                amount
            };
            group_cells(values.get(p), arms, bounds)
        })
        .collect()
}

/// Group `arm`'s value of sum `k` (`given.sums()` order), when valid.
fn sum_of(sums: &[Vec<Cell>], k: usize, arm: usize) -> Option<f64> {
    sums.get(k).and_then(|row| row.get(arm)).and_then(Cell::ok)
}

/// Refuses group `arm`'s cell of the sum at fault (the users' cell for too few).
fn refuse_sum(given: Given, n: &mut [Cell], sums: &mut [Vec<Cell>], arm: usize, e: SumsError) {
    let cell = match given.position(e.sum()) {
        Some(k) => sums.get_mut(k).and_then(|row| row.get_mut(arm)),
        None => n.get_mut(arm),
    };
    if let Some(c) = cell {
        c.refuse(FieldError::Sums(e));
    }
}

/// Each group's ratio sums read and checked together: a group whose sums give no
/// ratio has the sum at fault refused (users, the denominator, or the cross sum for
/// a variance that is not positive); its ratio otherwise.
fn ratio_rows(n: &mut [Cell], sums: &mut [Vec<Cell>], arms: usize) -> Vec<Option<RatioArm>> {
    (0..arms)
        .map(|arm| {
            let v = |k: usize| sum_of(sums, k, arm);
            let read = read_ratio(RatioSums {
                n: n.get(arm)?.ok()?,
                num: v(0)?,
                num2: v(1)?,
                den: v(2)?,
                den2: v(3)?,
                numden: v(4)?,
            });
            read.map_err(|e| refuse_sum(Given::Ratio, n, sums, arm, e))
                .ok()
        })
        .collect()
}

/// The groups of a metric given as sums, when every group's sums are valid; with
/// the pre-period's sums, adjusted (CUPED). A group's sum that per-user data cannot
/// give is refused, and so is its cross sum when the adjustment leaves it no variance.
fn mean_rows(
    given: Given,
    n: &mut [Cell],
    sums: &mut [Vec<Cell>],
    arms: usize,
) -> (Option<Vec<Arm>>, Option<Cuped>) {
    let read: Vec<Option<(MeanSums, PreSums)>> = (0..arms)
        .map(|arm| {
            let v = |k: usize| sum_of(sums, k, arm);
            let post = MeanSums {
                n: n.get(arm)?.ok()?,
                sum: v(0)?,
                sum2: v(1)?,
            };
            if let Err(e) = read_mean(post) {
                refuse_sum(given, n, sums, arm, e);
                return None;
            }
            let pre = if given == Given::Cuped {
                PreSums {
                    pre: v(2)?,
                    pre2: v(3)?,
                    prepost: v(4)?,
                }
            } else {
                PreSums {
                    pre: 0.0,
                    pre2: 0.0,
                    prepost: 0.0,
                }
            };
            if let Err(e) = check_pre(post, pre) {
                refuse_sum(given, n, sums, arm, e);
                return None;
            }
            Some((post, pre))
        })
        .collect();
    let read: Option<Vec<(MeanSums, PreSums)>> = read.into_iter().collect();
    let Some(read) = read else {
        return (None, None);
    };
    let adjusted = cuped(&read);
    let mut whole = true;
    for (arm, a) in adjusted.arms.iter().enumerate() {
        if a.sd_adj <= 0.0 {
            refuse_sum(given, n, sums, arm, SumsError::NoVariance(Sum::PrePost));
            whole = false;
        }
    }
    let groups = whole.then(|| adjusted.arms.iter().map(|a| a.as_arm()).collect());
    (groups, (given == Given::Cuped && whole).then_some(adjusted))
}

/// One guardrail as read from the link: its cells per group and, when they all read,
/// the checked guardrail.
#[derive(Clone, Debug, PartialEq)]
pub struct GuardrailRow {
    /// 1 to `MAX_GUARDRAILS`: the `k` of its parameters and outputs.
    pub k: usize,
    pub name: String,
    pub good: Good,
    /// Mean and sd per group (`g<k>_mean`, `g<k>_sd`) rather than counts (`g<k>_x`).
    pub means: bool,
    pub x: Vec<Cell>,
    pub mean: Vec<Cell>,
    pub sd: Vec<Cell>,
    pub margin: Result<f64, InputError>,
    pub guardrail: Option<Guardrail>,
}

impl GuardrailRow {
    /// The parameter names of guardrail `k`: name, x, mean, sd, good, margin.
    pub fn params(k: usize) -> Option<&'static [&'static str; 6]> {
        GUARDRAIL_PARAMS.get(k.checked_sub(1)?)
    }

    pub fn name_missing(&self) -> bool {
        self.name.trim().is_empty()
    }
}

pub const MAX_GUARDRAILS: usize = 5;

/// `g<k>_name`, `g<k>_x`, `g<k>_mean`, `g<k>_sd`, `g<k>_good`, `g<k>_margin`.
pub const GUARDRAIL_PARAMS: [[&str; 6]; MAX_GUARDRAILS] = [
    [G1_NAME, G1_X, G1_MEAN, G1_SD, G1_GOOD, G1_MARGIN],
    [G2_NAME, G2_X, G2_MEAN, G2_SD, G2_GOOD, G2_MARGIN],
    [G3_NAME, G3_X, G3_MEAN, G3_SD, G3_GOOD, G3_MARGIN],
    [G4_NAME, G4_X, G4_MEAN, G4_SD, G4_GOOD, G4_MARGIN],
    [G5_NAME, G5_X, G5_MEAN, G5_SD, G5_GOOD, G5_MARGIN],
];

/// The guardrails a link gives (any of a guardrail's parameters set), each read over
/// the page's groups (`n`: the primary metric's users, the same users).
fn guardrail_rows(values: &Values, n: &[Cell], arms: usize) -> Vec<GuardrailRow> {
    GUARDRAIL_PARAMS
        .iter()
        .enumerate()
        .filter(|(_, ps)| ps.iter().any(|p| !values.get(p).trim().is_empty()))
        .map(|(k, &[name, x, mean, sd, good, margin])| {
            let means = !values.get(mean).trim().is_empty() || !values.get(sd).trim().is_empty();
            let amount = Bounds::range(-1e15, true, 1e15, true);
            let mut x = group_cells(values.get(x), arms, Bounds::COUNT);
            let (mean, sd) = if means {
                (
                    group_cells(values.get(mean), arms, amount),
                    group_cells(values.get(sd), arms, Bounds::POSITIVE),
                )
            } else {
                (Vec::new(), Vec::new())
            };
            if !means {
                for (arm, (cell, users)) in x.iter_mut().zip(n).enumerate() {
                    if let (Some(v), Some(users)) = (cell.ok(), users.ok()) {
                        if v > users {
                            cell.refuse(FieldError::ConversionsAboveVisitors { arm });
                        }
                    }
                }
            }
            // A value no link should hold reads as the default, as the page's selects do.
            let good = parse_choice(
                values.get(good),
                &[("lower", Good::Lower), ("higher", Good::Higher)],
            )
            .unwrap_or(Good::Lower);
            let margin = parse_bounded(values.get(margin), Bounds::POSITIVE);
            let name = values.get(name).trim().to_string();
            let arms_of_guardrail: Option<Vec<Arm>> = (0..arms)
                .map(|i| {
                    let users = n.get(i)?.ok()?;
                    Some(if means {
                        Arm::Continuous {
                            n: users,
                            mean: mean.get(i)?.ok()?,
                            sd: sd.get(i)?.ok()?,
                        }
                    } else {
                        Arm::Binary {
                            n: users,
                            x: x.get(i)?.ok()?,
                        }
                    })
                })
                .collect();
            let units = if means { 1.0 } else { 100.0 };
            let guardrail = match (arms_of_guardrail, margin, name.is_empty()) {
                (Some(arms), Ok(m), false) => Some(Guardrail {
                    good,
                    margin: m / units,
                    arms,
                }),
                _ => None,
            };
            GuardrailRow {
                k: k + 1,
                name,
                good,
                means,
                x,
                mean,
                sd,
                margin,
                guardrail,
            }
        })
        .collect()
}

/// One cell per group of list `raw`: items beyond the groups are ignored.
fn group_cells(raw: &str, arms: usize, bounds: Bounds) -> Vec<Cell> {
    let mut row = cells(raw, arms, bounds);
    row.truncate(arms);
    row
}

/// The visitors (or units) and conversions (or means) of each group, with the checks
/// that involve both cells of a row.
fn checked_rows(values: &Values, continuous: bool, arms: usize) -> (Vec<Cell>, Vec<Cell>) {
    let mut n = group_cells(values.get(N), arms, Bounds::COUNT);
    let amount = Bounds::range(-1e15, true, 1e15, true);
    let mut second = group_cells(
        values.get(second_param(continuous)),
        arms,
        if continuous { amount } else { Bounds::COUNT },
    );
    for (arm, (n_cell, x_cell)) in n.iter_mut().zip(second.iter_mut()).enumerate() {
        let Some(visitors) = n_cell.ok() else {
            continue;
        };
        if continuous && visitors < 2.0 {
            n_cell.refuse(FieldError::WelchNeedsTwo { arm });
        } else if !continuous && visitors == 0.0 {
            n_cell.refuse(FieldError::Input(InputError::TooSmall {
                min: 0.0,
                inclusive: false,
            }));
        }
        if !continuous && x_cell.ok().is_some_and(|x| x > visitors) {
            x_cell.refuse(FieldError::ConversionsAboveVisitors { arm });
        }
    }
    (n, second)
}

/// The groups for the model, when every cell of every group is valid.
fn arms_of(continuous: bool, n: &[Cell], second: &[Cell], sd: &[Cell]) -> Option<Vec<Arm>> {
    n.iter()
        .zip(second)
        .enumerate()
        .map(|(i, (n, v))| {
            let (n, v) = (n.ok()?, v.ok()?);
            Some(if continuous {
                Arm::Continuous {
                    n,
                    mean: v,
                    sd: sd.get(i)?.ok()?,
                }
            } else {
                Arm::Binary { n, x: v }
            })
        })
        .collect()
}

/// The planned sequential test, when its looks and maximum size are valid.
fn planned_test(
    looks: Option<Result<f64, InputError>>,
    family: Family,
    n: Result<f64, InputError>,
) -> Option<(Schedule, Family, f64)> {
    let (Some(Ok(looks)), Ok(n)) = (looks, n) else {
        return None;
    };
    Schedule::equal(looks as usize).ok().map(|s| (s, family, n))
}

/// Every field of the page with its guardrails.
pub fn read(values: &Values) -> AnalyzeForm {
    let mut form = read_primary(values);
    form.guardrails = guardrail_rows(values, &form.n, form.arms);
    form
}

/// Whether the link gives any guardrail (a first-visit module, which reads the
/// primary metric only, hands such a link to the full module).
pub fn any_guardrail(values: &Values) -> bool {
    GUARDRAIL_PARAMS
        .iter()
        .flatten()
        .any(|p| !values.get(p).trim().is_empty())
}

/// Every field of the page but the guardrails.
pub fn read_primary(values: &Values) -> AnalyzeForm {
    let (continuous, ratio) = parse_choice(
        values.get(METRIC),
        &[
            ("binary", (false, false)),
            ("continuous", (true, false)),
            ("ratio", (true, true)),
        ],
    )
    .unwrap_or((false, false));
    let two_sided = parse_choice(values.get(SIDES), &[("2", true), ("1", false)]).unwrap_or(true);
    let alpha = parse_bounded(values.get(ALPHA), Bounds::OPEN_PERCENT);
    let filled = |p: &str| !values.get(p).trim().is_empty();
    let given = match (continuous, ratio) {
        (_, true) => Given::Ratio,
        (false, false) => Given::Counts,
        _ if [PRE, PRE2, PREPOST].iter().any(|p| filled(p)) => Given::Cuped,
        _ if filled(SUM) || filled(SUM2) => Given::Sums,
        _ => Given::Means,
    };
    let listed = split_list(values.get(N))
        .len()
        .max(split_list(values.get(given.second())).len())
        .max(2);
    let too_many = listed > MAX_ARMS;
    let arms = listed.min(MAX_ARMS);
    let names: Vec<String> = {
        let typed = split_list(values.get(NAMES));
        (0..arms)
            .map(|i| typed.get(i).copied().unwrap_or("").to_string())
            .collect()
    };
    let (mut n, second_cells) = checked_rows(values, continuous, arms);
    let sd = group_cells(values.get(SD), arms, Bounds::POSITIVE);
    let mut sums = sum_cells(values, given, arms);
    let ratios = if ratio {
        ratio_rows(&mut n, &mut sums, arms)
    } else {
        Vec::new()
    };
    let (summed, adjusted) = match given {
        Given::Sums | Given::Cuped => mean_rows(given, &mut n, &mut sums, arms),
        _ => (None, None),
    };
    let split = (!values.get(SPLIT).trim().is_empty()).then(|| {
        parse_list(
            values.get(SPLIT),
            Bounds::range(0.0, false, 100.0, true),
            arms,
            arms,
        )
    });
    let correction = parse_choice(values.get(CORRECTION), &Adjust::CHOICES)
        .unwrap_or(if arms > 2 { Adjust::Holm } else { Adjust::None });
    let groups = (!too_many)
        .then(|| match given {
            Given::Ratio => ratios.iter().map(|r| r.map(RatioArm::as_arm)).collect(),
            Given::Sums | Given::Cuped => summed,
            Given::Counts | Given::Means => arms_of(continuous, &n, &second_cells, &sd),
        })
        .flatten();
    let always_valid =
        parse_choice(values.get(SEQ), &[("off", false), ("always", true)]).unwrap_or(false);
    let nstar = parse_bounded(values.get(NSTAR), Bounds::range(0.0, false, 1e12, true));
    let plan_looks = optional(
        values.get(PLAN_LOOKS),
        Bounds::range(1.0, true, MAX_LOOKS as f64, true).whole(),
    );
    let plan_family =
        parse_choice(values.get(PLAN_BOUNDS), &Family::CHOICES).unwrap_or(Family::LanDemetsObf);
    let plan_n = parse_bounded(values.get(PLAN_N), Bounds::range(0.0, false, 1e10, true));
    let plan = planned_test(plan_looks, plan_family, plan_n);
    let margin_kind = parse_choice(
        values.get(TEST),
        &[
            ("superiority", None),
            ("noninferiority", Some(MarginKind::NonInferiority)),
            ("equivalence", Some(MarginKind::Equivalence)),
        ],
    )
    .flatten();
    let margin = parse_bounded(values.get(MARGIN), Bounds::POSITIVE);
    let units = if continuous { 1.0 } else { 100.0 };
    let margin_test = margin_kind.and_then(|k| margin.ok().map(|m| (k, m / units)));
    let mde = parse_bounded(values.get(MDE), Bounds::range(0.0, false, 1000.0, true));
    let power = parse_bounded(values.get(POWER), Bounds::OPEN_PERCENT);
    let daily = optional(values.get(DAILY), Bounds::range(0.0, false, 1e12, true));
    let win_rate = parse_bounded(values.get(WIN_RATE), Bounds::OPEN_PERCENT);
    let prior_sd = optional(
        values.get(PRIOR_SD),
        Bounds::range(0.0, false, 1000.0, true),
    );
    let percent = |r: &Result<f64, InputError>| r.as_ref().ok().map(|v| v / 100.0);
    let running = RunningPlan {
        mde_rel: percent(&mde),
        power: percent(&power),
        daily: daily.and_then(|d| d.ok()),
        win_rate: percent(&win_rate),
        prior_sd: prior_sd.as_ref().and_then(percent),
        max_per_group: plan.map(|p| p.2),
    };
    let input = match (groups, alpha, &split) {
        (Some(arms), Ok(alpha), None | Some(Ok(_))) => Some(AnalyzeInput {
            arms,
            alpha: alpha / 100.0,
            two_sided,
            correction,
            split: split.as_ref().and_then(|s| s.as_ref().ok()).cloned(),
            always_valid: always_valid.then(|| nstar.ok()).flatten(),
            margin: margin_test,
            plan: running,
            ratio,
            unadjusted: adjusted.as_ref().map(Cuped::unadjusted),
        }),
        _ => None,
    };
    AnalyzeForm {
        continuous,
        ratio,
        given,
        two_sided,
        alpha,
        correction,
        arms,
        too_many,
        names,
        n,
        second: second_cells,
        sd,
        sums,
        ratios,
        cuped: adjusted,
        guardrails: Vec::new(),
        split,
        always_valid,
        nstar,
        plan_looks,
        plan_family,
        plan_n: if plan_looks.is_some() {
            plan_n
        } else {
            Ok(0.0)
        },
        plan,
        margin_kind,
        margin: if margin_kind.is_some() {
            margin
        } else {
            Ok(0.0)
        },
        mde,
        power,
        daily,
        win_rate,
        prior_sd,
        input,
    }
}

impl PageForm for AnalyzeForm {
    type Input = AnalyzeInput;
    const PARAMS: &'static [Param] = PARAMS;

    fn read(values: &Values) -> Self {
        read(values)
    }

    fn input(&self) -> Option<&AnalyzeInput> {
        self.input.as_ref()
    }

    fn blocked(&self) -> Vec<&'static str> {
        let bad = |row: &[Cell]| row.iter().any(|c| c.value.is_err());
        let own_second = matches!(self.given, Given::Counts | Given::Means);
        let mut checks = vec![
            (self.too_many || bad(&self.n), N),
            (own_second && bad(&self.second), self.second_param()),
            (self.given == Given::Means && bad(&self.sd), SD),
        ];
        checks.extend(
            self.given
                .sums()
                .iter()
                .zip(&self.sums)
                .map(|((p, _), row)| (bad(row), *p)),
        );
        checks.push((self.alpha.is_err(), ALPHA));
        checks.push((matches!(self.split, Some(Err(_))), SPLIT));
        blocking(&checks)
    }
}

/// Adds a group: a copy of the last group's numbers, unnamed. A planned split is
/// extended only where one is given. Returns the parameter changes.
pub fn add_group(values: &Values, form: &AnalyzeForm) -> Vec<(&'static str, String)> {
    let arms = form.arms;
    form.group_lists()
        .iter()
        .chain(form.guardrail_lists().iter())
        .filter(|p| **p != SPLIT || !values.get(SPLIT).trim().is_empty())
        .map(|&p| {
            let last = split_list(values.get(p))
                .get(arms - 1)
                .copied()
                .unwrap_or("")
                .to_string();
            let copy = if p == NAMES { String::new() } else { last };
            let pushed = push_item(values.get(p), arms, &copy);
            // A list of empty cells is written as one empty text, which reads as two
            // groups: the visitors' list keeps its commas so the new group shows.
            if p == N && pushed.is_empty() {
                (p, ",".repeat(arms))
            } else {
                (p, pushed)
            }
        })
        .collect()
}

/// Removes group `i` from every per-group list that has items.
pub fn remove_group(values: &Values, form: &AnalyzeForm, i: usize) -> Vec<(&'static str, String)> {
    form.group_lists()
        .iter()
        .chain(form.guardrail_lists().iter())
        .filter(|p| !values.get(p).trim().is_empty())
        .map(|&p| (p, remove_item(values.get(p), i)))
        .collect()
}

fn join<T>(items: impl Iterator<Item = T>, f: impl Fn(T) -> String) -> String {
    items.map(f).collect::<Vec<_>>().join(",")
}

/// A number written back into a link with `digits` significant digits, so that sums
/// converted from a mean and an sd do not carry the float's last-digit noise. (By
/// arithmetic, not `{:e}`: exponent formatting would add its own code to the module.)
fn tidy(x: f64, digits: i32) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x == 0.0 {
        return "0".into();
    }
    let shift = digits - 1 - x.abs().log10().floor() as i32;
    let rounded = if shift >= 0 {
        let p = 10f64.powi(shift);
        (x * p).round() / p
    } else {
        let p = 10f64.powi(-shift);
        (x / p).round() * p
    };
    format!("{rounded}")
}

/// The parameter changes that give each group's data as `to` (means and sds, sums,
/// or sums with the pre-period's): the numbers the rows hold are converted (Σ = n ×
/// mean, Σ² = (n − 1) sd² + n mean², and back), a group whose numbers do not read
/// is left empty, and the pre-period's sums start empty. Nothing for counts or ratios.
pub fn given_changes(form: &AnalyzeForm, to: Given) -> Vec<(&'static str, String)> {
    let arms = 0..form.arms;
    let n = |i: usize| form.n.get(i).and_then(Cell::ok);
    let empty = || ",".repeat(form.arms.saturating_sub(1));
    let clear = |ps: &[&'static str]| ps.iter().map(|p| (*p, String::new())).collect::<Vec<_>>();
    let sums_from = |k: usize| -> Vec<Option<f64>> {
        arms.clone()
            .map(|i| {
                form.sums
                    .get(k)
                    .and_then(|row| row.get(i))
                    .and_then(Cell::ok)
            })
            .collect()
    };
    let list = |items: Vec<Option<f64>>| {
        let text = join(items.into_iter(), |v| {
            v.map_or(String::new(), |x| tidy(x, 12))
        });
        if text.is_empty() {
            empty()
        } else {
            text
        }
    };
    match (form.given, to) {
        (Given::Means, Given::Sums | Given::Cuped) => {
            let mean_sd =
                |i: usize| Some((n(i)?, form.second.get(i)?.ok()?, form.sd.get(i)?.ok()?));
            let sum = arms
                .clone()
                .map(|i| mean_sd(i).map(|(n, m, _)| n * m))
                .collect();
            let sum2 = arms
                .clone()
                .map(|i| mean_sd(i).map(|(n, m, s)| (n - 1.0) * s * s + n * m * m))
                .collect();
            let mut changes = clear(&[MEAN, SD]);
            changes.push((SUM, list(sum)));
            changes.push((SUM2, list(sum2)));
            if to == Given::Cuped {
                changes.push((PRE, empty()));
            }
            changes
        }
        (Given::Sums | Given::Cuped, Given::Means) => {
            let (sum, sum2) = (sums_from(0), sums_from(1));
            let read = |i: usize| {
                read_mean(MeanSums {
                    n: n(i)?,
                    sum: (*sum.get(i)?)?,
                    sum2: (*sum2.get(i)?)?,
                })
                .ok()
            };
            let mut changes = clear(&[SUM, SUM2, PRE, PRE2, PREPOST]);
            changes.push((
                MEAN,
                list(arms.clone().map(|i| read(i).map(|m| m.0)).collect()),
            ));
            changes.push((
                SD,
                list(arms.clone().map(|i| read(i).map(|m| m.1)).collect()),
            ));
            changes
        }
        (Given::Sums, Given::Cuped) => vec![(PRE, empty())],
        (Given::Cuped, Given::Sums) => clear(&[PRE, PRE2, PREPOST]),
        _ => Vec::new(),
    }
}

/// The parameter changes that make the groups a pasted table's rows (names keep no
/// commas: they would split the list).
pub fn fill_from_table(arms: &[ArmRow], continuous: bool) -> Vec<(&'static str, String)> {
    let mut changes = vec![
        (
            NAMES,
            join(arms.iter(), |a| {
                a.name.clone().unwrap_or_default().replace(',', " ")
            }),
        ),
        (N, join(arms.iter(), |a| format!("{}", a.n))),
        (SPLIT, String::new()),
    ];
    if continuous {
        changes.push((
            MEAN,
            join(arms.iter(), |a| {
                a.mean_sd.map_or(String::new(), |m| format!("{}", m.0))
            }),
        ));
        changes.push((
            SD,
            join(arms.iter(), |a| {
                a.mean_sd.map_or(String::new(), |m| format!("{}", m.1))
            }),
        ));
    } else {
        changes.push((
            X,
            join(arms.iter(), |a| {
                a.x.map_or(String::new(), |x| format!("{x}"))
            }),
        ));
    }
    changes
}

/// The parameter changes that make the groups per-user rows' sums: a ratio's, or a
/// metric's as sums (with the pre-period's for CUPED). Sums keep 15 significant
/// digits: a variance is their difference, and more would carry only float noise.
pub fn fill_from_users(table: &UsersTable, rows: UserRows) -> Vec<(&'static str, String)> {
    let groups = &table.groups;
    let list = |f: fn(&GroupSums) -> f64| join(groups.iter(), |g| tidy(f(g), 15));
    let mut changes = vec![
        (NAMES, join(groups.iter(), |g| g.name.replace(',', " "))),
        (N, list(|g| g.n)),
        (SPLIT, String::new()),
    ];
    match rows {
        UserRows::Ratio => {
            changes.push((METRIC, "ratio".to_string()));
            let sums = [
                list(|g| g.a),
                list(|g| g.a2),
                list(|g| g.b),
                list(|g| g.b2),
                list(|g| g.ab),
            ];
            changes.extend(RATIO_SUMS.iter().map(|(p, _)| *p).zip(sums));
        }
        UserRows::Value => {
            changes.push((METRIC, "continuous".to_string()));
            changes.extend([(MEAN, String::new()), (SD, String::new())]);
            changes.push((SUM, list(|g| g.a)));
            changes.push((SUM2, list(|g| g.a2)));
            let pre = [list(|g| g.b), list(|g| g.b2), list(|g| g.ab)];
            for ((p, _), text) in MEAN_SUMS.iter().skip(2).zip(pre) {
                changes.push((p, if table.pre { text } else { String::new() }));
            }
        }
    }
    changes
}

/// The parameter changes that make the groups a daily file's totals (the first
/// `MAX_ARMS` groups, conversion rates); nothing when the file has no group.
pub fn fill_from_daily(daily: &Daily) -> Vec<(&'static str, String)> {
    let arms = daily.arms.len().min(MAX_ARMS);
    if arms == 0 {
        return Vec::new();
    }
    vec![
        (METRIC, String::new()),
        (
            NAMES,
            join(daily.arms.iter().take(arms), |a| a.replace(',', " ")),
        ),
        (
            N,
            join(daily.totals.iter().take(arms), |t| format!("{}", t.0)),
        ),
        (
            X,
            join(daily.totals.iter().take(arms), |t| format!("{}", t.1)),
        ),
        (SPLIT, String::new()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::query::Values;

    fn values(query: &str) -> Values {
        Values::from_query(PARAMS, query)
    }

    fn form(query: &str) -> AnalyzeForm {
        let v = values(query);
        read(&v)
    }

    /// The reading the page's answer follows, for a link as the reader set it.
    fn reading(query: &str) -> crate::model::analyze::report::Reading {
        use crate::model::analyze::report::{analyze, planned_look, Reading};
        let f = form(query);
        let input = f.input.clone().expect("valid");
        let report = analyze(&input);
        let look = f.plan.and_then(|(schedule, family, max)| {
            planned_look(&input, &report, &schedule, family, max)
        });
        Reading::of(&report, &input, look)
    }

    #[test]
    fn the_plan_of_a_running_test_is_read_apart_from_the_data() {
        let f = read(&values(
            "n=1000,1000&x=100,110&mde=5&power=90&daily=500&win_rate=20&prior_sd=4",
        ));
        let plan = f.input.expect("input").plan;
        assert_eq!(plan.mde_rel, Some(0.05));
        assert_eq!(plan.power, Some(0.9));
        assert_eq!(plan.daily, Some(500.0));
        assert_eq!(plan.win_rate, Some(0.2));
        assert_eq!(plan.prior_sd, Some(0.04));
        // Unreadable plan figures get their errors and leave the data's analysis be.
        let bad = read(&values(
            "n=1000,1000&x=100,110&mde=0&power=100&daily=-3&win_rate=x",
        ));
        assert!(bad.mde.is_err() && bad.power.is_err() && bad.win_rate.is_err());
        assert!(matches!(bad.daily, Some(Err(_))));
        let plan = bad.input.as_ref().expect("the data still read").plan;
        assert_eq!(
            (plan.mde_rel, plan.power, plan.daily, plan.win_rate),
            (None, None, None, None)
        );
        assert!(bad.blocked().is_empty());
        // Defaults: a 10 % lift, 80 % power, a 10 % win rate, no traffic, no prior.
        let plain = read(&values("")).input.expect("input").plan;
        assert_eq!(plain, crate::model::analyze::RunningPlan::default());
    }

    #[test]
    fn a_sequential_plan_or_always_valid_results_decide_the_answer() {
        use crate::model::analyze::report::Reading;
        // 31.2 % of a planned 5-look O'Brien–Fleming test: z 2.503 is below 3.844.
        match reading("n=10000,10000&x=500,580&plan_looks=5&plan_n=32003") {
            Reading::Planned {
                look,
                arm,
                z,
                crossed,
            } => {
                assert_eq!((arm, crossed), (1, false));
                assert!((z - 2.503).abs() < 1e-3, "{z}");
                assert!((look.boundary - 3.844).abs() < 1e-3, "{}", look.boundary);
                assert!((look.fraction - 10000.0 / 32003.0).abs() < 1e-12);
            }
            other => panic!("{other:?}"),
        }
        // At the planned end the same lift crosses the final boundary.
        match reading("n=32003,32003&x=1600,1856&plan_looks=5&plan_n=32003") {
            Reading::Planned { crossed, .. } => assert!(crossed),
            other => panic!("{other:?}"),
        }
        // Always-valid: p 0.27 with the interval across 0, though the fixed p is 0.0123.
        match reading("n=10000,10000&x=500,580&seq=always") {
            Reading::AlwaysValid {
                arm,
                result,
                significant,
            } => {
                assert_eq!((arm, significant), (1, false));
                assert!(result.low < 0.0 && result.high > 0.0);
                assert!((result.p - 0.2744).abs() < 5e-4, "{}", result.p);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(reading("n=10000,10000&x=500,580"), Reading::Fixed);
        // A margin asks its own question: not worse by more than 0.5 points?
        match reading("n=10000,10000&x=500,480&test=noninferiority&margin=0.5") {
            Reading::Margin {
                arm, test, margin, ..
            } => {
                assert_eq!((arm, test.shown), (1, false));
                assert!((margin - 0.005).abs() < 1e-12);
                assert!((test.p - 0.1629).abs() < 5e-4, "{}", test.p);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn adding_a_group_to_empty_cells_shows_one_more_group() {
        let v = values("n=,,,&x=");
        let f = read(&v);
        assert_eq!(f.arms, 4);
        let mut next = v.clone();
        for (name, text) in add_group(&v, &f) {
            next.set(name, text);
        }
        assert_eq!(read(&next).arms, 5);
    }

    #[test]
    fn defaults_compare_two_binary_groups() {
        let f = form("");
        let input = f.input.clone().expect("valid");
        assert_eq!(
            input.arms,
            vec![
                Arm::Binary {
                    n: 10_000.0,
                    x: 500.0
                },
                Arm::Binary {
                    n: 10_000.0,
                    x: 560.0
                }
            ]
        );
        assert_eq!(
            (input.alpha, input.two_sided, input.correction),
            (0.05, true, Adjust::None)
        );
        assert_eq!(f.names, vec!["", ""]);
        assert_eq!(f.second_param(), X);
        assert!((f.z() - 1.959_963_984_540_054).abs() < 1e-9);
    }

    #[test]
    fn conversions_above_visitors_are_refused_per_row() {
        let f = form("n=100,0&x=150,0");
        assert_eq!(
            f.second[0].error(),
            Some(FieldError::ConversionsAboveVisitors { arm: 0 })
        );
        assert_eq!(
            f.n[1].error(),
            Some(FieldError::Input(InputError::TooSmall {
                min: 0.0,
                inclusive: false
            }))
        );
        assert!(f.input.is_none());
        let f = form("metric=continuous&n=1,100&mean=5,6&sd=1,1");
        assert_eq!(f.n[0].error(), Some(FieldError::WelchNeedsTwo { arm: 0 }));
        assert_eq!(f.second_param(), MEAN);
        assert!(f.input.is_none());
        let f = form("metric=continuous&n=50,60&mean=5,6&sd=1,2");
        assert!(
            matches!(f.input.map(|i| i.arms), Some(a) if a[1] == Arm::Continuous { n: 60.0, mean: 6.0, sd: 2.0 })
        );
    }

    #[test]
    fn groups_split_and_limits() {
        let f = form("n=1,2,3&x=0,0,0&split=50,25");
        assert_eq!(f.arms, 3);
        assert_eq!(f.correction, Adjust::Holm);
        assert_eq!(f.split, Some(Err(ListError::TooFew { min: 3 })));
        assert!(f.input.is_none());
        let f = form("n=100,100&x=1,2&split=60,40");
        assert_eq!(f.input.and_then(|i| i.split), Some(vec![60.0, 40.0]));
        let many = ["1"; 11].join(",");
        let f = form(&format!("n={many}&x={many}"));
        assert!(f.too_many && f.arms == MAX_ARMS && f.input.is_none());
        assert_eq!(form("alpha=x").alpha, Err(InputError::NotANumber));
    }

    #[test]
    fn pasted_tables_and_daily_files_fill_every_group() {
        use crate::model::analyze::daily::read_daily;
        use crate::model::analyze::paste::parse_arms;
        let t = parse_arms(
            "组别\t访客数\t转化数\n对照组\t12,000\t600\n新版, 首页\t12,100\t680\n",
            false,
        );
        assert_eq!(
            fill_from_table(&t.arms, false),
            vec![
                (NAMES, "对照组,新版  首页".to_string()),
                (N, "12000,12100".to_string()),
                (SPLIT, String::new()),
                (X, "600,680".to_string())
            ]
        );
        let t = parse_arms("A,1200,150.5,220\nB,1180,158,231.5", true);
        let changes = fill_from_table(&t.arms, true);
        assert!(
            changes.contains(&(MEAN, "150.5,158".to_string()))
                && changes.contains(&(SD, "220,231.5".to_string()))
        );
        let d = read_daily("date,group,visitors,conversions\n2026-11-01,control,1000,50\n2026-11-01,B,1000,58\n2026-11-02,control,1100,52\n2026-11-02,B,1080,61\n");
        assert_eq!(
            fill_from_daily(&d),
            vec![
                (METRIC, String::new()),
                (NAMES, "control,B".to_string()),
                (N, "2100,2080".to_string()),
                (X, "102,119".to_string()),
                (SPLIT, String::new())
            ]
        );
        assert!(fill_from_daily(&read_daily("")).is_empty());
    }

    #[test]
    fn adding_and_removing_groups_keeps_the_lists_aligned() {
        let v = values("n=10000,10000&x=500,560&names=A,B");
        let f = read(&v);
        assert_eq!(
            add_group(&v, &f),
            vec![
                (NAMES, "A,B,".to_string()),
                (N, "10000,10000,10000".to_string()),
                (X, "500,560,560".to_string())
            ]
        );
        assert_eq!(
            remove_group(&v, &f, 0),
            vec![
                (NAMES, "B".to_string()),
                (N, "10000".to_string()),
                (X, "560".to_string())
            ]
        );
    }

    #[test]
    fn guardrails_read_per_group_and_refuse_their_own_cells_only() {
        let q = "n=10000,10000&x=500,560&g1_name=退款率&g1_x=300,330&g1_good=lower&g1_margin=0.5\
                 &g3_name=客单价&g3_mean=150,149&g3_sd=80,82&g3_good=higher&g3_margin=2";
        let f = form(q);
        assert_eq!(f.guardrails.len(), 2);
        let (refunds, aov) = (&f.guardrails[0], &f.guardrails[1]);
        assert_eq!(
            (refunds.k, refunds.means, aov.k, aov.means),
            (1, false, 3, true)
        );
        let g = refunds.guardrail.as_ref().expect("read");
        assert_eq!((g.good, g.margin), (Good::Lower, 0.005));
        assert_eq!(
            g.arms[1],
            Arm::Binary {
                n: 10_000.0,
                x: 330.0
            }
        );
        let g = aov.guardrail.as_ref().expect("read");
        assert_eq!((g.good, g.margin), (Good::Higher, 2.0));
        // Counts above the users, an empty name, a missing margin: refused at the
        // guardrail; the primary result still reads.
        let f = form("n=10000,10000&x=500,560&g1_name=&g1_x=300,10001&g1_margin=");
        let g = &f.guardrails[0];
        assert!(g.name_missing() && g.margin.is_err() && g.guardrail.is_none());
        assert_eq!(
            g.x[1].error(),
            Some(FieldError::ConversionsAboveVisitors { arm: 1 })
        );
        assert!(f.input.is_some() && f.blocked().is_empty());
        // Groups added and removed carry the guardrails' lists along.
        let v = values(q);
        let f = read(&v);
        let added = add_group(&v, &f);
        assert!(
            added.contains(&(G1_X, "300,330,330".to_string())),
            "{added:?}"
        );
        assert!(
            added.contains(&(G3_SD, "80,82,82".to_string())),
            "{added:?}"
        );
        assert!(!added.iter().any(|(p, _)| *p == G3_X || *p == G1_MEAN));
        let removed = remove_group(&v, &f, 1);
        assert!(
            removed.contains(&(G3_MEAN, "150".to_string())),
            "{removed:?}"
        );
    }

    #[test]
    fn numbers_written_back_keep_their_significant_digits_only() {
        assert_eq!(tidy(85_211_900.000_000_01, 12), "85211900");
        assert_eq!(tidy(0.1 + 0.2, 12), "0.3");
        assert_eq!(tidy(-1234.5678, 6), "-1234.57");
        assert_eq!(tidy(1.5e20, 3), "150000000000000000000");
        assert_eq!(tidy(2.0_f64.sqrt(), 15), "1.4142135623731");
        assert_eq!(
            (tidy(0.0, 12), tidy(f64::NAN, 12)),
            ("0".to_string(), String::new())
        );
    }

    #[test]
    fn means_and_sums_convert_both_ways_and_the_pre_period_switches_cuped_on() {
        let apply = |v: &mut Values, changes: Vec<(&'static str, String)>| {
            for (p, text) in changes {
                v.set(p, text);
            }
        };
        let mut v = values("metric=continuous&n=1200,1180&mean=150.5,158&sd=220,231.5");
        let means = read(&v);
        assert_eq!(means.given, Given::Means);
        apply(&mut v, given_changes(&means, Given::Sums));
        let sums = read(&v);
        assert_eq!(sums.given, Given::Sums);
        assert_eq!(v.get(SUM), "180600,186440");
        assert_eq!(v.get(MEAN), "");
        // The same groups: the sums give back the means and sds.
        let (a, b) = (means.input.unwrap().arms, sums.input.clone().unwrap().arms);
        for (a, b) in a.iter().zip(&b) {
            let (
                Arm::Continuous {
                    mean: m0, sd: s0, ..
                },
                Arm::Continuous {
                    mean: m1, sd: s1, ..
                },
            ) = (a, b)
            else {
                panic!("{a:?} {b:?}");
            };
            assert!(
                (m0 - m1).abs() < 1e-9 && (s0 - s1).abs() < 1e-9,
                "{a:?} {b:?}"
            );
        }
        apply(&mut v, given_changes(&sums, Given::Cuped));
        let cuped = read(&v);
        assert_eq!(cuped.given, Given::Cuped);
        assert_eq!(cuped.sums.len(), 5);
        assert!(cuped.input.is_none() && cuped.sums[2][0].error().is_some());
        assert!(cuped.blocked().contains(&PRE));
        apply(&mut v, given_changes(&cuped, Given::Means));
        let back = read(&v);
        assert_eq!(back.given, Given::Means);
        assert_eq!(v.get(MEAN), "150.5,158");
        assert_eq!(v.get(SD), "220,231.5");
        assert_eq!((v.get(PRE), v.get(SUM)), ("", ""));
        // Counts and ratios have nothing to convert.
        assert!(given_changes(&form(""), Given::Sums).is_empty());
    }

    #[test]
    fn a_ratios_sums_are_one_group_each_and_move_together() {
        let q = "metric=ratio&n=100,120&num=270,300&num2=848.79,869&den=510,500&den2=810,800&numden=-900,-905";
        let v = Values::from_query(PARAMS, q);
        let f = read(&v);
        assert!(f.ratio && f.continuous);
        assert_eq!(f.arms, 2);
        assert_eq!(f.sums.len(), 5);
        assert!(f.input.as_ref().is_some_and(|i| i.ratio));
        let added = add_group(&v, &f);
        assert!(
            added.contains(&(NUMDEN, "-900,-905,-905".to_string())),
            "{added:?}"
        );
        assert!(!added.iter().any(|(p, _)| *p == X || *p == MEAN));
        let removed = remove_group(&v, &f, 0);
        assert!(removed.contains(&(DEN2, "800".to_string())), "{removed:?}");
        // A user count below 2 is refused at the users' cell, and no input is made.
        let few = read(&Values::from_query(
            PARAMS,
            &q.replace("n=100,120", "n=1,120"),
        ));
        assert!(few.n[0].error().is_some() && few.input.is_none());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use crate::model::query::Values;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn group_lists_stay_aligned(arms in 2usize..9, remove in 0usize..9, named in any::<bool>(), split in any::<bool>()) {
            let list = |f: &dyn Fn(usize) -> String| (0..arms).map(f).collect::<Vec<_>>().join(",");
            let mut query = format!("n={}&x={}", list(&|i| format!("{}", 1000 + i)), list(&|i| format!("{i}")));
            if named { query.push_str(&format!("&names={}", list(&|i| format!("g{i}")))); }
            if split { query.push_str(&format!("&split={}", list(&|_| "1".to_string()))); }
            let mut v = Values::from_query(PARAMS, &query);
            let f = read(&v);
            for (p, text) in add_group(&v, &f) {
                v.set(p, text);
            }
            let lens = |v: &Values| group_lists(Given::Counts).iter()
                .filter(|p| !v.get(p).is_empty())
                .map(|p| split_list(v.get(p)).len())
                .collect::<Vec<_>>();
            prop_assert!(lens(&v).iter().all(|&l| l == arms + 1));
            let gone = remove.min(arms);
            for (p, text) in remove_group(&v, &f, gone) {
                v.set(p, text);
            }
            prop_assert!(lens(&v).iter().all(|&l| l == arms));
            // Each group's visitors and conversions stay together: the original groups
            // and the copy of the last, less the removed one.
            let mut expected: Vec<(f64, f64)> = (0..arms).map(|i| ((1000 + i) as f64, i as f64)).collect();
            expected.push(((1000 + arms - 1) as f64, (arms - 1) as f64));
            expected.remove(gone);
            let after = read(&v);
            let rows: Vec<(f64, f64)> = after.n.iter().zip(&after.second)
                .filter_map(|(n, x)| n.ok().zip(x.ok()))
                .collect();
            prop_assert_eq!(rows, expected);
        }
    }
}
