"""The fourteen need categories: fixed codes used by the triage, the catalogue, the flows and the reports."""

#: Need codes, in their documented order.
CATEGORIES: tuple[str, ...] = (
    "housing", "shelter", "food", "transport", "employment", "income", "utilities", "health",
    "mental_health", "substance_use", "legal", "family_violence", "childcare", "clothing",
)
