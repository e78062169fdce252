"""Claims: each condition form, against realistic signal values."""
from __future__ import annotations

import pytest

from checks.claims import CONFIRMED, CONTRADICTED, UNVERIFIABLE, Condition, ConditionError, evaluate, verify_claims
from ground.model import Evidence, Signal


def sig(value, assessment="favorable", display=None, sid="x", domain="logiciels_libres"):
    return Signal(id=sid, domain=domain, value=value, assessment=assessment,
                  display=display if display is not None else str(value),
                  evidence=[Evidence("https://www.ville.fr/", "2026-11-25T10:00:00Z", 200, "extrait", "0" * 64)])


@pytest.mark.parametrize("expect, value, status", [
    (">= 0.8", 0.85, CONFIRMED),
    (">= 0.8", 0.5, CONTRADICTED),
    (">= 80 %", 0.85, CONFIRMED),
    ("< 3", 2, CONFIRMED),
    ("present", ["Matomo"], CONFIRMED),
    ("présent", [], CONTRADICTED),
    ("absent", [], CONFIRMED),
    ("Matomo", ["Google Analytics", "Matomo"], CONFIRMED),
    ("matomo", ["Google Analytics"], CONTRADICTED),
    ("SPIP", {"name": "SPIP", "version": "4.2", "free": True}, CONFIRMED),
    ("partiellement conforme", "partiellement conforme", CONFIRMED),
    ("Totalement conforme", "partiellement conforme", CONTRADICTED),
    (">= 10", {"organization": "Ville", "datasets": 25, "open_share": None}, CONFIRMED),
])
def test_conditions(expect, value, status):
    assert evaluate(Condition.parse(expect), sig(value))[0] == status


def test_unknown_signal_value_is_unverifiable():
    status, why = evaluate(Condition.parse("present"), sig(None, assessment="inconnu", display="indéterminé"))
    assert status == UNVERIFIABLE and "indéterminé" in why


def test_comparison_on_text_is_unverifiable():
    assert evaluate(Condition.parse(">= 2"), sig("partiellement conforme"))[0] == UNVERIFIABLE


@pytest.mark.parametrize("bad", [">= beaucoup", "", None, "<"])
def test_malformed_conditions(bad):
    with pytest.raises(ConditionError):
        Condition.parse(bad)


def test_verify_claims_carries_the_deciding_evidence():
    claims = [{"domain": "logiciels_libres", "text": "Nous utilisons Matomo", "signal": "analytics", "expect": "Matomo"}]
    [out] = verify_claims(claims, [sig(["Matomo"], sid="analytics")])
    assert out["status"] == CONFIRMED and out["evidence"][0]["url"] == "https://www.ville.fr/"
    [missing] = verify_claims([{"text": "x", "signal": "absent_signal", "expect": "present"}], [])
    assert missing["status"] == UNVERIFIABLE


def test_fold_fast_path_matches_the_character_table_everywhere():
    """fold() folds Latin-1 as bytes and the rest through an error handler: same result as the
    per-character table, for every code point, alone and among Latin-1 and non-Latin-1 text."""
    from ground.text import _FOLD, fold

    for cp in range(0, 0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        text = f"É{chr(cp)}’x"
        assert fold(text) == text.translate(_FOLD), hex(cp)
    for text in ("Σας Éte", "µ-Mètre", "İstanbul ÉTÉ", "naïve\u00a0’œuvre` ´", "日本 café", ""):
        assert fold(text) == text.translate(_FOLD) and len(fold(text)) == len(text)
    # Idempotent: a folded text folds to itself (a backtick-like accent ends as a plain apostrophe).
    assert fold("\u1fef\uff40`") == "'" * 3
    assert fold("Accessibilité\u00a0: PARTIELLEMENT conforme") == "accessibilite : partiellement conforme"
