"""Property-based run over the OpenAPI document (schemathesis): every operation, with generated valid
and invalid input, answers without a 5xx and as its schema says.

Each operation's cases come from schemathesis as a Hypothesis strategy and run in a plain pytest test,
one per operation and generation mode. The schemathesis pytest plugin (`schemathesis.pytest.from_fixture`)
is not used: up to 4.32.5 it writes pytest's private `Function._nodeid`, which pytest 9.1 removed.
"""
from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks

from service.schemas.profiles import PROFILE_EXAMPLE
from service.server import create_app
from service.settings import Settings

ADMIN_KEY = "admin-key-for-the-tests-0123456789"
MAX_EXAMPLES = 25
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_headers_conformance, checks.response_schema_conformance]
# Building the app opens nothing (the database opens when it starts), so the operations can be listed
# at collection time, one test each. Invalid input exists only for operations that take some.
PATHS = create_app(Settings(model="hashing")).openapi()["paths"]
OPERATIONS = sorted((method.upper(), path) for path, methods in PATHS.items() for method in methods)
RUNS = [(method, path, mode) for method, path in OPERATIONS
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        if mode is GenerationMode.POSITIVE or {"parameters", "requestBody"} & set(PATHS[path][method.lower()])]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    """The app on a fresh database holding the documented example profile (so examples find it)."""
    db_path = tmp_path_factory.mktemp("schema") / "m.db"
    app = create_app(Settings(db_path=str(db_path), model="hashing", admin_key=ADMIN_KEY, rate_limit="off"))
    with TestClient(app) as client:
        assert client.post("/profiles", json=PROFILE_EXAMPLE).status_code == 201
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_every_operation_is_exercised():
    """The list the tests below run over is the whole API, writes included."""
    assert {"GET /health", "POST /profiles", "PUT /profiles/{profile_id}", "DELETE /profiles/{profile_id}",
            "POST /search", "POST /alliances"} <= {f"{method} {path}" for method, path in OPERATIONS}
    assert sum(mode is GenerationMode.NEGATIVE for _, _, mode in RUNS) >= len(OPERATIONS) - 1  # all but /health


@pytest.mark.parametrize(("method", "path", "mode"), RUNS, ids=[f"{m} {p} {mode.value}" for m, p, mode in RUNS])
def test_api_conforms_to_its_schema(api_schema, method, path, mode):
    """Generated requests, anonymous and with the admin key, never get a 5xx or an off-schema answer."""
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def answers_as_documented(case):
        case.call_and_validate(checks=CHECKS)
        case.call_and_validate(headers={"Authorization": f"Bearer {ADMIN_KEY}"}, checks=CHECKS)

    answers_as_documented()
