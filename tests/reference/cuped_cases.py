"""Reference values for CUPED (regression adjustment with a pre-experiment value),
computed independently of the Rust code:
    python3 tests/reference/cuped_cases.py

Each case draws per-user data (this month's spend and last month's, correlated), sums
it as a warehouse query would, and tests it on the per-user arrays: θ by least squares
of the metric on the pre-period value over all users of both arms (numpy's
polyfit), each user's adjusted value y − θ (x − x̄), Welch's t-test and its interval
on the adjusted values (scipy's ttest_ind with equal_var=False), the variance
reduction as the squared correlation (numpy's corrcoef), and the relative lift as
gbstats computes it: the adjusted difference over control's unadjusted mean, its
delta-method variance from the unadjusted means and the adjusted variances, on the
same degrees of freedom. Writes cuped_cases.csv beside this file.
"""
import csv
import math
import os

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(2604)


def f(x):
    return "" if x is None else repr(float(x))


def users(n, lift, rho):
    # Last month's spend, and this month's: correlated log-normal amounts.
    z_pre = rng.standard_normal(n)
    z_post = rho * z_pre + math.sqrt(1 - rho * rho) * rng.standard_normal(n)
    pre = np.round(np.exp(3.5 + 0.8 * z_pre), 2)
    post = np.round(np.exp(3.5 + 0.8 * z_post) * (1 + lift), 2)
    return post, pre


def sums(y, x):
    return [len(y), y.sum(), (y * y).sum(), x.sum(), (x * x).sum(), (x * y).sum()]


rows = []
for case in range(30):
    n0, n1 = int(rng.integers(300, 4000)), int(rng.integers(300, 4000))
    rho = float(rng.choice([0.3, 0.6, 0.85]))
    lift = float(rng.choice([0.0, 0.02, 0.05]))
    y0, x0 = users(n0, 0.0, rho)
    y1, x1 = users(n1, lift, rho)
    y, x = np.concatenate([y0, y1]), np.concatenate([x0, x1])
    theta = np.polyfit(x, y, 1)[0]
    reduction = np.corrcoef(x, y)[0, 1] ** 2
    a0, a1 = y0 - theta * (x0 - x.mean()), y1 - theta * (x1 - x.mean())
    two = case % 5 != 4
    alternative = "two-sided" if two else "greater"
    test = stats.ttest_ind(a1, a0, equal_var=False, alternative=alternative)
    ci = test.confidence_interval(0.95)
    df = test.df
    u0, u1 = y0.mean(), y1.mean()
    v0, v1 = np.var(a0, ddof=1), np.var(a1, ddof=1)
    diff = a1.mean() - a0.mean()
    lift_rel = diff / u0
    se_rel = math.sqrt(v1 / n1 / u0**2 + v0 / n0 * u1**2 / u0**4)
    q = 0.975 if two else 0.95
    tq = stats.t.ppf(q, df)
    t_rel = lift_rel / se_rel
    p_rel = 2 * stats.t.sf(abs(t_rel), df) if two else stats.t.sf(t_rel, df)
    plain = stats.ttest_ind(y1, y0, equal_var=False, alternative=alternative)
    plain_ci = plain.confidence_interval(0.95)
    rows.append([*(f(v) for v in sums(y0, x0)), *(f(v) for v in sums(y1, x1)), 2 if two else 1,
                 f(theta), f(reduction), f(a0.mean()), f(a1.mean()), f(diff), f(lift_rel),
                 f(ci.low), f(ci.high) if two else "", f(test.pvalue), f(df),
                 f(lift_rel - tq * se_rel), f(lift_rel + tq * se_rel) if two else "", f(p_rel),
                 f(plain_ci.low), f(plain_ci.high) if two else ""])

with open(os.path.join(HERE, "cuped_cases.csv"), "w", newline="") as out:
    w = csv.writer(out)
    w.writerow(["n0", "sum0", "sum20", "pre0", "pre20", "prepost0", "n1", "sum1", "sum21", "pre1",
                "pre21", "prepost1", "sides", "theta", "variance_reduction", "mean_adj0",
                "mean_adj1", "lift_abs", "lift_rel", "ci_low", "ci_high", "p", "df", "rel_low",
                "rel_high", "p_rel", "plain_low", "plain_high"])
    w.writerows(rows)
