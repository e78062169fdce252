"""Names of collectivités compared across sources (data.gouv.fr, Comptoir du Libre, SILL, code.gouv.fr)."""
from __future__ import annotations

import unicodedata


def normalise_name(name: str) -> str:
    """ASCII, lower case, punctuation as spaces: « Libreville-sur-Isère » -> « libreville sur isere »."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())
