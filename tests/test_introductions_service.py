"""Introductions through a real `matcher serve` process: the API's statuses, the caps, the whole flow on
the API and on the pages, no route or page showing a stranger's contact, a decline taking the pair out of
each other's suggestions, and the outbox mailed in the background to a real SMTP server (aiosmtpd).

One server (and one SMTP server) for the module; each test makes its own profiles, named after it."""
from __future__ import annotations

import itertools
import re
import time
from html import unescape

import httpx
import pytest

from conftest import profile
from forms import post_form
from serving import running_server, smtp_server

ADMIN_KEY = "admin-key-for-the-introduction-tests-0123456789"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
OPEN_CAP, DAY_CAP = 3, 4
SEARCH = "Wij zoeken een dansgezelschap dat workshops geeft voor jongeren en bieden een repetitieruimte"
_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def smtp_inbox():
    with smtp_server(pytest.importorskip("aiosmtpd.controller")) as server:
        yield server


@pytest.fixture(scope="module")
def server(tmp_path_factory, smtp_inbox):
    """`matcher serve` with small caps, an admin key and mail to the SMTP server above; its base URL."""
    folder = tmp_path_factory.mktemp("introductions")
    with running_server(folder / "served.db", folder / "serve.log", MATCHER_ADMIN_KEY=ADMIN_KEY,
                        MATCHER_INTRODUCTIONS_OPEN=str(OPEN_CAP), MATCHER_INTRODUCTIONS_PER_DAY=str(DAY_CAP),
                        MATCHER_SMTP_HOST="127.0.0.1", MATCHER_SMTP_PORT=str(smtp_inbox[1]),
                        MATCHER_SMTP_FROM="matcher@example.org") as url:
        yield url


@pytest.fixture
def api(server):
    with httpx.Client(base_url=server, timeout=30) as client:
        yield client


def bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


class Pair:
    """A centre and a company made for one test (they match each other; in a town of their own, when
    given, where the company looks no further than 15 km, they are its only suggestion), with their
    owner keys and the centre's contact,
    which only its owner, the admin and the company once introduced may see."""

    def __init__(self, api: httpx.Client, name: str, town: str | None = None):
        number = next(_numbers)
        self.centre, self.company = f"gc-{name}-{number}", f"cie-{name}-{number}"
        self.email, self.phone = f"{self.centre}@secret.example.org", f"+32 2 {number:03d} 77 66"
        self.company_email = f"{self.company}@secret.example.org"
        self.centre_key = create(api, profile(
            self.centre, "organisation", name=f"GC {name.title()} {number}", type="community_centre",
            description="Gemeenschapscentrum met een dansstudio en een sterke jongerenwerking.",
            disciplines=["dance"], audiences=["youth"], location={"municipality": town or "Schaarbeek"},
            offers=[{"type": "rehearsal_space"}], needs=[{"type": "workshops", "audiences": ["youth"]}],
            contact={"email": self.email, "phone": self.phone}))
        self.company_key = create(api, profile(
            self.company, "artist", name=f"Cie {name.title()} {number}",
            description="Dance company making a piece with teenagers; we give workshops.",
            disciplines=["dance"], audiences=["youth"], location={"municipality": town or "Brussel"}, max_distance_km=15 if town else None,
            offers=[{"type": "workshops", "audiences": ["youth"]}], needs=[{"type": "rehearsal_space"}],
            contact={"email": self.company_email}))

    def secrets_of_centre(self) -> tuple[str, ...]:
        return self.email, self.phone, self.phone.replace(" ", "")


def create(api: httpx.Client, body: dict) -> str:
    response = api.post("/profiles", json=body)
    assert response.status_code == 201, response.text
    return response.json()["owner_key"]


def ask(api, pair: Pair, message: str = "Zullen we kennismaken?") -> httpx.Response:
    return api.post("/introductions", json={"from": pair.company, "to": pair.centre, "message": message},
                    headers=bearer(pair.company_key))


def sign_in(browser: httpx.Client, profile_id: str, key: str) -> None:
    """Sign a client in on the pages, as the sign-in form does (the session cookie stays in the client)."""
    response = post_form(browser, "/ui/sign-in", {"profile_id": profile_id, "key": key, "next": ""})
    assert response.status_code == 303, response.text


def matched(api, profile_id: str) -> list[str]:
    return [m["id"] for m in api.get(f"/profiles/{profile_id}/matches", params={"limit": 100}).json()["matches"]]


# -- the API's statuses ---------------------------------------------------------------------------------
def test_asking_answers_201_401_403_404_409_422(api):
    """From's owner key (or the admin) asks: 201 pending; no key 401; another profile's key 403; unknown
    profiles 404; to oneself 422; a second open request for the pair, either way, 409 naming the first."""
    pair = Pair(api, "ask")
    body = {"from": pair.company, "to": pair.centre, "message": "Hallo"}
    assert api.post("/introductions", json=body).status_code == 401
    other = api.post("/introductions", json=body, headers=bearer(pair.centre_key))
    assert other.status_code == 403 and other.json()["detail"] == \
        f"this key may not ask on behalf of '{pair.company}': only its owner key or the admin key may"
    unknown = api.post("/introductions", json={**body, "to": "nobody-at-all"}, headers=bearer(pair.company_key))
    assert (unknown.status_code, unknown.json()["detail"]) == (404, "no profile with id 'nobody-at-all'")
    assert api.post("/introductions", json={**body, "from": "nobody-at-all"},
                    headers=bearer(pair.company_key)).status_code == 404
    itself = api.post("/introductions", json={**body, "to": pair.company}, headers=bearer(pair.company_key))
    assert itself.status_code == 422 and itself.json()["errors"][0]["field"] == "to"
    asked = api.post("/introductions", json=body, headers=bearer(pair.company_key))
    assert asked.status_code == 201
    first = asked.json()
    assert (first["status"], first["from"], first["to"], first["message"], first["contact"]) == \
        ("pending", pair.company, pair.centre, "Hallo", None)
    for again in (body, {"from": pair.centre, "to": pair.company}):
        key = pair.company_key if again["from"] == pair.company else pair.centre_key
        refused = api.post("/introductions", json=again, headers=bearer(key))
        assert refused.status_code == 409
        assert refused.json() == {"detail": f"an introduction between '{again['from']}' and '{again['to']}' is "
                                            f"already waiting for an answer: '{first['id']}'",
                                  "existing": first["id"]}
    by_admin = api.post("/introductions", json={"from": pair.centre, "to": "nobody-at-all"}, headers=ADMIN)
    assert by_admin.status_code == 404  # the admin may ask for anyone; the profile asked must exist


def test_only_the_profile_asked_answers_and_only_once(api):
    """accept and decline by the `to` side's key alone: 403 for the asker and the admin, 401 without a key,
    404 for an unknown id, 409 once answered."""
    pair = Pair(api, "answer")
    introduction = ask(api, pair).json()["id"]
    for headers in (bearer(pair.company_key), ADMIN):
        for answer in ("accept", "decline"):
            refused = api.post(f"/introductions/{introduction}/{answer}", headers=headers)
            assert refused.status_code == 403, (headers, answer)
            assert refused.json()["detail"].startswith(f"only the owner key of '{pair.centre}' may {answer}")
    assert api.post(f"/introductions/{introduction}/accept").status_code == 401
    assert api.post("/introductions/not-an-id/accept", headers=bearer(pair.centre_key)).status_code == 404
    accepted = api.post(f"/introductions/{introduction}/accept", headers=bearer(pair.centre_key))
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    again = api.post(f"/introductions/{introduction}/decline", headers=bearer(pair.centre_key))
    assert again.status_code == 409 and again.json()["existing"] == introduction


def test_listing_needs_the_profiles_own_key(api):
    """GET /introductions?profile=ID: its owner key or the admin key; others 403, none 401, unknown 404."""
    pair = Pair(api, "list")
    ask(api, pair)
    assert api.get("/introductions", params={"profile": pair.centre}).status_code == 401
    assert api.get("/introductions", params={"profile": pair.centre},
                   headers=bearer(pair.company_key)).status_code == 403
    assert api.get("/introductions", params={"profile": "nobody-at-all"}, headers=ADMIN).status_code == 404
    for headers in (bearer(pair.centre_key), ADMIN):
        listed = api.get("/introductions", params={"profile": pair.centre}, headers=headers).json()
        assert listed["outgoing"] == [] and [(i["from"], i["status"]) for i in listed["incoming"]] == \
            [(pair.company, "pending")]


def test_the_caps_answer_429_naming_the_limit(api):
    """At most OPEN_CAP requests waiting and DAY_CAP asked in 24 hours per profile; a 429 names the setting."""
    asker = Pair(api, "caps")
    others = [Pair(api, f"capped{n}").centre for n in range(5)]
    asked = []
    for target in others[:OPEN_CAP]:
        response = api.post("/introductions", json={"from": asker.company, "to": target},
                            headers=bearer(asker.company_key))
        assert response.status_code == 201
        asked.append(response.json()["id"])
    refused = api.post("/introductions", json={"from": asker.company, "to": others[OPEN_CAP]},
                       headers=bearer(asker.company_key))
    assert refused.status_code == 429
    assert refused.json()["detail"] == (
        f"profile '{asker.company}' has {OPEN_CAP} introduction requests waiting for an answer, the most allowed "
        f"({OPEN_CAP}, MATCHER_INTRODUCTIONS_OPEN): wait for an answer or withdraw one")
    assert api.post(f"/introductions/{asked[0]}/withdraw", headers=bearer(asker.company_key)).status_code == 200
    assert api.post("/introductions", json={"from": asker.company, "to": others[OPEN_CAP]},
                    headers=bearer(asker.company_key)).status_code == 201
    assert api.post(f"/introductions/{asked[1]}/withdraw", headers=bearer(asker.company_key)).status_code == 200
    daily = api.post("/introductions", json={"from": asker.company, "to": others[OPEN_CAP + 1]},
                     headers=bearer(asker.company_key))
    assert daily.status_code == 429
    assert f"asked {DAY_CAP} introductions in the last 24 hours, the most allowed ({DAY_CAP}, " \
           "MATCHER_INTRODUCTIONS_PER_DAY): ask again in 23 h 59 min" in daily.json()["detail"]
    assert 86_000 < int(daily.headers["Retry-After"]) <= 86_401


# -- contact only by consent ----------------------------------------------------------------------------
def api_answers(api, pair: Pair) -> dict[str, str]:
    """Every route the company (a stranger to the centre) can reach with its own key, by name."""
    company = bearer(pair.company_key)
    answers = {
        "GET /profiles": api.get("/profiles", params={"limit": 100}, headers=company),
        "GET /profiles?q": api.get("/profiles", params={"q": pair.centre}, headers=company),
        "GET /profiles/{centre}": api.get(f"/profiles/{pair.centre}", headers=company),
        "GET /profiles/{centre} without a key": api.get(f"/profiles/{pair.centre}"),
        "GET /profiles/{centre}/matches": api.get(f"/profiles/{pair.centre}/matches"),
        "GET /profiles/{company}/matches": api.get(f"/profiles/{pair.company}/matches"),
        "GET /profiles/{centre}/understood": api.get(f"/profiles/{pair.centre}/understood"),
        "GET /profiles/{company}/export": api.get(f"/profiles/{pair.company}/export", headers=company),
        "POST /search": api.post("/search", json={"text": SEARCH, "near": "Schaarbeek"}, headers=company),
        "POST /alliances": api.post("/alliances", json={"near": "Schaarbeek", "radius_km": 10, "size": 3},
                                    headers=company),
        "GET /introductions": api.get("/introductions", params={"profile": pair.company}, headers=company),
    }
    return {name: response.text for name, response in answers.items()}


def page_answers(server: str, pair: Pair) -> dict[str, str]:
    """Every page the company can reach signed in with its own key, by name."""
    with httpx.Client(base_url=server, timeout=30) as browser:
        sign_in(browser, pair.company, pair.company_key)
        pages = {
            "/": "/", "/ui/search": f"/ui/search?text={SEARCH}&near=Schaarbeek",
            "/ui/profiles/{centre}": f"/ui/profiles/{pair.centre}",
            "/ui/profiles/{company}": f"/ui/profiles/{pair.company}",
            "/ui/profiles/{centre}/edit": f"/ui/profiles/{pair.centre}/edit",
            "/ui/alliances": "/ui/alliances?area=near&near=Schaarbeek&radius_km=10&size=3&count=3",
            "/ui/introductions": "/ui/introductions", "/ui/notifications": "/ui/notifications",
            "/ui/new-profile": "/ui/new-profile", "/ui/sign-in": "/ui/sign-in",
        }
        return {name: unescape(browser.get(path).text) for name, path in pages.items()}


def leaks(answers: dict[str, str], secrets: tuple[str, ...]) -> dict[str, list[str]]:
    return {name: [s for s in secrets if s in text] for name, text in answers.items()
            if any(s in text for s in secrets)}


def test_no_route_or_page_shows_a_strangers_contact(server, api):
    """Signed in with its own key, the company finds the centre's e-mail and phone on no route and no page,
    before asking, while its request waits, and after a decline; once accepted it does (on the profile),
    which shows the scan would see them."""
    pair = Pair(api, "stranger")
    secrets = pair.secrets_of_centre()
    assert leaks(api_answers(api, pair), secrets) == {} and leaks(page_answers(server, pair), secrets) == {}
    introduction = ask(api, pair).json()["id"]
    assert leaks(api_answers(api, pair), secrets) == {} and leaks(page_answers(server, pair), secrets) == {}
    other = Pair(api, "consent")
    accepted = api.post("/introductions", json={"from": other.company, "to": other.centre},
                        headers=bearer(other.company_key)).json()["id"]
    api.post(f"/introductions/{accepted}/accept", headers=bearer(other.centre_key))
    shown = leaks(api_answers(api, other), other.secrets_of_centre())
    assert set(shown) == {"GET /profiles/{centre}", "GET /introductions"}
    assert {"/ui/profiles/{centre}", "/ui/introductions"} <= set(leaks(page_answers(server, other),
                                                                        other.secrets_of_centre()))
    api.post(f"/introductions/{introduction}/decline", headers=bearer(pair.centre_key))
    assert leaks(api_answers(api, pair), secrets) == {} and leaks(page_answers(server, pair), secrets) == {}


# -- the whole flow ---------------------------------------------------------------------------------------
def test_the_whole_flow_on_the_api(api, smtp_inbox):
    """Ask, accept, both see each other's contact (GET /profiles/{id} with one's own key, and the list),
    they rank as partners; either records working together; each step is mailed to the other side."""
    inbox, _ = smtp_inbox
    pair = Pair(api, "flow")
    assert api.get(f"/profiles/{pair.centre}", headers=bearer(pair.company_key)).json()["contact"] is None
    introduction = ask(api, pair, "We geven workshops voor tieners; mogen we in juli bij jullie repeteren?").json()
    asked_mail = inbox.to(pair.email)
    assert len(asked_mail) == 1 and asked_mail[0]["Subject"] == f"Cie Flow {pair.company.rsplit('-', 1)[1]} " \
                                                                "vraagt om kennis te maken"
    assert "mogen we in juli bij jullie repeteren?" in asked_mail[0].get_content()
    assert pair.company_email not in asked_mail[0].get_content()  # not before the answer
    accepted = api.post(f"/introductions/{introduction['id']}/accept", headers=bearer(pair.centre_key)).json()
    assert accepted["status"] == "accepted" and accepted["contact"]["email"] == pair.company_email
    assert api.get(f"/profiles/{pair.centre}", headers=bearer(pair.company_key)).json()["contact"]["email"] == \
        pair.email
    assert api.get(f"/profiles/{pair.company}", headers=bearer(pair.centre_key)).json()["contact"]["email"] == \
        pair.company_email
    listed = api.get("/introductions", params={"profile": pair.company}, headers=bearer(pair.company_key)).json()
    assert [(i["status"], i["contact"]["phone"]) for i in listed["outgoing"]] == [("accepted", pair.phone)]
    accepted_mail = inbox.to(pair.company_email)
    assert len(accepted_mail) == 1 and pair.email in accepted_mail[0].get_content()
    novelty = {m["id"]: m["components"]["novelty"] for m in
               api.get(f"/profiles/{pair.centre}/matches", params={"limit": 100}).json()["matches"]}
    assert novelty[pair.company] == 0.0
    worked = api.post(f"/introductions/{introduction['id']}/worked-together", headers=bearer(pair.company_key))
    assert worked.status_code == 200 and worked.json()["worked_together_by"] == pair.company
    assert len(inbox.to(pair.email)) >= 1
    deadline = time.monotonic() + 15
    while len(inbox.to(pair.email)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "samengewerkt" in inbox.to(pair.email)[-1].get_content()


def test_a_decline_takes_the_pair_out_of_each_others_suggestions(server, api, smtp_inbox):
    """After a decline neither side is suggested to the other, in matches or in a signed-in search; the
    asker is told kindly, on the pages and by mail."""
    inbox, _ = smtp_inbox
    pair = Pair(api, "decline", town="Brugge")
    assert pair.company in matched(api, pair.centre) and pair.centre in matched(api, pair.company)
    near_them = {"text": SEARCH, "near": "Brugge", "radius_km": "5", "lang": "en"}
    with httpx.Client(base_url=server, timeout=30) as browser:
        sign_in(browser, pair.company, pair.company_key)
        assert f'href="/ui/profiles/{pair.centre}"' in browser.get("/ui/search", params=near_them).text
        assert f'href="/ui/profiles/{pair.centre}"' in browser.get(f"/ui/profiles/{pair.company}").text
    introduction = ask(api, pair).json()["id"]
    assert api.post(f"/introductions/{introduction}/decline", headers=bearer(pair.centre_key)).status_code == 200
    assert pair.company not in matched(api, pair.centre) and pair.centre not in matched(api, pair.company)
    with httpx.Client(base_url=server, timeout=30) as browser:
        sign_in(browser, pair.company, pair.company_key)
        search = browser.get("/ui/search", params=near_them).text
        assert f'href="/ui/profiles/{pair.centre}"' not in search and "Nothing within 5 km" in search
        assert f'href="/ui/profiles/{pair.centre}"' not in browser.get(f"/ui/profiles/{pair.company}").text
        inbox_page = unescape(browser.get("/ui/introductions?lang=en").text)
        assert "is not taking up your request this time. That says nothing about your work" in inbox_page
    assert "is not taking up your request this time" in inbox.to(pair.company_email)[0].get_content()  # its language
    anonymous = httpx.get(f"{server}/ui/search", params=near_them).text
    assert f'href="/ui/profiles/{pair.centre}"' in anonymous  # a search of nobody in particular still finds it


def test_the_whole_flow_on_the_pages(server, api):
    """Signed in, the company asks from a suggestion with a message; the centre finds it in its inbox with
    the message and accepts; both then see each other's contact on the pages; the notifications say so."""
    pair = Pair(api, "pages", town="Leuven")
    with httpx.Client(base_url=server, timeout=30) as company, httpx.Client(base_url=server, timeout=30) as centre:
        sign_in(company, pair.company, pair.company_key)
        page = company.get(f"/ui/profiles/{pair.company}?lang=en").text
        assert f'<input type="hidden" name="to" value="{pair.centre}">' in page
        asked = post_form(company, "/ui/introductions", {"to": pair.centre, "message": "Dag! Repeteren in juli?"},
                          follow_redirects=False)
        assert asked.status_code == 303 and asked.headers["location"] == "/ui/introductions?done=asked"
        assert "Your request is sent." in company.get("/ui/introductions?done=asked&lang=en").text
        again = post_form(company, "/ui/introductions", {"to": pair.centre, "message": "Nog eens"})
        assert again.status_code == 409 and "is already waiting for an answer" in unescape(again.text)

        sign_in(centre, pair.centre, pair.centre_key)
        inbox_page = unescape(centre.get("/ui/introductions?lang=en").text)
        assert "Dag! Repeteren in juli?" in inbox_page and pair.company_email not in inbox_page
        introduction = re.search(r'action="/ui/introductions/([^/"]+)/accept"', inbox_page).group(1)
        assert "asks to be introduced" in unescape(centre.get("/ui/notifications?lang=en").text)
        accepted = post_form(centre, f"/ui/introductions/{introduction}/accept", {}, follow_redirects=False)
        assert accepted.headers["location"] == "/ui/introductions?done=accepted"
        assert pair.company_email in centre.get("/ui/introductions").text
        assert pair.company_email in centre.get(f"/ui/profiles/{pair.company}").text
        assert pair.email in company.get(f"/ui/profiles/{pair.centre}").text
        suggestions = company.get(f"/ui/profiles/{pair.company}?lang=en").text
        assert pair.email in suggestions and "You have been introduced." in suggestions
        assert "accepted your request" in unescape(company.get("/ui/notifications?lang=en").text)


def test_pages_refuse_what_the_visitor_may_not_do(server, api):
    """Anonymous visitors are sent to sign in; the asker cannot accept its own request (403); an unknown
    introduction is a 404 page; the admin, without a profile, is told to use a profile's key."""
    pair = Pair(api, "refused")
    introduction = ask(api, pair).json()["id"]
    anonymous = httpx.get(f"{server}/ui/introductions", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/ui/sign-in?next=")
    with httpx.Client(base_url=server, timeout=30) as company:
        sign_in(company, pair.company, pair.company_key)
        assert post_form(company, f"/ui/introductions/{introduction}/accept", {}).status_code == 403
        assert post_form(company, "/ui/introductions/no-such-id/accept", {}).status_code == 404
        assert post_form(company, "/ui/introductions", {"to": pair.company}).status_code == 422
    with httpx.Client(base_url=server, timeout=30) as admin:
        post_form(admin, "/ui/sign-in", {"profile_id": "", "key": ADMIN_KEY, "next": ""})
        assert "not with the admin key" in admin.get("/ui/introductions?lang=en").text
        assert pair.email in admin.get(f"/ui/profiles/{pair.centre}").text  # the admin sees every contact
