"""One GET under the URL guard of :mod:`crosswire.ingest.fetch` (each hop's addresses checked
and connected to as checked, redirects followed only to allowed addresses, a deadline, the
size cap), with a conditional request (``If-None-Match`` / ``If-Modified-Since``) when the
validators of an earlier answer are known. A 304 is an answer with no body."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from crosswire.errors import RefusedURLError
from crosswire.ingest.base import IngestConfig
from crosswire.ingest.fetch import GuardedTransport, read_body
from crosswire.ingest.url import url_id
from crosswire.models import RejectionReason

__all__ = ["Answer", "Failure", "http_get"]

_TRANSIENT_STATUS = frozenset({408, 425, 429})


@dataclass(frozen=True, slots=True)
class Answer:
    """A 2xx or 304 answer: the final URL (after redirects), the body (empty for a 304) and
    the validators to send next time."""

    status: int
    url: str
    body: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a GET gave nothing: a Rejection reason code (``refused``, ``http-status``,
    ``timeout``, ``fetch-failed``, ``too-large``, ...) and a message a user can act on."""

    reason: RejectionReason
    message: str
    status: int | None = None
    retry_after_s: float | None = None

    @property
    def transient(self) -> bool:
        """True when trying again later may work (a timeout, a dropped connection, a 5xx,
        408, 425 or 429); False for refusals, 4xx answers and bodies that are too large."""
        if self.reason in ("timeout", "fetch-failed"):
            return True
        return self.status is not None and (self.status >= 500 or self.status in _TRANSIENT_STATUS)


def _retry_after(value: str | None) -> float | None:
    """Seconds of a ``Retry-After: N`` header (an HTTP date there is not used)."""
    try:
        seconds = float(value) if value else None
    except ValueError:
        return None
    return seconds if seconds is not None and 0 <= seconds < 1e9 else None


def _headers(*, user_agent: str, etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def http_get(url: str, *, config: IngestConfig, user_agent: str, etag: str | None = None,
             last_modified: str | None = None) -> Answer | Failure:
    """GET ``url`` under the guard; ``etag`` / ``last_modified`` make it conditional."""
    deadline = time.monotonic() + config.url_deadline_s
    transport = GuardedTransport(config=config, deadline=deadline)
    headers = _headers(user_agent=user_agent, etag=etag, last_modified=last_modified)
    try:
        # trust_env=False: an environment proxy would bypass the guard (as in ingest.fetch)
        with httpx.Client(transport=transport, timeout=config.url_timeout_s, headers=headers,
                          follow_redirects=True, trust_env=False) as client, \
                client.stream("GET", url) as response:
            status = response.status_code
            if status >= 400 or (status >= 300 and status != 304):
                return Failure("http-status", f"HTTP {status}", status=status,
                               retry_after_s=_retry_after(response.headers.get("retry-after")))
            body = b""
            if status != 304:
                got = read_body(response, config=config, doc_id=url_id(url), url=url)
                if not isinstance(got, bytes):
                    return Failure(got.reason, got.message)
                body = got
            return Answer(status=status, url=str(response.url), body=body,
                          content_type=response.headers.get("content-type", ""),
                          etag=response.headers.get("etag"),
                          last_modified=response.headers.get("last-modified"))
    except RefusedURLError as exc:
        return Failure("refused", str(exc))
    except httpx.HTTPError as exc:
        if isinstance(exc, httpx.TimeoutException) or time.monotonic() >= deadline:
            return Failure("timeout", f"no complete answer within url_timeout_s="
                           f"{config.url_timeout_s}s / url_deadline_s={config.url_deadline_s}s")
        return Failure("fetch-failed", f"{type(exc).__name__}: {exc}")
    finally:
        transport.close()
