"""Summarizes demo/bench/out/w5.txt (RESULT lines of run-w5.sh) as a Markdown table: per N and runtime
the median and min-max wall time and the failures (total over the runs)."""
import statistics
import sys
from collections import defaultdict


def main(path):
    times = defaultdict(list)
    failures = defaultdict(int)
    cpu = defaultdict(list)
    failed_runs = []
    for line in open(path):
        parts = line.split()
        if line.startswith("#"):
            print("- " + line.strip("# \n"))
        elif parts and parts[0] == "RESULT":
            workload, runtime, ms, failed = parts[1], parts[2], parts[4], parts[6]
            key = (int(workload.split("-")[1]), runtime)
            times[key].append(float(ms) / 1000)
            failures[key] += int(failed)
            if len(parts) >= 9:
                cpu[key].append(float(parts[8]) / 1000)
        elif parts and parts[0] == "FAILED":
            failed_runs.append(" ".join(parts[1:]))
    runtimes = []
    for _, rt in times:
        if rt not in runtimes:
            runtimes.append(rt)
    print("\n**W5: N concurrent GETs of /delay/1** (wall seconds: median, min–max over runs; failed requests in all runs; median CPU seconds of the client process)\n")
    print("| N | " + " | ".join(runtimes) + " |")
    print("|---|" + "---|" * len(runtimes))
    for n in sorted({n for n, _ in times}):
        cells = []
        for rt in runtimes:
            v = times.get((n, rt))
            if not v:
                cells.append("")
                continue
            c = cpu.get((n, rt))
            cpu_text = f", cpu {statistics.median(c):.2f}" if c else ""
            cells.append(f"{statistics.median(v):.2f} ({min(v):.2f}–{max(v):.2f}, n={len(v)}), {failures[(n, rt)]} failed{cpu_text}")
        print(f"| {n:,} | " + " | ".join(cells) + " |")
    if failed_runs:
        print("\nRuns that printed no result: " + ", ".join(failed_runs))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "demo/bench/out/w5.txt")
