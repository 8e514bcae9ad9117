"""Background jobs (RQ functions only): slow side effects that must not hold up a webhook."""
from flask import current_app, has_app_context

_worker_app = None


def _app():
    """Return the app this job runs in: the current one, else one made once per worker process."""
    global _worker_app
    if has_app_context():
        return current_app._get_current_object()
    if _worker_app is None:
        from bot import create_app

        _worker_app = create_app()
    return _worker_app


def send_sms(conversation_id: str, to: str, text: str, language: str | None = None) -> str:
    """Send an SMS through Twilio's REST API and record it; returns Twilio's message sid."""
    from bot import outbound

    app = _app()
    with app.app_context():
        return outbound.send_sms(app.config, app.extensions["passerelle.db"], conversation_id, to, text, language)


def deliver_sms(message_id: int, to: str) -> str | None:
    """Send an SMS already recorded (a navigator's reply, a referral); retried by the queue on failure."""
    from bot import outbound
    from bot.errors import OptedOutError

    app = _app()
    with app.app_context():
        try:
            sid = outbound.deliver(app.config, app.extensions["passerelle.db"], message_id, to)
        except OptedOutError:
            return None  # never retried: the person said STOP
        finally:
            conversation = _conversation_of(app, message_id)
            if conversation:
                app.extensions["passerelle.store"].announce(conversation, False)
        return sid


def _conversation_of(app, message_id: int) -> str | None:
    from bot.record import Message

    with app.extensions["passerelle.db"].session() as session:
        message = session.get(Message, message_id)
        return message.conversation_id if message else None


def run_followups() -> dict:
    """Send the follow-ups due now (run every few minutes by the scheduler)."""
    from bot import followups

    app = _app()
    with app.app_context():
        return followups.run(app.config, app.extensions["passerelle.db"], app.extensions["passerelle.catalog"])


def remind_waiting() -> int:
    """Send the one "still waiting" text to people nobody claimed in time."""
    app = _app()
    with app.app_context():
        return app.extensions["passerelle.desk"].remind_waiting()


def run_retention() -> dict:
    """Erase the words of conversations past RETENTION_DAYS (nightly)."""
    from bot.forgetting import purge

    app = _app()
    with app.app_context():
        return purge(app.extensions["passerelle.db"], app.config["RETENTION_DAYS"])


def cron(connection):
    """Return rq's scheduler with our periodic jobs: follow-ups every 5 minutes, the still-waiting texts every
    minute, the retention purge at 03:15 every night."""
    from rq.cron import CronScheduler

    from bot.queues import QUEUE_NAME

    scheduler = CronScheduler(connection=connection, name="passerelle")
    scheduler.register(run_followups, QUEUE_NAME, interval=300)
    scheduler.register(remind_waiting, QUEUE_NAME, interval=60)
    scheduler.register(run_retention, QUEUE_NAME, cron="15 3 * * *")
    return scheduler
