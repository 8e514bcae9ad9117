"""Forgetting a person on request (FORGET / OUBLIER, or a navigator at their request), and the retention purge:
the words and the number go; anonymous counts stay."""
from __future__ import annotations

import datetime as dt
import json
import logging
import secrets

from sqlalchemy import delete, select, update

from bot.privacy import contact_key, mask, normalise_address
from bot.record import AuditEntry, Contact, Conversation, Event, FollowUp, Message, Note, utcnow
from bot.store import EVENTS_STREAM, KEY_PREFIX

log = logging.getLogger(__name__)

#: What an event keeps once its words are gone: the structured, anonymous parts.
_WORDLESS_KEYS = ("category", "language", "matched", "priority", "reason", "outcome", "feedback", "service_id",
                  "service_ids", "need", "mode", "concern", "risk", "confident", "results", "shared")


def wordless(payload: dict | None) -> dict:
    """Return an event's payload without the person's words (the words that showed a need, a profile)."""
    kept = {k: v for k, v in (payload or {}).items() if k in _WORDLESS_KEYS}
    needs = (payload or {}).get("needs")
    if needs:
        kept["needs"] = [{"category": n.get("category"), "score": n.get("score")} for n in needs if isinstance(n, dict)]
    return kept


def forget(database, store, settings, contact_id: int, address: str | None = None, navigator_id: int | None = None,
           queue=None) -> None:
    """Erase everything about a person: the number, profile, every message's words and the TwiML kept for
    retries, event payloads, notes, follow-ups, the Redis state and live events, and queued or spooled work
    carrying the number; keep only anonymous counts (conversations' language and outcome, need requests)."""
    address = address or ""
    with database.session() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            return
        address = address or contact.address or ""
        conversation_ids = session.execute(select(Conversation.id).where(Conversation.contact_id == contact_id)
                                           ).scalars().all()
        session.execute(update(Message).where(Message.conversation_id.in_(conversation_ids))
                        .values(body="", response=None, external_id=None))
        for event in session.execute(select(Event).where(Event.conversation_id.in_(conversation_ids))).scalars():
            event.payload = wordless(event.payload)
        session.execute(delete(Note).where(Note.conversation_id.in_(conversation_ids)))
        session.execute(delete(FollowUp).where(FollowUp.contact_id == contact_id))
        # A new, unlinkable key: a later text from this number is a stranger's first text.
        contact.key, contact.address, contact.profile = "forgotten:" + secrets.token_hex(16), None, None
        contact.opted_out, contact.opted_out_at = False, None
        session.add(AuditEntry(navigator_id=navigator_id, conversation_id=None, action="forget", detail={},
                               created_at=utcnow()))
    _compact(database)
    if address:
        _forget_in_redis(store, settings, address, conversation_ids, queue)
    log.info("forgot everything about %s", mask(address))


def _compact(database) -> None:
    """Make SQLite write the erased pages over the old ones now, and empty its journal (secure_delete is on)."""
    if not database.url.startswith("sqlite"):
        return
    from sqlalchemy import text

    try:
        with database.engine.connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    except Exception:
        log.exception("could not checkpoint the SQLite journal after forgetting")


def _forget_in_redis(store, settings, address: str, conversation_ids: list[str], queue=None) -> None:
    key = contact_key(settings["SECRET_KEY"], address)
    number = normalise_address(address)
    client = store.client

    def scrub():
        client.delete(f"{KEY_PREFIX}state:{key}")
        # The live events stream: entries of the person's conversations.
        ids = set(conversation_ids)
        for entry_id, fields in client.xrange(EVENTS_STREAM):
            conversation = fields.get(b"conversation", b"").decode()
            if conversation in ids:
                client.xdel(EVENTS_STREAM, entry_id)

    store.attempt("forget", scrub)
    # Texts kept during an outage, in Redis and in the local file.
    from bot.spool import Spool

    Spool(store, settings.get("PASSERELLE_HOME", ".passerelle")).forget({number, address})
    if queue is not None:
        _cancel_jobs(queue, {number, address})


def _cancel_jobs(queue, values: set[str]) -> None:
    """Delete queued jobs that would send to the number (a reply, a follow-up)."""
    try:
        for job in queue.get_jobs():
            if values & {str(a) for a in (job.args or ())}:
                job.delete()
    except Exception:
        log.exception("could not look through the queue for jobs to forget")


def purge(database, retention_days: float, as_of: dt.datetime | None = None) -> dict:
    """Erase the words of conversations idle for more than `retention_days` (messages, kept TwiML, event
    payloads, notes); return counts. Conversations, outcomes and need requests stay as anonymous counts."""
    as_of = as_of or utcnow()
    cutoff = as_of - dt.timedelta(days=retention_days)
    with database.session() as session:
        old = session.execute(select(Conversation.id).where(Conversation.last_activity_at < cutoff)).scalars().all()
        if not old:
            return {"conversations": 0, "messages": 0}
        messages = session.execute(update(Message).where(Message.conversation_id.in_(old), Message.body != "")
                                   .values(body="", response=None)).rowcount
        for event in session.execute(select(Event).where(Event.conversation_id.in_(old))).scalars():
            cleaned = wordless(event.payload)
            if json.dumps(cleaned, sort_keys=True) != json.dumps(event.payload or {}, sort_keys=True):
                event.payload = cleaned
        session.execute(delete(Note).where(Note.conversation_id.in_(old)))
    _compact(database)
    log.info("retention: erased the words of %d messages in %d conversations older than %s days",
             messages, len(old), retention_days)
    return {"conversations": len(old), "messages": messages}
