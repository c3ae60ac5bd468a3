"""Names beside the nodes of a network figure: inside the figure, never over another name or node.

Plotly does not move text out of the way, so the builders place it: the plotting area is assumed to be
``Canvas.width`` × ``Canvas.height`` pixels (a narrow page column; a wider one only spreads the nodes
further apart, a name's size does not change), each name is measured from its length and the font size,
and the most important nodes choose first: beside their marker on one of eight sides, else set off a
little further with a thin line to the node (a hub's sides are crowded by its neighbours). A name that
fits nowhere is left to the hover. The names are annotations (``annotations``), placed to the pixel.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

CHAR_WIDTH = 0.62  # a character's mean width in font sizes (Open Sans, plotly's font), rounded up
LINE_HEIGHT = 1.35  # a line's height in font sizes
GAP = 2.0  # pixels kept free around each name
# sides of a marker, most natural first: (horizontal, vertical), -1 left/below, 0 centred, 1 right/above
SIDES = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))
SET_OFF = (0.0, 1.2, 2.6)  # distances from the marker tried, in lines: beside it, then with a leader line
LEADER_COLOR = "#94a3b8"

Box = tuple[float, float, float, float]  # left, bottom, right, top, in pixels from the bottom left corner


@dataclass(frozen=True)
class Canvas:
    """The plotting area: its assumed size in pixels and the axis ranges that map onto it."""

    width: float
    height: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    @classmethod
    def around(cls, points: Sequence[tuple[float, float]], width: float, height: float,
               margin: float) -> "Canvas":
        """Axis ranges that keep ``margin`` pixels between the outermost points and the edges: room for a
        name on the outer side of a node when the inner side is crowded."""
        xs, ys = [p[0] for p in points], [p[1] for p in points]

        def padded(lo: float, hi: float, pixels: float) -> tuple[float, float]:
            span = (hi - lo) or 1.0
            pad = span * margin / max(pixels - 2 * margin, 1.0)
            return lo - pad, hi + pad

        return cls(width, height, padded(min(xs), max(xs), width), padded(min(ys), max(ys), height))

    def pixels(self, x: float, y: float) -> tuple[float, float]:
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return (x - x0) / (x1 - x0) * self.width, (y - y0) / (y1 - y0) * self.height


@dataclass(frozen=True)
class Label:
    """Where a node's name goes: its centre ``dx``, ``dy`` pixels from the node's (y up); ``leader``: set off
    from the marker, with a line to it."""

    dx: float
    dy: float
    leader: bool


def text_size(text: str, font_size: float) -> tuple[float, float]:
    """The pixels a one-line name takes, width and height (an estimate: plotly cannot be asked)."""
    return len(text) * CHAR_WIDTH * font_size, LINE_HEIGHT * font_size


def _candidates(radius: float, size: tuple[float, float], font_size: float) -> list[Label]:
    width, height = size
    out = []
    for lines in SET_OFF:
        reach = radius + GAP + lines * LINE_HEIGHT * font_size
        for horizontal, vertical in SIDES:
            out.append(Label(horizontal * (reach + width / 2), vertical * (reach + height / 2), lines > 0))
    return out


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] + GAP and b[0] < a[2] + GAP and a[1] < b[3] + GAP and b[1] < a[3] + GAP


def place_labels(ranked: Sequence[str], texts: Mapping[str, str], position: Mapping[str, tuple[float, float]],
                 radius: Mapping[str, float], canvas: Canvas, font_size: float) -> dict[str, Label]:
    """A ``Label`` for each node of ``ranked`` (most important first) whose name (``texts``) fits inside the
    canvas without touching a name already placed or any node's marker; nodes left out have no room (their
    name stays on hover). ``position``: every node's data coordinates; ``radius``: its marker's, in pixels."""
    centre = {node: canvas.pixels(*position[node]) for node in position}
    markers = {node: (x - radius[node], y - radius[node], x + radius[node], y + radius[node])
               for node, (x, y) in centre.items()}
    placed: dict[str, Label] = {}
    taken: list[Box] = []
    for node in ranked:
        x, y = centre[node]
        width, height = size = text_size(texts[node], font_size)
        for label in _candidates(radius[node], size, font_size):
            cx, cy = x + label.dx, y + label.dy
            box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= canvas.width and box[3] <= canvas.height
            others = [marker for other, marker in markers.items() if other != node]
            if inside and not any(_overlap(box, other) for other in taken + others):
                placed[node] = label
                taken.append(box)
                break
    return placed


def annotations(placed: Mapping[str, Label], texts: Mapping[str, str], position: Mapping[str, tuple[float, float]],
                radius: Mapping[str, float], font_size: float, color: str = "#1f2937") -> list[dict]:
    """The placed names as plotly annotations (``texts``: as plotly should print them, escaped)."""
    out = []
    for node, label in placed.items():
        x, y = position[node]
        common = dict(x=x, y=y, xref="x", yref="y", text=texts[node], font=dict(size=font_size, color=color),
                      xanchor="center", yanchor="middle")
        if label.leader:  # the text's centre at the line's tail; the line stops at the marker's edge
            out.append(dict(common, showarrow=True, ax=label.dx, ay=-label.dy, axref="pixel", ayref="pixel",
                            arrowhead=0, arrowwidth=1, arrowcolor=LEADER_COLOR, standoff=radius[node]))
        else:
            out.append(dict(common, showarrow=False, xshift=label.dx, yshift=label.dy))
    return out
