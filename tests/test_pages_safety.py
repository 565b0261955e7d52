"""Pages safe to put online, against a real `matcher serve` process over HTTP: security headers on
every page, and /docs served from the service itself."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

from conftest import profile
from serving import running_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("safety")
    with running_server(folder / "safety.db", folder / "serve.log") as url:
        assert httpx.post(f"{url}/profiles", json=profile(
            "gc-noord", name="GC Noord", location={"municipality": "Schaarbeek"},
            description="Gemeenschapscentrum met een dansstudio voor jongeren.")).status_code == 201
        yield url


def assert_safe_headers(response) -> None:
    policy = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, policy
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


def test_every_html_page_carries_the_security_headers_and_needs_no_inline_code(server):
    """Every HTML answer, error pages and /docs included, forbids framing and inline code; and the
    pages hold none (no inline script, no <style>, no style= attribute), so the policy breaks nothing."""
    paths = ["/", "/ui/search", "/ui/search?text=dansstudio&near=Brussel", "/ui/profiles/gc-noord",
             "/ui/new-profile", "/ui/sign-in", "/ui/alliances?area=everywhere&size=3&count=1",
             "/ui/profiles/nobody", "/ui/no-such-page", "/docs"]
    answers = [httpx.get(server + path) for path in paths]
    assert [answer.status_code for answer in answers] == [200] * 7 + [404, 404, 200]
    for answer in answers:
        assert answer.headers["content-type"].startswith("text/html"), answer.url
        assert_safe_headers(answer)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", answer.text), answer.url
        assert "<style" not in answer.text and not re.search(r"\sstyle=", answer.text), answer.url
    assert_safe_headers(httpx.get(f"{server}/health"))  # the API's answers too


def test_docs_load_every_file_from_the_service(server):
    """/docs names only files of this service, each answers 200, and so does the OpenAPI document."""
    page = httpx.get(f"{server}/docs")
    assert page.status_code == 200
    urls = re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"', page.text)
    urls.append(re.search(r'data-openapi-url="([^"]+)"', page.text).group(1))
    assert any(url.endswith("swagger-ui-bundle.js") for url in urls) and any(url.endswith(".css") for url in urls)
    for url in urls:
        absolute = urljoin(f"{server}/docs", url)
        assert urlsplit(absolute).netloc == urlsplit(server).netloc, url
        assert httpx.get(absolute).status_code == 200, url
    assert httpx.get(f"{server}/redoc").status_code == 404  # it would load ReDoc from a CDN
