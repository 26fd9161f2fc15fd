"""Charts as inline SVG strings drawn by our own Python: no JavaScript, CSS or fonts from outside.

Every label goes through `html.escape`, so text from cases can never become markup.
"""
from __future__ import annotations

import zlib
from html import escape

from evals.metrics import Chart

FONT = 'font-family="sans-serif" font-size="11"'
BLUE, GREY, RED = "#2f6db5", "#8a8a8a", "#c0392b"


def svg(chart: Chart) -> str:
    """The chart as one <svg> element."""
    draw = {"confusion": _confusion, "strip": _strip, "bars": _bars, "histogram": _histogram}[chart.kind]
    return draw(chart)


def _frame(width: int, height: int, title: str, body: list[str]) -> str:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
            f'<rect width="{width}" height="{height}" fill="#fff"/>'
            f'<text x="8" y="16" {FONT} font-weight="bold">{escape(title)}</text>')
    return head + "".join(body) + "</svg>"


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" {FONT} text-anchor="{anchor}" {extra}>{escape(str(text))}</text>'


def _confusion(chart: Chart) -> str:
    cell = 30 if len(chart.rows) <= 10 else 22
    left, top = 130, 120
    width, height = left + cell * len(chart.cols) + 20, top + cell * len(chart.rows) + 20
    body = []
    for j, col in enumerate(chart.cols):
        x = left + j * cell + cell / 2
        body.append(_text(x, top - 6, col, extra=f'transform="rotate(-50 {x:.1f} {top - 6})"'))
    for i, row in enumerate(chart.rows):
        y = top + i * cell
        body.append(_text(left - 6, y + cell / 2 + 4, row, "end"))
        total = sum(chart.matrix[i]) or 1
        for j, count in enumerate(chart.matrix[i]):
            share = count / total
            if row == chart.cols[j]:
                colour = f"rgba(47,109,181,{0.08 + 0.92 * share:.2f})"
            else:
                colour = f"rgba(192,57,43,{0.15 + 0.85 * share:.2f})" if count else "#f4f4f4"
            body.append(f'<rect class="cell" x="{left + j * cell}" y="{y}" width="{cell - 1}" height="{cell - 1}" '
                        f'fill="{colour}"><title>{escape(f"{row} → {chart.cols[j]}: {count}")}</title></rect>')
            if count:
                body.append(_text(left + j * cell + cell / 2, y + cell / 2 + 4, count, "middle"))
    return _frame(width, height, chart.title, body)


def _strip(chart: Chart) -> str:
    values = [v for _, v in chart.points] + [hi for _, hi, _ in chart.bands]
    top_value = 100.0 if chart.unit == "score" else max(1.0, max(values, default=1.0))
    left, top, plot_w, row_h = 110, 30, 440, 34
    width, height = left + plot_w + 30, top + row_h * len(chart.rows) + 36

    def x(v: float) -> float:
        return left + plot_w * max(0.0, min(v, top_value)) / top_value

    body = []
    for lo, hi, name in chart.bands:
        body.append(f'<rect x="{x(lo):.1f}" y="{top}" width="{x(hi) - x(lo):.1f}" height="{row_h * len(chart.rows)}" '
                    f'fill="#000" fill-opacity="{0.03 + 0.03 * chart.bands.index((lo, hi, name))}"/>')
    for i, row in enumerate(chart.rows):
        y = top + i * row_h + row_h / 2
        body.append(_text(left - 8, y + 4, row, "end"))
        body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y}" y2="{y}" stroke="#ddd"/>')
        for n, (group, v) in enumerate(p for p in chart.points if p[0] == row):
            jitter = (zlib.crc32(f"{row}{n}".encode()) % 17 - 8) * 1.2
            body.append(f'<circle class="dot" cx="{x(v):.1f}" cy="{y + jitter:.1f}" r="4" fill="{BLUE}" '
                        f'fill-opacity="0.7"><title>{escape(f"{group}: {v:g}")}</title></circle>')
    axis_y = top + row_h * len(chart.rows) + 4
    body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{axis_y}" y2="{axis_y}" stroke="{GREY}"/>')
    for tick in range(6):
        v = top_value * tick / 5
        body.append(_text(x(v), axis_y + 14, f"{v:g}", "middle"))
    return _frame(width, height, chart.title, body)


def _bars(chart: Chart) -> str:
    left, top, plot_w, row_h = 150, 28, 360, 20
    width, height = left + plot_w + 60, top + row_h * len(chart.rows) + 10
    peak = max([*chart.values, 1.0]) if chart.unit else 1.0
    body = []
    for i, (label, v) in enumerate(zip(chart.rows, chart.values)):
        y = top + i * row_h
        w = plot_w * v / peak
        body.append(_text(left - 6, y + 13, label, "end"))
        body.append(f'<rect class="bar" x="{left}" y="{y + 2}" width="{max(w, 1):.1f}" height="{row_h - 5}" '
                    f'fill="{BLUE if label != "miss" else RED}"><title>{escape(f"{label}: {v:g}")}</title></rect>')
        body.append(_text(left + w + 4, y + 13, f"{v:g}" if chart.unit else f"{v:.2f}"))
    return _frame(width, height, chart.title, body)


def _histogram(chart: Chart, bins: int = 20) -> str:
    values = chart.values
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, int((v - lo) / span * bins))] += 1
    left, top, plot_w, plot_h = 40, 28, 440, 120
    width, height = left + plot_w + 20, top + plot_h + 34
    peak = max(counts) or 1
    bar_w = plot_w / bins
    body = []
    for i, count in enumerate(counts):
        h = plot_h * count / peak
        body.append(f'<rect class="bar" x="{left + i * bar_w:.1f}" y="{top + plot_h - h:.1f}" '
                    f'width="{bar_w - 1:.1f}" height="{max(h, 0.5):.1f}" fill="{BLUE}">'
                    f'<title>{escape(f"{lo + span * i / bins:.3g}–{lo + span * (i + 1) / bins:.3g} {chart.unit}: {count}")}'
                    f'</title></rect>')
    base = top + plot_h
    body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{base}" y2="{base}" stroke="{GREY}"/>')
    body.append(_text(left, base + 14, f"{lo:.3g} {chart.unit}"))
    body.append(_text(left + plot_w, base + 14, f"{hi:.3g} {chart.unit}", "end"))
    body.append(_text(left - 4, top + 8, peak, "end"))
    body.append(_text(left + plot_w / 2, base + 28, f"{len(values)} samples", "middle"))
    return _frame(width, height, chart.title, body)
