"""Bar charts as server-rendered SVG: no chart library, no script, readable without colour."""
from __future__ import annotations

from dataclasses import dataclass

from ..output import money

WIDTH, LABEL, BAR, GAP = 560, 150, 26, 10


@dataclass(frozen=True)
class Bar:
    label: str
    value: int  # cents
    y: int
    width: int

    @property
    def text(self) -> str:
        return money(self.value)


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    width: int = WIDTH
    label_width: int = LABEL

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * (BAR + GAP)


def bar_chart(title: str, values: dict[str, int]) -> Chart:
    """One bar per label, scaled to the largest; amounts are cents and printed as dollars."""
    top = max([v for v in values.values() if v > 0], default=1)
    room = WIDTH - LABEL - 90  # space left of the bar for its label, right of it for the amount
    bars = [Bar(label, value, i * (BAR + GAP), max(0, round(room * value / top)))
            for i, (label, value) in enumerate(values.items())]
    return Chart(title, bars)
