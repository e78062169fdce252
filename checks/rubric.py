"""Indicative levels per domain from the signals and a rubric file per edition of the label (data, overridable)."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from checks.base import YAML_LOADER
from ground.model import ASSESSMENTS, DOMAINS, INCONNU, Signal

EDITIONS_DIR = Path(__file__).parent / "data" / "editions"


def editions() -> list[int]:
    """The editions shipped with the tool (checks/data/editions/<year>.yaml), oldest first."""
    return sorted(int(p.stem) for p in EDITIONS_DIR.glob("*.yaml") if p.stem.isdigit())


def edition_path(year: int | str) -> Path:
    path = EDITIONS_DIR / f"{year}.yaml"
    if not str(year).isdigit() or not path.is_file():
        raise RubricError(f"édition {year} inconnue (disponibles : {', '.join(map(str, editions()))})")
    return path


# The default rubric follows the label as it is today: its latest edition.
DEFAULT_RUBRIC = EDITIONS_DIR / f"{max(int(p.stem) for p in EDITIONS_DIR.glob('*.yaml') if p.stem.isdigit())}.yaml"


class RubricError(Exception):
    """A bad rubric file (bad input: exit 2)."""


class SignalRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weight: float = Field(ge=0)
    thresholds: list[tuple[float, float]] | None = None  # [(minimum value, share of the weight)]

    @field_validator("thresholds")
    @classmethod
    def _shares(cls, v):
        if v is not None:
            for _minimum, share in v:
                if not 0 <= share <= 1:
                    raise ValueError("chaque part doit être entre 0 et 1")
            v = sorted(v, key=lambda t: -t[0])
        return v


def _check_levels(v):
    if v is None:
        return v
    if sorted(v) != [1, 2, 3, 4, 5]:
        raise ValueError("les niveaux 1 à 5 sont attendus")
    shares = [v[k] for k in sorted(v)]
    if shares != sorted(shares) or not all(0 <= s <= 1 for s in shares):
        raise ValueError("les seuils doivent croître de 0 à 1 avec le niveau")
    return v


def _check_domains(v):
    unknown = set(v) - set(DOMAINS)
    if unknown:
        raise ValueError(f"domaines inconnus : {sorted(unknown)} (attendu : {', '.join(DOMAINS)})")
    return v


class DomainText(BaseModel):
    """A domain's French title and explanation, as the edition words it."""
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1)
    description: str = ""
    title_en: str = ""  # English for `--lang en` reports (empty: the French is shown)
    description_en: str = ""


class Match(BaseModel):
    """Which candidates a profile applies to: kind and population band (bounds included)."""
    model_config = ConfigDict(extra="forbid")
    kind: list[str] | None = None
    population_min: int | None = Field(default=None, ge=0)
    population_max: int | None = Field(default=None, ge=0)

    def applies(self, candidate: dict) -> bool:
        if self.kind is not None and candidate.get("kind") not in self.kind:
            return False
        population = candidate.get("population")
        if self.population_min is None and self.population_max is None:
            return True
        if not isinstance(population, int):
            return False  # a population band cannot be matched without the population
        return ((self.population_min is None or population >= self.population_min)
                and (self.population_max is None or population <= self.population_max))


class Profile(BaseModel):
    """Thresholds adjusted to a kind and size of collectivité: overrides of the general rubric."""
    model_config = ConfigDict(extra="forbid")
    id: str
    title: str  # French, shown in the report
    title_en: str = ""  # English for `--lang en` reports
    match: Match
    note: str = ""  # French: why these thresholds
    levels: dict[int, float] | None = None
    tiers: dict[str, float] | None = None  # the tiers' shares for these candidates (scale: tiers)
    badge: float | None = Field(default=None, ge=0, le=1)  # the badge's share for these candidates
    domains: dict[str, dict[str, SignalRule]] = Field(default_factory=dict)

    @field_validator("levels")
    @classmethod
    def _levels(cls, v):
        return _check_levels(v)

    @field_validator("tiers")
    @classmethod
    def _tiers(cls, v):
        return _check_tiers(v)

    @field_validator("domains")
    @classmethod
    def _domains(cls, v):
        return _check_domains(v)


class Evaluable(BaseModel):
    """When a domain gets a level at all: enough of its signals must be determined (not `inconnu`).

    Without it, `inconnu` leaving the denominator gave level 5 to a domain whose only known signal was
    favorable, and level 2 to a candidate of whom nothing was read (issue 17)."""
    model_config = ConfigDict(extra="forbid")
    min_signals: int = Field(default=2, ge=1)  # determined signals (weight > 0), at least
    min_weight_share: float = Field(default=0.5, ge=0, le=1)  # of the domain's weight, at least


TIERS = ("bronze", "argent", "or")  # the label's tiers since 2025, lowest first
TRACKS = ("badge", "label")  # the tracks a candidate chooses since 2025 (`parcours` in the candidates file)
NO_TIER = "aucun"  # evaluated, and the evidence reaches no tier (or does not support the badge)


def _check_tiers(v):
    if v is None:
        return v
    if sorted(v) != sorted(TIERS):
        raise ValueError("les paliers bronze, argent et or sont attendus")
    shares = [v[t] for t in TIERS]
    if shares != sorted(shares) or not all(0 <= s <= 1 for s in shares):
        raise ValueError("les seuils doivent croître de bronze à or, entre 0 et 1")
    return v


class Mention(BaseModel):
    """A special mention of the jury (since 2025) for which the evidence may speak, and the signals
    that support it: every `required` signal favorable, and at least `min_favorable` of the
    `supporting` ones. A required signal not determined (`inconnu`) leaves the mention not evaluable."""
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z_]+$")
    title: str = Field(min_length=1)  # French, as the jury names it
    title_en: str = ""
    note: str = ""  # French: what the evidence covers of the mention, and what it cannot see
    note_en: str = ""
    required: list[str] = Field(default_factory=list)
    supporting: list[str] = Field(default_factory=list)
    min_favorable: int = Field(default=1, ge=0)


class Unjudged(BaseModel):
    """A mention of the jury that no evidence on the web can speak for (e.g. the best first application)."""
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z_]+$")
    title: str = Field(min_length=1)
    title_en: str = ""
    why: str = ""  # French: why the tool does not judge it
    why_en: str = ""


class Outcome(BaseModel):
    """How the per-domain scores make the edition's INDICATIVE outcome for the candidate.

    The candidate's score is the mean of the scores of its evaluated domains; it needs at least
    `min_domains` of them, otherwise the outcome is « non évaluable ». `scale: levels` (2019–2024):
    the level of that score on the rubric's `levels`. `scale: tiers` (since 2025): on the label
    track the highest tier whose share is reached (`tiers`), on the badge track the badge when
    `badge` is reached; and the special mentions the evidence speaks for."""
    model_config = ConfigDict(extra="forbid")
    scale: str = Field(pattern=r"^(levels|tiers)$")
    min_domains: int = Field(default=3, ge=1, le=len(DOMAINS))
    tiers: dict[str, float] | None = None
    badge: float | None = Field(default=None, ge=0, le=1)
    mentions: list[Mention] = Field(default_factory=list)
    unjudged: list[Unjudged] = Field(default_factory=list)

    @field_validator("tiers")
    @classmethod
    def _tiers(cls, v):
        return _check_tiers(v)

    def badge_thresholds(self) -> dict[str, float]:
        return {"badge": self.badge} if self.badge is not None else {}

    @model_validator(mode="after")
    def _tiers_scale(self):
        if self.scale == "tiers" and (self.tiers is None or self.badge is None):
            raise ValueError("une échelle par paliers demande « tiers » (bronze, argent, or) et « badge »")
        return self


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid")
    edition: int | str | None = None
    label: str | None = None  # French: the edition's name, e.g. « Édition 2024 »
    label_en: str | None = None  # English, for `--lang en` reports
    titles: dict[str, DomainText] = Field(default_factory=dict)
    levels: dict[int, float]
    points: dict[str, float]
    domains: dict[str, dict[str, SignalRule]]
    profiles: list[Profile] = Field(default_factory=list)
    evaluable: Evaluable = Field(default_factory=Evaluable)
    # The candidate's outcome in the edition's words; without it (a personal rubric of before 2025),
    # the levels' scale with 3 domains at least.
    outcome: Outcome = Field(default_factory=lambda: Outcome(scale="levels"))

    @field_validator("levels")
    @classmethod
    def _levels(cls, v):
        return _check_levels(v)

    @field_validator("titles")
    @classmethod
    def _titles(cls, v):
        return _check_domains(v)

    def domain_title(self, domain: str) -> str:
        text = self.titles.get(domain)
        return text.title if text else DOMAINS[domain]

    def domain_description(self, domain: str) -> str:
        text = self.titles.get(domain)
        return text.description if text else ""

    def domain_text_en(self, domain: str) -> dict[str, str]:
        """English title and explanation of a domain (empty strings when the edition gives none)."""
        text = self.titles.get(domain)
        return {"title_en": text.title_en if text else "", "description_en": text.description_en if text else ""}

    @field_validator("points")
    @classmethod
    def _points(cls, v):
        unknown = set(v) - set(ASSESSMENTS)
        if unknown:
            raise ValueError(f"appréciations inconnues : {sorted(unknown)}")
        return v

    @field_validator("domains")
    @classmethod
    def _domains(cls, v):
        return _check_domains(v)


def load_rubric(path: str | Path | None = None, known_signals: set[str] | None = None,
                edition: int | str | None = None) -> tuple[Rubric, dict]:
    """The rubric (a file, else the given edition, else the latest) and its source (path, sha256) for the report."""
    if path and edition is not None:
        raise RubricError("--rubric et --edition s'excluent : une grille personnelle porte sa propre édition")
    path = Path(path) if path else (edition_path(edition) if edition is not None else DEFAULT_RUBRIC)
    try:
        raw = path.read_bytes()
        data = yaml.load(raw.decode("utf-8"), Loader=YAML_LOADER)  # noqa: S506 - a safe loader
    except OSError as exc:
        raise RubricError(f"{path}: fichier illisible ({exc.strerror})") from None
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RubricError(f"{path}: grille invalide ({exc.__class__.__name__})") from None
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ()))
        raise RubricError(f"{path}: champ '{where}' : {err.get('msg', '').removeprefix('Value error, ')}") from None
    if known_signals is not None:
        tables = [("domains", rubric.domains)] + [(f"profiles.{p.id}.domains", p.domains) for p in rubric.profiles]
        for where, table in tables:
            for domain, rules in table.items():
                for sid in rules:
                    if sid not in known_signals:
                        raise RubricError(f"{path}: champ '{where}.{domain}.{sid}' : signal inconnu (voir « tnl signals »)")
        for i, mention in enumerate(rubric.outcome.mentions):
            for role in ("required", "supporting"):
                for sid in getattr(mention, role):
                    if sid not in known_signals:
                        raise RubricError(f"{path}: champ 'outcome.mentions.{i}.{role}' : signal inconnu {sid!r} "
                                          f"(voir « tnl signals »)")
    shipped = path.parent == EDITIONS_DIR
    source = {"path": "défaut" if path == DEFAULT_RUBRIC else (f"édition {path.stem}" if shipped else str(path)),
              "sha256": hashlib.sha256(raw).hexdigest(), "edition": rubric.edition,
              "edition_label": rubric.label, "edition_label_en": rubric.label_en}
    return rubric, source


def apply_profile(rubric: Rubric, candidate: dict) -> tuple[Rubric, dict | None]:
    """The rubric as it applies to one candidate: the first matching profile's overrides, and what they were."""
    profile = next((p for p in rubric.profiles if p.match.applies(candidate)), None)
    if profile is None:
        return rubric, None
    domains = {d: dict(rules) for d, rules in rubric.domains.items()}
    overrides = []
    for domain, rules in profile.domains.items():
        for sid, rule in rules.items():
            before = domains.setdefault(domain, {}).get(sid)
            domains[domain][sid] = rule
            overrides.append({"domain": domain, "signal": sid,
                              "weight": rule.weight, "thresholds": rule.thresholds,
                              "general_weight": before.weight if before else None,
                              "general_thresholds": before.thresholds if before else None})
    outcome = rubric.outcome.model_copy(update={"tiers": profile.tiers or rubric.outcome.tiers,
                                                "badge": rubric.outcome.badge if profile.badge is None else profile.badge})
    effective = rubric.model_copy(update={"domains": domains, "levels": profile.levels or rubric.levels,
                                          "outcome": outcome})
    applied = {"id": profile.id, "title": profile.title, "title_en": profile.title_en, "note": profile.note,
               "match": profile.match.model_dump(exclude_none=True),
               "levels": profile.levels, "overrides": overrides,
               **({"tiers": profile.tiers} if profile.tiers else {}),
               **({"badge": profile.badge} if profile.badge is not None else {})}
    return effective, applied


def _share(rule: SignalRule, signal: Signal, rubric: Rubric) -> float:
    value = signal.value
    if rule.thresholds and isinstance(value, (int, float)) and not isinstance(value, bool):
        return next((share for minimum, share in rule.thresholds if value >= minimum), 0.0)
    return rubric.points.get(signal.assessment, 0.0)


def _level(score: float, rubric: Rubric) -> int:
    return max(level for level, minimum in rubric.levels.items() if score + 1e-9 >= minimum)


# Why a domain has no level (report.json `levels[].reason`, shown in the report and the overview).
UI = {
    "unreachable": "aucun niveau : {reason}",
    "too_few": ("non évaluable : {known} signal(s) établi(s) sur {total} (poids {weight:g} sur {max:g}) ; "
                "il en faut au moins {min_signals}, pour au moins {share:.0%} du poids du domaine"),
    "none": "non évaluable : aucun signal applicable",
}
EVALUATED, NOT_EVALUABLE = "evalue", "non_evaluable"


def domain_levels(signals: list[Signal], rubric: Rubric, titles: dict[str, str] | None = None,
                  unreachable: str | None = None) -> list[dict[str, Any]]:
    """Per domain: indicative level, points from each signal, and what would raise it; or no level,
    with the reason: the candidate was not reached (`unreachable`: why), or too few of the domain's
    signals were determined (rubric.evaluable). No level is given on too little evidence."""
    by_id = {s.id: s for s in signals}
    titles = titles or {}
    rule_of = rubric.evaluable
    out = []
    for domain in DOMAINS:
        domain_title = rubric.domain_title(domain)
        rows, earned, maximum, total_weight, total = [], 0.0, 0.0, 0.0, 0
        for sid, rule in rubric.domains.get(domain, {}).items():
            signal = by_id.get(sid)
            if signal is None or signal.domain != domain:
                continue
            applicable = signal.assessment != INCONNU and rule.weight > 0
            share = _share(rule, signal, rubric) if applicable else 0.0
            points = round(rule.weight * share, 3)
            rows.append({"id": sid, "title": titles.get(sid, sid), "assessment": signal.assessment,
                         "weight": rule.weight, "points": points if applicable else None,
                         "applicable": applicable})
            if rule.weight > 0:
                total += 1
                total_weight += rule.weight
            if applicable:
                earned += points
                maximum += rule.weight
        known = sum(1 for r in rows if r["applicable"])
        reason = None
        if unreachable:
            reason = UI["unreachable"].format(reason=unreachable)
        elif maximum == 0:
            reason = UI["none"]
        elif known < rule_of.min_signals or maximum + 1e-9 < rule_of.min_weight_share * total_weight:
            reason = UI["too_few"].format(known=known, total=total, weight=maximum, max=total_weight,
                                          min_signals=rule_of.min_signals, share=rule_of.min_weight_share)
        if reason:
            out.append({"domain": domain, "title": domain_title, "status": NOT_EVALUABLE, "reason": reason,
                        "level": None, "score": None, "points": round(earned, 3) if not unreachable else 0,
                        "max_points": round(maximum, 3) if not unreachable else 0, "signals": rows,
                        "to_raise": []})
            continue
        score = earned / maximum
        level = _level(score, rubric)
        to_raise = []
        for row in rows:
            if row["applicable"] and row["points"] < row["weight"]:
                gain = row["weight"] - row["points"]
                reached = _level((earned + gain) / maximum, rubric)
                if reached > level:  # only what would raise the level: never « niveau 3 » to a level 3
                    to_raise.append({"id": row["id"], "title": row["title"], "gain": round(gain, 3),
                                     "level_if_favorable": reached})
        to_raise.sort(key=lambda r: (-r["gain"], r["id"]))
        out.append({"domain": domain, "title": domain_title, "status": EVALUATED, "reason": None, "level": level,
                    "score": round(score, 3), "points": round(earned, 3), "max_points": round(maximum, 3),
                    "signals": rows, "to_raise": to_raise[:5]})
    return out


# The candidate's outcome in the edition's words (report.json `outcome`; French, English beside it).
OUTCOME_UI = {
    "level": ("niveau {level} (indicatif)", "level {level} (indicative)"),
    "tier": ("label {tier} (indicatif)", "{tier} label (indicative)"),
    "no_tier": ("en deçà du palier Bronze (indicatif)", "below the Bronze tier (indicative)"),
    "badge": ("badge (indicatif)", "badge (indicative)"),
    "no_badge": ("les preuves ne suffisent pas au badge (indicatif)", "the evidence does not support the badge (indicative)"),
    "not_evaluable": ("non évaluable", "not evaluable"),
    "unreachable": ("non évaluable : {reason}", "not evaluable: {reason}"),
    "too_few": ("non évaluable : {n} domaine(s) évalué(s) sur 5 ; il en faut au moins {min}",
                "not evaluable: {n} domain(s) of 5 evaluated; at least {min} are needed"),
    "track_missing": ("parcours non indiqué dans le fichier des candidats : lu comme le parcours label",
                      "track not given in the candidates file: read as the label track"),
    "mention_suggested": ("les preuves parlent pour cette mention", "the evidence speaks for this mention"),
    "mention_not": ("les preuves ne suffisent pas à cette mention", "the evidence does not support this mention"),
    "mention_unknown": ("non évaluable : {signals} non établi(s)", "not evaluable: {signals} not determined"),
}
TIER_WORDS = {"bronze": ("Bronze", "Bronze"), "argent": ("Argent", "Silver"), "or": ("Or", "Gold")}
# The rank of an outcome, to compare outcomes across candidates and with published results:
# levels 1–5; tiers 0 (none) to 3 (or); the badge 1, not supported 0.
TIER_RANK = {NO_TIER: 0, "bronze": 1, "argent": 2, "or": 3}
SUGGESTED, NOT_SUGGESTED = "suggeree", "non_suggeree"


def _words(key: str, **kw) -> dict[str, str]:
    fr, en = OUTCOME_UI[key]
    return {"display": fr.format(**kw), "display_en": en.format(**kw)}


def overall_score(levels: list[dict]) -> tuple[float | None, int]:
    """The mean of the evaluated domains' scores, and how many domains were evaluated."""
    scores = [d["score"] for d in levels if d.get("status") == EVALUATED and d.get("score") is not None]
    return (round(sum(scores) / len(scores), 3) if scores else None), len(scores)


def tier_of(score: float, tiers: dict[str, float]) -> str:
    """The highest tier whose share the score reaches, else `aucun`."""
    reached = [t for t in TIERS if score + 1e-9 >= tiers[t]]
    return reached[-1] if reached else NO_TIER


def _mention(mention: Mention, by_id: dict[str, Signal], titles: dict[str, str]) -> dict[str, Any]:
    rows = []
    for role in ("required", "supporting"):
        for sid in getattr(mention, role):
            signal = by_id.get(sid)
            rows.append({"id": sid, "title": titles.get(sid, sid), "role": role,
                         "assessment": signal.assessment if signal else INCONNU})
    required = [r for r in rows if r["role"] == "required"]
    unknown = [r["title"] for r in required if r["assessment"] == INCONNU]
    favorable = sum(1 for r in rows if r["role"] == "supporting" and r["assessment"] == "favorable")
    if unknown:
        status, words = NOT_EVALUABLE, _words("mention_unknown", signals=", ".join(unknown))
    elif all(r["assessment"] == "favorable" for r in required) and favorable >= mention.min_favorable:
        status, words = SUGGESTED, _words("mention_suggested")
    else:
        status, words = NOT_SUGGESTED, _words("mention_not")
    return {"id": mention.id, "title": mention.title, "title_en": mention.title_en, "status": status,
            "reason": words["display"], "reason_en": words["display_en"], "note": mention.note, "note_en": mention.note_en,
            "min_favorable": mention.min_favorable, "supporting_favorable": favorable, "signals": rows}


def candidate_outcome(levels: list[dict], signals: list[Signal], rubric: Rubric, candidate: dict,
                      titles: dict[str, str] | None = None, unreachable: str | None = None) -> dict[str, Any]:
    """The candidate's INDICATIVE outcome in its edition's words, from the per-domain levels
    (`domain_levels`) and the signals, with what supports it. `rubric` is the one that applies to the
    candidate (apply_profile). Never an outcome on too little evidence; the track is read from the
    candidate (`parcours`), never inferred."""
    rule = rubric.outcome
    titles = titles or {}
    score, evaluated = overall_score(levels)
    out: dict[str, Any] = {
        "edition": rubric.edition, "scale": rule.scale, "indicative": True,
        "score": score, "domains_evaluated": evaluated, "min_domains": rule.min_domains,
        "domains": [{"domain": d["domain"], "title": d["title"], "level": d.get("level"),
                     "score": d.get("score")} for d in levels],
    }
    if rule.scale == "tiers":
        given = candidate.get("parcours")
        out["track"] = given or "label"
        out["track_given"] = given is not None
        if given is None:
            out["track_note"], out["track_note_en"] = OUTCOME_UI["track_missing"]
        out["thresholds"] = dict(rule.badge_thresholds()) if out["track"] == "badge" else dict(rule.tiers or {})
    else:
        out["thresholds"] = {str(k): v for k, v in sorted(rubric.levels.items())}
    if unreachable or evaluated < rule.min_domains:
        words = (_words("unreachable", reason=unreachable) if unreachable
                 else _words("too_few", n=evaluated, min=rule.min_domains))
        out.update(status=NOT_EVALUABLE, result=None, rank=None, level=None, tier=None, **words)
    elif rule.scale == "levels":
        level = _level(score, rubric)
        out.update(status=EVALUATED, result=str(level), rank=level, level=level, tier=None,
                   **_words("level", level=level))
    elif out["track"] == "badge":
        ok = score + 1e-9 >= rule.badge
        out.update(status=EVALUATED, result="badge" if ok else NO_TIER, rank=1 if ok else 0, level=None, tier=None,
                   **_words("badge" if ok else "no_badge"))
    else:
        tier = tier_of(score, rule.tiers)
        words = (_words("no_tier") if tier == NO_TIER else
                 {"display": OUTCOME_UI["tier"][0].format(tier=TIER_WORDS[tier][0]),
                  "display_en": OUTCOME_UI["tier"][1].format(tier=TIER_WORDS[tier][1])})
        out.update(status=EVALUATED, result=tier, rank=TIER_RANK[tier], level=None, tier=tier, **words)
        higher = [t for t in TIERS if TIER_RANK[t] > TIER_RANK[tier]]
        if higher:  # what the next tier asks: the share of points still missing
            out["next"] = {"tier": higher[0], "share": rule.tiers[higher[0]],
                           "missing": round(rule.tiers[higher[0]] - score, 3)}
    if rule.scale == "tiers":
        by_id = {s.id: s for s in signals}
        out["mentions"] = [] if unreachable else [_mention(m, by_id, titles) for m in rule.mentions]
        out["unjudged"] = [u.model_dump() for u in rule.unjudged]
    if not out.get("display") and out["status"] == NOT_EVALUABLE:
        out.update(_words("not_evaluable"))
    return out
