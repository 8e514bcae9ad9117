"""The console's pages: the live queue, a conversation, the coordinator's view, the language switch."""
from __future__ import annotations

import datetime as dt

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from bot import handoff, i18n
from bot.console import bp
from bot.console.auth import current_account
from bot.desk import OUTCOMES, DeskError
from bot.engine.needs import N_, NEED_LABELS
from bot.privacy import mask
from bot.record import AuditEntry, Conversation, Direction, Event, Message, Mode, Navigator, Note, utcnow
from bot.sms import segments

# Translators: saved replies a navigator can send in one click (both languages are offered).
SAVED_REPLIES = (
    N_("Hi, this is {name}, a navigator with {helpline}. I read your messages. How can I help?"),
    N_("I'm looking into this for you. I'll text you back within the hour."),
    N_("Can you tell me which part of town you are in, so I can find what's closest?"),
    N_("Are you safe right now? If you are in danger, call 911."),
)
#: Labels of the outcomes a navigator closes with.
OUTCOME_LABELS = {"connected": N_("Connected to a service"), "referred": N_("Referred"),
                  "no_answer": N_("No answer"), "other": N_("Other")}
#: How the console names each mode.
MODE_LABELS = {Mode.WAITING: N_("Waiting"), Mode.NAVIGATOR: N_("Held"), Mode.BOT: N_("With the bot"),
               Mode.CLOSED: N_("Closed")}
#: Why a person is stuck, as the coordinator reads it.
STUCK_LABELS = {"waiting": N_("Waiting too long"), "no_reply": N_("Held with no reply"),
                "no_outcome": N_("Closed with no outcome"), "unmet": N_("Back 3 times for the same unmet need")}


def language() -> str:
    """Return the console's language for this request: the navigator's choice, else the browser's."""
    if "console_language" not in g:
        chosen = getattr(current_user, "language", None) if current_user and current_user.is_authenticated else None
        g.console_language = chosen or request.accept_languages.best_match(i18n.LANGUAGES) or "en"
    return g.console_language


def tr(msgid: str) -> str:
    """Translate a console string into the navigator's language."""
    return i18n.gettext(language(), msgid)


def template_gettext(msgid: str, **variables) -> str:
    """gettext for templates (new style: `_("Hello %(name)s", name=...)`)."""
    text = tr(msgid)
    return text % variables if variables else text


def template_ngettext(singular: str, plural: str, number: int, **variables) -> str:
    """ngettext for templates; our catalogues keep singular and plural as two messages."""
    text = tr(singular if number == 1 else plural)
    return text % dict(variables, num=number)


@bp.app_context_processor
def console_helpers():
    return {"console_language": language, "need_label": lambda code: tr(NEED_LABELS.get(code, code)),
            "mode_label": lambda mode: tr(MODE_LABELS.get(mode, mode)),
            "outcome_label": lambda code: tr(OUTCOME_LABELS.get(code, code)), "mask": mask}


def _desk():
    return current_app.extensions["passerelle.desk"]


def _database():
    return current_app.extensions["passerelle.db"]


# -- the queue -----------------------------------------------------------------------------------


@bp.get("/")
@login_required
def queue_page():
    """The live queue."""
    with _database().session() as session:
        items = handoff.queue(session)
        navigators = _navigators(session) if current_account().coordinator else []
    return render_template("console/queue.html", items=items, navigators=navigators)


@bp.get("/queue")
@login_required
def queue_fragment():
    """The queue alone, for live updates."""
    with _database().session() as session:
        items = handoff.queue(session)
        navigators = _navigators(session) if current_account().coordinator else []
    return render_template("console/_queue.html", items=items, navigators=navigators)


def _navigators(session) -> list[Navigator]:
    return session.execute(select(Navigator).where(Navigator.active.is_(True)).order_by(Navigator.email)).scalars().all()


# -- a conversation ------------------------------------------------------------------------------


def _conversation_view(conversation_id: str) -> dict:
    desk = _desk()
    with _database().session() as session:
        conversation = session.get(Conversation, conversation_id)
        if conversation is None:
            abort(404)
        summary = desk.summary(conversation, session)
        shared_from = None
        if not summary.shared:
            # Without consent, only what the person wrote once handed over (to the navigator) is shown.
            shared_from = session.execute(select(Event.created_at).where(
                Event.conversation_id == conversation_id, Event.type == "handoff_requested")
                .order_by(Event.id.desc()).limit(1)).scalar()
        messages = session.execute(select(Message).where(Message.conversation_id == conversation_id)
                                   .order_by(Message.id)).scalars().all()
        hidden = 0
        shown = []
        for message in messages:
            if shared_from is not None and handoff._aware(message.created_at) < handoff._aware(shared_from):
                hidden += 1
                continue
            if message.direction == Direction.INBOUND and not message.body:
                continue
            shown.append({"inbound": message.direction == Direction.INBOUND, "body": message.body,
                          "call": message.channel == "voice",
                          "at": handoff._aware(message.created_at), "status": message.status,
                          "segments": message.segments,
                          "author": session.get(Navigator, message.author_id).name if message.author_id else None})
        notes = [{"body": n.body, "author": n.author.name, "at": handoff._aware(n.created_at)}
                 for n in session.execute(select(Note).where(Note.conversation_id == conversation_id)
                                          .order_by(Note.id)).scalars()]
        waiting = conversation.waiting_since
        minutes = int((utcnow() - handoff._aware(waiting)).total_seconds() // 60) if waiting else None
        view = {"conversation": conversation, "summary": summary, "messages": shown, "hidden": hidden,
                "notes": notes, "waiting_minutes": minutes, "number": mask(conversation.contact.address),
                "opted_out": conversation.contact.opted_out,
                # Kept only with the person's consent (they said yes to "remember my situation").
                "profile": conversation.contact.profile,
                "holder": conversation.held_by.name if conversation.held_by else None,
                "navigators": _navigators(session) if current_account().coordinator else []}
    language = summary.language or current_app.config["DEFAULT_LANGUAGE"]
    suggestions = []
    for service in desk.suggestions(summary):
        text = desk.referral_text(service.id, language) or ""
        suggestions.append({"id": service.id, "name": service.name(language), "text": text,
                            "segments": segments(text).count})
    offered = [s for s in (desk.catalog.get(i) for i in summary.offered) if s is not None]
    view.update(suggestions=suggestions, offered=[s.name(language) for s in offered],
                saved=[(lang, i18n.gettext(lang, text).format(name=current_account().name,
                                                              helpline=current_app.config["HELPLINE_NAME"]))
                       for text in SAVED_REPLIES for lang in ("fr", "en")],
                outcomes=OUTCOMES)
    return view


@bp.get("/c/<conversation_id>")
@login_required
def conversation_page(conversation_id: str):
    """One conversation: the summary, the transcript (as consented), the actions."""
    view = _conversation_view(conversation_id)
    _desk().opened(conversation_id, current_account())
    return render_template("console/conversation.html", **view)


@bp.get("/c/<conversation_id>/transcript")
@login_required
def transcript_fragment(conversation_id: str):
    """The transcript alone, for live updates."""
    return render_template("console/_transcript.html", **_conversation_view(conversation_id))


def _act(conversation_id: str, work, done: str):
    try:
        work()
    except DeskError as error:
        flash(tr("That could not be done:") + " " + tr(str(error)), "error")
    else:
        flash(tr(done), "ok")
    return redirect(url_for("console.conversation_page", conversation_id=conversation_id))


@bp.post("/c/<conversation_id>/claim")
@login_required
def claim(conversation_id: str):
    return _act(conversation_id, lambda: _desk().claim(conversation_id, current_account().navigator),
                N_("You hold this conversation: the bot is silent."))


@bp.post("/c/<conversation_id>/reply")
@login_required
def reply(conversation_id: str):
    text = request.form.get("text", "")
    return _act(conversation_id, lambda: _desk().reply(conversation_id, current_account().navigator, text),
                N_("Sent."))


@bp.post("/c/<conversation_id>/refer")
@login_required
def refer(conversation_id: str):
    service_id = request.form.get("service", "")
    return _act(conversation_id, lambda: _desk().refer(conversation_id, current_account().navigator, service_id),
                N_("The service's details were sent."))


@bp.post("/c/<conversation_id>/note")
@login_required
def note(conversation_id: str):
    text = request.form.get("text", "")
    return _act(conversation_id, lambda: _desk().note(conversation_id, current_account().navigator, text),
                N_("Note saved."))


@bp.post("/c/<conversation_id>/hand-back")
@login_required
def hand_back(conversation_id: str):
    return _act(conversation_id, lambda: _desk().hand_back(conversation_id, current_account().navigator),
                N_("Handed back to the bot."))


@bp.post("/c/<conversation_id>/close")
@login_required
def close(conversation_id: str):
    outcome = request.form.get("outcome", "")
    return _act(conversation_id, lambda: _desk().close(conversation_id, current_account().navigator, outcome),
                N_("Closed."))


@bp.post("/c/<conversation_id>/reassign")
@login_required
def reassign(conversation_id: str):
    if not current_account().coordinator:
        abort(403)
    to = request.form.get("navigator", "")
    target = int(to) if to.isdigit() else -1
    return _act(conversation_id, lambda: _desk().reassign(conversation_id, current_account().navigator, target),
                N_("Reassigned."))


# -- the coordinator -----------------------------------------------------------------------------


@bp.get("/stuck")
@login_required
def stuck_page():
    """People stuck, by name (their masked number): for the coordinator."""
    if not current_account().coordinator:
        abort(403)
    with _database().session() as session:
        people = handoff.stuck(session, current_app.config["HANDOFF_REMIND_MINUTES"])
        rows = [{"id": p.id, "number": p.number, "why": tr(STUCK_LABELS[p.why.split(":")[0]]),
                 "need": p.why.split(":", 1)[1] if ":" in p.why else None, "minutes": p.minutes} for p in people]
        audit = session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(50)).scalars().all()
        audit_rows = [{"who": session.get(Navigator, a.navigator_id).name if a.navigator_id else "-",
                       "action": a.action, "conversation": a.conversation_id,
                       "at": handoff._aware(a.created_at)} for a in audit]
    return render_template("console/stuck.html", rows=rows, audit=audit_rows)


@bp.get("/gaps")
@login_required
def gaps_page():
    """Unmet needs at a glance, for the coordinator: per need and language, the trend per week, the services."""
    from bot import reports

    if not current_account().coordinator:
        abort(403)
    since = _since()
    data = reports.gaps(_database(), since, current_app.extensions["passerelle.catalog"])
    by_need: dict[str, dict] = {}
    for row in data["rows"]:
        total = by_need.setdefault(row["category"], {"category": row["category"], "requests": 0, "unmet": 0})
        total["requests"] += row["requests"]
        total["unmet"] += row["unmet"]
    needs = sorted(by_need.values(), key=lambda r: -r["requests"])
    scale = max([r["requests"] for r in needs] + [1])
    week_scale = max([w["requests"] for w in data["weeks"]] + [1])
    return render_template("console/gaps.html", data=data, needs=needs, scale=scale, week_scale=week_scale,
                           since=request.args.get("since", ""))


@bp.get("/gaps.csv")
@login_required
def gaps_csv():
    """The gaps report as CSV (category, language, requests, unmet...)."""
    from flask import Response

    from bot import reports

    if not current_account().coordinator:
        abort(403)
    data = reports.gaps(_database(), _since(), current_app.extensions["passerelle.catalog"])
    return Response(reports.to_csv(data), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=passerelle-gaps.csv"})


def _since():
    value = request.args.get("since", "")
    try:
        return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC) if value else None
    except ValueError:
        return None


@bp.post("/c/<conversation_id>/forget")
@login_required
def forget(conversation_id: str):
    """Erase everything about the person, at their request (audited); only anonymous counts stay."""
    from bot.forgetting import forget as forget_person

    with _database().session() as session:
        conversation = session.get(Conversation, conversation_id)
        if conversation is None:
            abort(404)
        contact_id = conversation.contact_id
    forget_person(_database(), current_app.extensions["passerelle.store"], current_app.config, contact_id,
                  navigator_id=current_account().id, queue=current_app.extensions["passerelle.queue"])
    current_app.extensions["passerelle.store"].announce(conversation_id, True)
    flash(tr("Everything about this person was erased."), "ok")
    return redirect(url_for("console.queue_page"))


@bp.post("/language")
@login_required
def set_language():
    """Switch the console's language for this navigator."""
    chosen = request.form.get("language", "")
    if chosen in i18n.LANGUAGES:
        with _database().session() as session:
            session.get(Navigator, current_account().id).language = chosen
    return redirect(request.referrer if (request.referrer or "").startswith(request.host_url)
                    else url_for("console.queue_page"))


@bp.app_template_filter("clock")
def clock(moment: dt.datetime) -> str:
    """Write a time of day in the helpline's time zone, as the navigator reads it."""
    from zoneinfo import ZoneInfo

    local = moment.astimezone(ZoneInfo(current_app.config["TIMEZONE"]))
    return i18n.format_time(local.time().replace(second=0, microsecond=0), language())
