"""The OpenAPI document and a real `matcher serve` agree: OPTIONS and 405 name the methods a path
takes, a date is a date, and schemathesis, run against the service as a client would, finds none of
its ST201-ST205 failures (a schema-violating request accepted, a schema-valid one rejected, a
missing required header accepted, a wrong answer to an undeclared method, an `Allow` that differs
from the document)."""
from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from conftest import DEMO_PROFILES, profile
from serving import running_server

ADMIN_KEY = "admin-key-for-the-tests-0123456789"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
# The schemathesis checks that ST201-ST205 name (`st explain ST201` ... `ST205`).
CHECKS = ("negative_data_rejection", "positive_data_acceptance", "missing_required_header", "unsupported_method",
          "allow_header_conformance")
PROFILE_RULES = ("a period ends on or after its start; space, support, in_kind and price_eur belong to some exchange "
                 "types only (price_eur with price 'rent'); a location gives something to place, lat with lon; "
                 "a municipality or place served must exist")
# Bodies that a JSON schema can describe but not judge whole: rules between fields, and places that must
# exist. A body valid by the schema may still get a 422 naming the field, here only.
RULES_THE_SCHEMA_CANNOT_SAY = {
    "POST /profiles": PROFILE_RULES,
    "POST /profiles/bulk": PROFILE_RULES,
    "PUT /profiles/{profile_id}": PROFILE_RULES + "; the body's id is the path's",
    "POST /search": "radius_km needs near; near must be a known place",
    "POST /alliances": "one of near, municipalities or region; places must exist",
    "POST /introductions": "to is another profile than from",
}
ACCEPTED = ("2xx", "401", "403", "404", "409", "429")  # schemathesis's defaults for a valid request, less 5xx


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("conformance")
    with running_server(folder / "served.db", folder / "serve.log", MATCHER_ADMIN_KEY=ADMIN_KEY) as url:
        yield url


@pytest.mark.parametrize(("path", "allowed"), [
    ("/profiles/gc-de-markten", "GET, PUT, DELETE, OPTIONS"),
    ("/profiles", "GET, POST, OPTIONS"),
    ("/profiles/bulk", "POST, OPTIONS"),
    ("/profiles/gc-de-markten/export", "GET, OPTIONS"),
    ("/search", "POST, OPTIONS"),
    ("/health", "GET, OPTIONS"),
])
def test_options_names_every_method_of_the_path(server, path, allowed):
    """OPTIONS answers 204 with the methods the path takes, not only the first route's (was `Allow: GET`
    with a 405); a method the path does not take gets 405 with the same `Allow`."""
    answer = httpx.options(f"{server}{path}")
    assert (answer.status_code, answer.headers["Allow"]) == (204, allowed)
    refused = httpx.patch(f"{server}{path}", json={})
    assert (refused.status_code, refused.headers["Allow"]) == (405, allowed)
    assert refused.json() == {"detail": "Method Not Allowed"}


def test_a_fixed_path_is_not_read_as_a_profile_id(server):
    """GET, PUT and DELETE /profiles/bulk are 405 (bulk import takes POST only), not the profile 'bulk';
    and no profile may be called 'bulk'."""
    for method in ("GET", "PUT", "DELETE"):
        answer = httpx.request(method, f"{server}/profiles/bulk", headers=ADMIN, json=profile("bulk"))
        assert (answer.status_code, answer.headers["Allow"]) == (405, "POST, OPTIONS"), method
    created = httpx.post(f"{server}/profiles", json=profile("bulk"))
    assert created.status_code == 422
    assert created.json()["errors"] == [{"field": "id",
                                         "message": "'bulk' cannot be an id: /profiles/bulk is the bulk import "
                                                    "(got 'bulk')"}]


@pytest.mark.parametrize("start", [0, "0", 1_767_225_600])
def test_a_number_for_a_date_is_refused_naming_the_field(server, start):
    """`period.start: 0` is a 422 naming offers[0].period.start, not a stay on 1 January 1970."""
    body = profile("zero-start", "artist", offers=[{"type": "residency", "period": {"start": start, "end": "2027-08-01"}}])
    answer = httpx.post(f"{server}/profiles", json=body)
    assert answer.status_code == 422
    assert answer.json()["errors"] == [{"field": "offers[0].period.start",
                                        "message": f"must be a date written YYYY-MM-DD (got {start!r})"}]
    assert httpx.get(f"{server}/profiles/zero-start").status_code == 404


def schemathesis_config(operations: set[str]) -> str:
    """schemathesis.toml: a 422 is accepted for a schema-valid body only where RULES_THE_SCHEMA_CANNOT_SAY."""
    blocks = []
    for name in sorted(operations & RULES_THE_SCHEMA_CANNOT_SAY.keys()):
        statuses = ", ".join(f'"{status}"' for status in (*ACCEPTED, "422"))
        blocks.append(f'[[operations]]\ninclude-name = "{name}"\n'
                      f"checks.positive_data_acceptance.expected-statuses = [{statuses}]\n")
    return "\n".join(blocks)


@pytest.mark.slow
def test_schemathesis_finds_no_disagreement_with_the_openapi_document(tmp_path):
    """schemathesis run (examples, coverage, fuzzing; 10 examples an operation, a fixed seed), with the
    admin key, against `matcher serve` on the demo profiles: no ST201-ST205 failure (about 40 s)."""
    from matcher.embedding import HashingEmbedder
    from matcher.engine import Matcher
    from matcher.storage.store import Store

    db_path = tmp_path / "demo.db"
    Matcher(Store(db_path), embedder=HashingEmbedder()).import_files([DEMO_PROFILES])
    with running_server(db_path, tmp_path / "serve.log", MATCHER_ADMIN_KEY=ADMIN_KEY) as url:
        document = httpx.get(f"{url}/openapi.json").json()
        operations = {f"{method.upper()} {path}" for path, item in document["paths"].items() for method in item}
        assert {"POST /profiles", "PUT /profiles/{profile_id}", "GET /profiles/{profile_id}/export"} <= operations
        config = tmp_path / "schemathesis.toml"
        config.write_text(schemathesis_config(operations), encoding="utf-8")
        run = subprocess.run(
            [sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "--no-color", "run",
             f"{url}/openapi.json", "--checks", ",".join(CHECKS), "--phases", "examples,coverage,fuzzing",
             "--max-examples", "10", "--seed", "1", "--no-shrink", "--generation-database", "none",
             "--workers", "1", "--header", f"Authorization: Bearer {ADMIN_KEY}"],
            cwd=tmp_path, capture_output=True, text=True, timeout=300)
        server_log = (tmp_path / "serve.log").read_text()
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
    assert "Traceback" not in server_log, server_log[-4000:]
