"""What every chart shares: its colours and the escaping of user text for plotly labels."""

from __future__ import annotations

import colorsys
import html
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f",
           "#ff9da7", "#bab0ac", "#86bcb6", "#d37295", "#a0cbe8")
BASELINE, SUMMARY = "#9a9a9a", "#333333"
SLIP = "#b2182b"
NEUTRAL = "#5b6573"  # legend swatch of layers whose bars take owner or status colours


def esc(text: str | None) -> str:
    """User text made inert for plotly's HTML-like labels.

    Quotes stay as they are: plotly decodes &lt; &gt; &amp; but would show &quot; as typed,
    and with the angle brackets escaped no quote can end up inside a tag.
    """
    return html.escape(text or "", quote=False)


def _hex(rgb: Any) -> str:
    r, g, b = (round(float(v) * 255) for v in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def _lab(rgb: NDArray[np.float64]) -> NDArray[np.float64]:
    """sRGB (rows of 0..1) to CIELAB, where distance is close to how different colours look."""
    linear = np.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
    xyz = linear @ np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                             [0.0193, 0.1192, 0.9505]]).T / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]),
                     200 * (f[:, 1] - f[:, 2])], axis=1)


def _rgb(colour: str) -> list[float]:
    return [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]


@lru_cache(maxsize=8)
def owner_colours(n: int) -> tuple[str, ...]:
    """``n`` distinct owner colours, the same for the same owner order: the palette, then
    further colours, each the one (of hues every 10°, at four lightnesses and two
    saturations) that looks most different from every colour already taken, and from the
    chart's own white, greys, black and slip red."""
    out = list(PALETTE[:n])
    if n <= len(PALETTE):
        return tuple(out)
    grid = np.array([colorsys.hls_to_rgb(h / 36, light, sat) for sat in (0.6, 0.4)
                     for light in (0.45, 0.6, 0.33, 0.72) for h in range(36)])
    lab = _lab(grid)
    taken = [*PALETTE, "#ffffff", "#000000", BASELINE, SUMMARY, NEUTRAL, SLIP]
    nearest = np.full(len(grid), np.inf)
    for c in taken:
        nearest = np.minimum(nearest, np.linalg.norm(lab - _lab(np.array([_rgb(c)])), axis=1))
    for _ in range(min(n - len(out), len(grid))):
        pick = int(np.argmax(nearest))  # the first of equals: deterministic
        if nearest[pick] <= 0:  # only colours already taken are left
            break
        out.append(_hex(grid[pick]))
        nearest = np.minimum(nearest, np.linalg.norm(lab - lab[pick], axis=1))
        nearest[pick] = -1.0  # taken
    seen, j = set(out), 0
    while len(out) < n:  # hundreds of owners: golden-angle hues, never a colour twice
        c = _hex(colorsys.hls_to_rgb(j * 0.381966 % 1, (0.35, 0.5, 0.65)[j % 3],
                                     (0.6, 0.8, 0.4)[j // 3 % 3]))
        j += 1
        if c not in seen:
            seen.add(c)
            out.append(c)
    return tuple(out)
