"""Reference values for ratio metrics (Σ numerator / Σ denominator per randomized
user), computed independently of the Rust code:
    python3 tests/reference/ratio_cases.py

Each case draws per-user data (orders and GMV, clicks and impressions), sums it as a
warehouse query would, and tests it on the per-user arrays: the delta-method variance
from numpy's sample variances and covariance (ddof = 1), Welch's t on the absolute
difference with Welch–Satterthwaite degrees of freedom (scipy), and the relative
lift's t-test with the same degrees of freedom (gbstats' ratio test). Writes
ratio_cases.csv beside this file: the sums per arm and the expected outputs.
"""
import csv
import math
import os

import numpy as np
from scipy.stats import t as student

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(26)


def f(x):
    return "" if x is None else repr(float(x))


def delta_variance(x, y):
    mx, my = x.mean(), y.mean()
    vx, vy = np.var(x, ddof=1), np.var(y, ddof=1)
    cxy = np.cov(x, y, ddof=1)[0, 1]
    return vx / my**2 + vy * mx**2 / my**4 - 2 * cxy * mx / my**3


def users(kind, n, lift):
    if kind == "aov":
        orders = rng.poisson(1.2, n)
        gmv = np.array([rng.gamma(2.0, 60.0 * (1 + lift), k).sum() for k in orders])
        return gmv, orders.astype(float)
    impressions = rng.integers(1, 40, n).astype(float)
    clicks = rng.binomial(impressions.astype(int), 0.04 * (1 + lift)).astype(float)
    return clicks, impressions


def sums(x, y):
    return [len(x), x.sum(), (x * x).sum(), y.sum(), (y * y).sum(), (x * y).sum()]


rows = []
for case in range(30):
    kind = "aov" if case % 2 == 0 else "ctr"
    n0, n1 = int(rng.integers(200, 3000)), int(rng.integers(200, 3000))
    x0, y0 = users(kind, n0, 0.0)
    x1, y1 = users(kind, n1, float(rng.choice([0.0, 0.03, 0.08])))
    if y0.sum() == 0 or y1.sum() == 0:
        continue
    r0, r1 = x0.sum() / y0.sum(), x1.sum() / y1.sum()
    v0, v1 = delta_variance(x0, y0), delta_variance(x1, y1)
    s0, s1 = v0 / n0, v1 / n1
    df = (s0 + s1) ** 2 / (s0**2 / (n0 - 1) + s1**2 / (n1 - 1))
    two = case % 5 != 4
    alpha = 0.05
    q = 1 - alpha / 2 if two else 1 - alpha
    tq = student.ppf(q, df)
    d = r1 - r0
    se = math.sqrt(s0 + s1)
    tt = d / se
    p = 2 * student.sf(abs(tt), df) if two else student.sf(tt, df)
    lift = r1 / r0 - 1
    se_rel = math.sqrt(v1 / (n1 * r0**2) + v0 * r1**2 / (n0 * r0**4))
    p_rel = 2 * student.sf(abs(lift / se_rel), df) if two else student.sf(lift / se_rel, df)
    rows.append([*(f(v) for v in sums(x0, y0)), *(f(v) for v in sums(x1, y1)), 2 if two else 1,
                 f(r0), f(r1), f(d), f(lift), f(d - tq * se), f(d + tq * se) if two else "",
                 f(lift - tq * se_rel), f(lift + tq * se_rel) if two else "", f(p), f(df), f(p_rel)])

with open(os.path.join(HERE, "ratio_cases.csv"), "w", newline="") as out:
    w = csv.writer(out)
    w.writerow(["n0", "num0", "num20", "den0", "den20", "numden0", "n1", "num1", "num21", "den1", "den21",
                "numden1", "sides", "ratio0", "ratio1", "lift_abs", "lift_rel", "ci_low", "ci_high",
                "rel_low", "rel_high", "p", "df", "p_rel"])
    w.writerows(rows)
