"""The catalogue's tables: sources, services, their texts per language, and a version counter for indexes."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base


def utcnow() -> dt.datetime:
    """Return the current time, timezone-aware, in UTC."""
    return dt.datetime.now(dt.UTC)


class CatalogSource(Base):
    """A dataset services were imported from, with what its last import did."""

    __tablename__ = "catalog_sources"
    __table_args__ = (UniqueConstraint("name", name="uq_catalog_sources_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    format: Mapped[str] = mapped_column(String(32))
    location: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    service_count: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict] = mapped_column(JSON, default=dict)


class ServiceEntry(Base):
    """A service as stored: everything but its texts, which live in service_texts, one row per language."""

    __tablename__ = "services"
    __table_args__ = (UniqueConstraint("source_id", "source_ref", name="uq_services_source_ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("catalog_sources.id"), index=True)
    # The service's id in its source dataset.
    source_ref: Mapped[str] = mapped_column(String(255))
    # False once the source stops listing it (kept so the record's references still resolve).
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    status: Mapped[str] = mapped_column(String(32), default="active")
    organization: Mapped[str | None] = mapped_column(Text)
    categories: Mapped[list] = mapped_column(JSON, default=list)
    taxonomy_codes: Mapped[list] = mapped_column(JSON, default=list)
    taxonomy_terms: Mapped[list] = mapped_column(JSON, default=list)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    phone: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(255))
    url: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(128))
    postal_code: Mapped[str | None] = mapped_column(String(32))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # Weekly rules: [{"weekday": 0, "opens": "09:00", "closes": "17:00"}, ...]
    schedule: Mapped[list] = mapped_column(JSON, default=list)
    # {"min_age": 18, "max_age": 24, "genders": ["women"], "groups": ["youth"]}
    eligibility: Mapped[dict] = mapped_column(JSON, default=dict)
    content_hash: Mapped[str] = mapped_column(String(40), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ServiceText(Base):
    """A service's name, description and eligibility in one language."""

    __tablename__ = "service_texts"

    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    eligibility_description: Mapped[str] = mapped_column(Text, default="")


class CatalogState(Base):
    """One row whose version goes up with every import, so in-memory indexes know to reload."""

    __tablename__ = "catalog_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
