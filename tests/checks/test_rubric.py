"""Indicative levels: points per signal, levels from the rubric, what would raise them."""
from __future__ import annotations

import pytest

from checks.rubric import DEFAULT_RUBRIC, RubricError, domain_levels, load_rubric
from ground.model import Signal

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
    lenient = RUBRIC + "evaluable: {min_signals: 1, min_weight_share: 0.5}\n"
    d = levels([sig("a11y_mention", "inconnu"), sig("open_formats", "favorable", 1.0)], text=lenient, tmp_path=tmp_path)
    dom = d["interop_accessibilite"]
    assert dom["max_points"] == 3.0 and dom["level"] == 5 and dom["status"] == "evalue"
    assert d["strategie"]["level"] is None  # nothing applicable: no level
    assert d["strategie"]["reason"] == "non évaluable : aucun signal applicable"


def test_one_known_signal_gives_no_level(tmp_path):
    """The default rule: at least 2 determined signals. One favorable signal among unknowns used to give
    level 5 (inconnu left the denominator)."""
    d = levels([sig("a11y_mention", "inconnu"), sig("open_formats", "favorable", 1.0)], tmp_path=tmp_path)
    dom = d["interop_accessibilite"]
    assert dom["level"] is None and dom["status"] == "non_evaluable"
    assert dom["reason"] == ("non évaluable : 1 signal(s) établi(s) sur 2 (poids 3 sur 5) ; il en faut au moins 2, "
                             "pour au moins 50% du poids du domaine")
    assert dom["to_raise"] == []


WEIGHTED = """\
levels: {1: 0.0, 2: 0.2, 3: 0.4, 4: 0.6, 5: 0.8}
points: {favorable: 1.0, neutre: 0.5, defavorable: 0.0}
evaluable: {min_signals: 2, min_weight_share: 0.5}
domains:
  strategie:
    strategy_mentions: {weight: 4}
    mutualisation: {weight: 2}
    domain_registration: {weight: 2}
    source_code_published: {weight: 0}
"""


@pytest.mark.parametrize(("assessments", "level"), [
    # 2 signals known, weight 2 + 2 of 8: half the weight, just enough.
    ({"strategy_mentions": "inconnu", "mutualisation": "favorable", "domain_registration": "favorable"}, 5),
    # 2 known, weight 4 + 2 = 6 of 8.
    ({"strategy_mentions": "defavorable", "mutualisation": "favorable", "domain_registration": "inconnu"}, 2),
    # 1 known of weight 4 (half the weight, but one signal).
    ({"strategy_mentions": "favorable", "mutualisation": "inconnu", "domain_registration": "inconnu"}, None),
])
def test_a_level_needs_enough_determined_signals_and_weight(tmp_path, assessments, level):
    signals = [sig(s, a, domain="strategie") for s, a in assessments.items()]
    signals.append(sig("source_code_published", "favorable", domain="strategie"))  # weight 0: never counts
    dom = levels(signals, text=WEIGHTED, tmp_path=tmp_path)["strategie"]
    assert dom["level"] == level


def test_less_than_the_weight_share_gives_no_level(tmp_path):
    text = WEIGHTED.replace("domain_registration: {weight: 2}", "domain_registration: {weight: 1}")
    signals = [sig("strategy_mentions", "inconnu", domain="strategie"),
               sig("mutualisation", "favorable", domain="strategie"),
               sig("domain_registration", "favorable", domain="strategie")]
    dom = levels(signals, text=text, tmp_path=tmp_path)["strategie"]
    assert dom["level"] is None  # 2 + 1 = 3 of 7: under half
    assert "poids 3 sur 7" in dom["reason"]


def test_an_unreachable_candidate_gets_no_level_at_all(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(RUBRIC, encoding="utf-8")
    rubric, _ = load_rubric(path)
    signals = [sig("a11y_mention", "defavorable"), sig("open_formats", "favorable", 1.0)]
    out = domain_levels(signals, rubric, unreachable="site injoignable (http://x.test/ : DNS)")
    assert [d["level"] for d in out] == [None] * 5
    assert {d["reason"] for d in out} == {"aucun niveau : site injoignable (http://x.test/ : DNS)"}


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


# --- editions and profiles by kind and size --------------------------------------------------------

def test_shipped_editions_word_the_domains_their_own_way():
    from checks.rubric import editions

    assert editions()[:3] == [2019, 2024, 2025] and DEFAULT_RUBRIC.stem == str(max(editions()))
    old, source = load_rubric(edition=2019)
    new, _ = load_rubric(edition=2024)
    latest, _ = load_rubric()
    assert source["path"] == "édition 2019" and old.edition == 2019 and new.edition == 2024
    assert latest.edition == 2025 and latest.outcome.scale == "tiers" and new.outcome.scale == "levels"
    # The 2025 edition names its domains as the label does since 2024.
    assert [latest.domain_title(d) for d in ("logiciels_libres", "communication", "open_data")] == [
        "Logiciels libres", "Écosystème du libre", "Gestion des données publiques"]
    assert old.domain_title("interop_accessibilite") == "Interopérabilité et accessibilité"
    assert new.domain_title("interop_accessibilite") == "Bonnes pratiques numériques"
    assert (old.domain_title("open_data"), new.domain_title("open_data")) == (
        "Ouverture des données publiques", "Gestion des données")
    assert "sobriété" in new.domain_description("interop_accessibilite")
    # Sobriety was not a criterion in 2019: shown, weighing nothing.
    assert old.domains["interop_accessibilite"]["ecoindex"].weight == 0
    assert new.domains["interop_accessibilite"]["ecoindex"].weight > 0


def test_every_edition_weighs_every_signal():
    from checks.registry import ALL_CHECKS as CHECKS  # the rendered ones too (--render)
    from checks.rubric import editions

    in_code = {(c.meta.domain, c.meta.id) for c in CHECKS}
    for year in editions():
        rubric, _ = load_rubric(edition=year, known_signals={c.meta.id for c in CHECKS})
        assert {(d, sid) for d, rules in rubric.domains.items() for sid in rules} == in_code, year


def test_unknown_edition_and_both_options_are_refused(tmp_path):
    with pytest.raises(RubricError, match="édition 1999 inconnue.*2019"):
        load_rubric(edition=1999)
    with pytest.raises(RubricError, match="s'excluent"):
        load_rubric(tmp_path / "r.yaml", edition=2019)


OPEN_DATA = [sig(sid, a, domain="open_data") for sid, a in [
    ("datagouv_org", "favorable"), ("datagouv_datasets", "favorable"), ("datagouv_licences", "favorable"),
    ("datagouv_freshness", "favorable"), ("scdl_schemas", "defavorable"), ("opendata_portal", "defavorable"),
    ("website_links_opendata", "favorable")]]


def level_for(candidate: dict) -> tuple[int, dict | None, dict]:
    from checks.rubric import apply_profile

    rubric, profile = apply_profile(load_rubric()[0], candidate)
    dom = {d["domain"]: d for d in domain_levels(OPEN_DATA, rubric)}["open_data"]
    return dom["level"], profile, dom


def test_same_signals_give_a_small_commune_and_a_region_different_levels():
    small, small_profile, small_dom = level_for({"kind": "commune", "population": 800})
    region, region_profile, region_dom = level_for({"kind": "region", "population": 5_900_000})
    town, town_profile, _ = level_for({"kind": "commune", "population": 12_000})
    # Small commune: no own portal nor SCDL schemas expected (weight 0: not applicable).
    assert small_profile["id"] == "petite-commune" and small_dom["max_points"] == 6.0 and small == 5
    rows = {r["id"]: r for r in small_dom["signals"]}
    assert rows["opendata_portal"]["applicable"] is False and rows["opendata_portal"]["points"] is None
    # Région: portal, schemas and datasets weigh more, and each level asks for a higher share.
    assert region_profile["id"] == "grande-collectivite" and region_dom["max_points"] == 16.0 and region == 3
    # A town of 12 000 inhabitants: the general thresholds.
    assert town_profile is None and town == 4
    over = {o["signal"]: o for o in small_profile["overrides"]}
    assert (over["opendata_portal"]["weight"], over["opendata_portal"]["general_weight"]) == (0, 2)
    assert region_profile["levels"][5] == 0.85


def test_population_band_needs_the_population():
    from checks.rubric import apply_profile

    _, profile = apply_profile(load_rubric()[0], {"kind": "commune"})
    assert profile is None  # unknown size: the general thresholds, never a guess
    _, profile = apply_profile(load_rubric()[0], {"kind": "commune", "population": 3500})
    assert profile["id"] == "petite-commune"  # bounds included


def test_profile_naming_an_unknown_signal_is_refused(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(RUBRIC + "profiles:\n  - id: p\n    title: P\n    match: {kind: [commune]}\n"
                    "    domains: {open_data: {nimporte: {weight: 1}}}\n", encoding="utf-8")
    with pytest.raises(RubricError, match="profiles.p.domains.open_data.nimporte"):
        load_rubric(path, known_signals={"a11y_mention", "open_formats"})


# --- validation, sources and profiles at their edges ------------------------------------------------

def _load(tmp_path, text):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return load_rubric(path)


def test_levels_must_be_1_to_5_with_shares_from_0_to_1_inclusive(tmp_path):
    rubric, _ = _load(tmp_path, RUBRIC.replace("5: 0.8", "5: 1.0"))
    assert rubric.levels[5] == 1.0  # a share of 1 is allowed
    with pytest.raises(RubricError, match="croître"):
        _load(tmp_path, RUBRIC.replace("5: 0.8", "5: 1.5"))  # above 1: refused
    with pytest.raises(RubricError, match="niveaux 1 à 5"):
        _load(tmp_path, RUBRIC.replace(", 5: 0.8", ""))


def test_a_validation_error_names_the_field_without_pydantics_prefix(tmp_path):
    with pytest.raises(RubricError) as err:
        _load(tmp_path, RUBRIC.replace("5: 0.8", "5: 0.1"))
    assert "champ 'levels' : les seuils doivent croître" in str(err.value)
    assert "Value error" not in str(err.value)


def test_unreadable_and_invalid_rubric_files(tmp_path):
    with pytest.raises(RubricError, match="illisible"):
        load_rubric(tmp_path / "absente.yaml")
    with pytest.raises(RubricError, match="grille invalide"):
        _load(tmp_path, "levels: [1, 2\n")


def test_a_personal_rubric_is_named_by_its_path(tmp_path):
    _, source = _load(tmp_path, RUBRIC)
    assert source["path"] == str(tmp_path / "r.yaml")


def test_match_bounds_and_kind():
    from checks.rubric import Match

    assert Match(kind=["commune"]).applies({"kind": "commune"})  # no band: the population is not needed
    assert not Match(kind=["commune"]).applies({"kind": "region", "population": 10})
    band = Match(population_min=1000)
    assert band.applies({"population": 1000})  # bound included
    assert not band.applies({"population": 999})
    assert not band.applies({})
    assert Match(population_max=1000).applies({"population": 1000})
    assert not Match(population_max=1000).applies({"population": 1001})


def test_domain_texts_default_to_the_code_title_and_empty_strings(tmp_path):
    rubric, _ = _load(tmp_path, RUBRIC + "titles:\n  strategie: {title: Stratégie, description: Pourquoi, "
                      "title_en: Strategy, description_en: Why}\n")
    assert rubric.domain_text_en("strategie") == {"title_en": "Strategy", "description_en": "Why"}
    assert rubric.domain_text_en("open_data") == {"title_en": "", "description_en": ""}
    assert rubric.domain_description("strategie") == "Pourquoi"
    assert rubric.domain_description("open_data") == ""
    assert rubric.domain_title("open_data") == "Ouverture des données publiques"


def test_a_profile_may_weigh_a_signal_the_general_rubric_leaves_out(tmp_path):
    from checks.rubric import apply_profile

    rubric, _ = _load(tmp_path, RUBRIC + "profiles:\n  - id: p\n    title: P\n    match: {kind: [commune]}\n"
                      "    domains:\n      open_data: {datagouv_org: {weight: 2}}\n"
                      "      interop_accessibilite: {open_formats: {weight: 1}}\n")
    effective, applied = apply_profile(rubric, {"kind": "commune"})
    over = {o["signal"]: o for o in applied["overrides"]}
    assert (over["datagouv_org"]["general_weight"], over["datagouv_org"]["general_thresholds"]) == (None, None)
    assert (over["open_formats"]["general_weight"], over["open_formats"]["general_thresholds"]) == (
        3.0, [(0.8, 1.0), (0.5, 0.5), (0.0, 0.0)])
    assert effective.domains["open_data"]["datagouv_org"].weight == 2
    assert applied["match"] == {"kind": ["commune"]}


# --- points, shares and levels at their edges -------------------------------------------------------

def test_thresholds_decide_from_the_value_not_the_assessment(tmp_path):
    lenient = RUBRIC + "evaluable: {min_signals: 1, min_weight_share: 0.0}\n"
    rows = lambda d: {r["id"]: r["points"] for r in d["interop_accessibilite"]["signals"]}
    # 0.9 >= 0.8: the whole weight, though the check said defavorable.
    d = levels([sig("open_formats", "defavorable", 0.9)], text=lenient, tmp_path=tmp_path)
    assert rows(d) == {"open_formats": 3.0}
    # Exactly 0.8: the first threshold is reached (>=).
    d = levels([sig("open_formats", "neutre", 0.8)], text=lenient, tmp_path=tmp_path)
    assert rows(d) == {"open_formats": 3.0}
    # A boolean is not a number: the assessment's points.
    d = levels([sig("open_formats", "defavorable", True)], text=lenient, tmp_path=tmp_path)
    assert rows(d) == {"open_formats": 0.0}
    # No thresholds on a11y_mention: a number value is not read, the assessment is.
    d = levels([sig("a11y_mention", "neutre", 0.9)], text=lenient, tmp_path=tmp_path)
    assert rows(d) == {"a11y_mention": 1.0}


def test_a_value_under_every_threshold_and_an_assessment_without_points_earn_nothing(tmp_path):
    text = RUBRIC.replace("[0.5, 0.5], [0.0, 0.0]", "[0.5, 0.5]").replace(", neutre: 0.5", "")
    text += "evaluable: {min_signals: 1, min_weight_share: 0.0}\n"
    d = levels([sig("open_formats", "favorable", 0.2), sig("a11y_mention", "neutre")], text=text, tmp_path=tmp_path)
    dom = d["interop_accessibilite"]
    assert {r["id"]: r["points"] for r in dom["signals"]} == {"a11y_mention": 0.0, "open_formats": 0.0}
    assert dom["level"] == 1


def test_a_score_exactly_at_a_levels_share_reaches_it(tmp_path):
    # 3 of 5 points: 0.6, the share of level 4.
    d = levels([sig("a11y_mention", "defavorable"), sig("open_formats", "favorable", 0.9)], tmp_path=tmp_path)
    dom = d["interop_accessibilite"]
    assert (dom["score"], dom["level"]) == (0.6, 4)


ROUNDED = """\
levels: {1: 0.0, 2: 0.2, 3: 0.4, 4: 0.6, 5: 0.8}
points: {favorable: 1.0, neutre: 0.5, defavorable: 0.0}
domains:
  interop_accessibilite:
    a11y_mention: {weight: 2}
    open_formats: {weight: 2.5004, thresholds: [[0.8, 1.0], [0.5, 0.5], [0.0, 0.0]]}
"""


def test_points_maximum_score_and_gains_are_rounded_to_3_decimals(tmp_path):
    d = levels([sig("a11y_mention", "favorable"), sig("open_formats", "neutre", 0.6)], text=ROUNDED, tmp_path=tmp_path)
    dom = d["interop_accessibilite"]
    # open_formats: half of 2.5004 = 1.2502, shown 1.25; the maximum 4.5004 shown 4.5.
    assert {r["id"]: r["points"] for r in dom["signals"]} == {"a11y_mention": 2.0, "open_formats": 1.25}
    assert (dom["points"], dom["max_points"]) == (3.25, 4.5)
    # 3.25 / 4.5004 = 0.72216…
    assert (dom["score"], dom["level"]) == (0.722, 4)
    # Raising open_formats would gain 2.5004 - 1.25 = 1.2504, shown 1.25, and reach 100 %.
    assert dom["to_raise"] == [{"id": "open_formats", "title": "open_formats", "gain": 1.25, "level_if_favorable": 5}]


def test_a_domain_without_a_level_still_shows_its_rounded_points_but_none_when_unreachable(tmp_path):
    d = levels([sig("a11y_mention", "inconnu"), sig("open_formats", "neutre", 0.6)], text=ROUNDED, tmp_path=tmp_path)
    dom = d["interop_accessibilite"]
    assert dom["level"] is None and (dom["points"], dom["max_points"]) == (1.25, 2.5)
    path = tmp_path / "r.yaml"
    rubric, _ = load_rubric(path)
    [dom] = [x for x in domain_levels([sig("a11y_mention", "favorable"), sig("open_formats", "neutre", 0.6)],
                                      rubric, unreachable="DNS") if x["domain"] == "interop_accessibilite"]
    assert (dom["points"], dom["max_points"]) == (0, 0)


def test_rows_carry_the_titles_given_and_the_domain_its_title(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(RUBRIC, encoding="utf-8")
    rubric, _ = load_rubric(path)
    out = domain_levels([sig("a11y_mention", "favorable"), sig("open_formats", "favorable", 0.9)], rubric,
                        titles={"a11y_mention": "Mention d'accessibilité"})
    dom = {d["domain"]: d for d in out}["interop_accessibilite"]
    assert dom["title"] == "Interopérabilité et accessibilité"
    assert [r["title"] for r in dom["signals"]] == ["Mention d'accessibilité", "open_formats"]


def test_a_signal_missing_or_of_another_domain_is_skipped_not_the_rest(tmp_path):
    text = RUBRIC.replace("  interop_accessibilite:\n",
                          "  interop_accessibilite:\n    html_lang: {weight: 1}\n    img_alt: {weight: 1}\n")
    # html_lang not computed, img_alt given under another domain: both left out, the others counted.
    d = levels([sig("img_alt", "favorable", domain="communication"), sig("a11y_mention", "favorable"),
                sig("open_formats", "favorable", 0.9)], text=text, tmp_path=tmp_path)
    dom = d["interop_accessibilite"]
    assert [r["id"] for r in dom["signals"]] == ["a11y_mention", "open_formats"]
    assert dom["level"] == 5


def test_a_weightless_signal_is_not_counted_among_the_domains_signals(tmp_path):
    text = RUBRIC.replace("  interop_accessibilite:\n", "  interop_accessibilite:\n    html_lang: {weight: 0}\n")
    d = levels([sig("html_lang", "favorable"), sig("a11y_mention", "inconnu"), sig("open_formats", "favorable", 0.9)],
               text=text, tmp_path=tmp_path)
    assert "1 signal(s) établi(s) sur 2 (" in d["interop_accessibilite"]["reason"]


def test_at_most_five_ways_to_raise_a_level_the_largest_gains_first(tmp_path):
    ids = ["a11y_mention", "open_formats", "a11y_declaration", "html_lang", "img_alt", "form_labels"]
    # Weights 1 to 6 (21 in all), all défavorable: level 1. Level 2 from 0.05: every signal but the
    # lightest (1/21 = 0.048) would raise it alone.
    text = ("levels: {1: 0.0, 2: 0.05, 3: 0.4, 4: 0.6, 5: 0.8}\npoints: {favorable: 1.0, defavorable: 0.0}\n"
            "domains:\n  interop_accessibilite:\n" + "".join(f"    {s}: {{weight: {i + 1}}}\n" for i, s in enumerate(ids)))
    d = levels([sig(s, "defavorable") for s in ids], text=text, tmp_path=tmp_path)
    raise_ = d["interop_accessibilite"]["to_raise"]
    assert [(r["id"], r["gain"]) for r in raise_] == [("form_labels", 6.0), ("img_alt", 5.0), ("html_lang", 4.0),
                                                      ("a11y_declaration", 3.0), ("open_formats", 2.0)]


def test_to_progress_never_points_at_the_level_already_held(tmp_path):
    """Weights 1, 2 and 7 (10 in all), the heavy one favorable: 0.7, level 3 (from 0.6). The weight 2
    would bring 0.9, level 4 (from 0.85): listed. The weight 1 would bring 0.8, still level 3: not
    listed (issue 18)."""
    ids = ["a11y_mention", "open_formats", "html_lang"]
    text = ("levels: {1: 0.0, 2: 0.3, 3: 0.6, 4: 0.85, 5: 0.95}\npoints: {favorable: 1.0, defavorable: 0.0}\n"
            "domains:\n  interop_accessibilite:\n    a11y_mention: {weight: 1}\n    open_formats: {weight: 2}\n"
            "    html_lang: {weight: 7}\n")
    d = levels([sig("a11y_mention", "defavorable"), sig("open_formats", "defavorable"), sig("html_lang", "favorable")],
               text=text, tmp_path=tmp_path)
    dom = d["interop_accessibilite"]
    assert dom["level"] == 3
    assert dom["to_raise"] == [{"id": "open_formats", "title": "open_formats", "gain": 2.0, "level_if_favorable": 4}]
