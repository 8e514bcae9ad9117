"""Alembic environment: migrations run on the connection we are handed, or on the configured URL."""
from alembic import context
from sqlalchemy import engine_from_config, pool

from bot.db import Base

target_metadata = Base.metadata


def _models():
    # Import the modules that define tables so autogenerate sees every one.
    import bot.catalog.models  # noqa: F401
    import bot.record  # noqa: F401


def run_migrations_online() -> None:
    """Run migrations against a live connection."""
    _models()
    connection = context.config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(context.config.get_section(context.config.config_ini_section, {}),
                                prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


def run_migrations_offline() -> None:
    """Emit SQL without a connection."""
    _models()
    context.configure(url=context.config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
