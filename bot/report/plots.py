"""The report's charts, as inline SVG (no file beside the report, no script)."""

from __future__ import annotations

import io
import re
from typing import List, Sequence

# Text stays text in the SVG: smaller files, and the browser's fonts.
_RC = {"svg.fonttype": "none", "font.size": 9}
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.DOTALL)
COLOURS = {"main": "#3569a8", "good": "#3a8f5c", "bad": "#c0504d", "grey": "#9a9a9a"}


def _figure(width: float = 6.4, height: float = 2.6):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    return figure, figure.subplots()


def _svg(figure) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context(_RC):
        figure.savefig(buffer, format="svg")
    text = buffer.getvalue()
    # The XML prologue is not allowed inline, and the metadata block is noise.
    return _METADATA.sub("", text[text.index("<svg") :])


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def bars(
    labels: Sequence[str],
    values: Sequence[float],
    title: str,
    colours: Sequence[str] | None = None,
    horizontal: bool = False,
) -> str:
    """A bar chart with each bar's value written on it."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        height = max(1.6, 0.32 * len(labels) + 0.8) if horizontal else 2.6
        figure, ax = _figure(height=height)
        colour = list(colours) if colours else COLOURS["main"]
        if horizontal:
            drawn = ax.barh(
                list(labels)[::-1],
                list(values)[::-1],
                color=colour[::-1] if colours else colour,
            )
        else:
            drawn = ax.bar(list(labels), list(values), color=colour)
            if len(labels) > 5:
                ax.tick_params(axis="x", labelrotation=45)
        ax.bar_label(drawn, fmt="%g", padding=2)
        ax.set_title(title, loc="left")
        _style(ax)
        return _svg(figure)


def line(labels: List[str], values: List[float], title: str, percent=True) -> str:
    """A line over days (the share of fallback messages)."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        figure, ax = _figure()
        shown = [v * 100 for v in values] if percent else values
        ax.plot(labels, shown, marker="o", color=COLOURS["main"])
        ax.set_ylim(bottom=0, top=max(shown + [1]) * 1.2)
        if percent:
            ax.set_ylabel("% of user messages")
        if len(labels) > 5:
            ax.tick_params(axis="x", labelrotation=45)
        ax.set_title(title, loc="left")
        _style(ax)
        return _svg(figure)


def stacked(labels, helped, not_helped, title: str) -> str:
    """Horizontal bars of helped / did not help per passage."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        figure, ax = _figure(height=max(1.6, 0.32 * len(labels) + 0.9))
        labels, helped, not_helped = labels[::-1], helped[::-1], not_helped[::-1]
        ax.barh(labels, not_helped, color=COLOURS["bad"], label="did not help")
        ax.barh(labels, helped, left=not_helped, color=COLOURS["good"], label="helped")
        ax.legend(loc="lower right", frameon=False)
        ax.set_title(title, loc="left")
        _style(ax)
        return _svg(figure)
