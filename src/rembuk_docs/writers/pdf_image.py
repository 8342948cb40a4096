"""Images in the PDF, decoded and compressed once per process and set on no global switch.

reportlab decodes and deflates an image for every document it is drawn in, and chooses its
filters from ``rl_config.useA85``, a process-wide setting. Here a logo is prepared once (by
reportlab's own code), its stream is kept deflated only (an ASCII85 layer, if the host process
asked reportlab for one, is removed), and every document gets a fresh XObject built from that
snapshot. The drawing operators are the ones ``Canvas.drawImage`` writes, so the bytes are those of
reportlab's ``Image`` flowable built with ``useA85 = 0``.

The prepared image is kept in the cache on disk too (:mod:`rembuk_docs.diskcache`): a fresh
process reads the kop's emblem as prepared instead of decoding and deflating it again (and
without loading Pillow's image plugins), issue 19.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import threading
import zlib
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab import Version as reportlab_version
from reportlab import rl_config
from reportlab.lib import utils as reportlab_utils
from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfutils import asciiBase85Decode
from reportlab.platypus import Flowable

from ..diskcache import cached, file_digest

_LOCK = threading.Lock()
_CACHE: dict[str, _Prepared] = {}
_LIMIT = 16  # distinct logos kept; a process rendering more packs than this re-prepares some


@dataclass(frozen=True)
class _Prepared:
    """What reportlab's PDFImageXObject holds after loading an image, with its soft mask."""

    name: str
    state: dict[str, Any]
    smask: _Prepared | None

    @property
    def width(self) -> int:
        return int(self.state["width"])

    @property
    def height(self) -> int:
        return int(self.state["height"])

    def xobject(self) -> Any:
        """A new PDFImageXObject for one document (objects are not shared between documents)."""
        obj = pdfdoc.PDFImageXObject.__new__(pdfdoc.PDFImageXObject)
        obj.__dict__.update(self.state)
        return obj


def _snapshot(obj: Any) -> dict[str, Any]:
    state = dict(obj.__dict__)
    state.pop("_smask", None)
    filters = tuple(state.get("_filters", ()))
    if filters[:1] == ("ASCII85Decode",):  # the host process has reportlab's default, useA85 = 1
        content = state["streamContent"]
        state["streamContent"] = asciiBase85Decode(
            content.decode("latin-1") if isinstance(content, bytes) else content
        )
        state["_filters"] = filters[1:]
    return state


def _prepare(data: bytes, digest: str) -> _Prepared:
    """The image of ``data`` (its SHA-256 ``digest``) as prepared, from the cache on disk when a
    process prepared it before. The key names what the preparing reads: the image's bytes, the
    versions of reportlab, Pillow and zlib (the deflated stream), the source of reportlab's
    image reader and XObject and of this module, and ``rl_config.useA85``."""
    made: list[_Prepared] = []

    def make() -> bytes:
        prepared = _decoded(data)
        made.append(prepared)
        return _dumped(prepared)

    value = cached("pdf-image", (digest, *_image_code_key()), make)
    if made:
        return made[0]
    loaded = _loaded(value)
    return loaded if loaded is not None else _decoded(data)


@cache
def _image_code_key() -> tuple[str, ...]:
    from PIL import __version__ as pillow

    return (
        reportlab_version,
        pillow,
        zlib.ZLIB_RUNTIME_VERSION,
        file_digest(pdfdoc.__file__),
        file_digest(reportlab_utils.__file__),
        file_digest(__file__),
        repr(rl_config.useA85),
    )


def _dumped(prepared: _Prepared) -> bytes:
    """``prepared`` as marshal data (``b""`` when its state holds what marshal cannot write)."""

    def plain(item: _Prepared | None) -> tuple[Any, ...] | None:
        return None if item is None else (item.name, item.state, plain(item.smask))

    try:
        return marshal.dumps(plain(prepared))
    except ValueError:
        return b""


def _loaded(value: bytes) -> _Prepared | None:
    """The image :func:`_dumped` kept; ``None`` when ``value`` is not one."""

    def item(plain: object) -> _Prepared | None:
        if plain is None:
            return None
        if not isinstance(plain, tuple) or len(plain) != 3:
            raise ValueError("not a prepared image")
        name, state, smask = plain
        if not isinstance(name, str) or not isinstance(state, dict):
            raise ValueError("not a prepared image")
        return _Prepared(name, state, item(smask))

    try:
        return item(marshal.loads(value)) if value else None
    except (EOFError, ValueError, TypeError):  # not a prepared image: made again, not trusted
        return None


def _decoded(data: bytes) -> _Prepared:
    reader = ImageReader(io.BytesIO(data))
    # the name Canvas.drawImage gives an ImageReader drawn with mask='auto'
    raw = reader.getRGBData()
    alpha = reader._dataA
    mask_data = alpha.getRGBData() if alpha else b"auto"
    name = _digester(raw + mask_data)
    obj = pdfdoc.PDFImageXObject(name, reader, mask="auto")
    obj.name = name
    smask_obj = getattr(obj, "_smask", None)
    smask = _Prepared(smask_obj.name, _snapshot(smask_obj), None) if smask_obj is not None else None
    return _Prepared(name, _snapshot(obj), smask)


def prepared(data: bytes) -> _Prepared:
    """The prepared image of ``data`` (a PNG or JPEG), from the cache when seen before."""
    key = hashlib.sha256(data).hexdigest()
    found = _CACHE.get(key)
    if found is not None:
        return found
    with _LOCK:
        found = _CACHE.get(key)
        if found is None:
            found = _prepare(data, key)
            if len(_CACHE) >= _LIMIT:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[key] = found
    return found


class Logo(Flowable):  # type: ignore[misc]
    """An image scaled to fit ``width`` x ``height`` keeping its proportions (as reportlab's
    ``Image(kind='proportional')``), drawn from the prepared cache."""

    _fixedWidth = 1
    _fixedHeight = 1

    def __init__(self, data: bytes, width: float, height: float) -> None:
        super().__init__()
        self.image = prepared(data)
        factor = min(float(width) / self.image.width, float(height) / self.image.height)
        self.drawWidth = self.image.width * factor
        self.drawHeight = self.image.height * factor
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        canvas = self.canv
        canvas._currentPageHasImages = 1
        document = canvas._doc
        image = self.image
        reg_name = document.getXObjectName(image.name)
        if reg_name not in document.idToObject:
            obj = image.xobject()
            canvas._setXObjects(obj)
            document.Reference(obj, reg_name)
            document.addForm(image.name, obj)
            if image.smask is not None:
                mask_name = document.getXObjectName(image.smask.name)
                if mask_name in document.idToObject:
                    obj.smask = pdfdoc.PDFObjectReference(mask_name)
                else:
                    mask = image.smask.xobject()
                    canvas._setXObjects(mask)
                    obj.smask = document.Reference(mask, mask_name)
        x = getattr(self, "_offs_x", 0)
        y = getattr(self, "_offs_y", 0)
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(self.drawWidth, self.drawHeight)
        canvas._code.append(f"/{reg_name} Do")
        canvas.restoreState()
        canvas._formsinuse.append(image.name)
