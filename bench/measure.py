"""Run one command; print its wall time (s), peak memory (MB) and exit code (see bench.measure).

With --no-sample first, memory is only the largest process's peak RSS (the kernel's count), and
nothing else runs meanwhile: sampling the process tree's memory every 20 ms reads /proc's page
maps, which on a two-core machine takes time from a build that uses both cores (the example pack:
0.31-0.34 s sampled, 0.295 s not)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    out = [pid]
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            for child in f.read().split():
                out += _tree(int(child))
    except OSError:
        pass
    return out


def main() -> None:
    args = sys.argv[1:]
    sampling = not (args and args[0] == "--no-sample")
    if not sampling:
        args = args[1:]
    t = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]

    def sample() -> None:
        while p.poll() is None:
            peak[0] = max(peak[0], sum(_pss_kb(x) for x in _tree(p.pid)))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    if sampling and os.path.exists("/proc/self/smaps_rollup"):
        sampler.start()
    _, err = p.communicate()
    dt = time.perf_counter() - t
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(dt, max(peak[0], 0) / 1024 if peak[0] else rss_kb / 1024, p.returncode)
    if p.returncode:
        sys.stderr.write(err.decode()[-2000:])


if __name__ == "__main__":
    main()
