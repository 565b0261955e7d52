"""Deleting one's profile on the pages: the owner ticks that they mean it and the profile is gone
with everything held about it (as DELETE /profiles/{id}); nobody else may, and an unticked form
deletes nothing."""
import pytest
from fastapi.testclient import TestClient

from service.server import create_app
from service.settings import Settings

from conftest import profile
from forms import form_token, post_form

ADMIN_KEY = "delete-page-admin-key-0123456789"


@pytest.fixture
def client(tmp_path):
    settings = Settings(db_path=str(tmp_path / "delete.db"), model="hashing", admin_key=ADMIN_KEY, rate_limit="off")
    with TestClient(create_app(settings)) as client:
        yield client


def create_and_sign_in(client, profile_id: str) -> str:
    created = client.post("/profiles", json=profile(profile_id, location={"municipality": "Gent"},
                                                    contact={"email": f"{profile_id}@example.org"}))
    assert created.status_code == 201, created.text
    key = created.json()["owner_key"]
    signed = post_form(client, "/ui/sign-in", {"profile_id": profile_id, "key": key, "next": ""},
                       follow_redirects=False)
    assert signed.status_code == 303
    return key


def test_the_owner_deletes_the_profile_after_ticking_that_they_mean_it(client):
    key = create_and_sign_in(client, "gc-weg")
    page = client.get("/ui/profiles/gc-weg?lang=nl")
    assert 'action="/ui/profiles/gc-weg/delete"' in page.text and "Profiel verwijderen" in page.text
    unticked = post_form(client, "/ui/profiles/gc-weg/delete", {}, follow_redirects=False)
    assert unticked.status_code == 303 and "delete=confirm" in unticked.headers["location"]
    assert client.get("/profiles/gc-weg").status_code == 200
    assert "Vink eerst aan" in client.get(unticked.headers["location"] + "&lang=nl").text
    deleted = post_form(client, "/ui/profiles/gc-weg/delete", {"confirm": "yes"}, follow_redirects=False)
    assert deleted.status_code == 303 and deleted.headers["location"] == "/?deleted=1"
    assert client.get("/profiles/gc-weg").status_code == 404
    assert client.get("/profiles/gc-weg/export", headers={"Authorization": f"Bearer {key}"}).status_code in (401, 403, 404)
    assert "Het profiel is verwijderd" in client.get("/?deleted=1&lang=nl").text
    assert 'action="/ui/sign-out"' not in client.get("/?lang=nl").text  # the session went with the profile


def test_another_profile_may_not_delete_it(client):
    create_and_sign_in(client, "gc-blijft")
    client.cookies.clear()
    create_and_sign_in(client, "gc-ander")
    refused = post_form(client, "/ui/profiles/gc-blijft/delete", {"confirm": "yes"}, follow_redirects=False)
    assert refused.status_code == 403
    assert client.get("/profiles/gc-blijft").status_code == 200
    assert 'action="/ui/profiles/gc-blijft/delete"' not in client.get("/ui/profiles/gc-blijft").text


def test_a_post_without_the_form_token_deletes_nothing(client):
    create_and_sign_in(client, "gc-veilig")
    form_token(client)
    response = client.post("/ui/profiles/gc-veilig/delete", data={"confirm": "yes"}, follow_redirects=False)
    assert response.status_code == 403
    assert client.get("/profiles/gc-veilig").status_code == 200
