"""The photo documentation (dokumentasi) of the rembuk: which photos, with what captions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, model_validator

from ..messages import invalid
from .base import StrictModel, Text

CAPTION_MAX = 120
"""The longest caption: three lines under the narrowest photo (four to a page)."""

Caption = Annotated[Text, Field(max_length=CAPTION_MAX)]


class Photo(StrictModel):
    """One photo and its caption."""

    path: Path = Field(
        description=(
            "JPEG or PNG file, relative to the definition's folder (it may not point outside it)."
        )
    )
    caption: Caption = Field(
        description="What the photo shows, e.g. 'Penandatanganan komitmen oleh Bupati Kupang'."
    )
    example: bool = Field(
        default=False,
        description="The photo was made for a sample: the pack stays DRAF while it is listed.",
    )


class Documentation(StrictModel):
    """The photo pages: two to four photos a page, each downscaled and turned upright."""

    photos: list[Photo] = Field(
        default_factory=list,
        description="The photos in order, each with its caption; or give folder.",
    )
    folder: Path | None = Field(
        default=None,
        description=(
            "A folder of JPEG and PNG files, relative to the definition's folder, taken in name "
            "order; each caption is the file's name without extension ('01_pembukaan-acara.jpg' "
            "becomes 'Pembukaan acara'). Give photos or folder, not both."
        ),
    )
    per_page: int = Field(default=4, ge=2, le=4, description="Photos on a page: 2, 3 or 4.")
    example: bool = Field(
        default=False,
        description="Every photo was made for a sample (as a folder of generated photos is).",
    )

    @model_validator(mode="after")
    def _one_source(self) -> Documentation:
        if self.photos and self.folder is not None:
            raise invalid("dokumentasi.photos_and_folder")
        return self
