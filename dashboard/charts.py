"""Server-drawn SVG charts for the dashboard and its printed page.

Why not a charting library: the pages run under a strict Content Security Policy (no inline
style), and the usual server-side SVG libraries style their output with an embedded
<style> block and style attributes, which that policy blocks when the SVG is inline; an SVG
in an <img> would be styled but its bars could not be links. These charts use only
presentation attributes and CSS classes (static/css/app.css), every bar is a link to the
list behind it, and each chart carries a <title> and a data table for screen readers.
"""

from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

SERIES_CLASSES = 8  # .chart-s0 … .chart-s7 in app.css


@dataclass
class Bar:
    value: float
    url: str = ""
    label: str = ""


@dataclass
class Series:
    name: str
    bars: list[Bar] = field(default_factory=list)


def _svg(template, *args):
    """format_html for SVG: floats are written with one decimal before escaping."""
    values = [f"{a:.1f}" if isinstance(a, float) else a for a in args]
    return format_html(template, *values)


def _number(value):
    return f"{int(value):,}".replace(",", ".") if float(value).is_integer() else f"{value:,.1f}"


def stacked_bars(*, title: str, categories: list[str], series: list[Series], width=720, height=300) -> str:
    """Vertical stacked bars: one bar per category, one segment per series."""
    left, right, top, bottom = 56, 12, 16, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(s.bars[i].value for s in series) for i in range(len(categories))]
    peak = max(totals, default=0) or 1
    step = plot_w / max(len(categories), 1)
    bar_w = min(step * 0.6, 64)
    parts = [
        _svg(
            '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}"><title id="{}">{}</title>',
            width,
            height,
            _id(title),
            _id(title),
            title,
        )
    ]
    for fraction in (0, 0.5, 1):
        y = top + plot_h - fraction * plot_h
        parts.append(_svg('<line class="chart-grid" x1="{}" x2="{}" y1="{}" y2="{}"/>', left, width - right, y, y))
        parts.append(
            _svg(
                '<text class="chart-axis" x="{}" y="{}" text-anchor="end">{}</text>',
                left - 6,
                y + 4,
                _number(peak * fraction),
            )
        )
    for i, category in enumerate(categories):
        x = left + i * step + (step - bar_w) / 2
        y = top + plot_h
        for index, s in enumerate(series):
            bar = s.bars[i]
            if not bar.value:
                continue
            h = bar.value / peak * plot_h
            y -= h
            rect = _svg(
                '<rect class="chart-s{}" x="{}" y="{}" width="{}" height="{}"><title>{}: {} — {}</title></rect>',
                index % SERIES_CLASSES,
                x,
                y,
                bar_w,
                h,
                s.name,
                category,
                _number(bar.value),
            )
            parts.append(_svg('<a href="{}">{}</a>', bar.url, rect) if bar.url else rect)
        parts.append(
            _svg(
                '<text class="chart-axis" x="{}" y="{}" text-anchor="middle">{}</text>',
                x + bar_w / 2,
                top + plot_h + 16,
                category,
            )
        )
        if totals[i]:
            parts.append(
                _svg(
                    '<text class="chart-value" x="{}" y="{}" text-anchor="middle">{}</text>',
                    x + bar_w / 2,
                    top + plot_h - totals[i] / peak * plot_h - 4,
                    _number(totals[i]),
                )
            )
    parts.append(_legend(series, left, height - 24))
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant closing tag
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every part is built with format_html


def horizontal_ranges(*, title: str, rows: list[tuple[str, int, int, str]], start: int, end: int, width=720) -> str:
    """A timeline: one row per (label, first year, last year, url), years from start to end."""
    left, right, top, row_h = 260, 12, 24, 22
    height = top + row_h * len(rows) + 8
    span = max(end - start + 1, 1)
    plot_w = width - left - right
    year_w = plot_w / span
    parts = [
        _svg(
            '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}"><title id="{}">{}</title>',
            width,
            height,
            _id(title),
            _id(title),
            title,
        )
    ]
    for year in range(start, end + 1):
        x = left + (year - start) * year_w
        parts.append(_svg('<line class="chart-grid" x1="{}" x2="{}" y1="{}" y2="{}"/>', x, x, top - 4, height - 8))
        parts.append(_svg('<text class="chart-axis" x="{}" y="{}">{}</text>', x + 2, top - 8, year))
    for i, (label, first, last, url) in enumerate(rows):
        y = top + i * row_h
        first_x = left + (max(first, start) - start) * year_w
        last_x = left + (min(last, end) - start + 1) * year_w
        parts.append(
            _svg('<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>', left - 6, y + 15, label[:40])
        )
        rect = _svg(
            '<rect class="chart-s{}" x="{}" y="{}" width="{}" height="{}" rx="3"><title>{}: {}–{}</title></rect>',
            i % SERIES_CLASSES,
            first_x,
            y + 3,
            max(last_x - first_x, 2),
            row_h - 6,
            label,
            first,
            last,
        )
        parts.append(_svg('<a href="{}">{}</a>', url, rect) if url else rect)
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant closing tag
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every part is built with format_html


def _legend(series, x, y):
    parts = []
    for index, s in enumerate(series):
        parts.append(
            _svg(
                '<rect class="chart-s{}" x="{}" y="{}" width="10" height="10"/>'
                '<text class="chart-legend" x="{}" y="{}">{}</text>',
                index % SERIES_CLASSES,
                x,
                y,
                x + 14,
                y + 9,
                s.name[:28],
            )
        )
        x += 28 + 7 * min(len(s.name), 28)
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - built with format_html


def _id(title):
    return "chart-" + "".join(ch if ch.isalnum() else "-" for ch in escape(title).lower())[:40]
