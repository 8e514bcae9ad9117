"""The navigators' console in a real browser (Debian's chromium through Playwright), against `passerelle serve`
and `passerelle worker` on the real Redis, with texts signed as Twilio signs them and a local fake Twilio API."""
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from twilio.request_validator import RequestValidator

from bot.simulator import parse_twiml, sms_params
from tests.conftest import TEST_TOKEN, _redis_url

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).parent / "data" / "axe" / "axe-4.14.1.min.js"
PASSWORD = "s3cret-Passw0rd"

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def playwright_browser():
    """Yield a headless Chromium; skip where it is missing, unless under CI (.ci/run installs it)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests need {CHROMIUM} under CI (apt-get install chromium)")
        pytest.skip(f"no {CHROMIUM}")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


class Helpline:
    """`passerelle serve` and `passerelle worker` running on a fresh database and the real test Redis."""

    def __init__(self, tmp: Path, twilio_url: str):
        import redis

        redis.Redis.from_url(_redis_url()).flushdb()
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp}/db.sqlite", REDIS_URL=_redis_url(),
                        TWILIO_AUTH_TOKEN=TEST_TOKEN, TWILIO_ACCOUNT_SID="AC" + "0" * 32, SECRET_KEY="browser-key",
                        TWILIO_API_URL=twilio_url, PUBLIC_URL=self.base, NAVIGATOR_HOURS="0-24",
                        NIGHT_HOURS="0-0", PASSERELLE_HOME=str(tmp / "home"))
        command = shutil.which("passerelle")
        for email, extra in (("nav@example.org", []), ("marc@example.org", []),
                             ("coord@example.org", ["--coordinator"])):
            subprocess.run([command, "navigator", "add", email, "--password-stdin", *extra], input=PASSWORD + "\n",
                           env=self.env, check=True, capture_output=True, text=True, timeout=60)
        self.log = open(tmp / "serve.log", "w")
        self.processes = [
            subprocess.Popen([command, "serve", "--port", str(self.port)], env=self.env, stdout=self.log,
                             stderr=subprocess.STDOUT, cwd=tmp),
            subprocess.Popen([command, "worker"], env=self.env, stdout=self.log, stderr=subprocess.STDOUT, cwd=tmp),
        ]
        # A cold start imports the app and loads the catalogue and the triage: on a busy 2-core machine that has
        # taken more than 15 s, so wait up to a minute, and say why if the server never came up.
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                break
            except Exception:
                if time.monotonic() > deadline or self.processes[0].poll() is not None:
                    self.stop()
                    raise RuntimeError("passerelle serve did not come up:\n" + (tmp / "serve.log").read_text()) from None
                time.sleep(0.1)
        self._n = 0

    def text(self, number: str, body: str) -> list[str]:
        """Text the helpline as Twilio would deliver it; return the replies."""
        self._n += 1
        params = sms_params(number, "+15875550000", body, sid=f"SM{number[-4:]}{self._n:028d}")
        url = self.base + "/sms"
        request = urllib.request.Request(url, data=urllib.parse.urlencode(params).encode(), method="POST", headers={
            "X-Twilio-Signature": RequestValidator(TEST_TOKEN).compute_signature(url, params)})
        with urllib.request.urlopen(request, timeout=20) as response:
            assert response.status == 200
            return parse_twiml(response.read().decode())

    def stop(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=10)
        self.log.close()


@pytest.fixture(scope="module")
def helpline(tmp_path_factory):
    from tests.fake_twilio import FakeTwilio

    fake = FakeTwilio()
    fake.start()
    running = Helpline(tmp_path_factory.mktemp("console"), fake.url)
    running.twilio = fake
    yield running
    running.stop()
    fake.stop()


def sign_in(browser, helpline, email="nav@example.org"):
    page = browser.new_page()
    page.goto(helpline.base + "/console/")
    assert "/console/login" in page.url, "a stranger is sent to the login page"
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=queue]")
    return page


def check_accessibility(page):
    """Run axe-core on the page; fail on serious or critical violations (labels, contrast, keyboard names)."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))")
    serious = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in json.loads(result)["violations"]
               if v["impact"] in ("serious", "critical")]
    assert not serious, serious


def queue_items(page):
    return page.locator("[data-testid=queue-item]")


def open_conversation(page, number_suffix):
    page.locator("[data-testid=queue-item]", has_text=number_suffix).first.click()
    page.wait_for_selector("[data-testid=transcript]")


def test_a_navigator_takes_over_live_and_hands_back(playwright_browser, helpline):
    page = sign_in(playwright_browser, helpline)
    check_accessibility(page)
    number = "+15875552101"
    helpline.text(number, "bonjour, j'ai besoin d'un lift pour aller travailler demain")
    assert "1 Oui ou 2 Non" in " ".join(helpline.text(number, "je veux parler à une personne"))
    helpline.text(number, "1")
    # The queue updates without a reload.
    page.wait_for_selector("[data-testid=queue-item]:has-text('01')", timeout=8000)
    open_conversation(page, "01")
    assert "lift pour aller travailler" in page.content(), "consented: the navigator reads the transcript"
    assert "Transport" in page.inner_text("[data-testid=summary]")
    check_accessibility(page)
    page.click("[data-testid=claim]")
    page.wait_for_selector("text=the bot is silent")
    page.fill("[data-testid=reply-text]", "Bonjour, ici Marie, navigatrice. Je regarde pour un lift.")
    page.click("[data-testid=reply-send]")
    deadline = time.time() + 10
    while time.time() < deadline and not [p for p in helpline.twilio.posts if "Marie" in p.get("Body", "")]:
        time.sleep(0.1)
    sent = [p for p in helpline.twilio.posts if "Marie" in p.get("Body", "")]
    assert sent and sent[0]["To"] == number, "the reply reached the Twilio API, to the person"
    assert sent[0]["StatusCallback"] == helpline.base + "/sms/status"
    # The person answers: the bot stays silent and the text appears live for the navigator.
    assert helpline.text(number, "merci! c'est pour 7h le matin") == []
    page.wait_for_selector("text=c'est pour 7h le matin", timeout=8000)
    page.click("[data-testid=hand-back]")
    page.wait_for_selector("text=Handed back to the bot")
    reply = " ".join(helpline.text(number, "MENU"))
    assert "besoin" in reply, "after hand-back the bot answers again"
    page.close()


def test_without_consent_the_navigator_sees_the_need_not_the_words(playwright_browser, helpline):
    page = sign_in(playwright_browser, helpline)
    number = "+15875552102"
    helpline.text(number, "my landlord gave me an eviction notice for friday")
    helpline.text(number, "AGENT")
    helpline.text(number, "2")
    page.wait_for_selector("[data-testid=queue-item]:has-text('02')", timeout=8000)
    open_conversation(page, "02")
    content = page.content()
    assert "eviction notice" not in content, "no consent: the person's words stay with the bot"
    assert "chose not to share" in content and "keep or find a home" in page.inner_text("[data-testid=summary]")
    # A waiting person's "hello?" is acknowledged once, not greeted, and reaches the navigator.
    ack = " ".join(helpline.text(number, "hello? anyone there?"))
    assert "navigator will answer you here" in ack and "Hello!" not in ack
    page.wait_for_selector("text=hello? anyone there?", timeout=8000)
    page.click("[data-testid=claim]")
    page.select_option("[data-testid=outcome]", "connected")
    page.click("[data-testid=close]")
    page.wait_for_selector("text=Closed.")
    page.goto(helpline.base + "/console/")
    assert "02" not in page.inner_text("[data-testid=queue]"), "a closed conversation leaves the queue"
    page.close()


def test_a_crisis_jumps_to_the_top_of_the_queue(playwright_browser, helpline):
    page = sign_in(playwright_browser, helpline)
    helpline.text("+15875552103", "I need a food bank")
    helpline.text("+15875552103", "AGENT")
    helpline.text("+15875552103", "1")
    page.wait_for_selector("[data-testid=queue-item]:has-text('03')", timeout=8000)
    reply = " ".join(helpline.text("+15875552104", "i have the pills in my hand, i cant go on"))
    assert "9-8-8" in reply and "911" in reply
    page.wait_for_selector("[data-testid=queue-item]:has-text('04')", timeout=8000)
    first = queue_items(page).first
    assert "04" in first.inner_text() and "Crisis" in first.inner_text(), first.inner_text()
    page.close()


def test_a_coordinator_reassigns_and_sees_who_is_stuck(playwright_browser, helpline):
    number = "+15875552105"
    helpline.text(number, "I need winter boots for my kids")
    helpline.text(number, "AGENT")
    helpline.text(number, "1")
    page = sign_in(playwright_browser, helpline, "coord@example.org")
    page.wait_for_selector("[data-testid=queue-item]:has-text('05')", timeout=8000)
    open_conversation(page, "05")
    page.select_option("[data-testid=reassign-to]", label="marc")
    page.click("[data-testid=reassign]")
    page.wait_for_selector("text=Reassigned.")
    assert "marc" in page.inner_text("[data-testid=mode]")
    page.goto(helpline.base + "/console/")
    assert "marc" in page.locator("[data-testid=queue-item]", has_text="05").inner_text()
    page.goto(helpline.base + "/console/stuck")
    page.wait_for_selector("[data-testid=stuck]")
    check_accessibility(page)
    page.close()


def test_the_console_speaks_french_and_the_phone_page_texts_the_helpline(playwright_browser, helpline):
    page = sign_in(playwright_browser, helpline)
    page.click("button[name=language][value=fr]")
    page.wait_for_selector("text=File d'attente")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.goto(helpline.base + "/try/")
    page.fill("[data-testid=phone-text]", "j'ai besoin de manger ce soir")
    page.click("[data-testid=phone-send]")
    page.wait_for_selector("[data-testid=phone-received]", timeout=8000)
    assert "Segments SMS" in page.inner_text("[data-testid=phone-screen]")
    check_accessibility(page)
    page.click("button[name=language][value=en]")
    page.close()


def test_the_coordinators_gaps_page_draws_its_charts(playwright_browser, helpline):
    helpline.text("+15875552106", "I need winter boots for my kids")
    page = sign_in(playwright_browser, helpline, "coord@example.org")
    page.click("text=Gaps")
    page.wait_for_selector("[data-testid=chart-needs]")
    bars = page.locator("[data-testid=chart-needs] rect")
    assert bars.count() >= 2, "a bar per need, requests and unmet"
    box = bars.first.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0, "the chart is drawn, not just in the markup"
    assert page.locator("[data-testid=chart-weeks] rect").count() >= 2
    assert "Clothes and winter gear" in page.inner_text("[data-testid=gaps-table]")
    check_accessibility(page)
    with page.expect_download() as download:
        page.click("[data-testid=gaps-csv]")
    first_line = Path(download.value.path()).read_text().splitlines()[0]
    assert first_line.startswith("category,language,requests,matched,unmet")
    page.close()
