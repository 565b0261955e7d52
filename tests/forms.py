"""Posting the pages' forms as a browser does: with the form token the page's form holds.

Works with FastAPI's TestClient and with an httpx.Client on a real server alike: both keep the
cookies the token is bound to."""
from __future__ import annotations

import re

TOKEN = re.compile(r'<input type="hidden" name="csrf_token" value="([^"]+)">')


def form_token(client, page: str = "/ui/sign-in") -> str:
    """The token in a page's form (the sign-in page's by default), as a browser finds it."""
    response = client.get(page)
    found = TOKEN.search(response.text)
    assert found, f"no form token on {page} ({response.status_code})"
    return found.group(1)


def post_form(client, path: str, data: dict | None = None, **kwargs):
    """Post `data` to `path` with the form token, as the site's own form would; without `data`
    (a body of another kind), the token goes in the X-CSRF-Token header."""
    token = form_token(client)
    if data is None:
        kwargs["headers"] = {**kwargs.get("headers", {}), "X-CSRF-Token": token}
        return client.post(path, **kwargs)
    return client.post(path, data={**data, "csrf_token": token}, **kwargs)
