"""Reference values for the significance page, computed independently of the Rust code:
    python3 tests/reference/analyze_cases.py

Writes three tables beside this file:
- analyze_binary.csv: pooled z-test (statsmodels proportions_ztest), Newcombe interval
  (statsmodels confint_proportions_2indep, method="newcomb"), the delta-method interval
  for the relative lift, Fisher's exact test (scipy.stats.fisher_exact), and the
  Bayesian probability to beat control and expected loss by numerical integration with
  scipy (quad over the Beta density times the regularized incomplete beta function).
- analyze_welch.csv: Welch's t-test from summary statistics (scipy
  ttest_ind_from_stats), Welch–Satterthwaite df and the interval of the difference.
- analyze_family.csv: Holm and Bonferroni adjusted p-values (statsmodels multipletests)
  and sample-ratio p-values (scipy.stats.chisquare).
"""
import csv
import math
import os
import random

import numpy as np
from scipy import integrate
from scipy.special import betainc
from scipy.stats import beta, chisquare, fisher_exact, norm, t as student_t, ttest_ind_from_stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(4)


def f(x):
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else repr(float(x))


def bayes(n0, x0, n1, x1):
    a0, b0, a1, b1 = 1 + x0, 1 + n0 - x0, 1 + x1, 1 + n1 - x1
    mean1, sd1 = a1 / (a1 + b1), math.sqrt(a1 * b1 / ((a1 + b1) ** 2 * (a1 + b1 + 1)))
    lo, hi = max(0.0, mean1 - 40 * sd1), min(1.0, mean1 + 40 * sd1)
    pts = [min(max(mean1 + k * sd1, lo), hi) for k in (-8, -4, -2, -1, 0, 1, 2, 4, 8)]
    opts = dict(epsabs=1e-14, epsrel=1e-12, limit=2000, points=sorted(set(pts))[1:-1] or None)
    prob = integrate.quad(lambda t: beta.pdf(t, a1, b1) * betainc(a0, b0, t), lo, hi, **opts)[0]
    mean0 = a0 / (a0 + b0)
    loss = integrate.quad(
        lambda t: beta.pdf(t, a1, b1) * (mean0 * (1 - betainc(a0 + 1, b0, t)) - t * (1 - betainc(a0, b0, t))),
        lo, hi, **opts)[0]
    return prob, max(loss, 0.0)


def binary_cases():
    fixed = [(10000, 500, 10000, 560), (100, 0, 100, 0), (100, 100, 100, 100), (100, 0, 100, 3),
             (50, 50, 40, 39), (10000000, 1000, 10000000, 1100), (10000000, 500000, 10000000, 501500),
             (1000000, 10000, 1000000, 10250), (20, 1, 22, 7), (5, 0, 5, 5)]
    for c in fixed:
        yield c
    while True:
        n0 = rng.choice([20, 100, 1000, 10000, 100000, 1000000, 10000000])
        n1 = max(2, int(n0 * rng.choice([0.5, 0.9, 1.0, 1.0, 1.1, 2.0])))
        p = rng.choice([0.0001, 0.001, 0.01, 0.03, 0.05, 0.2, 0.5, 0.95, 0.999])
        lift = rng.choice([-0.2, -0.05, 0.0, 0.02, 0.05, 0.1, 0.3])
        x0 = min(n0, max(0, round(n0 * p + rng.gauss(0, math.sqrt(n0 * p * (1 - p)) + 0.5))))
        x1 = min(n1, max(0, round(n1 * min(p * (1 + lift), 1.0) + rng.gauss(0, math.sqrt(n1 * p * (1 - p)) + 0.5))))
        yield (n0, x0, n1, x1)


def binary_table(count):
    rows = []
    for i, (n0, x0, n1, x1) in enumerate(binary_cases()):
        if i >= count:
            break
        alpha = [0.05, 0.01, 0.1][i % 3]
        two = i % 4 != 3
        alt = "two-sided" if two else "larger"
        pooled = (x0 + x1) / (n0 + n1)
        pz = proportions_ztest([x1, x0], [n1, n0], alternative=alt)[1] if 0 < pooled < 1 else None
        lo, hi = confint_proportions_2indep(x1, n1, x0, n0, method="newcomb", compare="diff",
                                           alpha=alpha if two else 2 * alpha)
        z = norm.ppf(1 - alpha / 2) if two else norm.ppf(1 - alpha)
        p0, p1 = x0 / n0, x1 / n1
        if p0 > 0:
            r = p1 / p0
            se = math.sqrt((p1 * (1 - p1) / n1 + r * r * p0 * (1 - p0) / n0) / (p0 * p0))
            rlo, rhi = r - 1 - z * se, r - 1 + z * se
        else:
            rlo = rhi = None
        table = [[x1, n1 - x1], [x0, n0 - x0]]
        pf = fisher_exact(table, alternative="two-sided" if two else "greater").pvalue
        prob, loss = bayes(n0, x0, n1, x1)
        rows.append(dict(n0=n0, x0=x0, n1=n1, x1=x1, alpha=alpha, sides=2 if two else 1, p_z=f(pz),
                         ci_low=f(lo), ci_high=f(hi) if two else "", rel_low=f(rlo), rel_high=f(rhi) if two else "",
                         p_fisher=f(pf), prob_beat=f(prob), loss=f(loss)))
    return rows


def welch_table(count):
    rows = []
    for i in range(count):
        n0 = rng.choice([2, 5, 30, 200, 5000, 100000])
        n1 = max(2, int(n0 * rng.choice([0.5, 1.0, 1.5])))
        m0 = rng.choice([4.5, 80.0, 150.0, 1200.0])
        m1 = m0 * (1 + rng.choice([-0.1, 0.0, 0.01, 0.05, 0.2]))
        s0 = m0 * rng.choice([0.3, 1.0, 1.5, 4.0])
        s1 = s0 * rng.choice([0.8, 1.0, 1.3])
        alpha = [0.05, 0.01, 0.1][i % 3]
        two = i % 4 != 3
        res = ttest_ind_from_stats(m1, s1, n1, m0, s0, n0, equal_var=False,
                                   alternative="two-sided" if two else "greater")
        v0, v1 = s0 * s0 / n0, s1 * s1 / n1
        df = (v0 + v1) ** 2 / (v0 * v0 / (n0 - 1) + v1 * v1 / (n1 - 1))
        q = student_t.ppf(1 - alpha / 2 if two else 1 - alpha, df)
        se = math.sqrt(v0 + v1)
        rows.append(dict(n0=n0, m0=f(m0), s0=f(s0), n1=n1, m1=f(m1), s1=f(s1), alpha=alpha, sides=2 if two else 1,
                         p=f(res.pvalue), df=f(df), ci_low=f(m1 - m0 - q * se), ci_high=f(m1 - m0 + q * se) if two else ""))
    return rows


def family_table(count):
    rows = []
    for i in range(count):
        k = rng.choice([2, 3, 5, 9])
        ps = [rng.choice([rng.random() * 0.05, rng.random(), rng.random() * 1e-6]) for _ in range(k)]
        holm = multipletests(ps, method="holm")[1]
        bonf = multipletests(ps, method="bonferroni")[1]
        arms = k + 1
        n = [rng.choice([10000, 10050, 10300, 9800]) for _ in range(arms)]
        split = [rng.choice([1, 1, 2]) for _ in range(arms)]
        expected = np.array(split) / sum(split) * sum(n)
        srm = chisquare(n, expected).pvalue
        rows.append(dict(p=";".join(map(f, ps)), holm=";".join(map(f, holm)), bonferroni=";".join(map(f, bonf)),
                         n=";".join(map(str, n)), split=";".join(map(str, split)), srm_p=f(srm)))
    return rows


def write(name, rows):
    with open(os.path.join(HERE, name), "w", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    write("analyze_binary.csv", binary_table(300))
    write("analyze_welch.csv", welch_table(80))
    write("analyze_family.csv", family_table(40))
