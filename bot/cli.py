"""The `passerelle` command: serve, chat, check flows, triage, catalogue, database and translations."""
from __future__ import annotations

import logging
import os
import sys

import click


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log more.")
def main(verbose: bool) -> None:
    """Passerelle: a bilingual SMS and voice navigator for social services."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not verbose:
        # Alembic narrates every plugin and migration at INFO; a person starting the app needs none of it.
        logging.getLogger("alembic").setLevel(logging.WARNING)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
def serve(host: str, port: int) -> None:
    """Run the web app (webhooks) with embedded defaults and the sample catalogue."""
    from bot import create_app

    app = create_app()
    public = app.config["PUBLIC_URL"] or f"http://{host}:{port}"
    lines = [
        f"Passerelle is listening on http://{host}:{port}",
        f"  database: {_safe_url(app.config['DATABASE_URL'])}",
        f"  redis:    {_safe_url(app.config['REDIS_URL']) or 'embedded (in this process)'}",
        "To connect a Twilio number: in the Twilio console, under the number's Messaging configuration,",
        f"  set 'A message comes in' to Webhook, HTTP POST, {public}/sms",
        "  and run with TWILIO_AUTH_TOKEN set to your account's auth token (requests are checked against it).",
        "  Behind a tunnel or proxy, set PUBLIC_URL to the address Twilio calls (e.g. https://example.ngrok.app).",
    ]
    from bot.console.auth import DEV_NAVIGATOR, ensure_dev_navigator

    lines.append(f"Navigators' console: http://{host}:{port}/console/")
    dev_password = ensure_dev_navigator(app)
    if dev_password:
        lines.append(f"  development login: {DEV_NAVIGATOR} / {dev_password} (a coordinator; kept in "
                     f"{app.config['PASSERELLE_HOME']}/dev-navigator-password)")
    lines.append("  add navigators: passerelle navigator add EMAIL --password-stdin [--coordinator], with the same "
                 "DATABASE_URL.")
    if app.config["TWILIO_DEV_TOKEN"]:
        lines.append("  No TWILIO_AUTH_TOKEN set: using a local development token; try `passerelle chat --url "
                     f"http://{host}:{port}`,")
        lines.append(f"  or text from a basic phone in your browser: http://{host}:{port}/try/")
    click.echo("\n".join(lines))
    from bot.desk import start_sweeper

    start_sweeper(app)
    app.run(host=host, port=port, threaded=True, use_reloader=False)


def _safe_url(url: str) -> str:
    """Hide a password in a connection URL."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return scheme + "://***@" + rest.split("@", 1)[1]
    return url


@main.command()
@click.option("--processes", type=int, default=None, help="How many processes will serve (default: WEB_CONCURRENCY or 1).")
def doctor(processes: int | None) -> None:
    """Say what Passerelle would run on with these settings, and what would go wrong; exit 1 on a problem."""
    import os

    from bot import config

    settings = config.from_environment()
    processes = processes or int(os.environ.get("WEB_CONCURRENCY") or 1)
    production = config.is_production(settings)
    click.echo(f"database:  {_safe_url(settings['DATABASE_URL'])} ({'server' if production else 'embedded SQLite'})")
    click.echo(f"redis:     {_safe_url(settings['REDIS_URL']) or 'embedded (one process only)'}")
    click.echo(f"processes: {processes}")
    click.echo(f"sample catalogue for an empty catalogue: {'yes' if settings['CATALOG_SAMPLE'] else 'no'}")
    click.echo(f"secrets:   SECRET_KEY {'set' if settings['SECRET_KEY'] else 'not set'}, TWILIO_AUTH_TOKEN "
               f"{'set' if settings['TWILIO_AUTH_TOKEN'] else 'not set'}"
               + ("" if production else " (development: made in PASSERELLE_HOME when missing)"))
    found = config.problems(settings, processes)
    for problem in found:
        click.echo(f"problem:   {problem}")
    if found:
        raise SystemExit(1)
    click.echo("ok")


@main.command()
@click.option("--from", "from_", default="+15875550123", show_default=True, help="The texter's phone number.")
@click.option("--to", default="+15875550000", show_default=True, help="The helpline's number.")
@click.option("--url", default=None, help="A running server to text (default: an app in this process).")
def chat(from_: str, to: str, url: str | None) -> None:
    """Text the helpline like a basic phone, through the real signed webhook.

    Type messages at the prompt, or pipe them in: printf 'bonjour\\nPLUS\\n' | passerelle chat
    """
    from bot.simulator import Phone

    phone = Phone.in_process(from_, to) if url is None else Phone.remote(url, from_, to)
    if sys.stdin.isatty():
        click.echo("Texting Passerelle as " + from_ + ". Ctrl-D to hang up.")
    for line in _typed_lines():
        status, replies = phone.text(line)
        if status != 200:
            click.echo(f"   (the webhook answered HTTP {status})")
        if not replies:
            click.echo("   (no reply)")
        for reply in replies:
            info = reply.segments
            click.echo("passerelle> " + reply.text.replace("\n", "\n            "))
            click.echo(f"            [{info.count} segment{'s' if info.count != 1 else ''}, {info.encoding}, "
                       f"{len(reply.text)} characters]")


@main.command()
@click.option("--from", "from_", default="+15875550123", show_default=True, help="The caller's phone number.")
@click.option("--to", default="+15875550000", show_default=True, help="The helpline's number.")
@click.option("--url", default=None, help="A running server to call (default: an app in this process).")
def call(from_: str, to: str, url: str | None) -> None:
    """Call the helpline like a phone, through the real signed voice webhook.

    Each line is a step: digits are keys pressed, other words stand for speech, an empty line is silence.
    `no-answer` (or busy, failed, completed) at a transfer says how the navigators' line answered.
    Example: printf '1\nj ai besoin de manger\n1\n' | passerelle call
    """
    from bot.simulator import Caller

    caller = Caller.in_process(from_, to) if url is None else Caller.remote(url, from_, to)
    lines = _typed_lines()
    status, heard = caller.step()
    while True:
        if status != 200 or heard is None:
            click.echo(f"   (the webhook answered HTTP {status})")
            break
        for text, language in heard.said:
            click.echo(f"passerelle [{language}]> {text}")
        if heard.dialing:
            click.echo("   (transferring the call to " + ", ".join(heard.dialing) + ")")
        if heard.hung_up or caller.next is None:
            click.echo("   (the call ends)")
            break
        if heard.listening:
            click.echo(f"   (listening: {'keys or speech' if 'speech' in heard.listening else 'keys'})")
        line = next(lines, None)
        if line is None:
            break
        line = line.strip()
        if heard.dialing and not heard.listening:
            outcome = line if line in ("no-answer", "busy", "failed", "completed") else "completed"
            status, heard = caller.step(DialCallStatus=outcome)
        elif line.isdigit() or (line and set(line) <= set("0123456789*#")):
            status, heard = caller.step(digits=line)
        else:
            status, heard = caller.step(speech=line or None)


def _typed_lines():
    """Yield what the person types at the prompt (or what is piped in, echoed so a transcript reads whole)."""
    interactive = sys.stdin.isatty()
    while True:
        try:
            line = input("you> " if interactive else "")
        except EOFError:
            return
        if not interactive:
            click.echo(f"you> {line}")
        yield line


@main.group()
def flows() -> None:
    """Dialogue flows."""


@flows.command("check")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False))
def flows_check(folder: str | None) -> None:
    """Validate every flow file; errors name the file, the node and the bad value."""
    from bot.engine import load_flows
    from bot.errors import FlowError
    from bot.paths import flows_dir

    try:
        loaded = load_flows(folder or flows_dir())
    except FlowError as error:
        click.echo(f"invalid: {error}", err=True)
        sys.exit(1)
    nodes = sum(len(f.nodes) for f in loaded.flows.values())
    click.echo(f"ok: {len(loaded.flows)} flows, {nodes} nodes, {len(loaded.keywords)} keywords")


@main.group()
def db() -> None:
    """The database."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Bring the database schema up to date (Alembic migrations)."""
    from bot.config import from_environment
    from bot.db import Database

    url = from_environment()["DATABASE_URL"]
    Database(url).upgrade()
    click.echo(f"database at {_safe_url(url)} is up to date")


@main.group()
def spool() -> None:
    """Messages kept in Redis while the database was unavailable."""


@spool.command("replay")
def spool_replay() -> None:
    """Replay the texts that waited while the database was down, as real turns (also done automatically)."""
    from bot import create_app
    from bot.channels.sms import render, send_later

    app = create_app()
    with app.app_context():
        counts = app.extensions["passerelle.conversations"].replay_spool(render, send_later)
    click.echo(f"replayed {counts['replayed']}, dead letters {counts['dead']}, still waiting {counts['waiting']}")


@spool.command("status")
def spool_status() -> None:
    """Say how many texts wait for the database (in Redis, in the local file) and how many are dead letters."""
    from bot import create_app

    app = create_app()
    status = app.extensions["passerelle.conversations"].waiting.status()
    redis = "unknown (Redis is down)" if status["redis"] is None else status["redis"]
    click.echo(f"waiting in Redis: {redis}; in the local file: {status['file']}; dead letters: {status['dead']}")


@main.command()
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker(burst: bool) -> None:
    """Run the RQ worker for background jobs (needs REDIS_URL)."""
    from rq import Worker

    from bot import create_app
    from bot.queues import QUEUE_NAME

    app = create_app()
    if not app.config["REDIS_URL"]:
        raise click.UsageError("the worker needs REDIS_URL; without it jobs run inside the web process")
    with app.app_context():
        Worker([QUEUE_NAME], connection=app.extensions["passerelle.redis"]).work(burst=burst)


@main.group()
def navigator() -> None:
    """Navigators' accounts for the console."""


@navigator.command("add")
@click.argument("email")
@click.option("--coordinator", is_flag=True, help="Can see every conversation, reassign, and see who is stuck.")
@click.option("--password-stdin", "password_stdin", is_flag=True,
              help="Read the password from standard input (otherwise you are asked for it).")
@click.option("--language", type=click.Choice(["en", "fr"]), default="en", show_default=True,
              help="The console's language for this navigator (they can switch it).")
def navigator_add(email: str, coordinator: bool, password_stdin: bool, language: str) -> None:
    """Add a navigator (or reset their password and role)."""
    from bot.config import from_environment
    from bot.console.auth import add_navigator
    from bot.db import Database

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    database = Database(from_environment()["DATABASE_URL"])
    database.upgrade()
    try:
        done = add_navigator(database, email, password, coordinator, language)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    role = "coordinator" if coordinator else "navigator"
    click.echo(f"{done} {role} {email.strip().lower()}")


@navigator.command("remind")
def navigator_remind() -> None:
    """Send the one "still waiting" text to people nobody has claimed in time (serve and worker do it each minute)."""
    from bot import create_app

    app = create_app()
    with app.app_context():
        count = app.extensions["passerelle.desk"].remind_waiting()
    click.echo(f"reminded {count} people waiting for a navigator")


def _as_of(value: str | None):
    import datetime as dt

    if not value:
        return None
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        from zoneinfo import ZoneInfo

        from bot.config import from_environment

        moment = moment.replace(tzinfo=ZoneInfo(from_environment()["TIMEZONE"]))
    return moment


@main.group()
def followups() -> None:
    """Follow-up texts: did the person reach the services we sent?"""


@followups.command("run")
@click.option("--as-of", "as_of", default=None, help="Send what is due at this moment (ISO date-time; local time "
              "if it has no offset). Default: now.")
def followups_run(as_of: str | None) -> None:
    """Send the follow-ups due (never in quiet hours, never after STOP, never twice)."""
    from bot import create_app
    from bot import followups as followups_module

    app = create_app()
    with app.app_context():
        counts = followups_module.run(app.config, app.extensions["passerelle.db"],
                                      app.extensions["passerelle.catalog"], _as_of(as_of))
    click.echo("follow-ups: {sent} sent, {skipped} skipped, {failed} failed, {quiet} held for quiet hours".format(**counts))


@main.group()
def retention() -> None:
    """Keeping words no longer than needed."""


@retention.command("run")
@click.option("--as-of", "as_of", default=None, help="Purge as of this moment (ISO date-time). Default: now.")
def retention_run(as_of: str | None) -> None:
    """Erase the words of conversations older than RETENTION_DAYS; anonymous counts stay."""
    from bot.config import from_environment
    from bot.db import Database
    from bot.forgetting import purge

    settings = from_environment()
    database = Database(settings["DATABASE_URL"])
    database.upgrade()
    counts = purge(database, settings["RETENTION_DAYS"], _as_of(as_of))
    click.echo(f"retention: erased the words of {counts['messages']} messages in {counts['conversations']} "
               f"conversations older than {settings['RETENTION_DAYS']:g} days")


@main.group()
def report() -> None:
    """Reports for providers and funders (anonymous counts)."""


@report.command("gaps")
@click.option("--since", default=None, help="Count from this date (YYYY-MM-DD). Default: everything.")
@click.option("--format", "format_", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
def report_gaps(since: str | None, format_: str) -> None:
    """Per need and language: requests, matched, unmet, handed to a person, outcomes, median wait."""
    import json

    from bot import create_app, reports

    app = create_app({"CATALOG_SAMPLE": False})
    data = reports.gaps(app.extensions["passerelle.db"], _as_of(since), app.extensions["passerelle.catalog"])
    click.echo(reports.to_csv(data) if format_ == "csv" else json.dumps(data, indent=2, ensure_ascii=False), nl=False)


@main.command()
def scheduler() -> None:
    """Run rq's scheduler: follow-ups every 5 minutes, the still-waiting texts every minute, retention nightly."""
    from bot import create_app, jobs

    app = create_app()
    if not app.config["REDIS_URL"]:
        raise click.UsageError("the scheduler needs REDIS_URL; without it `passerelle serve` runs these itself")
    jobs.cron(app.extensions["passerelle.redis"]).start()


@main.group()
def translate() -> None:
    """Translations: extract messages and update the catalogues (wraps pybabel)."""


@translate.command("update")
def translate_update() -> None:
    """Extract every message from the code and flows and merge it into locales/*/messages.po."""
    from bot.translations import update_catalogues

    for line in update_catalogues():
        click.echo(line)


@translate.command("check")
def translate_check() -> None:
    """Fail when a message lacks a translation."""
    from bot.translations import missing_translations

    missing = missing_translations()
    for language, msgid in missing:
        click.echo(f"{language}: no translation for {msgid!r}", err=True)
    if missing:
        sys.exit(1)
    click.echo("every message is translated")


def _attach_optional() -> None:
    """Attach the triage and catalogue commands."""
    from bot.catalog.commands import catalog_group
    from bot.triage.commands import triage_command

    main.add_command(triage_command, "triage")
    main.add_command(catalog_group, "catalog")


_attach_optional()

if __name__ == "__main__":  # pragma: no cover
    main(prog_name=os.path.basename(sys.argv[0]))
