"""Numbers and plurals in the reader's language, by Babel (CLDR data): « 12,5 », « 1 234 », « 1 erreur »,
« 2 erreurs », « 0 erreur » in French (CLDR: 0 and 1 take the singular), "0 errors" in English.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from babel import Locale
from babel.numbers import format_decimal

LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@lru_cache(maxsize=4)
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, "fr_FR"))


def number(value: Any, lang: str = "fr") -> str:
    """A number as the reader writes it: decimal comma and narrow spaces in French, at most two
    decimals, none for a whole number (23.0 → « 23 »). Anything else is returned as text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    return format_decimal(value, format="#,##0.##", locale=_locale(lang))


def percent(value: Any, lang: str = "fr") -> str:
    """A share 0..1 as a percentage in the reader's language, at most one decimal: 0.676 → « 67,6 % »
    (a narrow no-break space before the sign in French), "67.6%" in English."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    shown = format_decimal(round(value * 100, 1), format="#,##0.#", locale=_locale(lang))
    return f"{shown}\u202f%" if lang == "fr" else f"{shown}%"


def plural(n: Any, forms: Any, lang: str = "fr", **fields: Any) -> str:
    """`forms` formatted with n (shown as `number`): one text for every count, or {"one": …, "other": …}
    chosen by the language's plural rule."""
    shown = number(n, lang)
    if isinstance(forms, dict):
        category = _locale(lang).plural_form(n) if isinstance(n, (int, float)) else "other"
        forms = forms.get(category) or forms["other"]
    return forms.format(n=shown, **fields)
