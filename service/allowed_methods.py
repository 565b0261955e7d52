"""`OPTIONS` and `405` name every method a path takes, and a fixed path beats a parameter.

Starlette hands a request whose path some route matches but whose method none
takes to the first route with that path, and that route's 405 names its own
methods only. FastAPI makes one route per method, so `/profiles/{id}`, whose
GET comes first, answered `Allow: GET` though it takes PUT and DELETE too,
and OPTIONS got that 405. This middleware answers OPTIONS on a known path with
204 and the path's methods, and puts the same list in every 405.

A path that a route names in full (`/profiles/bulk`) is that resource only:
a method it does not take is answered 405, not handed to a route with a
parameter that the same path also fits (`GET /profiles/bulk` was read as the
profile 'bulk', which the OpenAPI document does not say).
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Iterable

from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

try:  # recent FastAPI keeps included routers whole in app.routes; this walks the routes inside them
    from fastapi.routing import iter_route_contexts
except ImportError:  # older FastAPI copies every route into the app's list
    iter_route_contexts = None

METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def every_route(routes: list[BaseRoute]) -> Iterable:
    """The app's routes, those of included routers among them."""
    return iter_route_contexts(routes) if iter_route_contexts is not None else routes


def fixed_paths(routes: list[BaseRoute]) -> dict[str, set[str]]:
    """The methods of each path that a route names in full (no parameter)."""
    found: dict[str, set[str]] = defaultdict(set)
    for route in every_route(routes):
        path, methods = getattr(route, "path", None), getattr(route, "methods", None)
        if path and methods and "{" not in path:
            found[path] |= methods
    return dict(found)


def allow_header(methods: set[str]) -> str:
    """`GET, PUT, DELETE, OPTIONS`: the methods in a fixed order, and OPTIONS (answered here)."""
    ordered = [method for method in METHOD_ORDER if method in methods]
    return ", ".join([*ordered, *sorted(methods - set(METHOD_ORDER) - {"OPTIONS"}), "OPTIONS"])


def matching_methods(scope: Scope) -> set[str]:
    """The methods of the routes whose path matches the request's."""
    methods: set[str] = set()
    for route in every_route(scope["app"].routes):
        route_methods = getattr(route, "methods", None)
        if route_methods and route.matches(scope)[0] is not Match.NONE:
            methods |= route_methods
    return methods


class AllowedMethods:
    """ASGI middleware: OPTIONS answered with `Allow`, every 405's `Allow` made whole, and a fixed
    path's methods kept to its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._fixed: dict[str, set[str]] | None = None  # the routes are all there at the first request

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._fixed is None:
            self._fixed = fixed_paths(scope["app"].routes)
        fixed = self._fixed.get(scope["path"])
        method = scope["method"]
        if method == "OPTIONS":
            methods = fixed or matching_methods(scope)
            if methods:
                await _answer(send, 204, allow_header(methods))
                return
        elif fixed is not None and method not in fixed:
            await _answer(send, 405, allow_header(fixed), {"detail": "Method Not Allowed"})
            return

        async def send_with_allow(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 405:
                methods = fixed or matching_methods(scope)
                if methods:
                    headers = [(name, value) for name, value in message.get("headers", []) if name.lower() != b"allow"]
                    message = {**message, "headers": [*headers, (b"allow", allow_header(methods).encode("latin-1"))]}
            await send(message)

        await self.app(scope, receive, send_with_allow)


async def _answer(send: Send, status: int, allowed: str, body: dict | None = None) -> None:
    content = json.dumps(body).encode("utf-8") if body is not None else b""
    headers = [(b"allow", allowed.encode("latin-1"))]
    if body is not None:
        headers += [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content})
