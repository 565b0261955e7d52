"""Templates in, HTML out: the language, the visitor and the language switch for every page."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, quote

from fastapi import HTTPException, Request, status
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from starlette.datastructures import ImmutableMultiDict

from matcher import __version__

from .csrf import csrf_input, set_form_cookie
from .i18n import LANGUAGE_COOKIE, LANGUAGE_COOKIE_SECONDS, LANGUAGE_NAMES, LANGUAGES, Words, chosen_language
from .session import Visitor

SERVICE_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = SERVICE_DIR / "templates"
STATIC_DIR = SERVICE_DIR / "static"
MAX_FORM_BYTES = 256 * 1024
MAX_FORM_FIELDS = 2000

templates = Jinja2Templates(env=Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True,
                                            undefined=StrictUndefined,  # a missing word fails loudly
                                            trim_blocks=True, lstrip_blocks=True))
templates.env.globals["asset_version"] = __version__


def _percent(value: float | None) -> str:
    return "" if value is None else str(int(round(value * 100)))


def _first_upper(text: str) -> str:
    """"dance" -> "Dance" for lists of options; unlike `capitalize`, the rest is left alone."""
    return text[:1].upper() + text[1:]


@pass_context
def _csrf_input(context) -> str:
    """`{{ csrf_input() }}`: the hidden form token every form that posts holds (see csrf.py)."""
    return csrf_input(context["request"])


templates.env.globals["csrf_input"] = _csrf_input
templates.env.filters["percent"] = _percent
templates.env.filters["first_upper"] = _first_upper


def language_links(request: Request, current: str) -> list[dict]:
    """The page itself in each language: the same path and query, with `lang` set."""
    links = []
    for code in LANGUAGES:
        query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"] + [("lang", code)]
        url = request.url.path + "?" + "&".join(f"{_quote(k)}={_quote(v)}" for k, v in query)
        links.append({"code": code, "name": LANGUAGE_NAMES[code], "url": url, "current": code == current})
    return links


def _quote(text: str) -> str:
    return quote(text, safe="")


def page_path(request: Request) -> str:
    """This page's path and query without `lang`, to come back to after signing in."""
    query = "&".join(f"{_quote(k)}={_quote(v)}" for k, v in request.query_params.multi_items() if k != "lang")
    return request.url.path + ("?" + query if query else "")


def render(request: Request, template: str, context: dict, visitor: Visitor | None,
           status_code: int = 200, headers: dict | None = None) -> HTMLResponse:
    language, asked = chosen_language(request)
    words = Words(language)
    response = templates.TemplateResponse(request, template, {
        "lang": language, "words": words, "visitor": visitor,
        "language_links": language_links(request, language), "here": page_path(request), **context,
    }, status_code=status_code, headers=headers)
    if asked:
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=LANGUAGE_COOKIE_SECONDS, path="/", samesite="lax")
    set_form_cookie(request, response)
    return response


async def form_data(request: Request) -> ImmutableMultiDict:
    """A posted HTML form (application/x-www-form-urlencoded), without needing python-multipart."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, "send the form as application/x-www-form-urlencoded")
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, "form too large")
    try:
        pairs = parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True,
                          max_num_fields=MAX_FORM_FIELDS)
    except ValueError:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "too many form fields") from None
    return ImmutableMultiDict(pairs)


def safe_next(target: str | None, default: str = "/") -> str:
    """A place on this site to go back to; anything else (other sites, odd schemes) becomes `default`."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    if target.startswith("/ui/sign-in"):  # the sign-in page's own link: go on to the default instead
        return default
    return target
