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


def send_sms(config, database, conversation_id: str, to: str, text: str, language: str | None = None) -> str:
    """Send one SMS unless the person opted out; record it; return Twilio's message sid.

    A 21610 answer from Twilio means the person opted out with the carrier: we record it so nothing more is sent.
    """
    key = contact_key(config["SECRET_KEY"], to)
    with database.session() as session:
        contact = session.execute(select(Contact).where(Contact.key == key)).scalar_one_or_none()
        if contact is not None and contact.opted_out:
            raise OptedOutError(f"{mask(to)} has opted out")
    body = sms_text.fit(text, config["SMS_MAX_SEGMENTS"], config["SMS_GSM_ONLY"])
    info = sms_text.segments(body)
    message = Message(conversation_id=conversation_id, direction=Direction.OUTBOUND, channel="sms", body=body,
                      language=language, status="sending", segments=info.count, encoding=info.encoding,
                      created_at=utcnow())
    with database.session() as session:
        session.add(message)
    sender = {"from_": config["TWILIO_FROM_NUMBER"]} if config["TWILIO_FROM_NUMBER"] else {}
    try:
        sent = twilio_client(config).messages.create(to=to, body=body, **sender)
    except TwilioRestException as error:
        with database.session() as session:
            stored = session.get(Message, message.id)
            stored.status, stored.error_code = "failed", str(error.code)
            if error.code == TWILIO_OPTED_OUT:
                contact = session.execute(select(Contact).where(Contact.key == key)).scalar_one_or_none()
                if contact is not None:
                    contact.opted_out, contact.opted_out_at = True, utcnow()
        if error.code == TWILIO_OPTED_OUT:
            log.info("Twilio says %s opted out; recorded", mask(to))
            raise OptedOutError(f"{mask(to)} has opted out (Twilio {error.code})") from None
        raise SendError(f"Twilio refused a message to {mask(to)}: error {error.code}") from None
    with database.session() as session:
        stored = session.get(Message, message.id)
        stored.status, stored.external_id = "sent", sent.sid
    return sent.sid
