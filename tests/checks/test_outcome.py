"""The edition's outcome of a candidate: a level (2019–2024), or since 2025 the track, a tier and the
special mentions, each with what supports it. Expected values are worked out by hand in comments."""
from __future__ import annotations

import pytest

from checks.rubric import RubricError, apply_profile, candidate_outcome, domain_levels, load_rubric, tier_of
from ground.model import Signal

# A rubric of two domains of two signals each, weight 1: a domain's score is 1.0 (both favorable),
# 0.5 (one favorable, one defavorable, or both neutre) or 0.0.
BASE = """\
edition: 2099
levels: {1: 0.0, 2: 0.2, 3: 0.4, 4: 0.6, 5: 0.8}
points: {favorable: 1.0, neutre: 0.5, defavorable: 0.0}
evaluable: {min_signals: 2, min_weight_share: 0.5}
domains:
  strategie:
    strategy_mentions: {weight: 1}
    mutualisation: {weight: 1}
  communication:
    free_software_mentions: {weight: 1}
    fediverse: {weight: 1}
"""
TIERS = BASE + """\
outcome:
  scale: tiers
  min_domains: 2
  tiers: {bronze: 0.4, argent: 0.55, or: 0.7}
  badge: 0.35
  mentions:
    - id: mutualisation
      title: Mutualisation
      required: [mutualisation]
      supporting: [ecosystem_links, source_code_published]
      min_favorable: 1
  unjudged:
    - {id: premiere_candidature, title: Meilleure première candidature}
profiles:
  - id: petite-commune
    title: Petite commune
    match: {kind: [commune], population_max: 3500}
    tiers: {bronze: 0.3, argent: 0.45, or: 0.6}
    badge: 0.25
"""
LEVELS = BASE + "outcome: {scale: levels, min_domains: 2}\n"


def sig(sid, assessment, domain):
    return Signal(id=sid, domain=domain, value=None, assessment=assessment, display=assessment)


def signals(strategie=("favorable", "favorable"), communication=("favorable", "favorable"), extra=()):
    out = [sig("strategy_mentions", strategie[0], "strategie"), sig("mutualisation", strategie[1], "strategie"),
           sig("free_software_mentions", communication[0], "communication"),
           sig("fediverse", communication[1], "communication")]
    return out + [sig(sid, a, "communication") for sid, a in extra]


def outcome(tmp_path, sigs, text=TIERS, candidate=None, unreachable=None):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    rubric, _ = load_rubric(path)
    candidate = candidate if candidate is not None else {"kind": "epci", "parcours": "label"}
    rubric, _profile = apply_profile(rubric, candidate)
    levels = domain_levels(sigs, rubric, unreachable=unreachable)
    return candidate_outcome(levels, sigs, rubric, candidate, unreachable=unreachable)


def test_the_score_is_the_mean_of_the_evaluated_domains_and_gives_the_tier(tmp_path):
    # strategie 1.0, communication 0.5 → mean 0.75 ≥ or 0.7.
    out = outcome(tmp_path, signals(communication=("favorable", "defavorable")))
    assert (out["score"], out["result"], out["tier"], out["rank"], out["status"]) == (0.75, "or", "or", 3, "evalue")
    assert out["display"] == "label Or (indicatif)" and out["display_en"] == "Gold label (indicative)"
    assert out["indicative"] is True and out["track"] == "label" and out["track_given"] is True
    assert "next" not in out  # nothing above Or


@pytest.mark.parametrize("strategie, communication, score, tier", [
    # 0.5 and 0.5 → 0.5: argent asks 0.55, bronze 0.4 → bronze; 0.55 would be missing 0.05.
    (("favorable", "defavorable"), ("neutre", "neutre"), 0.5, "bronze"),
    # 1.0 and 0.0 → 0.5: the same mean from other domains.
    (("favorable", "favorable"), ("defavorable", "defavorable"), 0.5, "bronze"),
    # 0.5 and 0.0 → 0.25 < 0.4: no tier.
    (("neutre", "neutre"), ("defavorable", "defavorable"), 0.25, "aucun"),
])
def test_tiers_from_the_mean(tmp_path, strategie, communication, score, tier):
    out = outcome(tmp_path, signals(strategie, communication))
    assert (out["score"], out["result"]) == (score, tier)


def test_what_the_next_tier_asks(tmp_path):
    out = outcome(tmp_path, signals(("favorable", "defavorable"), ("neutre", "neutre")))
    assert out["next"] == {"tier": "argent", "share": 0.55, "missing": 0.05}
    none = outcome(tmp_path, signals(("neutre", "neutre"), ("defavorable", "defavorable")))
    assert none["display"] == "en deçà du palier Bronze (indicatif)" and none["rank"] == 0
    assert none["next"] == {"tier": "bronze", "share": 0.4, "missing": 0.15}


def test_a_tier_exactly_at_its_share_is_reached_and_just_below_is_not():
    tiers = {"bronze": 0.4, "argent": 0.55, "or": 0.7}
    assert [tier_of(x, tiers) for x in (0.39, 0.4, 0.549, 0.55, 0.699, 0.7)] == [
        "aucun", "bronze", "bronze", "argent", "argent", "or"]


def test_a_small_commune_has_its_own_tiers(tmp_path):
    # 0.5: bronze in general (0.4 ≤ 0.5 < 0.55), argent for a small commune (0.45 ≤ 0.5 < 0.6).
    sigs = signals(("favorable", "defavorable"), ("neutre", "neutre"))
    small = outcome(tmp_path, sigs, candidate={"kind": "commune", "population": 800, "parcours": "label"})
    town = outcome(tmp_path, sigs, candidate={"kind": "commune", "population": 12000, "parcours": "label"})
    assert (small["result"], town["result"]) == ("argent", "bronze")
    assert (small["rank"], town["rank"]) == (2, 1)  # ranks compare outcomes: bronze 1 < argent 2 < or 3
    assert small["thresholds"] == {"bronze": 0.3, "argent": 0.45, "or": 0.6}


def test_the_badge_track_says_whether_the_evidence_supports_the_badge(tmp_path):
    # 0.25 < 0.35: not supported; 0.5 ≥ 0.35: supported. Never a tier on the badge track.
    low = outcome(tmp_path, signals(("neutre", "neutre"), ("defavorable", "defavorable")),
                  candidate={"kind": "epci", "parcours": "badge"})
    high = outcome(tmp_path, signals(("favorable", "defavorable"), ("neutre", "neutre")),
                   candidate={"kind": "epci", "parcours": "badge"})
    assert (low["result"], low["rank"], low["tier"]) == ("aucun", 0, None)
    assert (high["result"], high["rank"], high["track"]) == ("badge", 1, "badge")
    assert high["thresholds"] == {"badge": 0.35}
    # A small commune's badge asks 0.25: 0.25 reaches it.
    small = outcome(tmp_path, signals(("neutre", "neutre"), ("defavorable", "defavorable")),
                    candidate={"kind": "commune", "population": 500, "parcours": "badge"})
    assert small["result"] == "badge"


def test_the_track_is_never_inferred(tmp_path):
    # A large métropole without `parcours` is read on the label track, and the report says so.
    out = outcome(tmp_path, signals(), candidate={"kind": "epci", "population": 500000})
    assert out["track"] == "label" and out["track_given"] is False
    assert "parcours non indiqué" in out["track_note"]


def test_too_few_domains_or_unreachable_give_no_outcome(tmp_path):
    # communication has one determined signal: not evaluable; 1 domain < min_domains 2.
    out = outcome(tmp_path, signals(communication=("favorable", "inconnu")))
    assert (out["status"], out["result"], out["rank"], out["tier"]) == ("non_evaluable", None, None, None)
    assert out["domains_evaluated"] == 1 and "1 domaine(s) évalué(s) sur 5 ; il en faut au moins 2" in out["display"]
    lost = outcome(tmp_path, signals(), unreachable="site injoignable")
    assert lost["status"] == "non_evaluable" and lost["display"] == "non évaluable : site injoignable"
    assert lost["mentions"] == []  # no mention for a candidate that was not read


def test_levels_editions_give_the_level_of_the_mean(tmp_path):
    # 1.0 and 0.5 → 0.75: level 4 (0.6 ≤ 0.75 < 0.8). No track, no mentions.
    out = outcome(tmp_path, signals(communication=("favorable", "defavorable")), text=LEVELS)
    assert (out["result"], out["rank"], out["level"], out["scale"]) == ("4", 4, 4, "levels")
    assert out["display"] == "niveau 4 (indicatif)" and "track" not in out and "mentions" not in out
    assert out["thresholds"] == {"1": 0.0, "2": 0.2, "3": 0.4, "4": 0.6, "5": 0.8}


@pytest.mark.parametrize("extra, status", [
    # required mutualisation favorable + 1 supporting favorable (min 1): suggested.
    ((("ecosystem_links", "favorable"),), "suggeree"),
    # no supporting signal favorable: not suggested.
    ((("ecosystem_links", "neutre"), ("source_code_published", "defavorable")), "non_suggeree"),
])
def test_a_mention_needs_its_required_signal_and_enough_support(tmp_path, extra, status):
    out = outcome(tmp_path, signals(extra=extra))
    mention = out["mentions"][0]
    assert (mention["id"], mention["status"]) == ("mutualisation", status)
    roles = {r["id"]: (r["role"], r["assessment"]) for r in mention["signals"]}
    assert roles["mutualisation"] == ("required", "favorable")
    assert out["unjudged"][0]["id"] == "premiere_candidature"


def test_a_mention_whose_required_signal_is_unknown_is_not_evaluable(tmp_path):
    out = outcome(tmp_path, signals(strategie=("favorable", "inconnu"), extra=(("ecosystem_links", "favorable"),)))
    mention = out["mentions"][0]
    assert mention["status"] == "non_evaluable" and "mutualisation non établi(s)" in mention["reason"]
    # And a required signal defavorable: not suggested, whatever the support.
    out = outcome(tmp_path, signals(strategie=("favorable", "defavorable"), extra=(("ecosystem_links", "favorable"),)))
    assert out["mentions"][0]["status"] == "non_suggeree"


@pytest.mark.parametrize("snippet, words", [
    ("outcome: {scale: tiers, tiers: {bronze: 0.4, argent: 0.55, or: 0.7}}\n", "« badge »"),
    ("outcome: {scale: tiers, badge: 0.3, tiers: {bronze: 0.6, argent: 0.55, or: 0.7}}\n", "croître"),
    ("outcome: {scale: tiers, badge: 0.3, tiers: {bronze: 0.4, argent: 0.55}}\n", "bronze, argent et or"),
    ("outcome: {scale: rangs}\n", "outcome.scale"),
])
def test_bad_outcomes_are_refused_with_the_field(tmp_path, snippet, words):
    path = tmp_path / "r.yaml"
    path.write_text(BASE + snippet, encoding="utf-8")
    with pytest.raises(RubricError, match=words):
        load_rubric(path)


def test_a_mention_naming_an_unknown_signal_is_refused(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(TIERS.replace("supporting: [ecosystem_links", "supporting: [liens_magiques"), encoding="utf-8")
    with pytest.raises(RubricError, match="outcome.mentions.0.supporting.*liens_magiques"):
        load_rubric(path, known_signals={"strategy_mentions", "mutualisation", "free_software_mentions", "fediverse",
                                         "ecosystem_links", "source_code_published"})


def test_the_2025_edition_suggests_mentions_from_the_signals_it_names():
    from checks.registry import ALL_CHECKS as CHECKS  # the rendered ones too (--render)

    rubric, _ = load_rubric(edition=2025, known_signals={c.meta.id for c in CHECKS})
    mentions = {m.id: m for m in rubric.outcome.mentions}
    assert set(mentions) == {"mutualisation", "promotion", "sobriete"}
    assert mentions["mutualisation"].required == ["mutualisation"]
    assert mentions["sobriete"].required == ["ecoindex"] and "durabilité" in mentions["sobriete"].note
    assert [u.id for u in rubric.outcome.unjudged] == ["premiere_candidature"]
    # Thresholds by kind and size are data: a département asks more than a small commune.
    small, _ = apply_profile(rubric, {"kind": "commune", "population": 900})
    region, _ = apply_profile(rubric, {"kind": "region"})
    assert small.outcome.tiers["or"] < rubric.outcome.tiers["or"] < region.outcome.tiers["or"]
    assert small.outcome.badge < rubric.outcome.badge < region.outcome.badge


def test_a_mention_asks_one_supporting_signal_favorable_unless_it_says_otherwise(tmp_path):
    # min_favorable omitted: 1. The required signal favorable and no supporting one: not suggested.
    text = TIERS.replace("      min_favorable: 1\n", "")
    assert "min_favorable" not in text
    out = outcome(tmp_path, signals(extra=(("ecosystem_links", "neutre"),)), text=text)
    assert out["mentions"][0]["status"] == "non_suggeree" and out["mentions"][0]["min_favorable"] == 1
