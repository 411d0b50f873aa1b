"""Run every benchmark under bench/ (files named like `*.py` other than this runner).

Each benchmark prints its own figures and ends with a `RESULT key=value ...` line; this runner
collects those lines at the end so they can be copied into docs/PERFORMANCE.md.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    benchmarks = sorted(
        p for p in HERE.glob("*.py") if p.name != "run.py" and not p.name.startswith("_")
    )
    if not benchmarks:
        print("No benchmarks yet.")
        return 0
    results, failed = [], []
    for bench in benchmarks:
        print(f"== {bench.name}", flush=True)
        proc = subprocess.run(
            [sys.executable, str(bench)], capture_output=True, text=True, check=False
        )
        sys.stdout.write(proc.stdout)
        sys.stderr.write(proc.stderr)
        if proc.returncode != 0:
            failed.append(bench.name)
        results += [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    print("\n== Summary")
    for line in results:
        print(line)
    for name in failed:
        print(f"FAILED {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
