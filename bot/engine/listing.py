"""Write services for a person: a short numbered list, or one service in detail, within the channel's limits."""
from __future__ import annotations

import datetime as dt
import re

from bot.engine.needs import N_


def _clip(text: str, limit: int) -> str:
    text = " ".join((text or "").split()).rstrip(" .")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + "..."


def _sentences(text: str, limit: int) -> str:
    """Return the whole sentences of `text` that fit in `limit` characters; never a sentence cut midway.

    A description's later sentences often carry conditions ("You must be able to pay the rest"): cut
    mid-sentence they can say the opposite, so a sentence is kept whole or left out.
    """
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text.rstrip(" ")
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        candidate = f"{kept} {sentence}".strip()
        if len(candidate) > limit:
            break
        kept = candidate
    # A clause kept without what followed its semicolon ends as a sentence.
    return kept[:-1] + "." if kept.endswith(";") else kept


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def _span(ctx, opens: dt.time, closes: dt.time) -> str:
    end = ctx.t("midnight") if closes >= dt.time(23, 59) or closes == dt.time(0, 0) else ctx.time(closes)
    return ctx.t("{opens}-{closes}").format(opens=ctx.time(opens), closes=end)


def hours_now(ctx, service) -> str:
    """Say whether `service` is open now (and until when, across midnight), or when it next opens."""
    if not getattr(service, "hours", None):
        return ""
    if service.open_24_7:
        return ctx.t("Open 24/7")
    now = ctx.now
    if service.is_open(now):
        closing = service.closes_after(now)
        if closing is None:
            return ctx.t("Open now")
        if closing.time() in (dt.time(0, 0), dt.time(23, 59)):
            return ctx.t("Open now until midnight")
        return ctx.t("Open now until {time}").format(time=ctx.time(closing.time()))
    upcoming = service.next_open(now)
    if upcoming is None:
        return ""
    if upcoming.date() == now.date():
        return ctx.t("Opens today at {time}").format(time=ctx.time(upcoming.time()))
    if upcoming.date() == now.date() + dt.timedelta(days=1):
        return ctx.t("Opens tomorrow at {time}").format(time=ctx.time(upcoming.time()))
    return ctx.t("Opens {day} at {time}").format(day=ctx.weekday(upcoming.weekday()), time=ctx.time(upcoming.time()))


def _overnight(hours) -> dict[int, list[tuple[dt.time, dt.time]]]:
    """Return each weekday's spans, an evening that runs to midnight joined to the next morning's
    (20:00-23:59 then 00:00-08:00 is one night, 8 PM-8 AM, on the evening's day)."""
    by_day: dict[int, list[tuple[dt.time, dt.time]]] = {}
    for rule in hours:
        if not getattr(rule, "nth", 0):
            by_day.setdefault(rule.weekday, []).append((rule.opens, rule.closes))
    for day in by_day:
        by_day[day].sort()
    for day in range(7):
        spans, following = by_day.get(day, []), by_day.get((day + 1) % 7, [])
        if not spans or not following:
            continue
        opens, closes = spans[-1]
        morning = following[0]
        if closes >= dt.time(23, 59) and morning[0] == dt.time(0, 0) and opens > dt.time(0, 0):
            spans[-1] = (opens, morning[1])
            following.pop(0)
    return by_day


#: How a monthly opening day is named ("1st Mon of the month").
ORDINALS = {
    1: N_("1st {day} of the month"), 2: N_("2nd {day} of the month"), 3: N_("3rd {day} of the month"),
    4: N_("4th {day} of the month"), -1: N_("last {day} of the month"),
}


def _days(ctx, days: list[int]) -> str:
    """Name a set of weekdays: "Every day", "Mon-Fri", "Tue and Thu", "Mon, Wed and Fri"."""
    if len(days) == 7:
        return ctx.t("Every day")
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    names = []
    for run in runs:
        first, last = ctx.weekday(run[0], short=True), ctx.weekday(run[-1], short=True)
        if len(run) >= 3:
            names.append(ctx.t("{first}-{last}").format(first=first, last=last))
        else:
            names.extend(ctx.weekday(day, short=True) for day in run)
    if len(names) == 1:
        return names[0]
    return ctx.t("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def week_hours(ctx, service) -> str:
    """Summarise a service's weekly hours, days that share them grouped (Mon-Fri 9 AM-5 PM, lun. au ven. 9 h-17 h)."""
    if not getattr(service, "hours", None):
        return ""
    if service.open_24_7:
        return ctx.t("Open 24/7")
    by_day = _overnight(service.hours)
    # Each opening hours said once with every day it applies, in week order: "Mon-Fri 9 AM-noon; Tue and Thu
    # 1 PM-5 PM"; days sharing several spans keep them together ("Sat 10 AM-noon, 1 PM-4 PM").
    days_of: dict[tuple, list[int]] = {}
    for day in range(7):
        for span in by_day.get(day, ()):
            days_of.setdefault(span, []).append(day)
    groups: dict[tuple[int, ...], list[tuple]] = {}
    for span, days in days_of.items():
        groups.setdefault(tuple(days), []).append(span)
    parts = []
    for days, spans in sorted(groups.items(), key=lambda item: (item[0][0], min(item[1]))):
        parts.append(_days(ctx, list(days)) + " " + ", ".join(_span(ctx, o, c) for o, c in sorted(spans)))
    for rule in sorted((r for r in service.hours if getattr(r, "nth", 0)), key=lambda r: (r.nth % 7, r.weekday)):
        ordinal = ORDINALS.get(rule.nth)
        if ordinal:
            day = ctx.t(ordinal).format(day=ctx.weekday(rule.weekday, short=True))
            parts.append(day + " " + _span(ctx, rule.opens, rule.closes))
    return "; ".join(parts)


#: How much of each service a list line keeps, from most to least: (name, summary, with address).
#: The address goes last: people on foot need it more than the rest of a summary the name often repeats.
LEVELS = ((60, 70, True), (60, 52, True), (60, 38, True), (60, 0, True), (60, 52, False), (60, 38, False),
          (60, 0, False), (40, 0, False))


def _line(ctx, number, service, level) -> str:
    name_limit, summary_limit, with_address = LEVELS[level]
    summary = service.summary(ctx.lang) if summary_limit else ""
    pieces = [f"{number}) {_clip(service.name(ctx.lang), name_limit)}"]
    if summary:
        pieces[0] += ": " + _clip(summary, summary_limit)
    when = hours_now(ctx, service)
    # In a list the street is enough (the city is the helpline's own); details give the whole address.
    street = service.address.split(",")[0] if service.address and with_address else None
    reach = [p for p in (service.phone, street) if p]
    tail = ". ".join(p for p in (when, ", ".join(reach)) if p)
    if not tail:
        return pieces[0]
    # A clipped summary already ends with "..."; a full stop after it would read as "....".
    return pieces[0] + (" " if pieces[0].endswith("...") else ". ") + tail


def service_list(ctx, services, header: str, more: bool) -> str:
    """Return a numbered list of `services` that fits the channel, dropping detail and then services to fit."""
    for count in range(len(services), 0, -1):
        shown = services[:count]
        if count == 1:
            footer = ctx.t("Reply 1 for details, MORE for others, AGENT for a person.") if more \
                else ctx.t("Reply 1 for details or AGENT for a person.")
        else:
            footer = ctx.t("Reply 1-{last} for details, MORE for others, AGENT for a person.") if more \
                else ctx.t("Reply 1-{last} for details or AGENT for a person.")
            footer = footer.format(last=count)
        for level in range(len(LEVELS)):
            lines = [_line(ctx, n, s, level) for n, s in enumerate(shown, 1)]
            text = "\n".join([header, *lines, footer])
            if ctx.fits(text):
                return text
    first = services[0]
    return "\n".join([header, f"1) {_clip(first.name(ctx.lang), 40)}. {first.phone or ''}".rstrip(". ")])


def service_details(ctx, service, footer: str) -> str:
    """Return everything useful about one service, shortening the description until it fits."""
    lang = ctx.lang
    fixed = [
        week_hours(ctx, service),
        "" if service.open_24_7 else hours_now(ctx, service),
        ctx.t("Phone: {phone}").format(phone=service.phone) if service.phone else "",
        ctx.t("Address: {address}").format(address=service.address) if service.address else "",
    ]
    eligibility = (getattr(service, "eligibility_texts", None) or {})
    who = eligibility.get(lang) or eligibility.get("fr" if lang == "en" else "en") or ""
    if "fr" in (service.languages or ()) and lang == "fr":
        fixed.append(ctx.t("Services in French."))
    description = service.description(lang) or service.summary(lang)
    for limit in (320, 220, 150, 90, 0):
        parts = [service.name(lang)]
        shown = _sentences(description, limit) if limit else ""
        if shown:
            parts.append(shown)
        eligible = _sentences(who, 110) if limit >= 150 else ""
        if eligible:
            parts.append(ctx.t("For: {who}").format(who=eligible.rstrip(".")))
        parts += [p for p in fixed if p]
        parts.append(footer)
        text = "\n".join(parts)
        if ctx.fits(text):
            return text
    return "\n".join([service.name(lang), service.phone or "", footer])


def closed_now(ctx, first) -> str:
    """Say honestly that nothing offered is open now, which opens first, and what is open all night."""
    when = hours_now(ctx, first)
    text = ctx.t("Nothing for this is open right now. First to open: {name}, {when}.").format(
        name=first.name(ctx.lang), when=when[:1].lower() + when[1:])
    person = ctx.state.person or None
    always = next((m.service for m in ctx.env.search("", "shelter", ctx.lang, ctx.now, 9, person=person)
                   if m.service.open_24_7 and m.service.phone), None)
    if always is not None:
        text += " " + ctx.t("Open day and night: {name}, {phone}.").format(name=always.name(ctx.lang),
                                                                           phone=always.phone)
    return text
