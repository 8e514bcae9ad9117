"""Background jobs (RQ functions only): slow side effects that must not hold up a webhook."""
from flask import current_app


def send_sms(conversation_id: str, to: str, text: str, language: str | None = None) -> str:
    """Send an SMS from a worker, inside the app's context."""
    from bot import create_app, outbound

    app = current_app._get_current_object() if current_app else create_app()
    with app.app_context():
        return outbound.send_sms(app.config, app.extensions["passerelle.db"], conversation_id, to, text, language)
