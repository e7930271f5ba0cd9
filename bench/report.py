"""What every bench section returns, and the table printer shared by sections."""
from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field


@dataclass
class Row:
    metric: str
    size: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None  # None: no target

    @property
    def status(self) -> str:
        return "" if self.met is None else ("met" if self.met else "MISSED")


@dataclass
class Section:
    name: str
    rows: list[Row] = field(default_factory=list)
    details: dict = field(default_factory=dict)

    def add(self, metric, size, value, unit, target="", met=None) -> Row:
        row = Row(metric, str(size), round(float(value), 3), unit, target, met)
        self.rows.append(row)
        return row

    def as_dict(self) -> dict:
        return {"name": self.name, "rows": [asdict(r) | {"status": r.status} for r in self.rows], "details": self.details}


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(samples: list[float]) -> float:
    return statistics.median(samples) if samples else float("nan")


def format_table(section: Section) -> str:
    headers = ("metric", "size", "value", "unit", "target", "status")
    rows = [(r.metric, r.size, f"{r.value:g}", r.unit, r.target, r.status) for r in section.rows]
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |" for row in rows]
    return "\n".join([f"## {section.name}", "", line, sep, *body])
