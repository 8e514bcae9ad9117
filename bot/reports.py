"""The gaps report: needs asked for and left unmet, per category and language, for providers and funders."""
from __future__ import annotations

import csv
import datetime as dt
import io
import statistics
from collections import Counter, defaultdict

from sqlalchemy import select

from bot.record import Conversation, Event, FollowUp, NeedRequest

#: Columns of the CSV, in order.
COLUMNS = ("category", "language", "requests", "matched", "unmet", "handed_to_person", "reached", "not_reached",
           "median_wait_minutes")


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def gaps(database, since: dt.datetime | None = None, catalog=None) -> dict:
    """Return the report: rows per (category, language), the services most referred, and the weekly trend."""
    since = since or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    rows: dict[tuple[str, str], dict] = defaultdict(lambda: {c: 0 for c in COLUMNS[2:-1]})
    waits: dict[tuple[str, str], list[float]] = defaultdict(list)
    weeks: dict[str, Counter] = defaultdict(Counter)
    referred: Counter = Counter()
    feedback: dict[str, Counter] = defaultdict(Counter)
    with database.session() as session:
        for request in session.execute(select(NeedRequest).where(NeedRequest.created_at >= since)).scalars():
            row = rows[(request.category, request.language)]
            row["requests"] += 1
            row["matched" if request.matched else "unmet"] += 1
            week = _aware(request.created_at).strftime("%G-W%V")
            weeks[week]["requests"] += 1
            weeks[week]["unmet"] += 0 if request.matched else 1
        handoffs = session.execute(select(Event.payload, Conversation.language, Conversation.waiting_since,
                                          Conversation.claimed_at, Conversation.id, Conversation.outcome)
                                   .join(Conversation, Conversation.id == Event.conversation_id)
                                   .where(Event.type == "handoff_requested", Event.created_at >= since)).all()
        seen = set()
        for payload, language, waiting_since, claimed_at, conversation_id, outcome in handoffs:
            if conversation_id in seen:
                continue
            seen.add(conversation_id)
            category = (payload or {}).get("need") or next(
                (n.get("category") for n in (payload or {}).get("needs") or []), None) or "unknown"
            key = (category, (payload or {}).get("language") or language or "?")
            rows[key]["handed_to_person"] += 1
            # A navigator's outcome counts with the follow-ups': connected or referred is help reached.
            if outcome in ("connected", "referred"):
                rows[key]["reached"] += 1
            elif outcome in ("no_answer",):
                rows[key]["not_reached"] += 1
            if waiting_since and claimed_at:
                waits[key].append((_aware(claimed_at) - _aware(waiting_since)).total_seconds() / 60)
        for followup in session.execute(select(FollowUp).where(FollowUp.created_at >= since)).scalars():
            key = (followup.need or "unknown", followup.language or "?")
            if followup.outcome == "reached":
                rows[key]["reached"] += 1
            elif followup.outcome in ("not_reached", "need_help"):
                rows[key]["not_reached"] += 1
            service = (followup.service_ids or [None])[0]
            if service and followup.feedback:
                feedback[service][followup.feedback] += 1
        for payload, in session.execute(select(Event.payload).where(
                Event.type.in_(("service_details_sent", "navigator_referral")), Event.created_at >= since)):
            if (payload or {}).get("service_id"):
                referred[payload["service_id"]] += 1
    table = []
    for (category, language), row in sorted(rows.items(), key=lambda item: (-item[1]["requests"], item[0])):
        wait = waits.get((category, language))
        table.append({"category": category, "language": language, **row,
                      "median_wait_minutes": round(statistics.median(wait), 1) if wait else None})

    def name(service_id):
        service = catalog.get(service_id) if catalog is not None else None
        return service.name("en") if service is not None else service_id

    return {
        "since": since.isoformat(),
        "rows": table,
        "most_referred": [{"service_id": s, "name": name(s), "referrals": n} for s, n in referred.most_common(10)],
        "feedback": [{"service_id": s, "name": name(s), "helpful": c["helpful"], "not_helpful": c["not_helpful"]}
                     for s, c in sorted(feedback.items(), key=lambda item: -sum(item[1].values()))],
        "weeks": [{"week": w, "requests": c["requests"], "unmet": c["unmet"]} for w, c in sorted(weeks.items())],
    }


def to_csv(report: dict) -> str:
    """Return the report's rows as CSV (category, language, requests, ... unmet ...)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in report["rows"]:
        writer.writerow({c: ("" if row[c] is None else row[c]) for c in COLUMNS})
    return buffer.getvalue()
