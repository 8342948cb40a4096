"""``rembuk-docs serve``: start the web app with uvicorn on this machine."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..messages import text


def default_data_dir() -> Path:
    """Where drafts live by default: the user's data directory, folder 'rembuk-docs'."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "rembuk-docs"


def add_arguments(command: argparse.ArgumentParser) -> None:
    """The options of ``serve`` (registered by the CLI without importing the web stack)."""
    command.add_argument(
        "--host",
        default="127.0.0.1",
        help=text("cli.serve.host"),
    )
    command.add_argument("--port", type=int, default=8040, help=text("cli.serve.port"))
    command.add_argument(
        "--data", metavar="FOLDER", help=text("cli.serve.data", folder=default_data_dir())
    )
    command.add_argument("--workers", type=int, default=2, help=text("cli.serve.workers"))
    command.add_argument(
        "--render-timeout",
        type=float,
        default=120.0,
        metavar="DETIK",
        help=text("cli.serve.render_timeout"),
    )
    command.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAMA",
        help=text("cli.serve.allow_host"),
    )
    command.add_argument(
        "--formats",
        action="append",
        default=[],
        metavar="FOLDER",
        help=text("cli.serve.formats"),
    )


def serve(args: argparse.Namespace) -> int:
    """Run the server until interrupted; 2 when the web extra is missing or an option is wrong."""
    try:
        import multipart  # noqa: F401  (python-multipart, for uploads)
        import starlette  # noqa: F401
        import uvicorn
    except ImportError as exc:
        print(
            f"galat: aplikasi web memerlukan paket tambahan ({exc.name}); pasang dengan: "
            "pip install 'rembuk-docs[web]'",
            file=sys.stderr,
        )
        return 2
    if not 0 < args.port < 65536:
        print("galat: --port harus antara 1 dan 65535", file=sys.stderr)
        return 2
    if args.workers < 1:
        print("galat: --workers paling sedikit 1", file=sys.stderr)
        return 2
    if not 1 <= args.render_timeout <= 3600:
        print("galat: --render-timeout harus antara 1 dan 3600 detik", file=sys.stderr)
        return 2
    import secrets

    from .app import Settings, create_app
    from .engine import PackFolderError
    from .security import is_loopback

    data = Path(args.data).expanduser() if args.data else default_data_dir()
    data.mkdir(parents=True, exist_ok=True)
    token = None if is_loopback(args.host) else secrets.token_urlsafe(24)
    settings = Settings(
        data,
        host=args.host,
        port=args.port,
        workers=args.workers,
        render_timeout=args.render_timeout,
        token=token,
        allowed_hosts={f"{name}:{args.port}" for name in args.allow_host},
        formats=[Path(folder) for folder in args.formats],
    )
    try:
        app = create_app(settings)
    except PackFolderError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 2
    shown = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    address = f"http://{shown}:{args.port}/"
    print(f"rembuk-docs: aplikasi web berjalan di {address}", flush=True)
    if token:
        print(
            "Server ini dapat dijangkau dari komputer lain, jadi memerlukan token akses.\n"
            f"Buka: http://NAMA-SERVER:{args.port}/?token={token}\n"
            "Bagikan alamat itu hanya kepada pengguna yang berhak.",
            flush=True,
        )
    print(
        f"Draf disimpan di {data}. Satu pembuatan dokumen paling lama "
        f"{args.render_timeout:g} detik. Tekan Ctrl+C untuk berhenti.",
        flush=True,
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        server_header=False,
        proxy_headers=False,
        access_log=False,
    )
    return 0
