"""Navigators' accounts: hashed passwords, session logins (Flask-Login), throttled failures (in Redis)."""
from __future__ import annotations

import hashlib
import logging

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired

from bot.console import bp
from bot.record import AuditEntry, Navigator, utcnow
from bot.store import KEY_PREFIX

log = logging.getLogger(__name__)

#: Failed logins for one email (or from one address) before logins are refused for a while.
LOGIN_FAILURES_ALLOWED = 5
#: How long failures count, and how long logins are refused after too many (seconds).
LOGIN_FAILURE_WINDOW = 15 * 60
#: Shortest password a navigator may have.
PASSWORD_MIN_LENGTH = 10

login_manager = LoginManager()


class Account(UserMixin):
    """The navigator signed in to this request (a detached copy of the record)."""

    def __init__(self, navigator: Navigator):
        self.id = navigator.id
        self.email = navigator.email
        self.coordinator = navigator.coordinator
        self.language = navigator.language
        self.navigator = navigator

    @property
    def name(self) -> str:
        return self.navigator.name


@login_manager.user_loader
def load_account(user_id: str) -> Account | None:
    database = current_app.extensions["passerelle.db"]
    with database.session() as session:
        navigator = session.get(Navigator, int(user_id)) if user_id.isdigit() else None
        return Account(navigator) if navigator is not None and navigator.active else None


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField("Email", validators=[DataRequired()])
    password = PasswordField("Password", validators=[DataRequired()])


def add_navigator(database, email: str, password: str, coordinator: bool = False, language: str = "en") -> str:
    """Create a navigator (or reset their password and role); return "added" or "updated"."""
    email = email.strip().lower()
    if "@" not in email:
        raise ValueError("the email address has no @")
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ValueError(f"the password needs at least {PASSWORD_MIN_LENGTH} characters")
    hashed = generate_password_hash(password)
    with database.session() as session:
        navigator = session.execute(select(Navigator).where(Navigator.email == email)).scalar_one_or_none()
        if navigator is None:
            session.add(Navigator(email=email, password_hash=hashed, coordinator=coordinator, language=language,
                                  created_at=utcnow()))
            return "added"
        navigator.password_hash, navigator.coordinator, navigator.active = hashed, coordinator, True
        return "updated"


#: The development coordinator `passerelle serve` makes on an empty SQLite record, so a newcomer can open the
#: console; never made on a server database or with a real Twilio token.
DEV_NAVIGATOR = "demo@passerelle.local"


def ensure_dev_navigator(app) -> str | None:
    """On a development setup with no navigator yet, make a coordinator whose password is kept in
    PASSERELLE_HOME; return the password, or None when nothing was made (or one exists already)."""
    from pathlib import Path

    from bot.config import _dev_secret, is_production

    if is_production(app.config) or not app.config.get("TWILIO_DEV_TOKEN"):
        return None
    database = app.extensions["passerelle.db"]
    with database.session() as session:
        if session.execute(select(Navigator.id).limit(1)).first() is not None:
            existing = session.execute(select(Navigator).where(Navigator.email == DEV_NAVIGATOR)).scalar_one_or_none()
            if existing is None:
                return None
            password = _dev_secret(Path(app.config["PASSERELLE_HOME"]), "navigator-password")
            return password if check_password_hash(existing.password_hash, password) else None
    password = _dev_secret(Path(app.config["PASSERELLE_HOME"]), "navigator-password")
    add_navigator(database, DEV_NAVIGATOR, password, coordinator=True)
    return password


def _throttle_keys(email: str) -> list[str]:
    digest = hashlib.sha256(email.encode()).hexdigest()[:24]
    address = hashlib.sha256((request.remote_addr or "").encode()).hexdigest()[:24]
    return [f"{KEY_PREFIX}login-fail:email:{digest}", f"{KEY_PREFIX}login-fail:addr:{address}"]


def _throttled(email: str) -> bool:
    store = current_app.extensions["passerelle.store"]
    counts = store.attempt("login throttle", lambda: [store.client.get(k) for k in _throttle_keys(email)], [])
    return any(int(c or 0) >= LOGIN_FAILURES_ALLOWED for c in counts)


def _failed(email: str) -> None:
    store = current_app.extensions["passerelle.store"]

    def count():
        pipe = store.client.pipeline()
        for key in _throttle_keys(email):
            pipe.incr(key)
            pipe.expire(key, LOGIN_FAILURE_WINDOW)
        pipe.execute()

    store.attempt("login throttle", count)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in."""
    from bot.console.views import tr

    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        if _throttled(email):
            flash(tr("Too many failed attempts. Wait 15 minutes, or ask your coordinator."), "error")
            status = 429
        else:
            database = current_app.extensions["passerelle.db"]
            with database.session() as session:
                navigator = session.execute(select(Navigator).where(Navigator.email == email)).scalar_one_or_none()
                ok = navigator is not None and navigator.active and check_password_hash(navigator.password_hash,
                                                                                       form.password.data)
                if ok:
                    session.add(AuditEntry(navigator_id=navigator.id, action="login", detail={}, created_at=utcnow()))
            if ok:
                login_user(Account(navigator))
                target = request.args.get("next") or ""
                # Only a path on this site: never send a navigator elsewhere after login.
                if not target.startswith("/") or target.startswith("//"):
                    target = url_for("console.queue_page")
                return redirect(target)
            _failed(email)
            log.info("a console login failed")
            flash(tr("Wrong email or password."), "error")
            status = 401
    elif request.method == "POST":
        status = 400
    return render_template("console/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    """Sign out."""
    logout_user()
    return redirect(url_for("console.login"))


def init_app(app) -> None:
    """Set up logins: every console page asks for one."""
    login_manager.init_app(app)
    login_manager.login_view = "console.login"
    login_manager.login_message = None
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # a shift is long; the token lives as long as the session


def current_account() -> Account:
    """Return the signed-in navigator."""
    return current_user._get_current_object()
