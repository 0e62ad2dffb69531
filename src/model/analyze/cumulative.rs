//! The cumulative lift of each treatment group day by day, with Newcombe's interval
//! and, when asked for, the always-valid one: what the significance page's daily
//! chart draws from the daily rows' running totals.

use super::always_valid;
use super::daily::Daily;
use super::input::Arm;
use super::intervals::newcombe;

/// One treatment group's cumulative lift after one day.
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

/// The daily rows and, per treatment group (index 0 is group 1), one point per day
/// on which both it and control have visitors.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DailyLifts {
    pub daily: Daily,
    pub cumulative: Vec<Vec<CumulativePoint>>,
}

/// The lifts of `daily` with Newcombe's interval at `z`, and with
/// `always_valid = (alpha, nstar)` the always-valid one too.
pub fn daily_lifts(daily: Daily, z: f64, always_valid: Option<(f64, f64)>) -> DailyLifts {
    let treatments = daily.arms.len().saturating_sub(1);
    let mut cumulative = vec![Vec::new(); treatments];
    for totals in &daily.days {
        let Some(&(n0, x0)) = totals.running.first() else {
            continue;
        };
        for (i, series) in cumulative.iter_mut().enumerate() {
            let Some(&(n1, x1)) = totals.running.get(i + 1) else {
                continue;
            };
            if n0 > 0.0 && n1 > 0.0 {
                let (low, high) = newcombe(x0, n0, x1, n1, z);
                series.push(CumulativePoint {
                    day: totals.day,
                    date: totals.date,
                    lift: x1 / n1 - x0 / n0,
                    low,
                    high,
                    always_valid: always_valid.and_then(|(alpha, nstar)| {
                        always_valid::compare(
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
    DailyLifts { daily, cumulative }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::analyze::daily::read_daily;

    #[test]
    fn each_day_has_the_lift_of_the_running_totals_inside_its_interval() {
        let text = "日期,分组,访客数,转化数\n2026-11-01,B,1000,58\n2026-11-01,对照组,1000,50\n2026-11-02,对照组,1100,52\n2026-11-02,B,1080,60\n";
        let lifts = daily_lifts(read_daily(text), 1.96, Some((0.05, 10_000.0)));
        let series = &lifts.cumulative[0];
        assert_eq!(series.len(), 2);
        assert!((series[1].lift - (118.0 / 2080.0 - 102.0 / 2100.0)).abs() < 1e-15);
        assert!(series[1].low < series[1].lift && series[1].high > series[1].lift);
        let (av_low, av_high) = series[1].always_valid.expect("asked for");
        assert!(av_low < series[1].low && av_high > series[1].high);
    }

    #[test]
    fn a_day_without_control_visitors_has_no_point() {
        let text = "2026-11-01,对照组,0,0\n2026-11-01,B,100,5\n2026-11-02,对照组,100,4\n2026-11-02,B,100,6\n";
        let lifts = daily_lifts(read_daily(text), 1.96, None);
        assert_eq!(
            lifts.cumulative[0]
                .iter()
                .map(|p| p.day)
                .collect::<Vec<_>>(),
            vec![2]
        );
    }
}
