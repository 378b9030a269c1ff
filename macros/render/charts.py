"""Static, accessible SVG bar charts, drawn at build time. No script, no fetch.

Each chart is an inline <svg role="img"> named by its <title> and described in
full by its <desc> (every value, in words), so a screen reader gets what a
sighted reader sees; the page puts the same numbers in a table beside it.
Colour is never the only key: each bar carries its label in words.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

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


def bar_chart(chart_id: str, title: str, description: str, bars: list[Bar], axis_label: str) -> str:
    """A horizontal SVG bar chart as one line-free HTML string (safe inside a Markdown raw-HTML block)."""
    e = html.escape
    plot_w = WIDTH - LEFT - RIGHT
    height = TOP + ROW * len(bars) + BOTTOM
    top = max((b.value for b in bars), default=0)
    step = nice_step(top)
    ceiling = step * max(1, math.ceil(top / step)) if top else step
    x = lambda v: LEFT + (v / ceiling) * plot_w  # noqa: E731
    axis_y = TOP + ROW * len(bars)
    parts = [
        f'<svg class="chart" id="{e(chart_id)}" role="img" aria-labelledby="{e(chart_id)}-title {e(chart_id)}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{e(chart_id)}-title">{e(title)}</title>',
        f'<desc id="{e(chart_id)}-desc">{e(description)}</desc>',
        f'<text x="{LEFT}" y="15" font-size="13" font-weight="bold" fill="#1f2937">{e(axis_label)}</text>',
    ]
    tick = 0.0
    while tick <= ceiling + step / 2:
        tx = x(tick)
        parts.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{TOP}" y2="{axis_y}" stroke="#c9d1d9" stroke-width="1"/>')
        parts.append(f'<text x="{tx:.1f}" y="{axis_y + 16}" text-anchor="middle" font-size="11" fill="#1f2937">{e(_number(tick))}</text>')
        tick += step
    for index, bar in enumerate(bars):
        y0 = TOP + ROW * index
        colour = PALETTE[bar.series % len(PALETTE)]
        end = x(bar.value)
        parts.append(
            f'<text x="{LEFT}" y="{y0 + 15}" font-size="13" fill="#1f2937">{e(bar.label)}'
            f'<tspan fill="{colour}" font-weight="bold"> · {e(bar.sublabel)}</tspan></text>'
        )
        parts.append(f'<rect x="{LEFT}" y="{y0 + 21}" width="{end - LEFT:.1f}" height="20" fill="{colour}"/>')
        parts.append(f'<text x="{end + 5:.1f}" y="{y0 + 36}" font-size="13" font-weight="bold" fill="#1f2937">{e(bar.value_text)}</text>')
    parts.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{axis_y}" stroke="#1f2937" stroke-width="1.5"/>')
    parts.append("</svg>")
    return "".join(parts)
