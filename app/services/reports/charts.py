"""Bar-chart geometry for SVG drawn on the server (templates/reports/_charts.html draws it).

No chart library and no inline styles: the template gets coordinates and CSS class names only.
Text is 14 user units (static/css/reports.css); the default widths are at most the width the
charts get on a 1366 px screen, so the SVG is drawn at scale >= 1 there and labels stay >= 12 px.
"""


def _scale(values, max_value=None):
    top = max([v for v in values if v is not None] + [max_value or 0])
    return top if top > 0 else 1


def hbars(rows, max_value=None, width=560, label_width=200, bar_height=18, gap=12, value_width=80):
    """Horizontal bars. rows: [(label, [(value, text), ...one per series])]."""
    series = max((len(values) for _, values in rows), default=1)
    top = _scale([v for _, values in rows for v, _t in values], max_value)
    room = width - label_width - value_width
    group_height = series * bar_height + gap
    shapes = []
    for index, (label, values) in enumerate(rows):
        y = index * group_height + gap / 2
        bars = []
        for number, (value, text) in enumerate(values):
            length = 0 if value is None else max(room * value / top, 1 if value else 0)
            bar_y = y + number * bar_height
            bars.append(
                {
                    "x": label_width,
                    "y": bar_y,
                    "w": round(length, 1),
                    "h": bar_height - 2,
                    "series": number,
                    "text": text,
                    "tx": round(label_width + length + 4, 1),
                    "ty": bar_y + bar_height - 4,
                }
            )
        shapes.append({"label": label, "ly": y + series * bar_height / 2 + 4, "bars": bars})
    return {
        "width": width,
        "height": int(len(rows) * group_height + gap),
        "rows": shapes,
        "label_x": label_width - 6,
    }


def columns(points, width=1000, height=220, bottom=26, left=40):
    """Vertical bars for a series of days. points: [(label, [value per series])]."""
    series = max((len(values) for _, values in points), default=1)
    top = _scale([v for _, values in points for v in values])
    room_h = height - bottom - 8
    slot = (width - left) / max(len(points), 1)
    bar_w = max(slot / (series + 0.5), 1)
    every = max(1, round(len(points) / 10))  # about ten labels on the axis
    shapes = []
    for index, (label, values) in enumerate(points):
        x0 = left + index * slot
        bars = []
        for number, value in enumerate(values):
            h = room_h * (value or 0) / top
            bars.append(
                {
                    "x": round(x0 + number * bar_w, 1),
                    "y": round(height - bottom - h, 1),
                    "w": round(bar_w - 0.5, 1),
                    "h": round(h, 1),
                    "series": number,
                }
            )
        shapes.append(
            {"bars": bars, "label": label if index % every == 0 else None, "lx": round(x0 + slot / 2, 1)}
        )
    return {
        "width": width,
        "height": height,
        "points": shapes,
        "axis_y": height - bottom,
        "label_y": height - 6,
        "top": top,
        "left": left,
    }
