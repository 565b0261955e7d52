"""Pages safe to put online, against real `matcher serve` processes over HTTP: security headers on
every page, a form token on every form, server-side sessions that signing out and key rotation end,
sign-in attempts limited, X-Forwarded-For believed only from configured proxies, and /docs served
from the service itself."""
from __future__ import annotations

import base64
import binascii
import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

from service.pages.messages import MESSAGES

from conftest import profile
from forms import TOKEN, form_token, post_form
from serving import running_server

ADMIN_KEY = "admin-key-for-the-safety-tests-0123456789"
EMAIL = "noord@example.org"


def centre(profile_id: str = "gc-noord") -> dict:
    return profile(profile_id, name="GC Noord", type="community_centre", location={"municipality": "Schaarbeek"},
                   description="Gemeenschapscentrum met een dansstudio voor jongeren.", disciplines=["dance"],
                   offers=[{"type": "rehearsal_space"}], contact={"email": EMAIL})


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server with the sign-in limit off, so the tests of this module may sign in as often as they like."""
    folder = tmp_path_factory.mktemp("safety")
    with running_server(folder / "safety.db", folder / "serve.log", MATCHER_ADMIN_KEY=ADMIN_KEY,
                        MATCHER_SIGN_IN_LIMIT="off") as url:
        yield url


@pytest.fixture
def owner(server) -> tuple[str, str]:
    """A new profile created through the API: (id, owner key)."""
    profile_id = f"gc-noord-{next(NUMBERS)}"
    response = httpx.post(f"{server}/profiles", json=centre(profile_id))
    assert response.status_code == 201, response.text
    return profile_id, response.json()["owner_key"]


NUMBERS = iter(range(1, 10_000))


def browser(server) -> httpx.Client:
    """A client that keeps cookies, as a browser does; it sends no Origin header."""
    return httpx.Client(base_url=server, follow_redirects=False)


def sign_in(client: httpx.Client, profile_id: str | None, key: str) -> httpx.Response:
    return post_form(client, "/ui/sign-in", {"profile_id": profile_id or "", "key": key, "next": ""})


def text_of(response) -> str:
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", response.text, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


def api_replace(server: str, profile_id: str, key: str, name: str) -> int:
    body = {**centre(profile_id), "name": name}
    return httpx.put(f"{server}/profiles/{profile_id}", json=body, headers={"Authorization": f"Bearer {key}"}).status_code


# -- headers ---------------------------------------------------------------------------------------------
def assert_safe_headers(response) -> None:
    policy = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, policy
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


def test_every_html_page_carries_the_security_headers_and_needs_no_inline_code(server, owner):
    """Every HTML answer, error pages and /docs included, forbids framing and inline code; and the
    pages hold none (no inline script, no <style>, no style= attribute), so the policy breaks nothing."""
    profile_id, key = owner
    with browser(server) as client:
        anonymous = ["/", "/ui/search", "/ui/search?text=dansstudio&near=Brussel", f"/ui/profiles/{profile_id}",
                     "/ui/new-profile", "/ui/sign-in", "/ui/alliances?area=everywhere&size=3&count=1",
                     "/ui/profiles/nobody", "/ui/no-such-page", "/docs"]
        answers = [client.get(path) for path in anonymous]
        answers.append(client.post("/ui/sign-in", data={"key": "x"}))  # the refused-form page
        assert sign_in(client, profile_id, key).status_code == 303
        answers += [client.get(f"/ui/profiles/{profile_id}"), client.get(f"/ui/profiles/{profile_id}/edit")]
    assert [answer.status_code for answer in answers] == [200] * 7 + [404, 404, 200, 403, 200, 200]
    for answer in answers:
        assert answer.headers["content-type"].startswith("text/html"), answer.url
        assert_safe_headers(answer)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", answer.text), answer.url
        assert "<style" not in answer.text and not re.search(r"\sstyle=", answer.text), answer.url
    assert_safe_headers(httpx.get(f"{server}/health"))  # the API's answers too


# -- form tokens -----------------------------------------------------------------------------------------
def test_every_form_that_posts_holds_a_token(server, owner):
    """Each form with method=post on the pages a signed-in owner sees carries the hidden token."""
    profile_id, key = owner
    with browser(server) as client:
        pages = [client.get("/ui/sign-in"), client.get("/ui/new-profile")]
        sign_in(client, profile_id, key)
        pages += [client.get("/"), client.get(f"/ui/profiles/{profile_id}"), client.get(f"/ui/profiles/{profile_id}/edit")]
    forms = [form for page in pages for form in re.findall(r"<form\b[^>]*method=\"post\".*?</form>", page.text, re.S)]
    actions = {re.search(r'action="([^"]+)"', form).group(1) for form in forms}
    assert actions >= {"/ui/sign-in", "/ui/new-profile", "/ui/sign-out", f"/ui/profiles/{profile_id}/edit",
                       f"/ui/profiles/{profile_id}/key"}
    assert all(TOKEN.search(form) for form in forms)


@pytest.mark.parametrize("token", [None, "wrong-token", "from-another-browser"])
def test_a_post_without_the_right_token_is_refused_and_changes_nothing(server, owner, token):
    """Without a token, with a made-up one, or with another browser's: 403 with a page in the visitor's
    language (no Origin header needed), and no sign-in, no profile, no edit, no new key, no sign-out."""
    profile_id, key = owner
    with browser(server) as victim, browser(server) as other:
        assert sign_in(victim, profile_id, key).status_code == 303
        sent = {} if token is None else {"csrf_token": form_token(other) if token == "from-another-browser" else token}
        posts = {
            "/ui/sign-in?lang=fr": {"profile_id": profile_id, "key": key},
            "/ui/new-profile?lang=fr": {"kind": "artist", "name": "Forged Company", "id": "forged-company"},
            f"/ui/profiles/{profile_id}/edit?lang=fr": {**{k: v for k, v in centre(profile_id).items()
                                                         if isinstance(v, str)}, "name": "Taken over"},
            f"/ui/profiles/{profile_id}/key?lang=fr": {},
            "/ui/sign-out?lang=fr": {},
        }
        for path, data in posts.items():
            response = victim.post(path, data={**data, **sent})
            assert response.status_code == 403, path
            assert MESSAGES["error_form_title"]["fr"] in text_of(response), path
            assert "matcher_session" not in response.headers.get("set-cookie", ""), path
        assert httpx.get(f"{server}/profiles/forged-company").status_code == 404
        assert httpx.get(f"{server}/profiles/{profile_id}").json()["name"] == "GC Noord"
        assert api_replace(server, profile_id, key, "GC Noord") == 200  # the key was not rotated
        assert EMAIL in victim.get(f"/ui/profiles/{profile_id}").text  # still signed in


def test_a_token_is_bound_to_its_session(server, owner):
    """A token from before signing in, or from another session, does not carry a post made in this one."""
    profile_id, key = owner
    with browser(server) as client:
        before = form_token(client)
        sign_in(client, profile_id, key)
        response = client.post(f"/ui/profiles/{profile_id}/key", data={"csrf_token": before})
        assert response.status_code == 403
        assert post_form(client, "/ui/sign-out").status_code == 303  # the session's own token works


# -- sessions --------------------------------------------------------------------------------------------
def decoded(value: str) -> str:
    """The cookie's value read every way one might encode a key in it."""
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("latin-1")
    except (binascii.Error, ValueError):
        raw = ""
    return value + " " + raw


def test_the_cookie_holds_no_key_and_signing_out_ends_the_session(server, owner):
    """The session cookie is a random id: neither the key nor the profile id in it, however decoded.
    Signed out, the same cookie replayed signs nobody in."""
    profile_id, key = owner
    with browser(server) as client:
        response = sign_in(client, profile_id, key)
        assert response.status_code == 303
        session_id = client.cookies["matcher_session"]
        assert key not in decoded(session_id) and profile_id not in decoded(session_id)
        assert EMAIL in client.get(f"/ui/profiles/{profile_id}").text
        assert post_form(client, "/ui/sign-out").status_code == 303
    with browser(server) as replay:
        replay.cookies.set("matcher_session", session_id)
        assert EMAIL not in replay.get(f"/ui/profiles/{profile_id}").text
        assert replay.get(f"/ui/profiles/{profile_id}/edit").status_code == 403


def test_sessions_of_one_profile_are_apart(server, owner):
    """Signing out in one browser leaves the owner signed in on another."""
    profile_id, key = owner
    with browser(server) as laptop, browser(server) as phone:
        sign_in(laptop, profile_id, key)
        sign_in(phone, profile_id, key)
        assert laptop.cookies["matcher_session"] != phone.cookies["matcher_session"]
        post_form(laptop, "/ui/sign-out")
        assert EMAIL in phone.get(f"/ui/profiles/{profile_id}").text
        assert EMAIL not in laptop.get(f"/ui/profiles/{profile_id}").text


def test_deleting_a_profile_ends_its_sessions(server, owner):
    """Once the profile is deleted, a cookie of its session signs nobody in."""
    profile_id, key = owner
    with browser(server) as client:
        sign_in(client, profile_id, key)
        assert httpx.delete(f"{server}/profiles/{profile_id}", headers={"Authorization": f"Bearer {key}"}).status_code == 204
        assert "Signed in" not in text_of(client.get("/?lang=en"))


# -- key rotation ----------------------------------------------------------------------------------------
def test_rotating_a_key_through_the_api(server, owner):
    """POST /profiles/{id}/key with the owner key gives a new key once; the old one stops working at
    once, in the API and on the pages, and every page session of the profile ends."""
    profile_id, key = owner
    with browser(server) as client:
        sign_in(client, profile_id, key)
        assert httpx.post(f"{server}/profiles/{profile_id}/key").status_code == 401
        other = httpx.post(f"{server}/profiles", json=centre(f"other-{profile_id}")).json()["owner_key"]
        assert httpx.post(f"{server}/profiles/{profile_id}/key",
                          headers={"Authorization": f"Bearer {other}"}).status_code == 403
        response = httpx.post(f"{server}/profiles/{profile_id}/key", headers={"Authorization": f"Bearer {key}"})
        assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
        new_key = response.json()["owner_key"]
        assert new_key != key and response.json()["profile_id"] == profile_id
        assert api_replace(server, profile_id, key, "Old key") == 403
        assert api_replace(server, profile_id, new_key, "New key") == 200
        assert "Signed in" not in text_of(client.get("/?lang=en"))  # the session opened with the old key ended
        assert sign_in(client, profile_id, key).status_code == 422
        assert sign_in(client, profile_id, new_key).status_code == 303
    admin = httpx.post(f"{server}/profiles/{profile_id}/key", headers={"Authorization": f"Bearer {ADMIN_KEY}"})
    assert admin.status_code == 200 and api_replace(server, profile_id, new_key, "Older") == 403


def test_rotating_a_key_on_the_profile_page(server, owner):
    """The owner's button shows the new key once; the old key stops working, the owner stays signed in
    on this browser, and the owner's other sign-ins end."""
    profile_id, key = owner
    with browser(server) as laptop, browser(server) as phone:
        sign_in(laptop, profile_id, key)
        sign_in(phone, profile_id, key)
        page = laptop.get(f"/ui/profiles/{profile_id}?lang=en")
        assert MESSAGES["new_key_button"]["en"] in text_of(page)
        token = TOKEN.search(re.search(r'<form[^>]*action="[^"]*/key".*?</form>', page.text, re.S).group(0)).group(1)
        response = laptop.post(f"/ui/profiles/{profile_id}/key?lang=en", data={"csrf_token": token})
        assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
        new_key = re.search(r'<code id="owner-key">([^<]+)</code>', response.text).group(1)
        assert MESSAGES["new_key_done"]["en"] in text_of(response)
        assert api_replace(server, profile_id, key, "Old key") == 403
        assert api_replace(server, profile_id, new_key, "GC Noord") == 200
        assert EMAIL in laptop.get(f"/ui/profiles/{profile_id}").text
        assert EMAIL not in phone.get(f"/ui/profiles/{profile_id}").text
    with browser(server) as stranger:
        assert stranger.get(f"/ui/profiles/{profile_id}").text.count("/key") == 0  # no button for others


# -- /docs -----------------------------------------------------------------------------------------------
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


# -- limits and addresses --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    """Servers with tight limits: (url without trusted proxies, url trusting 127.0.0.1 as a proxy)."""
    folder = tmp_path_factory.mktemp("limited")
    settings = {"MATCHER_ADMIN_KEY": ADMIN_KEY, "MATCHER_SIGN_IN_LIMIT": "3/minute", "MATCHER_RATE_LIMIT": "3/minute"}
    with running_server(folder / "plain.db", folder / "plain.log", **settings) as plain, \
            running_server(folder / "proxied.db", folder / "proxied.log", MATCHER_TRUSTED_PROXIES="127.0.0.1",
                           **settings) as proxied:
        yield plain, proxied


def attempt(client: httpx.Client, profile_id: str, forwarded_for: str | None = None) -> httpx.Response:
    """A wrong sign-in attempt with the form's token, maybe through a proxy that says who the client is."""
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return post_form(client, "/ui/sign-in?lang=en", {"profile_id": profile_id, "key": "wrong-" * 5},
                     headers=headers)


def test_sign_in_attempts_are_limited_and_say_when_to_try_again(limited):
    """Past the limit a sign-in attempt is 429 with Retry-After and a message, even with the right key;
    an unknown id is answered exactly as a known one."""
    plain, _ = limited
    profile_id = "limited-centre"
    created = httpx.post(f"{plain}/profiles", json=centre(profile_id), headers={"Authorization": f"Bearer {ADMIN_KEY}"})
    key = created.json()["owner_key"]
    with browser(plain) as client:
        known, unknown = attempt(client, profile_id), attempt(client, "nobody-here")
        assert known.status_code == unknown.status_code == 422
        assert text_of(known).replace(profile_id, "ID") == text_of(unknown).replace("nobody-here", "ID")
        attempt(client, profile_id)
        refused = post_form(client, "/ui/sign-in?lang=en", {"profile_id": profile_id, "key": key})
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert "matcher_session" not in refused.headers.get("set-cookie", "")
        message = MESSAGES["err_sign_in_too_many"]["en"].format(seconds=refused.headers["retry-after"])
        assert message in text_of(refused)


def test_forwarded_for_is_ignored_unless_a_trusted_proxy_sends_it(limited):
    """Without trusted proxies, X-Forwarded-For changes nobody's bucket: the limit holds for the peer.
    From a trusted proxy, each forwarded client has its own bucket, and one profile id has its own
    limit whichever client tries it."""
    plain, proxied = limited
    search = {"text": "een repetitieruimte"}
    answers = [httpx.post(f"{plain}/search", json=search, headers={"X-Forwarded-For": f"203.0.113.{n}"})
               for n in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    answers = [httpx.post(f"{proxied}/search", json=search, headers={"X-Forwarded-For": f"203.0.113.{n}"})
               for n in range(4)]
    assert [answer.status_code for answer in answers] == [200] * 4
    answers = [httpx.post(f"{proxied}/search", json=search, headers={"X-Forwarded-For": "198.51.100.7"})
               for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    with browser(proxied) as client:
        statuses = [attempt(client, "proxied-centre", f"192.0.2.{n}").status_code for n in range(4)]
    assert statuses == [422, 422, 422, 429]  # four clients, one profile id
