"""Settings from the environment; every default is a named constant."""
import os
import secrets
from pathlib import Path

#: Where local state lives when nothing else is configured (dev secrets, default SQLite file).
DEFAULT_HOME = ".passerelle"
#: Relational database for the durable record and the catalogue.
DEFAULT_DATABASE_URL = "sqlite:///" + DEFAULT_HOME + "/passerelle.sqlite"
#: Seconds of inactivity after which a conversation's state is forgotten (24 h).
DEFAULT_CONVERSATION_TTL = 24 * 3600
#: Seconds of silence after which a returning texter is asked to continue or start over.
DEFAULT_RESUME_PROMPT_AFTER = 30 * 60
#: Crisis line given to anyone in danger (Canada's suicide crisis helpline).
DEFAULT_CRISIS_LINE = "9-8-8"
#: Emergency number.
DEFAULT_EMERGENCY_NUMBER = "911"
#: Phone number where a person can reach a navigator (fictional until configured).
DEFAULT_NAVIGATOR_PHONE = "587-555-0199"
#: Time zone for opening hours and quiet hours.
DEFAULT_TIMEZONE = "America/Edmonton"
#: Most SMS segments a single reply may use.
DEFAULT_SMS_MAX_SEGMENTS = 3
#: Replace French letters that force UCS-2 with GSM-7 look-alikes.
DEFAULT_SMS_GSM_ONLY = True
#: Base URL of Twilio's REST API (tests point it at a local fake).
DEFAULT_TWILIO_API_URL = "https://api.twilio.com"
#: Language used before we know the person's.
DEFAULT_LANGUAGE = "en"
#: The helpline's name as people see it in messages.
DEFAULT_HELPLINE_NAME = "Passerelle"
#: Largest webhook body accepted (bytes); a larger one gets 413 before it is read. Twilio's are under 2 KB.
DEFAULT_REQUEST_MAX_BYTES = 64 * 1024
#: Most form fields a webhook body may hold (Twilio sends about 20).
DEFAULT_REQUEST_MAX_FIELDS = 200
#: Texts a minute one number may send before we ask it to slow down, then stop answering until it calms.
DEFAULT_RATE_LIMIT_PER_MINUTE = 20
#: The same text this many times in a row from one number is a loop: answered no more.
DEFAULT_LOOP_REPEATS = 3
#: Seconds after which a text that waited out a database outage is only recorded, not answered late.
DEFAULT_SPOOL_ANSWER_WITHIN = 30 * 60
#: Minutes a conversation stays in safety mode after a crisis or a violence disclosure.
DEFAULT_SAFETY_MODE_MINUTES = 120
#: Local hours of the night ("20-7"): services open now or day and night come first, and the reply says
#: honestly when nothing fitting is open.
DEFAULT_NIGHT_HOURS = "20-7"
#: Days after services were sent that we ask whether the person reached them.
DEFAULT_FOLLOWUP_DAYS = 3
#: Local hours when no follow-up is sent ("21-9": from 9 PM to 9 AM).
DEFAULT_QUIET_HOURS = "21-9"
#: Days a follow-up waits for its answer ("1", "2", "3") before a reply is read as a new message.
DEFAULT_FOLLOWUP_ANSWER_DAYS = 7
#: Days transcripts are kept; then the words go and only anonymous counts stay.
DEFAULT_RETENTION_DAYS = 90
#: Navigators' hours, local time, every day ("8-20"; "0-24" for always); outside them people are told when.
DEFAULT_NAVIGATOR_HOURS = "8-20"
#: Minutes people are told to expect before a navigator answers, until the queue has a history.
DEFAULT_HANDOFF_WAIT_MINUTES = 15
#: Minutes a conversation may wait unclaimed (in navigators' hours) before one "still waiting" text.
DEFAULT_HANDOFF_REMIND_MINUTES = 10


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _dev_secret(home: Path, name: str) -> str:
    """Return a local development secret, made once and kept in the home folder."""
    path = home / f"dev-{name}"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    home.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(16)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(value)
    return value


def from_environment(environ=None) -> dict:
    """Read settings from the environment into a Flask config mapping."""
    env = os.environ if environ is None else environ
    home = Path(env.get("PASSERELLE_HOME") or DEFAULT_HOME)
    token = env.get("TWILIO_AUTH_TOKEN") or ""
    secret_key = env.get("SECRET_KEY") or ""
    settings = {
        "PASSERELLE_HOME": str(home),
        "DATABASE_URL": env.get("DATABASE_URL") or "sqlite:///" + str(home / "passerelle.sqlite"),
        "REDIS_URL": env.get("REDIS_URL") or "",
        "PUBLIC_URL": (env.get("PUBLIC_URL") or "").rstrip("/"),
        "TWILIO_ACCOUNT_SID": env.get("TWILIO_ACCOUNT_SID") or "",
        "TWILIO_AUTH_TOKEN": token,
        # No token configured: a local development token that our own simulator signs with.
        # There is deliberately no switch that accepts unsigned requests.
        "TWILIO_DEV_TOKEN": not token,
        "TWILIO_API_URL": (env.get("TWILIO_API_URL") or DEFAULT_TWILIO_API_URL).rstrip("/"),
        "TWILIO_FROM_NUMBER": env.get("TWILIO_FROM_NUMBER") or "",
        "SECRET_KEY": secret_key,
        "CONVERSATION_TTL": int(env.get("CONVERSATION_TTL") or DEFAULT_CONVERSATION_TTL),
        "RESUME_PROMPT_AFTER": int(env.get("RESUME_PROMPT_AFTER") or DEFAULT_RESUME_PROMPT_AFTER),
        "CRISIS_LINE": env.get("CRISIS_LINE") or DEFAULT_CRISIS_LINE,
        "EMERGENCY_NUMBER": env.get("EMERGENCY_NUMBER") or DEFAULT_EMERGENCY_NUMBER,
        "NAVIGATOR_PHONE": env.get("NAVIGATOR_PHONE") or DEFAULT_NAVIGATOR_PHONE,
        "TIMEZONE": env.get("TIMEZONE") or DEFAULT_TIMEZONE,
        "SMS_MAX_SEGMENTS": int(env.get("SMS_MAX_SEGMENTS") or DEFAULT_SMS_MAX_SEGMENTS),
        "SMS_GSM_ONLY": _flag(env.get("SMS_GSM_ONLY"), DEFAULT_SMS_GSM_ONLY),
        "DEFAULT_LANGUAGE": env.get("DEFAULT_LANGUAGE") or DEFAULT_LANGUAGE,
        "HELPLINE_NAME": env.get("HELPLINE_NAME") or DEFAULT_HELPLINE_NAME,
        "REQUEST_MAX_BYTES": int(env.get("REQUEST_MAX_BYTES") or DEFAULT_REQUEST_MAX_BYTES),
        "REQUEST_MAX_FIELDS": int(env.get("REQUEST_MAX_FIELDS") or DEFAULT_REQUEST_MAX_FIELDS),
        "RATE_LIMIT_PER_MINUTE": int(env.get("RATE_LIMIT_PER_MINUTE") or DEFAULT_RATE_LIMIT_PER_MINUTE),
        "LOOP_REPEATS": int(env.get("LOOP_REPEATS") or DEFAULT_LOOP_REPEATS),
        "SPOOL_ANSWER_WITHIN": int(env.get("SPOOL_ANSWER_WITHIN") or DEFAULT_SPOOL_ANSWER_WITHIN),
        "SAFETY_MODE_MINUTES": int(env.get("SAFETY_MODE_MINUTES") or DEFAULT_SAFETY_MODE_MINUTES),
        "NIGHT_HOURS": env.get("NIGHT_HOURS") or DEFAULT_NIGHT_HOURS,
        "NAVIGATOR_HOURS": env.get("NAVIGATOR_HOURS") or DEFAULT_NAVIGATOR_HOURS,
        "FOLLOWUP_DAYS": float(env.get("FOLLOWUP_DAYS") or DEFAULT_FOLLOWUP_DAYS),
        "QUIET_HOURS": env.get("QUIET_HOURS") or DEFAULT_QUIET_HOURS,
        "FOLLOWUP_ANSWER_DAYS": float(env.get("FOLLOWUP_ANSWER_DAYS") or DEFAULT_FOLLOWUP_ANSWER_DAYS),
        "RETENTION_DAYS": float(env.get("RETENTION_DAYS") or DEFAULT_RETENTION_DAYS),
        # The navigators' phone line(s) a call is transferred to, comma-separated (E.164).
        "NAVIGATOR_NUMBERS": env.get("NAVIGATOR_NUMBERS") or "",
        # Twilio voice names for <Say>, if not the default voice of fr-CA / en-CA (e.g. Polly.Gabrielle).
        "VOICE_FR": env.get("VOICE_FR") or "",
        "VOICE_EN": env.get("VOICE_EN") or "",
        "HANDOFF_WAIT_MINUTES": int(env.get("HANDOFF_WAIT_MINUTES") or DEFAULT_HANDOFF_WAIT_MINUTES),
        "HANDOFF_REMIND_MINUTES": int(env.get("HANDOFF_REMIND_MINUTES") or DEFAULT_HANDOFF_REMIND_MINUTES),
        # The fictional sample fills an empty catalogue only in development (SQLite), unless asked for.
        "CATALOG_SAMPLE": _flag(env.get("CATALOG_SAMPLE"), not _production(env)),
        "AUTO_MIGRATE": _flag(env.get("AUTO_MIGRATE"), True),
    }
    return settings


def _production(env) -> bool:
    """Tell whether settings describe production: a server database (PostgreSQL), not the embedded SQLite."""
    url = env.get("DATABASE_URL") or ""
    return bool(url) and not url.startswith("sqlite")


def is_production(settings: dict) -> bool:
    """Tell whether the app runs on a server database (PostgreSQL): no development fallbacks then."""
    return _production(settings)


def serving_processes(environ=None, argv=None) -> int:
    """Return how many processes serve the app: gunicorn's workers (WEB_CONCURRENCY or --workers), else 1."""
    import sys

    env = os.environ if environ is None else environ
    argv = sys.argv if argv is None else argv
    if not argv or "gunicorn" not in Path(argv[0]).name:
        return 1
    for at, arg in enumerate(argv):
        if arg in ("-w", "--workers") and at + 1 < len(argv) and argv[at + 1].isdigit():
            return int(argv[at + 1])
        if arg.startswith("--workers=") and arg.split("=", 1)[1].isdigit():
            return int(arg.split("=", 1)[1])
    return int(env.get("WEB_CONCURRENCY") or 1)


def problems(settings: dict, processes: int = 1) -> list[str]:
    """Return what in the settings would silently lose conversations or people's identity, in plain words.

    `processes` is how many processes will serve from these settings (gunicorn's workers).
    """
    found = []
    if not settings.get("REDIS_URL") and processes > 1:
        found.append(f"REDIS_URL is not set, and {processes} processes would each keep their own embedded Redis "
                     "(conversations lost between them): set REDIS_URL, or run one process (passerelle serve).")
    if is_production(settings):
        for name in ("SECRET_KEY", "TWILIO_AUTH_TOKEN"):
            if not settings.get(name):
                found.append(f"{name} is not set: on a server database every host must share it "
                             "(no development fallback is made).")
        if not settings.get("REDIS_URL"):
            found.append("REDIS_URL is not set: on a server database the state, locks and guards must be shared.")
    return found


def fill_dev_secrets(settings: dict) -> None:
    """Make local development secrets for whatever the environment left unset."""
    home = Path(settings["PASSERELLE_HOME"])
    if not settings["TWILIO_AUTH_TOKEN"]:
        settings["TWILIO_AUTH_TOKEN"] = _dev_secret(home, "twilio-token")
        settings["TWILIO_DEV_TOKEN"] = True
    if not settings["SECRET_KEY"]:
        settings["SECRET_KEY"] = _dev_secret(home, "secret-key")
