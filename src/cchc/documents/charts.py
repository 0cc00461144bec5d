"""Charts for the consolidated report, drawn with matplotlib (Agg) as PNG bytes.

A figure is built with the object API (``Figure`` + ``FigureCanvasAgg``),
never ``pyplot``: no global state, safe beside a web server's threads.
DejaVu Sans ships with matplotlib and has every Vietnamese letter, so a
chart looks the same on every machine. Numbers on the charts are written
the Vietnamese way ("70,03%").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from io import BytesIO
from typing import Any

from cchc.domain.numbers import format_number

__all__ = ["MAX_BARS", "bar_chart_by_unit", "trend_chart"]

MAX_BARS = 30  # more units than this: the lowest ones are drawn, the title says so
WIDTH_IN = 6.3  # 16 cm, the text width of a portrait page
DPI = 150


def _figure(height_in: float) -> tuple[Any, Any]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)
    FigureCanvasAgg(figure)
    figure.set_facecolor("white")
    return figure, figure.add_subplot(1, 1, 1)


def _png(figure: Any) -> bytes:
    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _percent(value: float) -> str:
    return format_number(value, 2, trim=True) + "%"


def _style(axes: Any) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8)


def bar_chart_by_unit(
    items: Sequence[tuple[str, float]], *, title: str, overall: float | None, overall_label: str
) -> bytes:
    """Horizontal bars, lowest first, one per unit; a dashed line at the area's rate."""
    ranked = sorted(items, key=lambda item: (item[1], item[0]))
    shown = ranked[:MAX_BARS]
    if len(ranked) > MAX_BARS:
        title = f"{title} ({len(shown)} đơn vị thấp nhất / {len(ranked)} đơn vị)"
    height = min(9.0, 1.2 + 0.28 * len(shown))
    figure, axes = _figure(height)
    names = [name for name, _ in shown]
    values = [value for _, value in shown]
    positions = list(range(len(shown)))
    axes.barh(positions, values, color="#2f5597", height=0.65)
    axes.set_yticks(positions, labels=names)
    axes.invert_yaxis()
    axes.set_xlim(0, max(100.0, *values) * 1.12 if values else 100.0)
    for y, value in zip(positions, values, strict=True):
        axes.text(value + 1, y, _percent(value), va="center", fontsize=7)
    if overall is not None:
        axes.axvline(
            overall,
            color="#c00000",
            linestyle="--",
            linewidth=1,
            label=f"{overall_label}: {_percent(overall)}",
        )
        # Below the axes: inside, it would hide the labels of the longest bars.
        axes.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
    axes.xaxis.set_major_formatter(lambda x, _pos: f"{x:g}%")
    axes.set_title(title, fontsize=9, fontweight="bold")
    _style(axes)
    figure.tight_layout()
    return _png(figure)


def trend_chart(
    periods: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], *, title: str
) -> bytes:
    """One line per series over the periods of the year; a gap where a period has no value."""
    figure, axes = _figure(3.2)
    positions = list(range(len(periods)))
    markers = "osD^v"
    for n, (label, values) in enumerate(series):
        if all(v is None for v in values):
            continue
        # NaN breaks the line: a period without a value is a gap, not a straight join.
        ys = [math.nan if v is None else v for v in values]
        axes.plot(positions, ys, marker=markers[n % len(markers)], label=label, linewidth=1.5)
        for x, y in zip(positions, values, strict=True):
            if y is not None:
                axes.annotate(
                    _percent(y),
                    (x, y),
                    textcoords="offset points",
                    xytext=(0, 6),
                    ha="center",
                    fontsize=7,
                )
    axes.set_xticks(positions, labels=list(periods))
    axes.set_ylim(0, 110)
    axes.set_ylabel("%", fontsize=8)
    axes.set_title(title, fontsize=9, fontweight="bold")
    axes.legend(fontsize=7, loc="lower right")
    axes.grid(axis="y", linewidth=0.3)
    _style(axes)
    figure.tight_layout()
    return _png(figure)
