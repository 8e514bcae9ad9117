"""Health check for load balancers and the process manager."""
from flask import Blueprint, current_app, jsonify

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Report that the app is up, and whether Redis and the database answer."""
    checks = {}
    try:
        current_app.extensions["passerelle.store"].client.ping()
        checks["redis"] = "ok"
    except Exception:  # a health check reports; it never raises
        checks["redis"] = "unreachable"
    try:
        from sqlalchemy import text

        with current_app.extensions["passerelle.db"].engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception:
        checks["database"] = "unreachable"
    status = "ok" if all(v == "ok" for v in checks.values()) else "degraded"
    return jsonify(status=status, **checks), 200
