"""Check that a webhook request really comes from Twilio (X-Twilio-Signature), on every channel."""
import functools
import logging

from flask import abort, current_app, request
from twilio.request_validator import RequestValidator

log = logging.getLogger(__name__)


def signed_url() -> str:
    """Return the URL Twilio signed: PUBLIC_URL in front of our path when set (proxy, tunnel), else our own."""
    public = current_app.config.get("PUBLIC_URL")
    if not public:
        return request.url
    query = request.query_string.decode("latin-1")
    return public + request.path + (f"?{query}" if query else "")


def is_signed() -> bool:
    """Tell whether the current request carries a valid Twilio signature for our auth token."""
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature:
        return False
    validator = RequestValidator(current_app.config["TWILIO_AUTH_TOKEN"])
    return validator.validate(signed_url(), request.form.to_dict(flat=True), signature)


def twilio_signed(view):
    """Refuse (403) any request that Twilio did not sign; there is no switch to turn this off."""
    @functools.wraps(view)
    def checked(*args, **kwargs):
        if (request.content_length or 0) > current_app.config.get("MAX_CONTENT_LENGTH", 0) > 0:
            abort(413)  # told by its length alone, signed or not, before a byte of it is read
        if not is_signed():
            log.warning("refused a %s request with a missing or wrong Twilio signature", request.path)
            abort(403)
        return view(*args, **kwargs)
    return checked
