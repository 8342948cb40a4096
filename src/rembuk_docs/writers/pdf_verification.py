"""The verification mark on a PDF's last page: a QR code (segno) and the short code, in the
bottom margin at the left, drawn as filled squares and text in the embedded font."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

QR_SIZE_CM = 1.8
"""The QR code's largest side, quiet zone included; it stands in the bottom margin."""

QUIET_MODULES = 2
"""Light modules around the code (the page's white margin around it adds the rest)."""

TEXT_SIZE_PT = 7.0


@dataclass(frozen=True, slots=True)
class VerificationMark:
    """What the mark says: ``code`` ('1A2B-3C4D-5E6F-7A8B') under ``label``, ``payload`` in the
    QR code, and an optional second line (the verification address)."""

    code: str
    payload: str
    label: str = "Kode verifikasi"
    second_line: str = ""


def qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code of ``payload`` as rows of dark (True) and light modules, without quiet zone
    (error correction M, the smallest version that holds it)."""
    import segno

    code = segno.make_qr(payload, error="m", boost_error=False)
    return tuple(tuple(bool(module) for module in row) for row in code.matrix)


def qr_side(bottom_margin: float) -> float:
    """The QR code's side (points) for a bottom margin of ``bottom_margin`` points: at most
    :data:`QR_SIZE_CM`, leaving 0.5 cm of the margin free, at least 1.2 cm."""
    return float(max(1.2 * cm, min(QR_SIZE_CM * cm, bottom_margin - 0.5 * cm)))


def draw_mark(
    canvas: Canvas, mark: VerificationMark, font: str, *, left: float, bottom_margin: float
) -> None:
    """Draw ``mark`` at the bottom left of the current page, ``left`` points from the edge."""
    matrix = qr_matrix(mark.payload)
    side = qr_side(bottom_margin)
    module = side / (len(matrix) + 2 * QUIET_MODULES)
    bottom = 0.3 * cm
    origin_x, origin_y = left + QUIET_MODULES * module, bottom + QUIET_MODULES * module
    canvas.saveState()
    canvas.setFillGray(0)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        y = origin_y + (len(matrix) - 1 - row_index) * module
        for column, dark in enumerate(row):
            if dark:
                path.rect(origin_x + column * module, y, module, module)
    canvas.drawPath(path, stroke=0, fill=1)
    text_x = left + side + 0.2 * cm
    middle = bottom + side / 2
    canvas.setFont(font, TEXT_SIZE_PT)
    lines = [f"{mark.label}: {mark.code}", *([mark.second_line] if mark.second_line else [])]
    top = middle + (len(lines) - 1) * TEXT_SIZE_PT * 0.6
    for number, line in enumerate(lines):
        canvas.drawString(text_x, top - number * TEXT_SIZE_PT * 1.2 - TEXT_SIZE_PT / 3, line)
    canvas.restoreState()
