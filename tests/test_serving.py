"""Serving as the Procfile says: slow clients can't stall it, and access logs carry no query strings."""
import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from twilio.request_validator import RequestValidator

from bot.simulator import parse_twiml, sms_params
from tests.conftest import TEST_TOKEN

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def procfile_web(port: int) -> list[str]:
    line = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:"))
    command = line.removeprefix("web:").strip().replace("$PORT", str(port))
    command = command.replace("${WEB_CONCURRENCY:-2}", "2").replace("${WEB_THREADS:-8}", "8")
    return shlex.split(command.replace("0.0.0.0", "127.0.0.1"))


@pytest.fixture
def gunicorn(tmp_path, redis_url):
    port = free_port()
    env = dict(os.environ, REDIS_URL=redis_url, DATABASE_URL=f"sqlite:///{tmp_path}/web.sqlite",
               TWILIO_AUTH_TOKEN=TEST_TOKEN, SECRET_KEY="serving-test-key", PASSERELLE_HOME=str(tmp_path),
               PUBLIC_URL="", NIGHT_HOURS="0-0")
    command = procfile_web(port)
    command[0] = str(Path(sys.executable).parent / "gunicorn")
    log = open(tmp_path / "access.log", "w+")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    yield base, tmp_path / "access.log"
    process.terminate()
    process.wait(timeout=10)
    log.close()


def text(base: str, number: str, body: str) -> tuple[float, list[str]]:
    url = base + "/sms"
    params = sms_params(number, "+15875550000", body)
    signature = RequestValidator(TEST_TOKEN).compute_signature(url, params)
    request = urllib.request.Request(url, data=urllib.parse.urlencode(params).encode(),
                                     headers={"X-Twilio-Signature": signature})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        return time.perf_counter() - started, parse_twiml(response.read().decode())


@pytest.mark.slow
def test_slow_connections_do_not_stall_a_real_text(gunicorn):
    base, _ = gunicorn
    text(base, "+15875557000", "hello")  # the first request warms the catalogue up
    port = int(base.rsplit(":", 1)[1])
    slow = []
    for _ in range(6):
        connection = socket.create_connection(("127.0.0.1", port))
        connection.sendall(b"POST /sms HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\nFrom=")
        slow.append(connection)
    try:
        took, replies = text(base, "+15875557001", "I need a food bank")
        assert replies and took < 2, f"a real text took {took:.1f} s beside slow connections"
    finally:
        for connection in slow:
            connection.close()


@pytest.mark.slow
def test_access_logs_carry_no_query_string(gunicorn):
    base, access_log = gunicorn
    query = urllib.parse.urlencode({"From": "+15875551234", "Body": "zebraword"})
    try:
        urllib.request.urlopen(f"{base}/sms?{query}", timeout=10)
    except urllib.error.HTTPError:
        pass
    time.sleep(0.5)
    logged = access_log.read_text()
    assert "/sms" in logged and "zebraword" not in logged and "5875551234" not in logged


def test_the_development_server_logs_no_query_string(make_app, caplog):
    import logging

    from tests.test_concurrency import Server

    app = make_app()
    caplog.set_level(logging.INFO, logger="werkzeug")
    with Server(app) as server:
        query = urllib.parse.urlencode({"From": "+15875551234", "Body": "zebraword"})
        try:
            urllib.request.urlopen(f"{server.url}?{query}", timeout=10)
        except urllib.error.HTTPError:
            pass
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "/sms" in logged and "zebraword" not in logged and "5875551234" not in logged
