"""The fourteen need codes, and the order that breaks ties between them."""
from __future__ import annotations

#: Need codes, in their documented order.
CATEGORIES: tuple[str, ...] = (
    "housing",
    "shelter",
    "food",
    "transport",
    "employment",
    "income",
    "utilities",
    "health",
    "mental_health",
    "substance_use",
    "legal",
    "family_violence",
    "childcare",
    "clothing",
)

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
