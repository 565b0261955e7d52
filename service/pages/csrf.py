"""Form tokens: a post to a page is taken only with the token that this site's own form holds.

Every form that posts (or any other unsafe method) under `/ui` carries a
hidden `csrf_token` (the template global `csrf_input()` writes it); a script
may send it as the `X-CSRF-Token` header instead. `FormTokenGuard` refuses a
request without the right token with a 403 page in the visitor's language,
before any route runs, whatever its Origin header says (or lacks).

The token is an HMAC of a secret the browser holds in an HttpOnly cookie and
another site can neither read nor set: the session id once signed in (so a
token is bound to its session and ends with it), else a random value in the
`matcher_form` cookie, given with the first page that holds a form. The
service keeps no secret of its own, so tokens hold across restarts and
across processes.

Libraries weighed: starlette-csrf reads the token from a header only, which
a plain HTML form cannot send; asgi-csrf lets a post through unchecked when
it carries no cookie at all, unless its path is listed; fastapi-csrf-protect
keeps its configuration in class-level globals, one per process, and binds
nothing to the session.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from urllib.parse import parse_qs

from markupsafe import Markup
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from ..body_limit import replaying
from .session import SESSION_COOKIE

FORM_COOKIE = "matcher_form"
TOKEN_FIELD = "csrf_token"
TOKEN_HEADER = "x-csrf-token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
MAX_BINDING_CHARS = 128  # longer cookies are not ours
_PURPOSE = b"matcher form token v1"


def is_page(path: str) -> bool:
    return path == "/" or path == "/ui" or path.startswith("/ui/")


def token_for(binding: str) -> str:
    """The form token of a session id or `matcher_form` value."""
    digest = hmac.new(binding.encode("utf-8"), _PURPOSE, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def binding_of(cookies: dict[str, str]) -> str | None:
    """What the tokens of a browser are bound to: its session id, else its `matcher_form` value."""
    for name in (SESSION_COOKIE, FORM_COOKIE):
        value = cookies.get(name)
        if value and len(value) <= MAX_BINDING_CHARS:
            return value
    return None


def bind_forms_to_session(request: Request, session_id: str) -> None:
    """The page rendered next in this request holds forms for this new session (signing in
    and showing a page in one answer, as creating a profile does)."""
    request.state.form_binding = session_id


def form_token(request: Request) -> str:
    """The token for this request's forms; when the browser holds nothing to bind it to yet, a new
    `matcher_form` value is made, which `set_form_cookie` then gives to the browser."""
    binding = getattr(request.state, "form_binding", None) or binding_of(request.cookies)
    if binding is None:
        binding = request.state.new_form_cookie = secrets.token_urlsafe(32)
        request.state.form_binding = binding
    return token_for(binding)


def csrf_input(request: Request) -> Markup:
    """The hidden field every posting form holds: `{{ csrf_input() }}` in a template."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(TOKEN_FIELD, form_token(request))


def set_form_cookie(request: Request, response) -> None:
    """Give the browser the `matcher_form` value its page's tokens were made from, if it was new."""
    value = getattr(request.state, "new_form_cookie", None)
    if value:
        response.set_cookie(FORM_COOKIE, value, path="/", httponly=True, samesite="lax",
                            secure=request.url.scheme == "https")


def token_fits(cookies: dict[str, str], sent: str | None) -> bool:
    binding = binding_of(cookies)
    if binding is None or not sent:
        return False
    return hmac.compare_digest(token_for(binding).encode("ascii"), sent.encode("utf-8", "replace"))


class FormTokenGuard:
    """ASGI middleware: an unsafe request to a page without the right form token gets `refuse`'s
    answer (a 403 page); the body, read here, is given again to the app. Put it inside the body
    size limit, which bounds what is read."""

    def __init__(self, app: ASGIApp, refuse):
        self.app = app
        self.refuse = refuse  # Request -> Response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS or not is_page(scope["path"]):
            await self.app(scope, receive, send)
            return
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
        request = Request(scope)
        if not token_fits(request.cookies, _sent_token(request, body)):
            await self.refuse(request)(scope, receive, send)
            return
        await self.app(scope, replaying(body, receive), send)


def _sent_token(request: Request, body: bytes) -> str | None:
    if request.headers.get(TOKEN_HEADER):
        return request.headers[TOKEN_HEADER]
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return None
    try:
        values = parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=10_000).get(TOKEN_FIELD)
    except ValueError:  # more fields than any form of ours
        return None
    return values[0] if values else None
