"""Shared fixtures: a real Redis (dedicated database, flushed), an app, a client, signed Twilio requests."""
import os

import pytest
import redis as redis_lib

#: Database number the tests own on the shared Redis; flushed before and after each test.
TEST_REDIS_DB = 15


def _redis_url() -> str:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379"
    base = url.rsplit("/", 1)[0] if url.count("/") > 2 else url
    return f"{base}/{TEST_REDIS_DB}"


@pytest.fixture
def redis_url():
    """Yield the URL of a real, empty Redis database; skip without Redis unless CI=true."""
    url = _redis_url()
    client = redis_lib.Redis.from_url(url)
    try:
        client.ping()
    except redis_lib.exceptions.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is required under CI and is not reachable at {url}")
        pytest.skip(f"no Redis at {url}")
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def redis(redis_url):
    """Yield a client of the real, flushed test Redis."""
    client = redis_lib.Redis.from_url(redis_url)
    yield client
    client.close()
