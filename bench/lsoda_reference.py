#!/usr/bin/python3
"""Baseline for docs/performance.md: the same population problem integrated with
scipy's LSODA (the usual route in Python PK tools), to state the speed ratio.

Domino 3-compartment model + effect site, 70 kg, 0.5 mg/kg over 40 min, 24 h at
1-min output resolution, 30 % log-normal variability on V1, CL, Q2, Q3.
Usage: bench/lsoda_reference.py [patients] [rtol, default 1e-6]   (Debian: apt install python3-scipy)
"""
import sys
import time

RTOL = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-6

import numpy as np
from scipy.integrate import solve_ivp


def simulate(v1, k10, k12, k21, k13, k31, ke0, rate, grid):
    def rhs(t, a, r):
        a1, a2, a3, ce = a
        return [r - (k10 + k12 + k13) * a1 + k21 * a2 + k31 * a3,
                k12 * a1 - k21 * a2, k13 * a1 - k31 * a3, ke0 * (a1 / v1 - ce)]
    during = grid[grid <= 40]
    first = solve_ivp(rhs, (0, 40), [0, 0, 0, 0], method="LSODA", t_eval=during, args=(rate,),
                      rtol=RTOL, atol=RTOL * 1e-3)
    after = grid[grid > 40]
    second = solve_ivp(rhs, (40, grid[-1]), first.y[:, -1], method="LSODA", t_eval=after, args=(0.0,),
                       rtol=RTOL, atol=RTOL * 1e-3)
    return np.concatenate([first.y[0], second.y[0]]) / v1 * 1000


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rng = np.random.default_rng(1)
    grid = np.arange(0, 1441, 1.0)
    omega = np.sqrt(np.log1p(0.3 ** 2))
    w = 70.0
    start = time.perf_counter()
    cmax = []
    for _ in range(n):
        v1 = 0.063 * w * np.exp(omega * rng.standard_normal())
        cl = 0.438 * 0.063 * w * np.exp(omega * rng.standard_normal())
        q2 = 0.592 * 0.063 * w * np.exp(omega * rng.standard_normal())
        q3 = 0.590 * 0.063 * w * np.exp(omega * rng.standard_normal())
        v2, v3 = 0.063 * w * 0.592 / 0.247, 0.063 * w * 0.590 / 0.0146
        cp = simulate(v1, cl / v1, q2 / v1, q2 / v2, q3 / v1, q3 / v3, 0.652, 35 / 40, grid)
        cmax.append(cp.max())
    elapsed = time.perf_counter() - start
    print(f"LSODA: {n} patients in {elapsed:.2f} s = {n / elapsed:.1f} patients/s "
          f"(median Cmax {np.median(cmax):.1f} ng/mL)")


if __name__ == "__main__":
    main()
