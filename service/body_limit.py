"""Refuse request bodies over a size limit with 413, before any route reads them.

Both the declared `Content-Length` and the bytes actually received count: a
client that sends more than it declared, or streams without declaring, is
cut off as soon as the limit is passed. The body is read into memory (at most
the limit) and replayed to the app.
"""
from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def too_large_detail(limit: int) -> str:
    return f"request body is larger than the limit of {limit:,} bytes"


class BodySizeLimit:
    """ASGI middleware: 413 for bodies over `max_body_bytes`, 400 for a malformed Content-Length."""

    def __init__(self, app: ASGIApp, max_body_bytes: int):
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await _refuse(send, 400, "Content-Length must be a whole number of bytes")
                return
            if int(declared) > self.max_body_bytes:
                await _refuse(send, 413, too_large_detail(self.max_body_bytes))
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                await _refuse(send, 413, too_large_detail(self.max_body_bytes))
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, replaying(b"".join(chunks), receive), send)


def replaying(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the app a body already read, whole, then the client's own messages
    (a disconnect): for middleware that must read the body before the app does."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _refuse(send: Send, status: int, detail: str) -> None:
    payload = json.dumps({"detail": detail}).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode("ascii")),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": payload})
