"""Live updates for the console: Server-Sent Events fed by Redis pub/sub, so every web process agrees."""
from __future__ import annotations

import json
import logging
import time

from flask import Response, current_app, stream_with_context
from flask_login import login_required

from bot.console import bp
from bot.store import LIVE_CHANNEL

log = logging.getLogger(__name__)

#: Seconds between keep-alive comments (also how soon a closed browser tab frees its thread).
KEEPALIVE_SECONDS = 15
#: A stream ends after this long and the browser reconnects at once: no thread is held for ever.
STREAM_SECONDS = 600


def events(client, keepalive: float = KEEPALIVE_SECONDS, lifetime: float = STREAM_SECONDS):
    """Yield SSE lines: `queue` when the queue changed, `conv-<id>` when a conversation did."""
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(LIVE_CHANNEL)
    try:
        yield "retry: 2000\n\n"
        end = time.monotonic() + lifetime
        while time.monotonic() < end:
            message = pubsub.get_message(timeout=keepalive)
            if message is None:
                yield ": keep-alive\n\n"
                continue
            try:
                data = json.loads(message["data"])
            except (TypeError, ValueError):
                continue
            conversation = str(data.get("conversation") or "")
            if conversation.isalnum():
                yield f"event: conv-{conversation}\ndata: {conversation}\n\n"
            if data.get("queue"):
                yield f"event: queue\ndata: {conversation}\n\n"
    finally:
        pubsub.close()


@bp.get("/events")
@login_required
def stream():
    """The console's live stream."""
    client = current_app.extensions["passerelle.redis"]
    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return Response(stream_with_context(events(client)), mimetype="text/event-stream", headers=headers)
