"""A basic phone that texts the helpline through the real, signed SMS webhook (for `passerelle chat` and tests)."""
from __future__ import annotations

import itertools
import secrets
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from twilio.request_validator import RequestValidator

from bot import sms as sms_text


@dataclass(frozen=True)
class Reply:
    """One SMS the phone received."""

    text: str
    segments: sms_text.SegmentInfo


def parse_twiml(document: str) -> list[str]:
    """Return the bodies of the <Message> elements of a TwiML document."""
    root = ET.fromstring(document)
    bodies = []
    for message in root.iter("Message"):
        body = message.find("Body")
        bodies.append((body.text if body is not None else message.text) or "")
    return bodies


def sms_params(from_: str, to: str, body: str, sid: str | None = None) -> dict:
    """Return the form Twilio posts for an incoming SMS."""
    sid = sid or "SM" + secrets.token_hex(16)
    return {"ToCountry": "CA", "ToState": "AB", "SmsMessageSid": sid, "NumMedia": "0", "SmsSid": sid,
            "SmsStatus": "received", "Body": body, "FromCountry": "CA", "To": to, "NumSegments": "1",
            "MessageSid": sid, "AccountSid": "AC" + "0" * 32, "From": from_, "ApiVersion": "2010-04-01"}


def _http_post(url: str, params: dict, signature: str) -> tuple[int, str]:
    """POST a signed form to a running server, as Twilio does; return (status, body)."""
    request = urllib.request.Request(url, data=urllib.parse.urlencode(params).encode(), method="POST",
                                     headers={"X-Twilio-Signature": signature})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def _client_post(client, path: str, params: dict, signature: str) -> tuple[int, str]:
    """POST a signed form to an app in this process; return (status, body)."""
    response = client.post(path, data=params, headers={"X-Twilio-Signature": signature})
    return response.status_code, response.get_data(as_text=True)


def _dev_token() -> str:
    """Return the auth token a local server checks (TWILIO_AUTH_TOKEN, or the development one)."""
    from bot.config import fill_dev_secrets, from_environment

    settings = from_environment()
    fill_dev_secrets(settings)
    return settings["TWILIO_AUTH_TOKEN"]


class Phone:
    """Texts the webhook, signing each request with the auth token exactly as Twilio does."""

    def __init__(self, post, url: str, token: str, from_: str, to: str):
        self._post, self.url, self.token, self.from_, self.to = post, url, token, from_, to
        self._counter = itertools.count(1)

    @classmethod
    def in_process(cls, from_: str, to: str, app=None) -> Phone:
        """Return a phone wired to an app in this process (made from the environment if not given)."""
        from bot import create_app

        app = app or create_app()
        client = app.test_client()
        url = (app.config["PUBLIC_URL"] or "http://localhost") + "/sms"
        return cls(lambda params, signature: _client_post(client, "/sms", params, signature), url,
                   app.config["TWILIO_AUTH_TOKEN"], from_, to)

    @classmethod
    def remote(cls, base_url: str, from_: str, to: str) -> Phone:
        """Return a phone that texts a running server (signing with TWILIO_AUTH_TOKEN or the dev token)."""
        url = base_url.rstrip("/") + "/sms"
        return cls(lambda params, signature: _http_post(url, params, signature), url, _dev_token(), from_, to)

    def text(self, body: str, sid: str | None = None) -> tuple[int, list[Reply]]:
        """Send one text; return the HTTP status and the replies."""
        params = sms_params(self.from_, self.to, body, sid)
        signature = RequestValidator(self.token).compute_signature(self.url, params)
        status, document = self._post(params, signature)
        if status != 200 or not document.strip().startswith("<"):
            return status, []
        return status, [Reply(text, sms_text.segments(text)) for text in parse_twiml(document)]


def voice_params(from_: str, to: str, call_sid: str, **extra) -> dict:
    """Return the form Twilio posts at a step of an incoming call."""
    params = {"AccountSid": "AC" + "0" * 32, "ApiVersion": "2010-04-01", "CallSid": call_sid,
              "CallStatus": "in-progress", "Called": to, "Caller": from_, "Direction": "inbound", "From": from_,
              "To": to, "FromCountry": "CA", "ToCountry": "CA"}
    params.update({k: v for k, v in extra.items() if v is not None})
    return params


@dataclass(frozen=True)
class Heard:
    """What a step of a call did: the words said (with their language), and what happens next."""

    said: list[tuple[str, str]]
    listening: str | None
    dialing: list[str]
    hung_up: bool


def parse_voice(document: str) -> tuple[Heard, str | None]:
    """Return what a TwiML voice document says and does, and the URL of the next step (Gather or Dial action)."""
    root = ET.fromstring(document)
    said = [((say.text or "").strip(), say.get("language") or "") for say in root.iter("Say")]
    gather = root.find(".//Gather")
    dial = root.find(".//Dial")
    listening = gather.get("input") if gather is not None else None
    numbers = [(n.text or "").strip() for n in root.iter("Number")]
    following = gather.get("action") if gather is not None else dial.get("action") if dial is not None else None
    redirect = root.find(".//Redirect")
    if following is None and redirect is not None:
        following = (redirect.text or "").strip()
    return Heard(said, listening, numbers, root.find(".//Hangup") is not None), following


class Caller:
    """Calls the voice webhook like Twilio does: each step signed, following the <Gather>/<Dial> actions."""

    def __init__(self, phone: Phone, base: str):
        self.phone, self.base = phone, base.rstrip("/")
        self.call_sid = "CA" + secrets.token_hex(16)
        self.next = "/voice"

    @classmethod
    def in_process(cls, from_: str, to: str, app=None) -> Caller:
        """Return a caller wired to an app in this process."""
        from bot import create_app

        app = app or create_app()
        client = app.test_client()
        base = app.config["PUBLIC_URL"] or "http://localhost"
        def post(params, signature, path):
            return _client_post(client, path, params, signature)

        return cls(Phone(post, base, app.config["TWILIO_AUTH_TOKEN"], from_, to), base)

    @classmethod
    def remote(cls, base_url: str, from_: str, to: str) -> Caller:
        """Return a caller that calls a running server."""
        base = base_url.rstrip("/")
        def post(params, signature, path):
            return _http_post(base + path, params, signature)

        return cls(Phone(post, base_url, _dev_token(), from_, to), base_url)

    def step(self, digits: str | None = None, speech: str | None = None, **extra) -> tuple[int, Heard | None]:
        """Press keys or say words (or neither: silence) at the current step; follow the call to the next."""
        status, document = self.post(digits, speech, **extra)
        if status != 200 or not document.strip().startswith("<"):
            return status, None
        return status, self.follow(document)

    def post(self, digits: str | None = None, speech: str | None = None, **extra) -> tuple[int, str]:
        """Send the current step, signed; return the HTTP status and the TwiML."""
        path = self.next or "/voice"
        params = voice_params(self.phone.from_, self.phone.to, self.call_sid, Digits=digits or None,
                              SpeechResult=speech or None, Confidence="0.9" if speech else None, **extra)
        signature = RequestValidator(self.phone.token).compute_signature(self.base + path, params)
        return self.phone._post(params, signature, path)

    def follow(self, document: str) -> Heard:
        """Read a step's TwiML and move to the step it leads to."""
        heard, following = parse_voice(document)
        if following:
            self.next = following if following.startswith("/") else "/" + following
        elif heard.hung_up:
            self.next = None
        return heard
