"""Memory measures shared by the benchmarks: work run in a forked child, so that one
measure does not inherit another's high-water mark."""

import os
import resource
import sys
import tracemalloc


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def in_child(work) -> tuple[float, float]:
    """(peak of the Python heap, growth of the resident set), in MiB, of `work()` run in a
    forked child. The child reads through the parent's database connection (and
    transaction) while the parent waits, and leaves without closing it."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read)
            start = rss_mib()
            tracemalloc.start()
            work()
            python_peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - start
            os.write(write, f"{python_peak} {grown}".encode())
        except BaseException as error:
            print(f"memory measure failed: {error!r}", file=sys.stderr)
        finally:
            os._exit(0)
    os.close(write)
    data = os.read(read, 100).decode().split()
    os.waitpid(pid, 0)
    os.close(read)
    return (float(data[0]), float(data[1])) if data else (float("nan"), float("nan"))
