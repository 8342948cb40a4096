"""Write the example photos of the Banyuasin sample's dokumentasi (banyuasin-2024-dokumentasi/).

The seed has no photos of the event, so these are drawn: a plain scene (a hall, a table, people
as shapes) with 'CONTOH FOTO' across it, so nobody takes them for real documentation. The
sample lists them with example: true (the pack stays DRAF). One is stored turned on its side with
an EXIF orientation, as phones store photos, to show that the page turns it upright.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "banyuasin-2024-dokumentasi"
FONT = HERE.parent / "templates" / "fonts" / "LiberationSans-Bold.ttf"
SIZE = (960, 720)
# file name, scene colour, how many people, EXIF orientation
PHOTOS = (
    ("01-pembukaan.jpg", (176, 196, 222), 3, 1),
    ("02-paparan-bkkbn.jpg", (205, 220, 190), 5, 1),
    ("03-diskusi.jpg", (230, 210, 180), 8, 6),
    ("04-penandatanganan-komitmen.jpg", (215, 200, 225), 4, 1),
    ("05-foto-bersama.jpg", (200, 215, 215), 9, 1),
)


def scene(colour: tuple[int, int, int], people: int, label: str) -> Image.Image:
    """A drawn room: wall, floor, a table and ``people`` figures, marked 'CONTOH FOTO'."""
    width, height = SIZE
    image = Image.new("RGB", SIZE, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(120, 100, 80))
    draw.rectangle((width // 6, height // 2, width * 5 // 6, height // 2 + 60), fill=(90, 60, 40))
    for n in range(people):
        x = width // 8 + n * (width * 3 // 4) // max(people, 1) + 30
        draw.ellipse((x, height // 3, x + 50, height // 3 + 50), fill=(150, 110, 80))
        draw.rectangle((x - 5, height // 3 + 55, x + 55, height // 2 + 40), fill=(40, 70, 120))
    big = ImageFont.truetype(str(FONT), 64)
    small = ImageFont.truetype(str(FONT), 30)
    draw.text((width // 2, 90), "CONTOH FOTO", font=big, fill=(200, 30, 30), anchor="mm")
    draw.text((width // 2, 160), label, font=small, fill=(30, 30, 30), anchor="mm")
    return image


def main() -> int:
    """Write the photos; return 0."""
    FOLDER.mkdir(exist_ok=True)
    for name, colour, people, orientation in PHOTOS:
        label = Path(name).stem.split("-", 1)[1].replace("-", " ")
        image = scene(colour, people, label)
        exif = Image.Exif()
        exif[0x0112] = orientation
        if orientation == 6:  # stored as the sensor saw it: the viewer turns it right
            image = image.transpose(Image.Transpose.ROTATE_90)
        image.save(FOLDER / name, "JPEG", quality=75, optimize=True, exif=exif)
        print(FOLDER / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
