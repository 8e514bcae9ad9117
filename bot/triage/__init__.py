"""Triage of helpline messages: find the real need, catch every crisis, know the language.

    >>> t = triage("I need winter tires or I'll lose my job")
    >>> t.needs[0].category, t.language
    ('transport', 'en')

Pure Python, deterministic, and it never raises on any string. The lexicons are YAML files beside
this module; they load once, on first use.
"""
from __future__ import annotations

from .categories import CATEGORIES
from .language import detect_language
from .result import Need, Triage
from .scoring import triage

__all__ = ["CATEGORIES", "Need", "Triage", "detect_language", "triage"]
