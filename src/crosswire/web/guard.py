"""What every response of the web app gets, whatever route answers: a trusted-host check, HEAD
wherever GET is, and the security headers (``nosniff`` on HTML, JSON, errors and redirects).

Pure ASGI middleware: each wraps the app and sees every request and response.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "DEFAULT_ALLOWED_HOSTS",
    "SECURITY_HEADERS",
    "HeadAsGet",
    "SecurityHeaders",
    "allowed_host_names",
    "trusted_hosts",
]

# Loopback names only: a page on another site that makes its own name resolve to 127.0.0.1
# (DNS rebinding) sends its own name as Host and is refused.
DEFAULT_ALLOWED_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def allowed_host_names(hosts: Iterable[str], /) -> tuple[str, ...]:
    """Host names as a Host header carries them, lower case, sorted, once each: an IPv6
    literal in brackets (``::1`` -> ``[::1]``)."""
    out = set()
    for host in hosts:
        name = host.strip().lower()
        if ":" in name and not name.startswith("["):
            name = f"[{name}]"
        if name:
            out.add(name)
    return tuple(sorted(out))


def trusted_hosts(app: ASGIApp, *, hosts: Iterable[str]) -> ASGIApp:
    """``app`` answering only requests whose Host is one of ``hosts`` (any port); others get
    400. ``*`` allows any host (the operator's explicit choice)."""
    return TrustedHostMiddleware(app, allowed_hosts=list(allowed_host_names(hosts)),
                                 www_redirect=False)


class SecurityHeaders:
    """Adds ``headers`` to every HTTP response that does not set them itself."""

    def __init__(self, app: ASGIApp, *, headers: Mapping[str, str] = SECURITY_HEADERS) -> None:
        self.app = app
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1"))
                        for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                present = {k.lower() for k, _ in raw}
                raw += [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": raw}
            await send(message)

        await self.app(scope, receive, with_headers)


class HeadAsGet:
    """HEAD answered wherever GET is: the GET response's status and headers, no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def no_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, no_body)
