"""A phone in the browser: a basic-phone screen that texts the real, signed webhook, to try Passerelle without a
phone or Twilio (and for a navigator to see the other side)."""
from __future__ import annotations

import secrets

from flask import Blueprint, abort, current_app, render_template, request, session
from flask_login import current_user
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from bot import sms as sms_text
from bot.privacy import contact_key, normalise_address
from bot.record import Contact, Conversation, Direction, Message
from bot.simulator import sms_params

bp = Blueprint("phone", __name__, url_prefix="/try")

#: The helpline's number as the pretend phone sees it.
HELPLINE_NUMBER = "+15875550000"


def _allowed() -> None:
    """Anyone may try it on a development setup (no real Twilio token); otherwise a signed-in navigator only,
    since the page signs texts with the account's real token."""
    if current_app.config.get("TWILIO_DEV_TOKEN"):
        return
    if not (current_user and current_user.is_authenticated):
        abort(403)


def _number() -> str:
    """Return this browser's pretend phone number (fictional 555 numbers, one per browser session)."""
    if "try_number" not in session:
        session["try_number"] = f"+1587555{secrets.randbelow(9000) + 1000}"
    return session["try_number"]


def _screen() -> list[dict]:
    key = contact_key(current_app.config["SECRET_KEY"], _number())
    database = current_app.extensions["passerelle.db"]
    with database.session() as db:
        contact = db.execute(select(Contact).where(Contact.key == key)).scalar_one_or_none()
        if contact is None:
            return []
        messages = db.execute(select(Message).join(Conversation).where(Conversation.contact_id == contact.id)
                              .order_by(Message.id.desc()).limit(40)).scalars().all()
        shown = []
        for message in reversed(messages):
            if message.direction == Direction.OUTBOUND and message.status == "not_sent":
                continue
            info = sms_text.segments(message.body)
            shown.append({"mine": message.direction == Direction.INBOUND, "body": message.body,
                          "segments": info.count, "encoding": info.encoding})
        return shown


@bp.get("/")
def try_page():
    """The pretend phone."""
    _allowed()
    return render_template("phone/try.html", number=_number(), messages=_screen())


@bp.get("/screen")
def screen():
    """The phone's screen alone (it refreshes by itself: a navigator's reply shows up too)."""
    _allowed()
    return render_template("phone/_screen.html", messages=_screen())


@bp.post("/send")
def send():
    """Text the helpline from the pretend phone, through the real webhook, signed as Twilio would."""
    _allowed()
    body = sms_text.clean_inbound(request.form.get("text", ""))
    if body:
        params = sms_params(normalise_address(_number()), HELPLINE_NUMBER, body)
        url = (current_app.config["PUBLIC_URL"] or "http://localhost") + "/sms"
        signature = RequestValidator(current_app.config["TWILIO_AUTH_TOKEN"]).compute_signature(url, params)
        client = current_app.test_client()
        client.post("/sms", data=params, headers={"X-Twilio-Signature": signature},
                    base_url=(current_app.config["PUBLIC_URL"] or "http://localhost"))
    return render_template("phone/_screen.html", messages=_screen())
