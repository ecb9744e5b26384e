"""Small inline-SVG charts: horizontal bars and daily series, no JavaScript, no fonts to fetch.

The report must open from a file on a machine without network, so charts are drawn as
plain SVG strings with every text escaped. Sizes are in user units; the page scales them
with ``width: 100%`` so they stay legible on any screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

PALETTE = ("#2563eb", "#f97316", "#dc2626", "#16a34a", "#9333ea", "#0891b2")


def num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def svg_open(width: int, height: int, label: str) -> str:
    return (f'<svg viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{escape(label)}" class="chart"><title>{escape(label)}</title>')


def bar_chart(items: Sequence[tuple[str, float]], label: str, color: str = PALETTE[0], width: int = 520) -> str:
    """Horizontal bars, one per (label, value), in the order given; values printed at the bar's end."""
    row, left, right = 22, 150, 50
    height = row * len(items) + 10
    peak = max((v for _, v in items), default=0) or 1
    parts = [svg_open(width, height, label)]
    for i, (name, value) in enumerate(items):
        y = 5 + i * row
        length = (width - left - right) * value / peak
        parts.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" class="lbl">{escape(str(name)[:22])}</text>'
                     f'<rect x="{left}" y="{y + 3}" width="{num(max(length, 1))}" height="{row - 6}" '
                     f'fill="{color}"><title>{escape(f"{name}: {value:g}")}</title></rect>'
                     f'<text x="{num(left + length + 4)}" y="{y + 15}" class="val">{value:g}</text>')
    parts.append("</svg>")
    return "".join(parts)


def daily_series(days: Sequence[date], series: dict[str, Sequence[float]], label: str,
                 colors: Sequence[str] = PALETTE, width: int = 760, height: int = 220) -> str:
    """Lines over calendar days (gaps in the dates stay gaps on the axis), with a legend.

    ``days`` must be sorted ascending; each series has one value per day.
    """
    left, right, top, bottom = 44, 12, 26, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    first, last = days[0].toordinal(), days[-1].toordinal()
    span = max(last - first, 1)
    peak = max((v for values in series.values() for v in values), default=0) or 1

    def x(day: date) -> float:
        return left + plot_w * ((day.toordinal() - first) / span if last > first else 0.5)

    def y(value: float) -> float:
        return top + plot_h * (1 - value / peak)

    parts = [svg_open(width, height, label)]
    for tick in (0, peak / 2, peak):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{num(y(tick))}" y2="{num(y(tick))}" class="grid"/>'
                     f'<text x="{left - 6}" y="{num(y(tick) + 4)}" text-anchor="end" class="val">{tick:g}</text>')
    for day in sorted({days[0], days[len(days) // 2], days[-1]}):
        anchor = "start" if day == days[0] and last > first else "end" if day == days[-1] and last > first else "middle"
        parts.append(f'<text x="{num(x(day))}" y="{height - 8}" text-anchor="{anchor}" class="val">{day.isoformat()}</text>')
    legend_x = left
    for n, (name, values) in enumerate(series.items()):
        color = colors[n % len(colors)]
        points = " ".join(f"{num(x(d))},{num(y(v))}" for d, v in zip(days, values))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"/>')
        for d, v in zip(days, values):
            parts.append(f'<circle cx="{num(x(d))}" cy="{num(y(v))}" r="3" fill="{color}">'
                         f'<title>{escape(f"{d.isoformat()} {name}: {v:g}")}</title></circle>')
        parts.append(f'<rect x="{legend_x}" y="6" width="12" height="12" fill="{color}"/>'
                     f'<text x="{legend_x + 16}" y="16" class="lbl">{escape(name)}</text>')
        legend_x += 40 + 7 * len(name)  # ≈ 7 units per character at 12px
    parts.append("</svg>")
    return "".join(parts)
