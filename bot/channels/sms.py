"""The SMS channel: Twilio's Messaging webhook in, TwiML out."""
import logging

from flask import Blueprint, Response, current_app, request
from twilio.twiml.messaging_response import MessagingResponse

from bot import i18n
from bot import sms as sms_text
from bot.conversations import RenderedMessage
from bot.errors import AnswerPending
from bot.privacy import is_person_number, mask
from bot.signatures import twilio_signed

log = logging.getLogger(__name__)

bp = Blueprint("sms", __name__)

CHANNEL = "sms"
#: Segments a crisis reply may use: it keeps its accents (UCS-2, 67 characters a segment) and is never cut.
CRISIS_MAX_SEGMENTS = 6


def twiml(body: str, status: int = 200) -> Response:
    """Return a TwiML document response."""
    return Response(body, status=status, mimetype="application/xml")


def render(messages, result=None) -> tuple[list[RenderedMessage], str]:
    """Turn engine messages into SMS bodies (joined when they fit, GSM-7 when asked) and TwiML; the turn's
    result (which the voice line reads) is not needed for a text."""
    config = current_app.config
    limit, gsm_only = config["SMS_MAX_SEGMENTS"], config["SMS_GSM_ONLY"]
    bodies: list[tuple[str, str, bool]] = []
    for message in messages:
        # A crisis reply keeps its accents: those segments are worth it.
        swap = gsm_only and not message.keep_accents
        text = sms_text.to_gsm(message.text) if swap else message.text
        if bodies and bodies[-1][1] == message.language and bodies[-1][2] == swap:
            joined = bodies[-1][0] + "\n" + text
            if sms_text.segments(joined).count <= limit:
                bodies[-1] = (joined, message.language, swap)
                continue
        bodies.append((text, message.language, swap))
    rendered = []
    response = MessagingResponse()
    for text, language, swap in bodies:
        text = sms_text.fit(text, limit if swap else max(limit, CRISIS_MAX_SEGMENTS), swap)
        info = sms_text.segments(text)
        rendered.append(RenderedMessage(text, language, info.count, info.encoding))
        response.message(text)
    return rendered, str(response)


def fits(text: str) -> bool:
    """Tell whether an engine message fits one SMS reply (after the GSM-7 look-alikes we'd apply)."""
    config = current_app.config
    return sms_text.fits(text, config["SMS_MAX_SEGMENTS"], config["SMS_GSM_ONLY"])


def apology() -> str:
    """Return TwiML that says sorry, in both languages, when something broke on our side."""
    config = current_app.config
    texts = [i18n.gettext(lang, "Sorry, something went wrong on our side. Please text again in a minute, "
                                "or call {navigator_phone}. In danger, call {emergency}.")
             for lang in ("en", "fr")]
    text = "\n".join(texts).format(navigator_phone=config["NAVIGATOR_PHONE"], emergency=config["EMERGENCY_NUMBER"])
    response = MessagingResponse()
    response.message(sms_text.fit(text, config["SMS_MAX_SEGMENTS"], config["SMS_GSM_ONLY"]))
    return str(response)


@bp.post("/sms")
@twilio_signed
def receive():
    """Answer an inbound SMS: record it first, then reply with TwiML; never a 5xx."""
    address = request.form.get("From", "").strip()
    if not address:
        return twiml(str(MessagingResponse()), status=400)
    external_id = request.form.get("MessageSid") or request.form.get("SmsSid") or None
    text = sms_text.clean_inbound(request.form.get("Body", ""))
    conversations = current_app.extensions["passerelle.conversations"]
    try:
        stored = conversations.stored_response(CHANNEL, external_id)
        if stored is not None:
            return twiml(stored)
    except Exception:
        log.exception("could not look up message %s for a retry", external_id)
    # Short codes, alphanumeric senders and our own number can't take a reply (or would loop): recorded only.
    own = (current_app.config.get("TWILIO_FROM_NUMBER"), request.form.get("To"))
    try:
        turn = conversations.handle(CHANNEL, address, external_id, text, render,
                                    answer=is_person_number(address, own))
    except AnswerPending:
        log.warning("a copy of message %s waited too long for its first answer", external_id)
        return twiml(apology())
    except Exception:
        log.exception("SMS turn failed for %s", mask(address))
        return twiml(apology())
    try:
        # The database took this text: whatever waited for it during an outage is replayed now.
        app = current_app._get_current_object()
        conversations.replay_soon(render, send_later, lambda work: _in_context(app, work))
    except Exception:
        log.exception("could not start replaying spooled texts")
    return twiml(turn.response)


def _in_context(app, work):
    with app.app_context():
        return work()


def send_later(conversation_id: str, to: str, messages) -> None:
    """Send rendered messages by the REST API, through the job queue (a text answered late, after an outage)."""
    from bot import jobs

    queue = current_app.extensions["passerelle.queue"]
    for message in messages:
        queue.enqueue(jobs.send_sms, conversation_id, to, message.text, message.language)



@bp.post("/sms/status")
@twilio_signed
def status():
    """Record what Twilio says became of a message we sent (queued, sent, delivered, failed; 21610 = opted out)."""
    from bot import outbound

    sid = request.form.get("MessageSid") or request.form.get("SmsSid") or ""
    state = (request.form.get("MessageStatus") or request.form.get("SmsStatus") or "").strip().lower()
    if not sid or not state:
        return Response("", status=400)
    try:
        ours = outbound.record_status(current_app.config, current_app.extensions["passerelle.db"], sid, state,
                                      request.form.get("ErrorCode") or None)
    except Exception:
        # Twilio retries a callback that fails; nothing the person sees depends on it.
        log.exception("could not record the status of message %s", sid)
        return Response("", status=200)
    if ours:
        conversation = _conversation_of_sid(sid)
        if conversation:
            current_app.extensions["passerelle.store"].announce(conversation, False)
    return Response("", status=200)


def _conversation_of_sid(sid: str) -> str | None:
    from sqlalchemy import select

    from bot.record import Message

    with current_app.extensions["passerelle.db"].session() as session:
        return session.execute(select(Message.conversation_id).where(Message.external_id == sid)).scalar()
