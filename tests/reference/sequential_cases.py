"""Reference crossing probabilities for group-sequential tests.

Generates sequential_cases.csv with scipy, independently of the Rust recursion:
    python3 tests/reference/sequential_cases.py > tests/reference/sequential_cases.csv

For looks at information fractions t_1 < ... < t_K, the z-statistics are jointly
normal with corr(Z_i, Z_j) = sqrt(t_i / t_j) and means drift * sqrt(t_k). The chance
that no look crosses its two-sided boundary is a rectangle probability of that
multivariate normal, which scipy computes by Genz's method; one minus it is the
chance of crossing at some look. One-sided cases leave the lower side open.
"""
import csv
import math
import random
import sys

import numpy as np
from scipy.stats import multivariate_normal


def crossing(times, bounds, drift, two_sided):
    k = len(times)
    cov = np.array([[math.sqrt(min(a, b) / max(a, b)) for b in times] for a in times])
    mean = np.array([drift * math.sqrt(t) for t in times])
    upper = np.array(bounds)
    lower = -upper if two_sided else np.full(k, -np.inf)
    dist = multivariate_normal(mean=mean, cov=cov, maxpts=2_000_000 * k, abseps=1e-9, releps=1e-9)
    stay = dist.cdf(upper, lower_limit=lower)
    return 1.0 - stay


def main():
    rng = random.Random(20261201)
    out = csv.writer(sys.stdout)
    out.writerow(["times", "bounds", "drift", "two_sided", "crossing"])
    for _ in range(60):
        k = rng.randint(2, 5)
        cuts = sorted(rng.uniform(0.05, 0.95) for _ in range(k - 1))
        times = [round(c, 4) for c in cuts] + [1.0]
        if len(set(times)) < k:
            continue
        shape = rng.choice(["pocock", "obf", "random"])
        c = rng.uniform(1.8, 2.8)
        if shape == "pocock":
            bounds = [c] * k
        elif shape == "obf":
            bounds = [c / math.sqrt(t) for t in times]
        else:
            bounds = [rng.uniform(1.7, 4.5) for _ in times]
        bounds = [round(b, 4) for b in bounds]
        drift = rng.choice([0.0, 0.0, 1.5, 2.8, 3.5])
        two_sided = rng.random() < 0.7
        p = crossing(times, bounds, drift, two_sided)
        out.writerow([
            ";".join(str(t) for t in times),
            ";".join(str(b) for b in bounds),
            drift,
            int(two_sided),
            f"{p:.12g}",
        ])


if __name__ == "__main__":
    main()
