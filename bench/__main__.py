"""Run every benchmark section, print the tables and write bench/results.json.

Sections: bench/library.py (always) and bench/cases.py (if present). A section module exposes
run() -> bench.report.Section. `python -m bench library` runs one section and keeps the others'
last results in results.json.
"""
import importlib
import json
import os
import platform
import sys
import time
from pathlib import Path

from bench.report import format_table

SECTIONS = ("bench.library", "bench.cases")
RESULTS = Path(__file__).resolve().parent / "results.json"


def main(argv: list[str]) -> int:
    only = set(argv)
    started = time.time()
    out = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
           "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)), "sections": []}
    missed = 0
    for name in SECTIONS:
        if only and name.split(".")[-1] not in only:
            continue
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # optional section not written yet
            raise
        section = module.run()
        print(format_table(section), end="\n\n", flush=True)
        out["sections"].append(section.as_dict())
        missed += sum(1 for row in section.rows if row.met is False)
    out["seconds"] = round(time.time() - started, 1)
    if only and RESULTS.exists():  # a partial run replaces its own sections and keeps the others
        ran = {section["name"] for section in out["sections"]}
        previous = json.loads(RESULTS.read_text(encoding="utf-8")).get("sections", [])
        out["sections"] = [s for s in previous if s["name"] not in ran] + out["sections"]
    RESULTS.write_text(json.dumps(out, indent=2), encoding="utf-8")
    print(f"{missed} target(s) missed. Wrote {RESULTS} in {out['seconds']} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
