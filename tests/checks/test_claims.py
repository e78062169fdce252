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


# --- each value form, with a display that does not repeat the value (the value alone decides) -------

@pytest.mark.parametrize("expect, value, display, status", [
    # A list counts as its number of items.
    (">= 2", ["Matomo", "Piwik"], "2 outils", CONFIRMED),
    ("== 3", ["Matomo", "Piwik"], "2 outils", CONTRADICTED),
    # A plain value found in a string, a list, a dict, a boolean.
    ("SPIP", "SPIP", "CMS reconnu", CONFIRMED),
    ("Matomo", ["Google Analytics", "Matomo"], "2 outils", CONFIRMED),
    ("SPIP", {"name": "SPIP", "version": "4.2"}, "CMS reconnu", CONFIRMED),
    ("true", True, "oui", CONFIRMED),
    ("false", True, "oui", CONTRADICTED),
    # An item of a comma-separated string, even one holding a space.
    ("Piwik", "Matomo, Piwik", "2 outils", CONFIRMED),
    ("Google Analytics", "Matomo, Google Analytics", "2 outils", CONFIRMED),
    ("Google", "Matomo, Google Analytics", "2 outils", CONTRADICTED),
    # Not in the value, but in the words shown: still found.
    ("SPIP", None, "SPIP 4.2", CONFIRMED),
    ("Drupal", None, "SPIP 4.2", CONTRADICTED),
])
def test_a_plain_value_or_a_count_is_read_from_the_value_itself(expect, value, display, status):
    assert evaluate(Condition.parse(expect), sig(value, display=display))[0] == status


@pytest.mark.parametrize("expect, value, status", [
    ("present", 1, CONFIRMED),
    ("present", True, CONFIRMED),
    ("present", 0, CONTRADICTED),
    ("present", False, CONTRADICTED),
    ("present", "", CONTRADICTED),
    ("present", {}, CONTRADICTED),
    ("absent", ["Matomo"], CONTRADICTED),
    ("absent", 0.0, CONFIRMED),
    ("absent", False, CONFIRMED),
    ("absent", None, CONFIRMED),
    # A dict value is empty when every field is: « aucune organisation, 0 jeu de données ».
    ("absent", {"organization": None, "datasets": 0}, CONFIRMED),
    ("present", {"organization": None, "datasets": 0}, CONTRADICTED),
    ("present", {"organization": "commune-x", "datasets": 0}, CONFIRMED),
])
def test_present_and_absent(expect, value, status):
    assert evaluate(Condition.parse(expect), sig(value, display="valeur"))[0] == status


@pytest.mark.parametrize("expect, value, status", [
    (">= 80 %", 1.0, CONFIRMED),  # a share of exactly 1 is a share: 100 % >= 80 %
    ("== 50 %", 0.5, CONFIRMED),  # 50 % is the share 0.5
    ("> 80 %", 0.8, CONTRADICTED),
    ("<= 2 %", 1.5, CONFIRMED),  # above 1, the value is already a percentage: 1.5 % <= 2 %
    ("> 2 %", 1.5, CONTRADICTED),
])
def test_percent_conditions_at_their_boundaries(expect, value, status):
    assert evaluate(Condition.parse(expect), sig(value, display="valeur"))[0] == status


def test_an_unknown_signal_explains_itself_by_its_reason():
    s = Signal(id="x", domain="logiciels_libres", value=None, assessment="inconnu", display="indéterminé",
               reason="délai dépassé")
    status, why = evaluate(Condition.parse("present"), s)
    assert status == UNVERIFIABLE and "délai dépassé" in why and "indéterminé :" in why


def test_verify_claims_echoes_the_claim_and_takes_the_domain_from_it_or_the_signal():
    signal = sig(["Matomo"], sid="analytics", display="Matomo")
    claims = [{"domain": "communication", "text": "Mesure d'audience libre", "signal": "analytics",
               "expect": "Matomo"},
              {"text": "Sans domaine", "signal": "analytics", "expect": "absent"}]
    first, second = verify_claims(claims, [signal])
    assert {k: first[k] for k in ("domain", "text", "signal", "expect", "status")} == {
        "domain": "communication", "text": "Mesure d'audience libre", "signal": "analytics", "expect": "Matomo",
        "status": CONFIRMED}
    assert (second["domain"], second["status"]) == ("logiciels_libres", CONTRADICTED)
    [orphan] = verify_claims([{"text": "?", "signal": "nulle_part", "expect": "present"}], [signal])
    assert orphan["domain"] is None and orphan["evidence"] == []


def test_verify_claims_keeps_a_malformed_condition_unverifiable_with_its_error():
    [out] = verify_claims([{"text": "x", "signal": "analytics", "expect": ">= beaucoup"}],
                          [sig(3, sid="analytics")])
    assert out["status"] == UNVERIFIABLE
    assert "beaucoup" in out["explanation"]


def test_verify_claims_keeps_at_most_five_pieces_of_evidence():
    ev = [Evidence(f"https://www.ville.fr/{i}", "2026-11-25T10:00:00Z", 200, "extrait", "0" * 64) for i in range(7)]
    s = Signal(id="analytics", domain="logiciels_libres", value=["Matomo"], assessment="favorable",
               display="Matomo", evidence=ev)
    [out] = verify_claims([{"text": "x", "signal": "analytics", "expect": "Matomo"}], [s])
    assert [e["url"] for e in out["evidence"]] == [f"https://www.ville.fr/{i}" for i in range(5)]


# --- the ways a French dossier states a figure (issue 18) -------------------------------------------

@pytest.mark.parametrize("expect, value, status", [
    # The example: observed 100 %, stated "au moins 80 %" in its spellings.
    ("au moins 80%", 1.0, CONFIRMED),
    ("au moins 80 %", 1.0, CONFIRMED),
    ("Au moins 80\u00a0%", 1.0, CONFIRMED),
    ("≥ 80 %", 1.0, CONFIRMED),
    ("≥80%", 0.79, CONTRADICTED),
    ("au minimum 80 pour cent", 0.8, CONFIRMED),
    # A figure alone: the figure stated, at the precision stated.
    ("80%", 1.0, CONTRADICTED),
    ("80 %", 0.804, CONFIRMED),  # 80.4 % rounds to 80 %
    ("80 %", 0.806, CONTRADICTED),  # 80.6 % rounds to 81 %
    ("85,4 %", 85.44, CONFIRMED),  # a rate already in percent, stated to one decimal
    ("12", 12, CONFIRMED),
    ("12", 13, CONTRADICTED),
    # Counts in words, with a unit after the figure.
    ("plus de 3", 4, CONFIRMED),
    ("plus de 3", 3, CONTRADICTED),
    ("plus de 3 jeux de données", {"datasets": 25}, CONFIRMED),
    ("moins de 5", 5, CONTRADICTED),
    ("au plus 2", ["Matomo", "Piwik"], CONFIRMED),
    ("pas plus de 1", ["Matomo", "Piwik"], CONTRADICTED),
    ("exactement 2", ["Matomo", "Piwik"], CONFIRMED),
    ("différent de 0", 0, CONTRADICTED),
    ("≠ 0", 3, CONFIRMED),
    ("supérieur ou égal à 10", 10, CONFIRMED),
    ("inférieur à 10", 10, CONTRADICTED),
    ("entre 60 et 80 %", 0.7, CONFIRMED),
    ("entre 60 et 80 %", 0.81, CONTRADICTED),
    ("1 000", 1000, CONFIRMED),
    # Facts.
    ("oui", True, CONFIRMED),
    ("Oui", ["Matomo"], CONFIRMED),
    ("non", ["Matomo"], CONTRADICTED),
    ("aucun", [], CONFIRMED),
    ("présente", "partiellement conforme", CONFIRMED),
    (True, ["Matomo"], CONFIRMED),
    (False, [], CONFIRMED),
    # Names with figures in them are names.
    ("TYPO3", {"name": "TYPO3"}, CONFIRMED),
    ("RGAA 4.1", "RGAA 4.1", CONFIRMED),
])
def test_the_ways_a_dossier_states_a_figure_or_a_fact(expect, value, status):
    assert evaluate(Condition.parse(expect), sig(value, display="valeur"))[0] == status


@pytest.mark.parametrize("bad", [
    "au moins quatre-vingts", "au moins", "80 %%", "≥ beaucoup", "plus de trois", "80 % environ 3", "entre 80 et 60 %",
    "% 80", "> 3 4", "-",
])
def test_what_starts_like_a_figure_and_does_not_parse_is_refused(bad):
    with pytest.raises(ConditionError) as err:
        Condition.parse(bad)
    assert repr(bad) in str(err.value)


def test_the_explanation_says_what_was_declared_beside_what_was_seen():
    status, why = evaluate(Condition.parse("au moins 80%"), sig(1.0, display="100 %"))
    assert (status, why) == (CONFIRMED, "valeur constatée : 100 % ; déclarée : au moins 80%")
    # Said as the dossier wrote it; a condition given as a YAML number or boolean, in words.
    assert Condition.parse("plus de 3 jeux de données").describe() == "plus de 3 jeux de données"
    assert Condition.parse(12).describe() == "12" and Condition.parse(True).describe() == "présent"
    assert Condition.parse(0.85).describe() == "0,85"
