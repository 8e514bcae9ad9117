"""The `catalog` commands: import an HSDS dataset, search the catalogue, show what it covers."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from bot.catalog.errors import CatalogError
from bot.catalog.importer import import_path
from bot.catalog.taxonomy import CATEGORIES


def _database():
    """Return the configured database (DATABASE_URL), migrated to the current schema."""
    from bot.config import from_environment
    from bot.db import Database

    database = Database(from_environment()["DATABASE_URL"])
    database.upgrade()
    return database


def _moment(value: str | None) -> dt.datetime | None:
    """Return the moment --at names ("now" or an ISO date-time, local to TIMEZONE if naive)."""
    if not value:
        return None
    from bot.config import from_environment

    zone = ZoneInfo(from_environment()["TIMEZONE"])
    if value == "now":
        return dt.datetime.now(zone)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date-time (2026-11-24T21:30) or 'now'") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


@click.group("catalog")
def catalog_group():
    """The service catalogue: import Open Referral (HSDS) datasets, search them."""


@catalog_group.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--source", help="Name of the source (default: the file or folder name). Re-importing a source "
                               "updates it; its services no longer listed are marked inactive.")
@click.option("--language", default="en", show_default=True, help="Language of the dataset's own text.")
def import_command(path: Path, source: str | None, language: str):
    """Import the HSDS dataset at PATH (3.0 JSON or CSV, 2.x CSV, or a .zip of either)."""
    database = _database()
    try:
        report = import_path(database, path, source=source, language=language)
    except CatalogError as error:
        raise click.ClickException(str(error)) from None
    for line in report.lines():
        click.echo(line)


def _result(match, language: str) -> dict:
    service = match.service
    return {"id": service.source_id, "service_id": service.id, "source": service.source,
            "name": service.name(language), "summary": service.summary(language), "score": match.score,
            "why": list(match.why), "categories": list(service.categories), "phone": service.phone,
            "address": service.address}


@catalog_group.command("search")
@click.argument("text", required=False)
@click.option("--need", type=click.Choice(CATEGORIES), help="The need category to favour.")
@click.option("--lang", "language", type=click.Choice(["fr", "en"]), default="en", show_default=True,
              help="The person's language.")
@click.option("--at", "at", metavar="DATETIME", help="Favour services open then ('now' or ISO date-time).")
@click.option("--near", help="Favour services near a postal code, FSA or town the catalogue knows.")
@click.option("--limit", default=5, show_default=True, help="How many services to return.")
@click.option("--open-first", is_flag=True, help="Put services open at --at first (what the helpline does at night).")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option("--jsonl", type=click.File("r", encoding="utf-8"),
              help='Search every line of FILE ({"text": ..., "language": ..., "need": ...}); print one '
                   '{"results": [...]} line each.')
def search_command(text, need, language, at, near, limit, open_first, as_json, jsonl):
    """Search the catalogue for TEXT.

    What TEXT says of the person (an age, children, a pregnancy, a newcomer, a senior, a pet) filters and
    orders the services as in a conversation; each result's "why" says how it fits.
    """
    if not text and jsonl is None:
        raise click.UsageError("give TEXT or --jsonl FILE")
    from bot.catalog.search import Catalog

    catalog = Catalog.load(_database())
    when = _moment(at)
    if jsonl is not None:
        for number, line in enumerate(jsonl, start=1):
            if not line.strip():
                continue
            try:
                request = json.loads(line)
            except json.JSONDecodeError as error:
                raise click.ClickException(f"{jsonl.name}: line {number}: not valid JSON: {error.msg}") from None
            request_language = request.get("language") or request.get("lang") or language
            matches = catalog.search(request.get("text", ""), need=request.get("need") or need,
                                     language=request_language, when=when, where=near, limit=limit)
            results = [{"id": m.service.source_id, "name": m.service.name(request_language), "score": m.score}
                       for m in matches]
            click.echo(json.dumps({"results": results}, ensure_ascii=False))
        return
    from bot.engine.person import about_person

    person = about_person(text) or None
    matches = catalog.search(text, need=need, language=language, when=when, where=near, limit=limit, person=person,
                             open_first=open_first and when is not None)
    if as_json:
        click.echo(json.dumps([_result(match, language) for match in matches], ensure_ascii=False, indent=2))
        return
    if not matches:
        click.echo("no matching service")
    for rank, match in enumerate(matches, start=1):
        service = match.service
        click.echo(f"{rank}. {service.name(language)} ({match.score:.0f}): {service.summary(language)}")
        details = " | ".join(part for part in (service.phone, service.address) if part)
        if details:
            click.echo(f"   {details}")
        click.echo(f"   why: {', '.join(match.why) or '-'}")


@catalog_group.command("stats")
def stats_command():
    """Show how many active services each need category has."""
    from bot.catalog.search import Catalog

    catalog = Catalog.load(_database())
    click.echo(f"{len(catalog)} active services")
    for category, count in catalog.categories_covered().items():
        click.echo(f"{category:16} {count}")
