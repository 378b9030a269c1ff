"""Static, accessible SVG bar charts, drawn at build time. No script, no fetch.

Each chart is an inline <svg role="img"> named by its <title> and described in
full by its <desc> (every value, in words), so a screen reader gets what a
sighted reader sees; the page puts the same numbers in a table beside it.
Colour is never the only key: each bar carries its label in words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup

from macros.render.markup import render

WIDTH = 360
"""Narrow on purpose: at phone width the text is drawn at about its own size."""
LEFT, RIGHT, TOP, BOTTOM = 8, 72, 26, 30
ROW = 50
"""Per bar: a label line, then the bar with its value at the end."""

# Each colour has at least 4.5:1 contrast on white, so bars and their labels pass WCAG 1.4.11.
PALETTE = ("#0b5394", "#8a3b00", "#2e6b30", "#6b2e8a")


@dataclass(frozen=True)
class Bar:
    label: str
    """Above the bar (e.g. the date)."""
    sublabel: str
    """After the label, in the bar's colour (e.g. what was counted)."""
    value: float
    value_text: str
    """At the end of the bar and in the description, as a reader says it ("gần 26,6")."""
    series: int = 0
    """Index into PALETTE."""


def nice_step(maximum: float, ticks: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` gridlines."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


def _number(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def bar_chart(chart_id: str, title: str, description: str, bars: list[Bar], axis_label: str) -> Markup:
    """A horizontal SVG bar chart as one line-free HTML string (safe inside a Markdown raw-HTML block)."""
    plot_w = WIDTH - LEFT - RIGHT
    top = max((b.value for b in bars), default=0)
    step = nice_step(top)
    ceiling = step * max(1, math.ceil(top / step)) if top else step
    x = lambda v: LEFT + (v / ceiling) * plot_w  # noqa: E731
    ticks = []
    tick = 0.0
    while tick <= ceiling + step / 2:
        ticks.append({"x": f"{x(tick):.1f}", "label": _number(tick)})
        tick += step
    drawn = [
        {
            "y": TOP + ROW * index,
            "colour": PALETTE[bar.series % len(PALETTE)],
            "width": f"{x(bar.value) - LEFT:.1f}",
            "value_x": f"{x(bar.value) + 5:.1f}",
            "bar": bar,
        }
        for index, bar in enumerate(bars)
    ]
    return render(
        "bar_chart.svg",
        id=chart_id,
        title=title,
        description=description,
        axis_label=axis_label,
        width=WIDTH,
        height=TOP + ROW * len(bars) + BOTTOM,
        left=LEFT,
        top=TOP,
        axis_y=TOP + ROW * len(bars),
        ticks=ticks,
        bars=drawn,
    )
