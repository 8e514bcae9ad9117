"""The relational database: one SQLAlchemy engine per app, migrations with Alembic."""
import fcntl
import hashlib
import logging
import tempfile
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, sessionmaker
from sqlalchemy.pool import NullPool

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class Base(DeclarativeBase):
    """Base class of every table, the record's and the catalogue's."""


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite files get their folder, WAL mode and a busy timeout."""
    # Parameters are message bodies and phone numbers: keep them out of error messages and logs.
    kwargs = {"future": True, "hide_parameters": True}
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": 30}
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            # Erased words (FORGET, retention) are overwritten with zeros, not left in free pages of the file.
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()
    return engine


class Database:
    """An engine and its session factory."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self):
        """Yield a session that commits on success and rolls back on error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def writing(self):
        """Yield a session that writes from its first read: SQLite takes its write lock at once (BEGIN IMMEDIATE),
        so a read-then-write by two requests together runs one after the other; PostgreSQL locks rows instead."""
        with self.session() as session:
            if self.engine.dialect.name == "sqlite":
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session

    def upgrade(self) -> None:
        """Bring the schema up to date, one process at a time."""
        upgrade(self.url, engine=self.engine)


def alembic_config(url: str):
    """Return an Alembic config pointing at our migrations and `url`."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@contextmanager
def exclusive(url: str, purpose: str):
    """Hold a lock for `purpose` on database `url` that every process and host respects, so hosts starting
    together take turns: PostgreSQL's advisory lock on a server database, a file lock on a SQLite file
    (which only one host can share anyway)."""
    name = f"passerelle-{purpose}-" + hashlib.sha1(url.encode()).hexdigest()[:12]
    if url.startswith("postgresql"):
        key = int(hashlib.sha1(name.encode()).hexdigest()[:15], 16)
        engine = create_engine(url, future=True, hide_parameters=True, poolclass=NullPool)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
                try:
                    yield
                finally:
                    connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
        finally:
            engine.dispose()
        return
    with open(Path(tempfile.gettempdir()) / name, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def upgrade(url: str, engine: Engine | None = None) -> None:
    """Run Alembic migrations to head under a lock every host respects, so hosts starting together don't race."""
    from alembic import command

    with exclusive(url, "migrate"):
        config = alembic_config(url)
        if engine is not None:
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        else:
            command.upgrade(config, "head")
    log.debug("database schema is up to date")


def init_app(app) -> None:
    """Open the app's database and bring its schema up to date (unless AUTO_MIGRATE is off)."""
    database = Database(app.config["DATABASE_URL"])
    if app.config.get("AUTO_MIGRATE", True):
        database.upgrade()
    app.extensions["passerelle.db"] = database
