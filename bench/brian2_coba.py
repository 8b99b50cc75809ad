#!/usr/bin/python3
"""The Brette et al. 2007 COBA benchmark in Brian2's C++ standalone mode, on one
thread, for the side-by-side timing in docs/performance.md.

The network is the one of `ketaclinic brain bench coba` (src/brain/network_spec.h):
4000 LIF neurons (3200 E, 800 I), every ordered pair i != j connected with
p = 0.02, tau_m 20 ms (C 200 pF, g_L 10 nS), E_L = V_reset = -60 mV, V_th -50 mV,
refractory 5 ms, exponential conductances tau_e 5 / tau_i 10 ms, E_e 0 / E_i -80 mV,
w_e 6 / w_i 67 nS, forward Euler at dt 0.1 ms, no delays, V ~ N(-65, 5) mV,
g_e ~ N(40, 15) nS, g_i ~ N(200, 120) nS.

With --network cuba, benchmark 2 as Brian2's examples/CUBA.py (exact integration).

Usage: /usr/bin/python3 bench/brian2_coba.py (Debian python3-brian) [--network coba|cuba] [--duration 10]
       [--reps 5] [--seed 1] [--dir /tmp/brian2_coba]
Prints one JSON line per repetition: the process wall time of the compiled
binary (network construction + run), Brian2's own run time (the simulation loop
only), spikes and mean rate. Compilation is done once, before the repetitions (--reps 0: build only; --no-build:
run only, so bench/brain_vs_brian2.sh can alternate with ketaclinic).
"""
import argparse
import json
import os
import subprocess
import time

try:
    from brian2 import (NeuronGroup, SpikeMonitor, Synapses, defaultclock, device, mV, ms, nS, pF, prefs, run,
                        second, seed, set_device)
except ImportError:  # --no-build only runs the compiled binary
    pass


def coba_group():
    taue, taui = 5 * ms, 10 * ms
    Vt, Vr, El, Ee, Ei = -50 * mV, -60 * mV, -60 * mV, 0 * mV, -80 * mV
    gl, C = 10 * nS, 200 * pF
    eqs = '''
    dv/dt = (gl*(El - v) + ge*(Ee - v) + gi*(Ei - v)) / C : volt (unless refractory)
    dge/dt = -ge/taue : siemens
    dgi/dt = -gi/taui : siemens
    '''
    P = NeuronGroup(4000, eqs, threshold='v > Vt', reset='v = Vr', refractory=5 * ms, method='euler',
                    namespace=locals())
    P.v = 'El - 5*mV + 5*mV*randn()'
    P.ge = '(randn()*1.5 + 4) * 10*nS'
    P.gi = '(randn()*12 + 20) * 10*nS'
    return P, 6 * nS, 67 * nS


def cuba_group():
    # Benchmark 2 as Brian2's examples/CUBA.py: exact integration, V uniform in [V_reset, V_th].
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
    eqs = '''
    dv/dt = (ge + gi - (v - El)) / taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    P = NeuronGroup(4000, eqs, threshold='v > Vt', reset='v = Vr', refractory=5 * ms, method='exact',
                    namespace=locals())
    P.v = 'Vr + rand() * (Vt - Vr)'
    return P, (60 * 0.27 / 10) * mV, (-20 * 4.5 / 10) * mV


def build(duration_s, directory, rng_seed, network='coba'):
    set_device('cpp_standalone', directory=directory, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = 0  # one thread, no OpenMP
    defaultclock.dt = 0.1 * ms
    seed(rng_seed)
    if network == 'cuba':
        P, we, wi = cuba_group()
    else:
        P, we, wi = coba_group()
    Ce = Synapses(P, P, on_pre='ge += we', namespace={'we': we})
    Ci = Synapses(P, P, on_pre='gi += wi', namespace={'wi': wi})
    Ce.connect('i < 3200 and i != j', p=0.02)
    Ci.connect('i >= 3200 and i != j', p=0.02)
    M = SpikeMonitor(P, record=False)
    run(duration_s * second)
    device.build(directory=directory, compile=True, run=False)
    return M


def counts_of(directory):
    # The monitor's per-neuron spike counts, as the binary wrote them (int32).
    import glob
    import numpy as np
    (f,) = glob.glob(os.path.join(directory, 'results', '_array_spikemonitor_count_*'))
    return np.fromfile(f, dtype=np.int32)


def distribution(counts, duration_s):
    # As src/brain/readout.h: quantiles by linear interpolation, population s.d.
    import numpy as np
    rates = counts / duration_s
    q = np.percentile(rates, [10, 25, 50, 75, 90])
    return {'p10_hz': q[0], 'p25_hz': q[1], 'median_hz': q[2], 'p75_hz': q[3], 'p90_hz': q[4],
            'sd_hz': float(np.std(rates)), 'silent_fraction': float(np.mean(rates == 0))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--duration', type=float, default=10.0, help='biological time, s')
    ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--dir', default='/tmp/brian2_coba')
    ap.add_argument('--network', choices=['coba', 'cuba'], default='coba')
    ap.add_argument('--no-build', action='store_true', help='run the binary already built in --dir')
    a = ap.parse_args()
    if not a.no_build:
        build(a.duration, a.dir, a.seed, a.network)
    for rep in range(a.reps):
        start = time.perf_counter()
        subprocess.run(['./main'], cwd=a.dir, check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        with open(os.path.join(a.dir, 'results', 'last_run_info.txt')) as f:
            run_time = float(f.read().split()[0])
        counts = counts_of(a.dir)
        spikes = int(counts.sum())
        dist = {k: round(float(v), 4) for k, v in distribution(counts, a.duration).items()}
        print(json.dumps({'network': a.network, 'seed': a.seed, 'rep': rep, 'process_wall_s': round(wall, 4),
                          'brian_run_s': round(run_time, 4), 'spikes': spikes,
                          'mean_rate_hz': round(spikes / (4000 * a.duration), 4), 'rate_distribution': dist}),
              flush=True)


if __name__ == '__main__':
    main()
