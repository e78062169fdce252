"""Indicative levels: points per signal, levels from the rubric, what would raise them."""
from __future__ import annotations

import pytest

from checks.rubric import DEFAULT_RUBRIC, RubricError, domain_levels, load_rubric
from tnl.model import Signal

RUBRIC = """\
levels: {1: 0.0, 2: 0.2, 3: 0.4, 4: 0.6, 5: 0.8}
points: {favorable: 1.0, neutre: 0.5, defavorable: 0.0}
domains:
  interop_accessibilite:
    a11y_mention: {weight: 2}
    open_formats: {weight: 3, thresholds: [[0.8, 1.0], [0.5, 0.5], [0.0, 0.0]]}
"""


def sig(sid, assessment, value=None, domain="interop_accessibilite"):
    return Signal(id=sid, domain=domain, value=value, assessment=assessment, display=str(value))


def levels(signals, text=RUBRIC, tmp_path=None):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    rubric, _ = load_rubric(path)
    return {d["domain"]: d for d in domain_levels(signals, rubric)}


def test_all_favourable_is_level_5(tmp_path):
    d = levels([sig("a11y_mention", "favorable"), sig("open_formats", "favorable", 0.9)], tmp_path=tmp_path)
    dom = d["interop_accessibilite"]
    assert (dom["level"], dom["points"], dom["max_points"], dom["to_raise"]) == (5, 5.0, 5.0, [])


def test_thresholds_on_the_value_and_what_would_raise_it(tmp_path):
    d = levels([sig("a11y_mention", "defavorable"), sig("open_formats", "neutre", 0.6)], tmp_path=tmp_path)
    dom = d["interop_accessibilite"]
    assert dom["points"] == 1.5 and dom["score"] == 0.3 and dom["level"] == 2
    assert [r["id"] for r in dom["to_raise"]] == ["a11y_mention", "open_formats"]
    assert dom["to_raise"][0]["gain"] == 2.0 and dom["to_raise"][0]["level_if_favorable"] == 4


def test_unknown_signals_are_not_applicable(tmp_path):
    d = levels([sig("a11y_mention", "inconnu"), sig("open_formats", "favorable", 1.0)], tmp_path=tmp_path)
    dom = d["interop_accessibilite"]
    assert dom["max_points"] == 3.0 and dom["level"] == 5
    assert d["strategie"]["level"] is None  # nothing applicable: no level


def test_default_rubric_loads():
    rubric, source = load_rubric()
    assert source["path"] == "défaut" and len(source["sha256"]) == 64
    assert set(rubric.domains) == {"strategie", "interop_accessibilite", "logiciels_libres", "communication",
                                   "open_data"}
    assert DEFAULT_RUBRIC.is_file()


@pytest.mark.parametrize("bad, words", [
    (RUBRIC.replace("5: 0.8", "5: 0.1"), "croître"),
    (RUBRIC.replace("interop_accessibilite:", "interop:"), "domaines inconnus"),
    (RUBRIC.replace("{weight: 2}", "{poids: 2}"), "a11y_mention"),
])
def test_bad_rubrics(tmp_path, bad, words):
    path = tmp_path / "r.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(RubricError, match=words):
        load_rubric(path)


def test_rubric_naming_an_unknown_signal(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(RUBRIC, encoding="utf-8")
    with pytest.raises(RubricError, match="signal inconnu"):
        load_rubric(path, known_signals={"a11y_mention"})
