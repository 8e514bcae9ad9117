"""Messages we start ourselves (navigator replies, follow-ups), sent through Twilio's REST API."""
from __future__ import annotations

import logging

from sqlalchemy import select
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from bot import sms as sms_text
from bot.errors import OptedOutError, SendError
from bot.privacy import contact_key, mask
from bot.record import Contact, Direction, Message, utcnow

log = logging.getLogger(__name__)

#: Twilio's error for "Attempt to send to unsubscribed recipient".
TWILIO_OPTED_OUT = 21610


def twilio_client(config) -> Client:
    """Return a Twilio REST client for our account, pointed at TWILIO_API_URL (a local fake in tests)."""
    client = Client(config["TWILIO_ACCOUNT_SID"] or "AC" + "0" * 32, config["TWILIO_AUTH_TOKEN"])
    client.api.base_url = config["TWILIO_API_URL"]
    return client


def send_sms(config, database, conversation_id: str, to: str, text: str, language: str | None = None,
             author_id: int | None = None) -> str:
    """Record one SMS (fitted to the segment budget) and send it; return Twilio's message sid."""
    message_id = record_outbound(config, database, conversation_id, text, language, author_id)
    return deliver(config, database, message_id, to)


def record_outbound(config, database, conversation_id: str, text: str, language: str | None = None,
                    author_id: int | None = None, status: str = "sending") -> int:
    """Record an SMS we are about to send (as the person will get it) and return its id."""
    body = sms_text.fit(text, config["SMS_MAX_SEGMENTS"], config["SMS_GSM_ONLY"])
    info = sms_text.segments(body)
    message = Message(conversation_id=conversation_id, direction=Direction.OUTBOUND, channel="sms", body=body,
                      language=language, status=status, segments=info.count, encoding=info.encoding,
                      author_id=author_id, created_at=utcnow())
    with database.session() as session:
        session.add(message)
    return message.id


def deliver(config, database, message_id: int, to: str) -> str:
    """Send a recorded SMS unless the person opted out; record Twilio's sid or its error; return the sid.

    A 21610 answer from Twilio means the person opted out with the carrier: we record it so nothing more is sent.
    Raise OptedOutError (never retried) or SendError (retried by the queue).
    """
    key = contact_key(config["SECRET_KEY"], to)
    with database.session() as session:
        stored = session.get(Message, message_id)
        if stored.external_id:
            return stored.external_id  # a retry of a job whose send went through
        body = stored.body
        contact = session.execute(select(Contact).where(Contact.key == key)).scalar_one_or_none()
        if contact is not None and contact.opted_out:
            stored.status = "not_sent"
            raise OptedOutError(f"{mask(to)} has opted out")
        stored.status = "sending"
    sender = {"from_": config["TWILIO_FROM_NUMBER"]} if config["TWILIO_FROM_NUMBER"] else {}
    if config.get("PUBLIC_URL"):
        # Twilio tells us what became of the message (delivered, failed, 21610) at /sms/status.
        sender["status_callback"] = config["PUBLIC_URL"] + "/sms/status"
    try:
        sent = twilio_client(config).messages.create(to=to, body=body, **sender)
    except TwilioRestException as error:
        with database.session() as session:
            stored = session.get(Message, message_id)
            stored.status, stored.error_code = "failed", str(error.code)
            if error.code == TWILIO_OPTED_OUT:
                contact = session.execute(select(Contact).where(Contact.key == key)).scalar_one_or_none()
                if contact is not None:
                    contact.opted_out, contact.opted_out_at = True, utcnow()
        if error.code == TWILIO_OPTED_OUT:
            log.info("Twilio says %s opted out; recorded", mask(to))
            raise OptedOutError(f"{mask(to)} has opted out (Twilio {error.code})") from None
        raise SendError(f"Twilio refused a message to {mask(to)}: error {error.code}") from None
    except Exception as error:
        # Twilio unreachable (network, DNS): the queue tries again later.
        with database.session() as session:
            stored = session.get(Message, message_id)
            stored.status = "retrying"
        raise SendError(f"could not reach Twilio for a message to {mask(to)}: {type(error).__name__}") from None
    with database.session() as session:
        stored = session.get(Message, message_id)
        # Twilio took it ("queued"/"accepted"): it is sent as far as we can tell until /sms/status says more.
        early = (None, "", "queued", "accepted", "sending")
        stored.status, stored.external_id = "sent" if sent.status in early else sent.status, sent.sid
    return sent.sid


def record_status(config, database, sid: str, status: str, error_code: str | None) -> bool:
    """Record what Twilio says became of a message we sent; a 21610 marks the person opted out. Return
    whether the message is ours."""
    with database.session() as session:
        stored = session.execute(select(Message).where(Message.channel == "sms", Message.direction == Direction.OUTBOUND,
                                                       Message.external_id == sid)).scalar_one_or_none()
        if stored is None:
            return False
        stored.status = status[:16]
        if error_code:
            stored.error_code = error_code[:16]
        if error_code == str(TWILIO_OPTED_OUT):
            contact = stored.conversation.contact
            contact.opted_out, contact.opted_out_at = True, utcnow()
            log.info("Twilio says %s opted out; recorded", mask(contact.address))
        return True
