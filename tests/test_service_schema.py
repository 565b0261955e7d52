"""Property-based run over the OpenAPI document (schemathesis): every operation, with generated valid
and invalid input, answers without a 5xx and as its schema says."""
from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis import checks

from service.schemas.profiles import PROFILE_EXAMPLE
from service.server import create_app
from service.settings import Settings

ADMIN_KEY = "admin-key-for-the-tests-0123456789"
MAX_EXAMPLES = 25
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_headers_conformance, checks.response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    """The app on a fresh database holding the documented example profile (so examples find it)."""
    db_path = tmp_path_factory.mktemp("schema") / "m.db"
    app = create_app(Settings(db_path=str(db_path), model="hashing", admin_key=ADMIN_KEY, rate_limit="off"))
    with TestClient(app) as client:
        assert client.post("/profiles", json=PROFILE_EXAMPLE).status_code == 201
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    schema.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True)
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    """Generated requests, anonymous and with the admin key, never get a 5xx or an off-schema answer."""
    case.call_and_validate(checks=CHECKS)
    case.call_and_validate(headers={"Authorization": f"Bearer {ADMIN_KEY}"}, checks=CHECKS)
