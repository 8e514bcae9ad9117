"""The RQ queue for background jobs; with the embedded Redis, jobs run at once in this process."""
from rq import Queue

#: Name of the queue the worker listens on.
QUEUE_NAME = "passerelle"


def init_app(app) -> None:
    """Give the app its job queue."""
    client = app.extensions["passerelle.redis"]
    # No REDIS_URL means no separate worker can see our jobs: run them inline, in this process.
    inline = not app.config.get("REDIS_URL")
    app.extensions["passerelle.queue"] = Queue(QUEUE_NAME, connection=client, is_async=not inline)
