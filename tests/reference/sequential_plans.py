"""Reference group-sequential plans: boundaries, cumulative alpha spent and nominal
p-values of O'Brien-Fleming, Pocock and their Lan-DeMets spending versions, for 2
and 3 looks at equal and unequal times, one- and two-sided.

Generates sequential_plans.csv with scipy, independently of the Rust recursion:
    python3 tests/reference/sequential_plans.py > tests/reference/sequential_plans.csv

The chance that a path stays inside the continuation region through look k is
written as nested integrals over the score S_j = Z_j sqrt(t_j), whose increments are
independent normals, the innermost integral in closed form (a difference of normal
CDFs), the others by adaptive Gauss-Kronrod quadrature (scipy.integrate.quad) at
relative tolerance 1e-13. Boundaries are solved by Brent's method to 1e-14. For
rpact's default design (O'Brien-Fleming, 3 looks, one-sided 2.5 %) this gives the
cumulative alpha 0.00025917372, 0.0071600594, 0.025 that rpact prints.
"""
import csv
import math
import sys

from scipy import integrate, optimize
from scipy.stats import norm

EPS = dict(epsabs=1e-16, epsrel=1e-13, limit=400)
REACH = 14.0


def stay(times, lower, upper):
    """P(lower_j < Z_j < upper_j for every look j), z-scale bounds (inf allowed)."""
    k = len(times)
    lo = [l * math.sqrt(t) for l, t in zip(lower, times)]
    hi = [u * math.sqrt(t) for u, t in zip(upper, times)]

    def from_look(j, s_prev, t_prev):
        sd = math.sqrt(times[j] - t_prev)
        if j == k - 1:
            return norm.cdf((hi[j] - s_prev) / sd) - norm.cdf((lo[j] - s_prev) / sd)
        a = max(lo[j], s_prev - REACH * sd)
        b = min(hi[j], s_prev + REACH * sd)
        if a >= b:
            return 0.0
        f = lambda s: norm.pdf((s - s_prev) / sd) / sd * from_look(j + 1, s, times[j])
        return integrate.quad(f, a, b, **EPS)[0]

    return from_look(0, 0.0, 0.0)


def crossed_by(times, lower, upper):
    """Cumulative chance of having crossed a boundary by each look."""
    return [1.0 - stay(times[: j + 1], lower[: j + 1], upper[: j + 1]) for j in range(len(times))]


def lower_of(upper, two_sided):
    return [-u if two_sided else -math.inf for u in upper]


def spent(family, a, t):
    if family in ("obf", "ld_obf"):
        return 2.0 * norm.sf(norm.isf(a / 2.0) / math.sqrt(t))
    return a * math.log(1.0 + (math.e - 1.0) * t)


def boundaries(family, times, alpha, two_sided):
    per_side = alpha / 2.0 if two_sided else alpha
    if family in ("obf", "pocock"):
        shape = (lambda c, t: c / math.sqrt(t)) if family == "obf" else (lambda c, t: c)

        def excess(c):
            upper = [shape(c, t) for t in times]
            total = crossed_by(times, lower_of(upper, two_sided), upper)[-1]
            return (total / 2.0 if two_sided else total) - per_side

        c = optimize.brentq(excess, 1.0, 6.0, xtol=1e-14, rtol=1e-14)
        return [shape(c, t) for t in times]
    upper = []
    for j, t in enumerate(times):
        target = spent(family, per_side, t)

        def excess(b):
            bounds = upper + [b]
            total = crossed_by(times[: j + 1], lower_of(bounds, two_sided), bounds)[-1]
            return (total / 2.0 if two_sided else total) - target

        upper.append(optimize.brentq(excess, 0.5, 12.0, xtol=1e-14, rtol=1e-14))
    return upper


CASES = [
    (family, times, alpha, two_sided)
    for family in ("obf", "pocock", "ld_obf", "ld_pocock")
    for times in ([0.5, 1.0], [1 / 3, 2 / 3, 1.0], [0.3, 0.6, 1.0], [0.25, 0.75, 1.0])
    for alpha, two_sided in ((0.025, False), (0.05, True), (0.1, False))
]


def main():
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["family", "times", "alpha", "two_sided", "z", "alpha_spent", "nominal_p"])
    fmt = lambda xs: ";".join(repr(float(x)) for x in xs)
    for family, times, alpha, two_sided in CASES:
        z = boundaries(family, times, alpha, two_sided)
        cum = crossed_by(times, lower_of(z, two_sided), z)
        nominal = [min(1.0, 2.0 * norm.sf(b)) if two_sided else norm.sf(b) for b in z]
        out.writerow([family, fmt(times), alpha, int(two_sided), fmt(z), fmt(cum), fmt(nominal)])


if __name__ == "__main__":
    main()
