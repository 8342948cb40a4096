"""The neutral placeholder emblem: a shield marked 'LAMBANG DAERAH' (or 'LAMBANG NEGARA' in the
kop jabatan), drawn as a PNG until a real logo is set."""

from __future__ import annotations

import io
import math
from functools import cache
from pathlib import Path

from ..diskcache import cached, file_digest
from .resources import builtin_fonts_dir

WIDTH, HEIGHT = 500, 600
"""Pixel size of the emblem (2.2 cm wide in the kop is about 575 dpi)."""
_SCALE = 3  # drawn larger, then reduced: smooth edges without an antialiasing drawing library


def _shield(width: float, height: float, inset: float) -> list[tuple[float, float]]:
    """Outline of a shield: a flat top, straight sides, and curves meeting in a point below."""
    left, right = inset, width - inset
    top, shoulder, tip = inset, height * 0.52, height - inset
    middle = width / 2
    points = [(left, top), (right, top), (right, shoulder)]
    steps = 40
    for step in range(1, steps + 1):  # right curve, a quarter ellipse down to the tip
        angle = step / steps * math.pi / 2
        points.append(
            (
                middle + (right - middle) * math.cos(angle),
                shoulder + (tip - shoulder) * math.sin(angle),
            )
        )
    for step in range(steps - 1, -1, -1):  # left curve, back up to the shoulder
        angle = step / steps * math.pi / 2
        points.append(
            (
                middle - (middle - left) * math.cos(angle),
                shoulder + (tip - shoulder) * math.sin(angle),
            )
        )
    points.append((left, top))
    return points


def _star(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    inner = outer * 0.382
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = -math.pi / 2 + index * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


@cache
def placeholder_emblem(of: str = "DAERAH") -> bytes:
    """PNG bytes of the placeholder emblem (black on white, the colour of a lambang daerah in a
    kop), marked 'LAMBANG' and ``of``: 'DAERAH', or 'NEGARA' where it stands for the lambang
    negara of a kop jabatan, so that nobody takes one for the other.

    Drawn once per user: the PNG is kept in the cache on disk (:mod:`rembuk_docs.diskcache`),
    keyed by this module's source, the font's bytes and Pillow's version (drawing it is about
    80 ms, a tenth of a cold render)."""
    from PIL import __version__ as pillow

    key = (of, file_digest(__file__), file_digest(_font()), pillow)
    return cached("emblem", key, lambda: draw_emblem(of))


def _font() -> Path:
    return builtin_fonts_dir() / "LiberationSans-Bold.ttf"


def draw_emblem(of: str = "DAERAH") -> bytes:
    """The placeholder emblem drawn (:func:`placeholder_emblem` keeps it)."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = WIDTH * _SCALE, HEIGHT * _SCALE
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    line = 9 * _SCALE
    draw.polygon(_shield(width, height, line), fill=0)
    draw.polygon(_shield(width, height, line * 2.6), fill=255)
    draw.line(_shield(width, height, line * 3.6), fill=0, width=max(1, line // 3), joint="curve")
    draw.polygon(_star(width / 2, height * 0.22, width * 0.13), fill=0)
    font = ImageFont.truetype(str(_font()), 62 * _SCALE)
    for text, y in (("LAMBANG", 0.47), (of, 0.60)):
        draw.text((width / 2, height * y), text, fill=0, font=font, anchor="mm")
    small = image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
