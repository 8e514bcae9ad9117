"""Follow-ups: a few days after services were sent, one text asks whether the person reached them."""
from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from bot.engine.needs import N_
from bot.handoff import in_hours
from bot.privacy import mask
from bot.record import Contact, Conversation, FollowUp, utcnow

log = logging.getLogger(__name__)

# Translators: the follow-up text; {service} is the name of a service we sent.
QUESTION = N_("Hi, it's {helpline}. Did you reach {service}? Reply 1 Yes, 2 No, or 3 if you still need help. "
              "Reply STOP for no more texts.")


def schedule(session, conversation: Conversation, service_ids: list[str], need: str | None, language: str | None,
             now: dt.datetime, days: float) -> None:
    """Plan (or extend) the conversation's one follow-up for the services just sent."""
    if not service_ids or conversation.contact.opted_out:
        return
    existing = session.execute(select(FollowUp).where(FollowUp.conversation_id == conversation.id)
                               .order_by(FollowUp.id.desc()).limit(1)).scalar_one_or_none()
    if existing is not None and existing.status != "scheduled":
        return  # asked already for this conversation: never twice
    if existing is None:
        session.add(FollowUp(conversation_id=conversation.id, contact_id=conversation.contact_id,
                             service_ids=list(service_ids), need=need, language=language, status="scheduled",
                             due_at=now + dt.timedelta(days=days), created_at=now))
        return
    # Details asked for put that service first: it is the one they most likely tried.
    existing.service_ids = list(dict.fromkeys([*service_ids, *existing.service_ids]))[:9]
    existing.need, existing.language = need or existing.need, language or existing.language


def quiet(moment: dt.datetime, config) -> bool:
    """Tell whether a moment falls in the quiet hours, in the helpline's time zone."""
    local = moment.astimezone(ZoneInfo(config["TIMEZONE"]))
    return in_hours(local, config["QUIET_HOURS"])


def run(config, database, catalog, as_of: dt.datetime | None = None, send=None) -> dict:
    """Send every follow-up due at `as_of` (now by default), unless it falls in quiet hours; return counts.

    Each is claimed in the statement that marks it sent, so two runs (two hosts, a retried job) never both
    send it; a number that texted STOP is skipped for good.
    """
    from bot import i18n, outbound

    as_of = as_of or utcnow()
    counts = {"sent": 0, "skipped": 0, "failed": 0, "quiet": 0}
    with database.session() as session:
        due = session.execute(select(FollowUp.id).where(FollowUp.status == "scheduled",
                                                        FollowUp.due_at <= as_of)).scalars().all()
    if due and quiet(as_of, config):
        counts["quiet"] = len(due)
        return counts
    for followup_id in due:
        with database.session() as session:
            claimed = session.execute(update(FollowUp).where(FollowUp.id == followup_id,
                                                             FollowUp.status == "scheduled")
                                      .values(status="sent", sent_at=as_of)).rowcount
            if not claimed:
                continue
            followup = session.get(FollowUp, followup_id)
            contact = session.get(Contact, followup.contact_id)
            if contact.opted_out or not contact.address:
                followup.status = "skipped"
                counts["skipped"] += 1
                continue
            address, language = contact.address, followup.language or config["DEFAULT_LANGUAGE"]
            service = next((s for s in (catalog.get(i) for i in followup.service_ids) if s is not None), None)
            name = service.name(language) if service is not None else i18n.gettext(language, "the services we sent")
            text = i18n.gettext(language, QUESTION).format(helpline=config["HELPLINE_NAME"], service=name)
            conversation_id = followup.conversation_id
            conversation = session.get(Conversation, conversation_id)
            # The answer comes back to this conversation: it counts as active again.
            conversation.last_activity_at = max(as_of, _aware(conversation.last_activity_at))
        try:
            (send or outbound.send_sms)(config, database, conversation_id, address, text, language)
            counts["sent"] += 1
        except Exception as error:
            log.warning("follow-up %d to %s not sent: %s", followup_id, mask(address), type(error).__name__)
            counts["failed"] += 1
    if counts["sent"]:
        log.info("follow-ups: %(sent)d sent, %(skipped)d skipped, %(failed)d failed", counts)
    return counts


def pending(session, contact_id: int, now: dt.datetime, days: float) -> FollowUp | None:
    """Return the follow-up a reply from this person may answer (sent, unanswered, recent), if any."""
    return session.execute(select(FollowUp).where(
        FollowUp.contact_id == contact_id, FollowUp.status == "sent",
        FollowUp.sent_at >= now - dt.timedelta(days=days)).order_by(FollowUp.sent_at.desc()).limit(1)
    ).scalar_one_or_none()


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
