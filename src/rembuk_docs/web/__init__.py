"""The web app for secretaries: ``rembuk-docs serve`` (needs the ``web`` extra).

Importing this package is cheap; the app and its dependencies (Starlette, uvicorn) load when
:func:`create_app` or :func:`serve` is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import Settings, create_app
    from .server import serve


def __getattr__(name: str) -> Any:
    if name in ("Settings", "create_app"):
        from . import app

        return getattr(app, name)
    if name == "serve":
        from .server import serve

        return serve
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Settings", "create_app", "serve"]
