"""The navigators' console: a live queue, conversations taken over from the bot, the coordinator's view."""
from flask import Blueprint

bp = Blueprint("console", __name__, url_prefix="/console")


def init_app(app) -> None:
    """Give the app the console: logins, CSRF on every form, templates in the navigator's language."""
    from flask_wtf.csrf import CSRFProtect

    from bot.console import auth, live, views  # noqa: F401  (the views register on the blueprint)

    csrf = CSRFProtect(app)
    # Twilio's webhooks are signed instead; a CSRF token means nothing to them.
    for name in ("sms", "voice", "health"):
        if name in app.blueprints:
            csrf.exempt(app.blueprints[name])
    auth.init_app(app)
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(gettext=views.template_gettext, ngettext=views.template_ngettext,
                                            newstyle=True)
    app.register_blueprint(bp)
