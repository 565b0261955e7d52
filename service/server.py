"""The FastAPI app and `serve`, which `matcher serve` and `matcher demo` call.

`create_app(settings)` builds an app; nothing is opened until the app starts:
its lifespan opens the Matcher (database, embedding model) and builds the
index from SQLite and the embedding cache, once per process. Run it with
`matcher serve`, or `uvicorn --factory service.server:create_app`.
"""
from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager
from functools import partial
from typing import AsyncIterator

import uvicorn
from fastapi import FastAPI
from threadpoolctl import threadpool_limits
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from matcher import __version__
from matcher.engine import Matcher

from .api_docs import install_api_docs
from .allowed_methods import AllowedMethods
from .body_limit import BodySizeLimit
from .errors import install_error_handlers
from .pages import FormTokenGuard, install_pages, refused_form
from .rate_limit import RateLimiter, limits_path
from .routers import alliances, health, introductions, profiles, search
from .settings import Settings, SettingsError
from .security_headers import SecureASGIMiddleware, security_headers
from .shared_matcher import SharedMatcher

DESCRIPTION = """Ranked, explained partner suggestions for the cultural field of Brussels and Flanders.

Reading profiles, matches and search is open. Changing a profile needs `Authorization: Bearer KEY`
with its owner key (returned once by `POST /profiles`) or the admin key; `contact` is shown only to
those keys. Errors are JSON `{"detail": "..."}`.
"""


def open_matcher(settings: Settings) -> Matcher:
    return Matcher.from_settings(settings)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The HTTP service; `settings` default to the MATCHER_* environment variables."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # One BLAS thread per process: requests run side by side (reader threads, worker processes),
        # and BLAS threads of their own spin and fight for the same cores. On 2 cores with 2 workers,
        # 32 clients got 0.8x the throughput of one client with BLAS's threads, 1.8x without
        # (benchmarks/load.py, 20,000 profiles).
        threadpool_limits(limits=1, user_api="blas")
        shared = SharedMatcher()
        await shared.start(partial(open_matcher, settings))
        app.state.matcher = shared
        try:
            yield
        finally:
            await shared.stop()

    app = FastAPI(title="matcher", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)  # /docs from packaged files instead (api_docs.py)
    app.state.settings = settings
    # in a file beside the database, so every worker process counts a client's requests together
    limits = limits_path(settings.db_path)
    app.state.rate_limiter = RateLimiter(settings.rate, limits) if settings.rate else None
    app.state.sign_in_limiter = RateLimiter(settings.sign_in_rate, limits, "sign-in") \
        if settings.sign_in_rate else None
    # The last added runs first: the client's address, headers on every answer, the body's size, then
    # the form token of a post to a page (reading a body the size limit has bounded).
    app.add_middleware(FormTokenGuard, refuse=refused_form)
    app.add_middleware(AllowedMethods)  # OPTIONS and 405 name every method of the path
    app.add_middleware(BodySizeLimit, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(SecureASGIMiddleware, secure=security_headers())
    if settings.trusted_proxies:  # only these may say who the client is (X-Forwarded-For)
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))
    install_error_handlers(app)
    install_api_docs(app)
    for router in (health.router, profiles.router, search.router, alliances.router, introductions.router):
        app.include_router(router)
    install_pages(app)  # the web pages (/, /ui/...) and /static; after the error handlers, which it extends
    return app


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Serve the settings' database until interrupted; returns an exit code."""
    logging.getLogger("matcher").setLevel(logging.INFO)  # what the library does at start-up, in the service log
    if settings.workers < 1:
        raise SettingsError("--workers: must be at least 1")
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
    workers = f" with {settings.workers} worker processes" if settings.workers > 1 else ""
    print(f"matcher: serving {settings.db_path} at {url}{workers} (API docs at {url}/docs)", flush=True)
    # uvicorn's own proxy headers are off: it would trust X-Forwarded-For from 127.0.0.1; the app
    # trusts only MATCHER_TRUSTED_PROXIES (create_app)
    if settings.workers > 1:
        # Each worker process builds its app from the environment: what was given on the command
        # line is passed on there. The settings themselves came from the environment otherwise.
        os.environ["MATCHER_DB"] = settings.db_path
        target, app_options = "service.server:create_app", {"factory": True, "workers": settings.workers}
    else:
        target, app_options = create_app(settings), {}
    try:
        uvicorn.run(target, host=host, port=port, log_level="info", proxy_headers=False, **app_options)
    except SystemExit as stop:  # uvicorn exits this way when it cannot start
        return stop.code if isinstance(stop.code, int) else 1
    return 0
