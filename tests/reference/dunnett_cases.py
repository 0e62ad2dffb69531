"""Reference values for Dunnett's many-to-one comparisons.

Generates dunnett_cases.csv with scipy, independently of the Rust code:
    python3 tests/reference/dunnett_cases.py > tests/reference/dunnett_cases.csv

For k treatments of sizes n_j against a control of n_0, the comparisons' statistics
are jointly normal with corr(Z_i, Z_j) = l_i l_j, l_j = sqrt(n_j / (n_j + n_0)). The
single-step adjusted p-value of a statistic z is 1 - P(max_j |Z_j| < |z|) (two-sided)
or 1 - P(max_j Z_j < z) (one-sided), a rectangle probability of that multivariate
normal (Genz's method); the critical value solves it equal to alpha.
"""
import csv
import math
import random
import sys

import numpy as np
from scipy.optimize import brentq
from scipy.stats import multivariate_normal


def below(c, loads, two_sided):
    k = len(loads)
    cov = np.array([[1.0 if i == j else loads[i] * loads[j] for j in range(k)] for i in range(k)])
    dist = multivariate_normal(mean=np.zeros(k), cov=cov, maxpts=500_000 * k, abseps=1e-9, releps=1e-9)
    upper = np.full(k, c)
    lower = -upper if two_sided else np.full(k, -np.inf)
    return dist.cdf(upper, lower_limit=lower)


def main():
    rng = random.Random(1955)
    out = csv.writer(sys.stdout)
    out.writerow(["n0", "n", "two_sided", "z", "p_adj", "alpha", "critical"])
    for _ in range(40):
        k = rng.randint(2, 6)
        n0 = rng.choice([1000, 5000, 20000])
        sizes = [rng.choice([n0, n0 // 2, n0 * 2, int(n0 / math.sqrt(k))]) for _ in range(k)]
        loads = [math.sqrt(n / (n + n0)) for n in sizes]
        two_sided = rng.random() < 0.7
        z = round(rng.uniform(1.5, 3.5), 4)
        p_adj = 1.0 - below(z, loads, two_sided)
        alpha = rng.choice([0.01, 0.05, 0.1])
        critical = brentq(lambda c: below(c, loads, two_sided) - (1.0 - alpha), 0.5, 6.0, xtol=1e-10)
        out.writerow([n0, ";".join(map(str, sizes)), int(two_sided), z, f"{p_adj:.12g}", alpha, f"{critical:.10f}"])


if __name__ == "__main__":
    main()
