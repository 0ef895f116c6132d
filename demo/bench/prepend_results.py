"""Puts a suite run's summary at the top of demo/bench/RESULTS.md, as a new section under its title.

Usage: python3 demo/bench/prepend_results.py RESULTS.md SUMMARY.md "COMMAND" "COMMIT" [CHART.png]
(run-suite.sh calls it last; CHART.png when it drew one). The section names the command and the
commit the run measured; the summary (out/suite.md: machine facts, then one table per workload)
follows unchanged. Earlier sections stay below it, so RESULTS.md keeps every run with its command.
"""
import datetime
import sys

TITLE = "# Benchmark results"


def section(summary: str, command: str, commit: str, chart: str, now: datetime.datetime) -> str:
    stamp = now.strftime("%Y-%m-%d %H:%M UTC")
    chart_line = f"Chart: `{chart}` (copy it into `demo/bench/charts/` to keep it).\n\n" if chart else "\n"
    return (
        f"## Suite run of {stamp} (written by run-suite.sh)\n\n"
        f"Commit {commit}. Command, from the repository root:\n"
        f"```\n{command}\n```\n"
        f"{chart_line}"
        f"{summary.strip()}\n\n"
    )


def prepend(results: str, new_section: str) -> str:
    if not results.startswith(TITLE):
        raise SystemExit(f"RESULTS.md does not start with '{TITLE}'")
    rest = results[len(TITLE):].lstrip("\n")
    return f"{TITLE}\n\n{new_section}{rest}"


def main() -> None:
    if len(sys.argv) not in (5, 6):
        raise SystemExit(__doc__)
    results_path, summary_path, command, commit = sys.argv[1:5]
    chart = sys.argv[5] if len(sys.argv) == 6 else ""
    with open(summary_path, encoding="utf-8") as f:
        summary = f.read()
    if not summary.strip():
        raise SystemExit(f"{summary_path} is empty: nothing to add to {results_path}")
    with open(results_path, encoding="utf-8") as f:
        results = f.read()
    now = datetime.datetime.now(datetime.timezone.utc)
    with open(results_path, "w", encoding="utf-8") as f:
        f.write(prepend(results, section(summary, command, commit, chart, now)))
    print(f"added this run to {results_path}")


if __name__ == "__main__":
    main()
