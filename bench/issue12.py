"""Issue 12's table of hot paths and their goals, filled from the run's figures.

A scenario tags the figure that answers a row with the row's key (`Figure.key`); when a row is
answered twice (10k then 100k therapists, before then after the bulk load) the last figure, the
larger scale, is the one compared with the goal.
"""
from __future__ import annotations

from dataclasses import dataclass

from harness import Figure, share


@dataclass(frozen=True)
class Goal:
    key: str
    path: str
    goal: str
    min_share: float | None = None
    max_p95_ms: float | None = None
    max_p50_ms: float | None = None
    min_rate: float | None = None

    def met(self, f: Figure) -> bool:
        return (f.errors == 0
                and (self.min_share is None or share(f) >= self.min_share)
                and (self.max_p95_ms is None or (f.p95_ms is not None and f.p95_ms < self.max_p95_ms))
                and (self.max_p50_ms is None or (f.p50_ms is not None and f.p50_ms < self.max_p50_ms))
                and (self.min_rate is None or f.rps >= self.min_rate))


GOALS = (
    Goal("search-filters", "search, 100k therapists, 3-5 filters, 8 clients", ">= 35%, p95 < 25 ms",
         min_share=0.35, max_p95_ms=25),
    Goal("search-radius", "search, radius + 3 filters", ">= 30%, p95 < 30 ms", min_share=0.30, max_p95_ms=30),
    Goal("slots", "GET slots, 28 days, 1 therapist", ">= 35%", min_share=0.35),
    Goal("consultations", "POST /v1/consultations", ">= 15%, p95 < 50 ms", min_share=0.15, max_p95_ms=50),
    Goal("matches", "POST /v1/matches over 100k", ">= 10%, p95 < 50 ms", min_share=0.10, max_p95_ms=50),
    Goal("completed-to-claim", "appointment completed -> claim in insurer queue", "p50 < 30 ms", max_p50_ms=30),
    Goal("relay", "outbox relay -> RabbitMQ, confirmed", ">= 75% of raw batched pika", min_share=0.75),
    Goal("import-create", "import 1,000 therapists, create", ">= 5,000 rows/s", min_rate=5000),
)


def _now(goal: Goal, f: Figure) -> str:
    if goal.max_p50_ms is not None:
        return f"p50 {f.p50_ms:,.0f} ms"
    rate = f"{f.rps:,.0f} {f.unit}"
    if goal.key in ("relay", "import-create") or f.p95_ms is None:
        return rate
    return f"{rate}, p95 {f.p95_ms:,.0f} ms"


def summary(figures: list[Figure]) -> str:
    """The issue's table, with this run's figures: path, now, share of ceiling, goal, met or not."""
    latest = {f.key: f for f in figures if f.key}
    header = f"{'path':<50} {'now':<28} {'share of ceiling':>17}  {'goal':<28} met"
    lines = [header, "-" * len(header)]
    for goal in GOALS:
        f = latest.get(goal.key)
        if f is None:
            lines.append(f"{goal.path:<50} {'not measured':<28} {'':>17}  {goal.goal:<28} -")
            continue
        ratio = f"{share(f):.1%}" if f.ceiling is not None and f.ceiling is not f else ""
        verdict = "yes" if goal.met(f) else ("no (errors)" if f.errors else "no")
        lines.append(f"{goal.path:<50} {_now(goal, f):<28} {ratio:>17}  {goal.goal:<28} {verdict}")
    return "\n".join(lines)
