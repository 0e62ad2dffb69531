"""Reference values for a running test (what it still needs, how far to believe a win),
computed independently of the Rust code:
    python3 tests/reference/running_cases.py

Writes three tables beside this file:
- running_need.csv: the fewest conversions an arm needs for the pooled z-test
  (statsmodels proportions_ztest, scanned over every count, not bisected) to call it
  better than control, and the extra control visitors the unpooled sample-size
  formula asks for (scipy norm quantiles).
- running_errors.csv: power, sign error and exaggeration of a significant estimate
  (Gelman and Carlin 2014) by numerical integration of the estimate's normal density
  over the significant region (scipy quad), not the closed forms; and the
  false-positive risk for a win rate.
- running_page.csv: whole comparisons as the significance page reads them (counts,
  alpha, sides, plan): the detectable effect now (the pooled sample-size formula
  solved for the effect by root finding, scipy brentq), the false-positive risk at
  the power for the planned lift, sign error and exaggeration at the observed
  standard error (integrated), and the shrunk lift (normal prior on the relative lift
  with the delta-method standard error).
"""
import csv
import math
import os
import random

import numpy as np
from scipy import integrate, optimize
from scipy.stats import norm
from statsmodels.stats.proportion import proportions_ztest

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(25)


def f(x):
    return "" if x is None else repr(float(x))


def first_enough(n0, x0, n1, alpha, two_sided):
    """The smallest k <= n1 above control's rate with p < alpha, by scanning."""
    for k in range(x0 * n1 // n0 + 1, n1 + 1):
        if k * n0 <= x0 * n1:
            continue
        count, nobs = np.array([k, x0]), np.array([n1, n0])
        if k + x0 in (0, n0 + n1):
            continue
        _, p = proportions_ztest(count, nobs, alternative="two-sided" if two_sided else "larger")
        if p < alpha:
            return k
    return None


def more_visitors(p0, mde, alpha, power, two_sided, ratio, n0):
    p1, p2 = p0, p0 * (1 + mde)
    if not 0 < p2 < 1:
        return None
    za = norm.ppf(1 - alpha / 2) if two_sided else norm.ppf(1 - alpha)
    zb = norm.ppf(power)
    n = (za + zb) ** 2 * (p1 * (1 - p1) + p2 * (1 - p2) / ratio) / (p2 - p1) ** 2
    return max(math.ceil(n - 1e-9) - n0, 0)


def need_rows():
    fixed = [(1000, 100, 1000, 0.05, True), (10000, 500, 10000, 0.05, True),
             (10000, 500, 8000, 0.05, False), (2000, 0, 2000, 0.05, True),
             (1000, 999, 5, 0.05, True), (5000, 250, 5000, 0.05 / 3, True)]
    cases = list(fixed)
    while len(cases) < 60:
        n0 = rng.choice([200, 500, 1000, 3000, 8000])
        n1 = rng.choice([200, 500, 1000, 3000, 8000])
        x0 = rng.randint(0, n0 // 5)
        alpha = rng.choice([0.05, 0.01, 0.1, 0.05 / 2])
        cases.append((n0, x0, n1, alpha, rng.random() < 0.7))
    rows = []
    for n0, x0, n1, alpha, two in cases:
        mde = rng.choice([0.05, 0.1, 0.2])
        power = rng.choice([0.8, 0.9])
        ratio = n1 / n0
        p0 = x0 / n0
        more = more_visitors(p0, mde, alpha, power, two, ratio, n0) if p0 > 0 else None
        rows.append([n0, x0, n1, f(alpha), 2 if two else 1, first_enough(n0, x0, n1, alpha, two) or "",
                     f(mde), f(power), "" if more is None else more])
    with open(os.path.join(HERE, "running_need.csv"), "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["n0", "x0", "n1", "alpha", "sides", "need", "mde", "power", "more"])
        w.writerows(rows)


def errors(a, s, alpha, two_sided):
    z = norm.ppf(1 - alpha / 2) if two_sided else norm.ppf(1 - alpha)
    dens = lambda d: norm.pdf(d, loc=a, scale=s)
    cut = z * s
    hi = a + 40 * s
    lo = a - 40 * s
    opts = dict(epsabs=1e-13, epsrel=1e-12, limit=500)
    upper = integrate.quad(dens, cut, max(hi, cut + s), **opts)[0]
    upper_m = integrate.quad(lambda d: d * dens(d), cut, max(hi, cut + s), **opts)[0]
    if two_sided:
        lower = integrate.quad(dens, min(lo, -cut - s), -cut, **opts)[0]
        lower_m = integrate.quad(lambda d: -d * dens(d), min(lo, -cut - s), -cut, **opts)[0]
    else:
        lower, lower_m = 0.0, 0.0
    power = upper + lower
    return power, lower / power, (upper_m + lower_m) / power / a


def error_rows():
    cases = [(2.0, 8.1, 0.05, True), (2.8, 1.0, 0.05, True), (2.0, 8.1, 0.05, False), (1.0, 1.0, 0.05, True)]
    while len(cases) < 40:
        s = rng.choice([0.5, 1.0, 2.0, 5.0])
        a = s * rng.uniform(0.2, 4.5)
        cases.append((a, s, rng.choice([0.05, 0.01, 0.1]), rng.random() < 0.7))
    rows = []
    for a, s, alpha, two in cases:
        power, type_s, exaggeration = errors(a, s, alpha, two)
        win = rng.choice([0.05, 0.1, 0.3, 0.5])
        half = alpha / 2 if two else alpha
        fpr = half * (1 - win) / (half * (1 - win) + power * win)
        rows.append([f(a), f(s), f(alpha), 2 if two else 1, f(power), f(type_s), f(exaggeration), f(win), f(fpr)])
    with open(os.path.join(HERE, "running_errors.csv"), "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["a", "s", "alpha", "sides", "power", "type_s", "exaggeration", "win_rate", "fpr"])
        w.writerows(rows)


def detectable_now(p1, n0, ratio, alpha, power, two_sided):
    """The effect whose pooled-variance size (the design page's `pooled`) is n0."""
    za = norm.ppf(1 - alpha / 2) if two_sided else norm.ppf(1 - alpha)
    zb = norm.ppf(power)

    def n_for(d):
        p2 = p1 + d
        pbar = (p1 + ratio * p2) / (1 + ratio)
        a = math.sqrt(pbar * (1 - pbar) * (1 + 1 / ratio))
        b = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2) / ratio)
        return (za * a + zb * b) ** 2 / d ** 2

    hi = (1 - p1) * (1 - 1e-12)
    if n_for(hi) > n0:
        return None
    return optimize.brentq(lambda d: n_for(d) - n0, 1e-9, hi, xtol=1e-15, rtol=1e-14, maxiter=500)


def page_rows():
    rows = []
    fixed = [(12000, 600, 12000, 672, 0.05, True, 0.1, 0.8, 0.1, 0.05),
             (31231, 1562, 31231, 1800, 0.05, True, 0.1, 0.8, 0.1, 0.05),
             (10000, 500, 10000, 560, 0.05, True, 0.1, 0.8, 0.1, None)]
    cases = list(fixed)
    while len(cases) < 40:
        n0 = rng.choice([2000, 5000, 12000, 40000])
        n1 = rng.choice([2000, 5000, 12000, 40000])
        p0 = rng.choice([0.02, 0.05, 0.1, 0.3])
        x0 = round(n0 * p0)
        x1 = round(n1 * p0 * rng.uniform(0.9, 1.25))
        cases.append((n0, x0, n1, x1, rng.choice([0.05, 0.01, 0.1]), rng.random() < 0.7,
                      rng.choice([0.05, 0.1, 0.2]), rng.choice([0.8, 0.9]),
                      rng.choice([0.05, 0.1, 0.3]), rng.choice([None, 0.03, 0.1])))
    for n0, x0, n1, x1, alpha, two, mde, power, win, tau in cases:
        r0, r1 = x0 / n0, x1 / n1
        ratio = n1 / n0
        za = norm.ppf(1 - alpha / 2) if two else norm.ppf(1 - alpha)
        mde_post = detectable_now(r0, n0, ratio, alpha, power, two)
        # The power for the planned lift behind the false-positive risk.
        a = mde * r0
        p2 = r0 + a
        pw = norm.cdf(a / math.sqrt(r0 * (1 - r0) / n0 + p2 * (1 - p2) / n1) - za)
        half = alpha / 2 if two else alpha
        fpr = half * (1 - win) / (half * (1 - win) + pw * win)
        s = math.sqrt(r0 * (1 - r0) / n0 + r1 * (1 - r1) / n1)
        _, type_s, exaggeration = errors(a, s, alpha, two)
        shrunk = None
        if tau is not None:
            lift = r1 / r0 - 1
            big_r = r1 / r0
            se = math.sqrt((r1 * (1 - r1) / n1 + big_r ** 2 * r0 * (1 - r0) / n0) / r0 ** 2)
            shrunk = lift * tau ** 2 / (tau ** 2 + se ** 2)
        rows.append([n0, x0, n1, x1, f(alpha), 2 if two else 1, f(mde), f(power), f(win),
                     f(tau), f(mde_post), f(fpr), f(type_s), f(exaggeration), f(shrunk)])
    with open(os.path.join(HERE, "running_page.csv"), "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["n0", "x0", "n1", "x1", "alpha", "sides", "mde", "power", "win_rate", "prior_sd",
                    "mde_post", "fpr", "type_s", "exaggeration", "lift_shrunk"])
        w.writerows(rows)


need_rows()
error_rows()
page_rows()
