"""Summarizes demo/bench/out/suite.txt (RESULT lines of run-suite.sh) as Markdown tables."""
import statistics
import sys
from collections import defaultdict

NAMES = {
    "w1-100k": "W1 100,000 tasks, each yields once, gathered",
    "w1": "W1 1,000,000 tasks, each yields once, gathered",
    "w2": "W2 bytes per suspended task, 100,000 parked at once",
    "w3": "W3 1,000,000 items through a bounded(1000) queue",
    "w4": "W4 100,000 tasks through a Semaphore(100)",
}


def main(path):
    values = defaultdict(list)
    metric = {}
    failed = []
    header = []
    for line in open(path):
        parts = line.split()
        if line.startswith("#"):
            header.append(line.strip("# \n"))
        elif parts and parts[0] == "RESULT":
            _, workload, runtime, unit, value = parts
            values[(workload, runtime)].append(float(value))
            metric[workload] = unit
        elif parts and parts[0] == "FAILED":
            failed.append(" ".join(parts[1:]))
    for h in header:
        print(f"- {h}")
    for workload in NAMES:
        rows = [(rt, v) for (w, rt), v in values.items() if w == workload]
        if not rows:
            continue
        unit = "ms" if metric[workload] == "ms" else "bytes/task"
        base = statistics.median(values.get((workload, "aio4j"), [float("nan")]))
        print(f"\n**{NAMES[workload]}** (median, min–max, {unit}; lower is better)\n")
        print(f"| runtime | median | min–max | n | runtime / aio4j |")
        print("|---|---|---|---|---|")
        for rt, v in sorted(rows, key=lambda r: statistics.median(r[1])):
            med = statistics.median(v)
            print(f"| {rt} | {med:,.1f} | {min(v):,.1f}–{max(v):,.1f} | {len(v)} | {med / base:.2f}x |")
    if failed:
        print("\nFailed runs: " + ", ".join(failed))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "demo/bench/out/suite.txt")
