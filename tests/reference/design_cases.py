"""Reference sample sizes and detectable effects for the design page.

Generates design_cases.csv with scipy and statsmodels, independently of the Rust code:
    python3 tests/reference/design_cases.py > tests/reference/design_cases.csv

Each formula is the one fixed by the link contract. Cohen's h comes from statsmodels'
proportion_effectsize; for one-sided designs the closed forms are also checked against
statsmodels' NormalIndPower solver, which agrees exactly there. (For two-sided designs
the solver also counts the opposite tail's tiny power and so returns a slightly smaller
n; the contract, like every calculator it names, uses the closed form.)
"""
import csv
import math
import random
import sys

from scipy.optimize import brentq
from scipy.stats import norm
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize


def ceil_clean(x):
    r = round(x)
    return r if abs(x - r) <= 1e-9 * max(abs(x), 1.0) else math.ceil(x)


def alpha_used(alpha, arms, correction):
    k = max(arms - 1, 1)
    if correction == "bonferroni":
        return alpha / k
    if correction == "sidak":
        return 1 - (1 - alpha) ** (1 / k)
    return alpha


def terms(c, p2=None, delta=None):
    """(A, B, D) with n = (z_a A + z_b B)^2 / D."""
    r = c["ratio"]
    if c["metric"] == "continuous":
        s = c["sd"] * math.sqrt(1 + 1 / r)
        d = c["delta"] if delta is None else delta
        return s, s, d * d
    p1 = c["p1"]
    p2 = c["p2"] if p2 is None else p2
    q1, q2 = 1 - p1, 1 - p2
    alt = math.sqrt(p1 * q1 + p2 * q2 / r)
    d2 = (p2 - p1) ** 2
    m = c["method"]
    if m == "unpooled":
        return alt, alt, d2
    if m == "baseline":
        return math.sqrt(p1 * q1 * (1 + 1 / r)), alt, d2
    if m == "pooled":
        pbar = (p1 + r * p2) / (1 + r)
        return math.sqrt(pbar * (1 - pbar) * (1 + 1 / r)), alt, d2
    h = proportion_effectsize(p2, p1)
    s = math.sqrt(1 + 1 / r)
    return s, s, h * h


def z_values(c):
    a = alpha_used(c["alpha"], c["arms"], c["correction"])
    za = norm.ppf(1 - a / 2) if c["sides"] == 2 else norm.ppf(1 - a)
    return a, za, norm.ppf(c["power"])


def raw_n(c, **kw):
    _, za, zb = z_values(c)
    a, b, d = terms(c, **kw)
    return (za * a + zb * b) ** 2 / d


def mde(c, n):
    _, za, zb = z_values(c)
    r = c["ratio"]
    if c["metric"] == "continuous":
        return (za + zb) * c["sd"] * math.sqrt((1 + 1 / r) / n)
    p1 = c["p1"]
    if c["method"] == "arcsine":
        angle = math.asin(math.sqrt(p1)) + (za + zb) * math.sqrt((1 + 1 / r) / n) / 2
        return None if angle >= math.pi / 2 else math.sin(angle) ** 2 - p1
    f = lambda d: raw_n(c, p2=p1 + d) - n
    hi = (1 - p1) * (1 - 1e-12)
    if f(hi) > 0:
        return None
    return brentq(f, 1e-15, hi, xtol=1e-17, rtol=4 * sys.float_info.epsilon, maxiter=1000)


def check_against_statsmodels(c, raw):
    """One-sided: the solver has no second tail and must match the closed form."""
    if c["sides"] != 1 or c["ratio"] <= 0:
        return
    a, _, _ = z_values(c)
    if c["metric"] == "continuous":
        effect = c["delta"] / c["sd"]
    elif c["method"] == "arcsine":
        effect = proportion_effectsize(c["p2"], c["p1"])
    else:
        return
    n = NormalIndPower().solve_power(effect_size=effect, alpha=a, power=c["power"], ratio=c["ratio"], alternative="larger")
    assert abs(n / raw - 1) < 1e-6, (c, n, raw)


def cases():
    rng = random.Random(20261121)
    methods = ["unpooled", "baseline", "pooled", "arcsine", "continuous"]
    fixed = [
        # The contract's public checks.
        dict(metric="binary", method="baseline", p1=0.2, p2=0.25, alpha=0.05, power=0.8, sides=2, arms=2, correction="none", ratio=1.0, daily=10000, share=1.0),
        dict(metric="binary", method="unpooled", p1=0.05, p2=0.05 * 1.1, alpha=0.05, power=0.8, sides=2, arms=2, correction="none", ratio=1.0, daily=10000, share=1.0),
    ]
    yield from fixed
    for i in range(298):
        m = methods[i % len(methods)]
        arms = rng.choice([2, 2, 3, 4, 5, 10])
        c = dict(
            metric="continuous" if m == "continuous" else "binary",
            method="" if m == "continuous" else m,
            alpha=rng.choice([0.01, 0.05, 0.05, 0.1]),
            power=rng.choice([0.7, 0.8, 0.8, 0.9, 0.95]),
            sides=rng.choice([1, 2]),
            arms=arms,
            correction=rng.choice(["none", "bonferroni", "sidak"]) if arms > 2 else "none",
            ratio=rng.choice([0.5, 1.0, 1.0, 2.0, 3.0]),
            daily=rng.choice([300, 2000, 10000, 250000]),
            share=rng.choice([0.1, 0.5, 1.0]),
        )
        if m == "continuous":
            c.update(mean=rng.choice([50.0, 150.0, 400.0]), sd=rng.choice([80.0, 220.0, 600.0]))
            c["delta"] = c["mean"] * rng.choice([0.01, 0.05, 0.2])
        else:
            p1 = rng.choice([0.0001, 0.008, 0.03, 0.05, 0.2, 0.5, 0.9])
            rel = rng.choice([0.02, 0.05, 0.1, 0.18, 0.5])
            c.update(p1=p1, p2=min(p1 * (1 + rel), p1 + (1 - p1) / 2))
        yield c


FIELDS = ["metric", "method", "p1", "p2", "mean", "sd", "delta", "alpha", "power", "sides", "arms", "correction",
          "ratio", "daily", "share", "raw", "n_control", "n_treatment", "n_total", "days", "mde_n", "mde_abs"]


def main():
    out = csv.DictWriter(sys.stdout, FIELDS, lineterminator="\n")
    out.writeheader()
    for c in cases():
        raw = raw_n(c)
        check_against_statsmodels(c, raw)
        n_control = ceil_clean(raw)
        n_treatment = ceil_clean(c["ratio"] * raw)
        n_total = n_control + (c["arms"] - 1) * n_treatment
        per_day = c["daily"] * c["share"]
        days = ceil_clean(n_total / per_day)
        # Detectable effect after two weeks at this traffic.
        mde_n = 14 * per_day / (1 + (c["arms"] - 1) * c["ratio"])
        m = mde(c, mde_n)
        row = {k: c.get(k, "") for k in FIELDS}
        row.update(raw=repr(float(raw)), n_control=n_control, n_treatment=n_treatment, n_total=n_total, days=days,
                   mde_n=repr(float(mde_n)), mde_abs="" if m is None else repr(float(m)))
        for k in ("p1", "p2", "mean", "sd", "delta", "alpha", "power", "ratio", "share"):
            if row[k] != "":
                row[k] = repr(float(row[k]))
        out.writerow(row)


if __name__ == "__main__":
    main()
