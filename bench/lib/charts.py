"""Hand-written SVG bar charts: one horizontal bar per row, the value at its end, an optional dashed target line."""
from html import escape

COLORS = {"platform": "#2b6cb0", "reference": "#a0aec0", "other": "#dd6b20"}


def bar_chart(title, rows, unit, target=None, target_label="target", note=""):
    """rows: (label, value, color key). Returns the SVG as text."""
    label_w, bar_w, row_h, top = 230, 380, 24, 44
    width = label_w + bar_w + 90
    height = top + row_h * len(rows) + (34 if note else 16)
    top_value = max([v for _, v, _ in rows] + [target or 0]) or 1
    scale = bar_w / top_value
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">',
             f'<rect width="{width}" height="{height}" fill="#fff"/>',
             f'<text x="10" y="24" font-size="15" font-weight="bold">{escape(title)}</text>']
    for i, (label, value, color) in enumerate(rows):
        y = top + i * row_h
        w = max(1, value * scale)
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 7}" '
                     f'fill="{COLORS.get(color, color)}"/>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 15}">{escape(_fmt(value))} {escape(unit)}</text>')
    if target:
        x = label_w + target * scale
        bottom = top + row_h * len(rows)
        parts.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" stroke="#c53030" '
                     f'stroke-width="2" stroke-dasharray="5,4"/>')
        parts.append(f'<text x="{x:.1f}" y="{top - 8}" fill="#c53030" text-anchor="middle">'
                     f'{escape(target_label)} {escape(_fmt(target))} {escape(unit)}</text>')
    if note:
        parts.append(f'<text x="10" y="{height - 10}" fill="#555" font-size="12">{escape(note)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _fmt(value):
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"
