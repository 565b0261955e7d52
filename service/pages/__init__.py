"""The web pages for people: server-rendered Jinja2 templates over the same Matcher the API uses.

`install_pages(app)` adds the page routes, the static files (/static) and
HTML error pages for page paths (`/` and `/ui/...`); the API keeps its JSON
errors. Layout:

| module | holds |
| --- | --- |
| `routes.py` | the page routes, thin: one Matcher call each |
| `introductions.py` | asking to be introduced, the inbox and the notifications |
| `views.py` | what a page shows, gathered on the Matcher's thread |
| `profile_form.py` | the profile form as typed, to and from `Profile`, errors per field |
| `session.py` | who is looking: server-side sessions opened with an owner or the admin key |
| `csrf.py` | the form token every posting form holds, and the guard that refuses a post without it |
| `i18n.py`, `messages.py` | the page language, and every word in nl, fr and en |
| `maps.py` | map geometry from the municipality boundaries, cached per view |
| `rendering.py` | templates, the language switch, form bodies |
"""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .csrf import FormTokenGuard, is_page
from .introductions import router as introductions_router
from .rendering import STATIC_DIR, render
from .routes import router

__all__ = ["FormTokenGuard", "install_pages", "is_page", "refused_form"]

ERROR_PAGES = {403: "error_403", 404: "error_404", 429: "error_429"}


def error_page(request: Request, status_code: int, headers: dict | None = None):
    prefix = ERROR_PAGES.get(status_code, "error_other")
    retry = (headers or {}).get("Retry-After", "60")
    return render(request, "error.html", {"prefix": prefix, "retry": retry, "status_code": status_code},
                  None, status_code=status_code, headers=headers)


def refused_form(request: Request):
    """The 403 page for a post without the right form token (FormTokenGuard), in the visitor's language."""
    return render(request, "error.html", {"prefix": "error_form", "retry": "", "status_code": 403}, None,
                  status_code=403, headers={"Cache-Control": "no-store"})


def install_pages(app: FastAPI) -> None:
    """Serve the web pages and their static files from `app`."""
    app.include_router(router)
    app.include_router(introductions_router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> FileResponse:  # browsers ask for it on every site, whatever the pages link
        return FileResponse(STATIC_DIR / "favicon.ico", media_type="image/x-icon",
                            headers={"Cache-Control": "public, max-age=86400"})
    json_validation_handler = app.exception_handlers.get(RequestValidationError)

    async def http_error(request: Request, error: StarletteHTTPException):
        if is_page(request.url.path):
            return error_page(request, error.status_code, getattr(error, "headers", None))
        return await http_exception_handler(request, error)

    async def validation_error(request: Request, error: RequestValidationError):
        if is_page(request.url.path):
            return error_page(request, 400)
        return await json_validation_handler(request, error)

    app.add_exception_handler(StarletteHTTPException, http_error)
    if json_validation_handler is not None:
        app.add_exception_handler(RequestValidationError, validation_error)
