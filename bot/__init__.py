"""Passerelle: a bilingual SMS and voice navigator for social services."""


def create_app(config: dict | None = None):
    """Create the web app: settings from the environment (then `config`), the record, the store, the channels."""
    # Imported here so that `import bot.engine` stays free of Flask (the engine is pure).
    from flask import Flask

    from bot import config as settings_module
    from bot import console, conversations, db, desk, queues, store
    from bot.channels import health, phone, sms, voice

    app = Flask(__name__)
    # The development server's access log (werkzeug) must not carry query strings: numbers, words.
    import logging

    from bot.privacy import NoQueryStrings

    # The Twilio library narrates every REST request at INFO (URLs, headers): not a log a person reads.
    logging.getLogger("twilio.http_client").setLevel(logging.WARNING)
    werkzeug_log = logging.getLogger("werkzeug")
    if not any(isinstance(f, NoQueryStrings) for f in werkzeug_log.filters):
        werkzeug_log.addFilter(NoQueryStrings())
    settings = settings_module.from_environment()
    settings.update(config or {})
    found = settings_module.problems(settings, settings_module.serving_processes())
    if found:
        from bot.errors import ConfigError

        raise ConfigError("Passerelle won't start: " + " ".join(found))
    if not settings_module.is_production(settings):
        settings_module.fill_dev_secrets(settings)
    app.config.update(settings)
    # Werkzeug refuses (413) a body over this before reading it, and stops parsing past this many fields:
    # an unsigned flood can't cost memory or CPU before its signature is refused.
    app.config["MAX_CONTENT_LENGTH"] = app.config["REQUEST_MAX_BYTES"]
    app.config["MAX_FORM_PARTS"] = app.config["REQUEST_MAX_FIELDS"]
    db.init_app(app)
    store.init_app(app)
    queues.init_app(app)
    conversations.init_app(app)
    desk.init_app(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(sms.bp)
    app.register_blueprint(voice.bp)
    app.register_blueprint(phone.bp)
    console.init_app(app)

    @app.get("/")
    def home():
        from flask import redirect, url_for

        return redirect(url_for("console.queue_page"))

    return app
