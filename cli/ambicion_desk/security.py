"""Who may use the desk and what a request may carry: size limit, network key, same-origin forms.

Why each guard:
- a body larger than the limit is refused while it streams in (413), so no upload can fill
  the memory or the disk, whatever its Content-Length says;
- a desk shared on the forum's network (`--host`) answers only to the key printed at start,
  which the browser then keeps in a cookie (SameSite=Lax, HttpOnly);
- a desk on this machine alone answers only to loopback host names (no DNS rebinding);
- every form carries a token derived from the desk's secret and its POST must come from the
  desk's own origin, so another site cannot make the browser record decisions (CSRF).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Callable
from urllib.parse import urlsplit

from starlette.datastructures import URL
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_COOKIE = "desk_key"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
PUBLIC_PATHS = ("/static/", "/report.css")  # style sheets only: the refusal page needs them
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class BodyLimit:
    """Refuse request bodies over `limit` bytes with `page(limit)` as a 413 response."""

    def __init__(self, app: ASGIApp, limit: int, page: Callable[[Request], Response]) -> None:
        self.app, self.limit, self.page = app, limit, page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self.page(Request(scope))(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:  # the app's 413 handler renders the page
                    raise HTTPException(413)
            return message

        await self.app(scope, counted, send)


class Gate:
    """Host check, the network key, the same-origin rule for POSTs and protective headers."""

    def __init__(self, app: ASGIApp, token: str | None,
                 forbidden: Callable[[Request, str], Response]) -> None:
        self.app, self.token, self.forbidden = app, token, forbidden

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k.lower().encode(), v.encode()) for k, v in HEADERS.items()
                    if k.lower().encode() not in have]
            await send(message)

        refusal = self._check(request)
        if isinstance(refusal, str):
            response: Response = self.forbidden(request, refusal)
            await response(scope, receive, with_headers)
            return
        if refusal is not None:
            await refusal(scope, receive, with_headers)
            return
        await self.app(scope, receive, with_headers)

    def _check(self, request: Request) -> str | Response | None:
        host = (request.url.hostname or "").lower()
        if self.token is None and host not in LOOPBACK_HOSTS:
            return "host"
        public = request.method in SAFE_METHODS and request.url.path.startswith(PUBLIC_PATHS)
        if self.token is not None and not public:
            given = request.query_params.get("key")
            if given is not None and hmac.compare_digest(given, self.token):
                if request.method in SAFE_METHODS:  # keep the key in a cookie, drop it from the URL
                    clean = request.url.remove_query_params("key")
                    response = RedirectResponse(str(clean), status_code=303)
                    # lax, not strict: a link opened from a webmail is a cross-site navigation
                    response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="lax")
                    return response
            else:
                cookie = request.cookies.get(TOKEN_COOKIE, "")
                if not hmac.compare_digest(cookie, self.token):
                    return "key"
        if request.method not in SAFE_METHODS and not same_origin(request):
            return "origin"
        return None


def same_origin(request: Request) -> bool:
    """A POST whose Origin (or, lacking it, Referer) names this desk; browsers always send one."""
    claimed = request.headers.get("origin") or request.headers.get("referer")
    if not claimed or claimed == "null":
        return False
    parts = urlsplit(claimed)
    own = URL(str(request.url))
    return (parts.scheme, parts.netloc.lower()) == (own.scheme, own.netloc.lower())


def form_token(secret: str) -> str:
    """The value every form carries; derived from the desk's secret, so other sites cannot know it."""
    return hmac.new(secret.encode(), b"desk-form", hashlib.sha256).hexdigest()


def valid_form_token(given: str | None, secret: str) -> bool:
    return given is not None and hmac.compare_digest(given, form_token(secret))

