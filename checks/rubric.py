"""Indicative levels per domain from the signals and a rubric file per edition of the label (data, overridable)."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

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
    domains: dict[str, dict[str, SignalRule]] = Field(default_factory=dict)

    @field_validator("levels")
    @classmethod
    def _levels(cls, v):
        return _check_levels(v)

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
    effective = rubric.model_copy(update={"domains": domains, "levels": profile.levels or rubric.levels})
    applied = {"id": profile.id, "title": profile.title, "title_en": profile.title_en, "note": profile.note,
               "match": profile.match.model_dump(exclude_none=True),
               "levels": profile.levels, "overrides": overrides}
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
