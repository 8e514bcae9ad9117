"""The fourteen need codes, and the order that breaks ties between them."""
from __future__ import annotations

# The one list of need codes, shared with the catalogue and the flows (re-exported here).
from bot.needs import CATEGORIES as CATEGORIES

# On equal evidence the means comes before what it is for: a ride before the job it saves,
# daycare before the lease it protects.
TIE_ORDER: dict[str, int] = {
    code: rank
    for rank, code in enumerate(
        (
            "family_violence",
            "mental_health",
            "substance_use",
            "transport",
            "childcare",
            "clothing",
            "utilities",
            "health",
            "food",
            "legal",
            "shelter",
            "housing",
            "income",
            "employment",
        )
    )
}
