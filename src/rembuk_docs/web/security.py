"""The server's guard: Host check (DNS rebinding), access token off loopback, same-origin posts,
request size limits (413) and error pages without tracebacks."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

USER_COOKIE = "rembuk_pengguna"
ACCESS_COOKIE = "rembuk_akses"
CSRF_FIELD = "_csrf"
CSRF_HEADER = "x-csrf-token"
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


def sign(secret: bytes, purpose: str, value: str) -> str:
    """An HMAC of ``value`` for ``purpose``, as hex."""
    return hmac.new(secret, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


@dataclass
class Policy:
    """What the guard enforces."""

    secret: bytes
    allowed_hosts: set[str]
    token: str | None = None  # required when the server is reachable from other machines
    max_body: int = 16 * 1024 * 1024
    exempt_prefixes: tuple[str, ...] = ("/static/",)
    origins: set[str] = field(default_factory=set)


class Guard:
    """ASGI middleware applying a :class:`Policy` before the app sees a request."""

    def __init__(self, app: ASGIApp, policy: Policy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {
            key.decode("latin-1").lower(): value.decode("latin-1")
            for key, value in scope["headers"]
        }
        host = headers.get("host", "")
        if host.lower() not in self.policy.allowed_hosts:
            await _plain(send, 421, "Alamat server tidak dikenal (Host ditolak).")
            return
        path: str = scope.get("path", "")
        api = path.startswith("/api/")
        if self.policy.token is not None and not await self._token_ok(scope, headers, send, api):
            return
        method = scope.get("method", "GET")
        if method not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get("origin")
            if origin is not None and origin.lower() not in self.policy.origins:
                await _respond(send, 403, "Permintaan dari situs lain ditolak.", api)
                return
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.policy.max_body:
            await _respond(send, 413, _too_large(self.policy.max_body), api)
            return
        received = 0
        limit = self.policy.max_body

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise TooLarge()
            return message

        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, tracking)
        except TooLarge:
            if not started:
                await _respond(send, 413, _too_large(limit), api)

    async def _token_ok(self, scope: Scope, headers: dict[str, str], send: Send, api: bool) -> bool:
        token = self.policy.token
        assert token is not None
        expected = sign(self.policy.secret, "access", token)
        cookies = SimpleCookie()
        cookies.load(headers.get("cookie", ""))
        if ACCESS_COOKIE in cookies and hmac.compare_digest(cookies[ACCESS_COOKIE].value, expected):
            return True
        auth = headers.get("authorization", "")
        if auth.startswith("Bearer ") and hmac.compare_digest(auth[7:].strip(), token):
            return True
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.pop("token", [""])[0]
        if given and hmac.compare_digest(given, token):
            rest = urlencode(query, doseq=True)
            location = scope.get("path", "/") + (f"?{rest}" if rest else "")
            cookie = f"{ACCESS_COOKIE}={expected}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000"
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [(b"location", location.encode()), (b"set-cookie", cookie.encode())],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return False
        if any(scope.get("path", "").startswith(prefix) for prefix in self.policy.exempt_prefixes):
            return True
        await _respond(
            send,
            401,
            "Server ini memerlukan token akses. Buka alamat lengkap yang dicetak saat server "
            "dimulai (berakhiran ?token=...).",
            api,
        )
        return False


class TooLarge(Exception):
    """The request body went past the limit."""


def _too_large(limit: int) -> str:
    return f"Berkas atau isian terlalu besar; batasnya {limit // (1024 * 1024)} MB."


async def _respond(send: Send, status: int, message: str, api: bool) -> None:
    if api:
        body = json.dumps(
            {
                "valid": False,
                "problems": [{"path": "", "line": None, "message": message, "severity": "error"}],
            },
            ensure_ascii=False,
        ).encode()
        await _send(send, status, body, b"application/json")
    else:
        await _plain(send, status, message)


async def _plain(send: Send, status: int, message: str) -> None:
    page = (
        '<!doctype html><html lang="id"><meta charset="utf-8"><title>rembuk-docs</title>'
        f'<body style="font-family:sans-serif;margin:3rem"><h1>Maaf</h1><p>{message}</p>'
        '<p><a href="/">Kembali ke halaman awal</a></p></body></html>'
    )
    await _send(send, status, page.encode(), b"text/html; charset=utf-8")


async def _send(send: Send, status: int, body: bytes, kind: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
