"""The service's guards: settings, the per-client rate limit on writes and search."""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.rate_limit import Rate, RateLimiter, limits_path, retry_after_header
from service.server import create_app
from service.settings import Settings, SettingsError

from conftest import profile

ADMIN_KEY = "admin-key-for-the-tests-0123456789"


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("text, rate", [
    ("60/minute", Rate(60, 60)), ("5/second", Rate(5, 1)), ("1000 / hours", Rate(1000, 3600)),
    ("10000/day", Rate(10000, 86400)), ("off", None), ("OFF", None),
])
def test_rate_parse(text, rate):
    """Rates read as count per unit; 'off' switches the limit off."""
    assert Rate.parse(text) == rate


@pytest.mark.parametrize("text", ["60", "0/minute", "60/fortnight", "many/minute", ""])
def test_rate_parse_refuses_nonsense(text):
    """A rate that cannot be read is refused, quoting it."""
    with pytest.raises(ValueError, match="must look like '60/minute'"):
        Rate.parse(text)


def test_rate_limiter_allows_a_burst_then_refills():
    """A bucket allows `count` at once, then one more per `seconds / count`; clients are apart."""
    clock = FakeClock()
    limiter = RateLimiter(Rate(3, 60), clock=clock)
    assert [limiter.acquire("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.acquire("a") == pytest.approx(20.0)
    assert limiter.acquire("b") == 0.0
    clock.now += 10
    assert limiter.acquire("a") == pytest.approx(10.0)
    clock.now += 10
    assert limiter.acquire("a") == 0.0
    assert retry_after_header(0.2) == "1" and retry_after_header(19.1) == "20"


def test_settings_from_environment():
    """MATCHER_* variables fill the settings; keyword arguments win."""
    settings = Settings.from_env({"MATCHER_DB": "a.db", "MATCHER_MODEL": "hashing", "MATCHER_ADMIN_KEY": ADMIN_KEY,
                                  "MATCHER_MAX_BODY_BYTES": "500", "MATCHER_RATE_LIMIT": "5/second"},
                                 db_path="b.db")
    assert (settings.db_path, settings.model, settings.max_body_bytes, settings.rate) == (
        "b.db", "hashing", 500, Rate(5, 1))
    assert settings.admin_key.get_secret_value() == ADMIN_KEY
    assert ADMIN_KEY not in repr(settings)
    assert Settings.from_env({}).admin_key is None


@pytest.mark.parametrize("environ, message", [
    ({"MATCHER_ADMIN_KEY": "changethis"}, "MATCHER_ADMIN_KEY: must be at least 16 characters and not a placeholder"),
    ({"MATCHER_ADMIN_KEY": "short"}, "MATCHER_ADMIN_KEY: must be at least 16 characters and not a placeholder"),
    ({"MATCHER_RATE_LIMIT": "lots"}, "MATCHER_RATE_LIMIT: must look like '60/minute'"),
    ({"MATCHER_MAX_BODY_BYTES": "big"}, "MATCHER_MAX_BODY_BYTES: Input should be a valid integer"),
    ({"MATCHER_SIGN_IN_LIMIT": "often"}, "MATCHER_SIGN_IN_LIMIT: must look like '60/minute'"),
    ({"MATCHER_SESSION_DAYS": "0"}, "MATCHER_SESSION_DAYS: Input should be greater than or equal to 1"),
    ({"MATCHER_TRUSTED_PROXIES": "10.0.0.5, proxy.local"},
     "MATCHER_TRUSTED_PROXIES: 'proxy.local' is not an IP address or network"),
])
def test_settings_refuse_bad_values(environ, message):
    """Placeholder admin keys and unreadable limits stop the service from starting, naming the variable."""
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(environ)


def test_trusted_proxies_are_addresses_or_networks():
    """MATCHER_TRUSTED_PROXIES takes addresses and CIDR networks separated by commas; none by default."""
    settings = Settings.from_env({"MATCHER_TRUSTED_PROXIES": " 10.0.0.5, 192.168.1.0/24,::1 "})
    assert settings.trusted_proxies == ("10.0.0.5", "192.168.1.0/24", "::1")
    assert Settings.from_env({}).trusted_proxies == ()


def rate_limited_client(tmp_path, rate="2/minute"):
    settings = Settings(db_path=str(tmp_path / "m.db"), model="hashing", admin_key=ADMIN_KEY, rate_limit=rate)
    return TestClient(create_app(settings))


def test_search_over_the_rate_is_429_with_retry_after(tmp_path):
    """The third search in a minute at 2/minute is a 429 with Retry-After; reads are not limited."""
    with rate_limited_client(tmp_path) as client:
        for _ in range(2):
            assert client.post("/search", json={"text": "dance"}).status_code == 200
        response = client.post("/search", json={"text": "dance"})
        assert response.status_code == 429
        assert response.headers["retry-after"] == "30"
        assert response.json() == {"detail": "too many requests: at most 2 per minute for writes and searches; "
                                             "retry in 30 s"}
        for _ in range(5):
            assert client.get("/profiles").status_code == 200


def test_writes_share_the_limit_and_admin_is_exempt(tmp_path):
    """Creates, replaces, deletes and searches draw on one budget per client; the admin key is not limited."""
    with rate_limited_client(tmp_path) as client:
        created = client.post("/profiles", json=profile("a", location={"municipality": "Gent"}))
        assert created.status_code == 201
        key = created.json()["owner_key"]
        assert client.delete("/profiles/a", headers={"Authorization": f"Bearer {key}"}).status_code == 204
        assert client.post("/profiles", json=profile("b")).status_code == 429
        admin = {"Authorization": f"Bearer {ADMIN_KEY}"}
        for name in ("c", "d", "e"):
            assert client.post("/profiles/bulk", json=[profile(name)], headers=admin).status_code == 200
            assert client.post("/search", json={"text": "dance"}, headers=admin).status_code == 200


def test_rate_limit_off(tmp_path):
    """MATCHER_RATE_LIMIT=off lets every request through."""
    with rate_limited_client(tmp_path, rate="off") as client:
        for _ in range(5):
            assert client.post("/search", json={"text": "dance"}).status_code == 200


def test_serve_refuses_bad_settings(monkeypatch, capsys, tmp_path):
    """`matcher serve` exits 1 with the variable's name when a setting is unusable, before listening."""
    from matcher.cli import main

    monkeypatch.setenv("MATCHER_ADMIN_KEY", "changethis")
    assert main(["serve", "--db", str(tmp_path / "m.db"), "--port", "1"]) == 1
    assert "matcher serve: MATCHER_ADMIN_KEY: must be at least 16 characters" in capsys.readouterr().err


def test_processes_on_one_database_share_the_limit(tmp_path):
    """Two limiters on one database's limits file (as two worker processes open it) count one client
    together: the burst is the limit's, not twice it; another client has its own bucket."""
    clock = FakeClock()
    path = limits_path(str(tmp_path / "m.db"))
    first, second = (RateLimiter(Rate(4, 60), path, clock=clock) for _ in range(2))
    taken = [limiter.acquire("10.0.0.1") for limiter in (first, second, first, second)]
    assert taken == [0.0] * 4
    assert second.acquire("10.0.0.1") == pytest.approx(15.0)
    assert first.acquire("10.0.0.1") == pytest.approx(15.0)
    assert first.acquire("10.0.0.2") == 0.0
    written = b"".join(file.read_bytes() for file in tmp_path.glob("m.db.limits*"))
    assert written and b"10.0.0.1" not in written  # clients are kept as hashes
