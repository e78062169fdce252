"""Indicative levels per domain from the signals and a rubric file (data, overridable)."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tnl.model import ASSESSMENTS, DOMAINS, INCONNU, Signal

DEFAULT_RUBRIC = Path(__file__).parent / "data" / "rubric.yaml"


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


class Rubric(BaseModel):
    model_config = ConfigDict(extra="forbid")
    edition: int | str | None = None
    levels: dict[int, float]
    points: dict[str, float]
    domains: dict[str, dict[str, SignalRule]]

    @field_validator("levels")
    @classmethod
    def _levels(cls, v):
        if sorted(v) != [1, 2, 3, 4, 5]:
            raise ValueError("les niveaux 1 à 5 sont attendus")
        shares = [v[k] for k in sorted(v)]
        if shares != sorted(shares) or not all(0 <= s <= 1 for s in shares):
            raise ValueError("les seuils doivent croître de 0 à 1 avec le niveau")
        return v

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
        unknown = set(v) - set(DOMAINS)
        if unknown:
            raise ValueError(f"domaines inconnus : {sorted(unknown)} (attendu : {', '.join(DOMAINS)})")
        return v


def load_rubric(path: str | Path | None = None, known_signals: set[str] | None = None) -> tuple[Rubric, dict]:
    """The rubric and a description of its source (path, sha256) for the report."""
    path = Path(path) if path else DEFAULT_RUBRIC
    try:
        raw = path.read_bytes()
        data = yaml.safe_load(raw.decode("utf-8"))
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
        for domain, rules in rubric.domains.items():
            for sid in rules:
                if sid not in known_signals:
                    raise RubricError(f"{path}: champ 'domains.{domain}.{sid}' : signal inconnu (voir « tnl signals »)")
    source = {"path": "défaut" if path == DEFAULT_RUBRIC else str(path),
              "sha256": hashlib.sha256(raw).hexdigest(), "edition": rubric.edition}
    return rubric, source


def _share(rule: SignalRule, signal: Signal, rubric: Rubric) -> float:
    value = signal.value
    if rule.thresholds and isinstance(value, (int, float)) and not isinstance(value, bool):
        return next((share for minimum, share in rule.thresholds if value >= minimum), 0.0)
    return rubric.points.get(signal.assessment, 0.0)


def _level(score: float, rubric: Rubric) -> int:
    return max(level for level, minimum in rubric.levels.items() if score + 1e-9 >= minimum)


def domain_levels(signals: list[Signal], rubric: Rubric, titles: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Per domain: indicative level, points from each signal, and what would raise it."""
    by_id = {s.id: s for s in signals}
    titles = titles or {}
    out = []
    for domain, domain_title in DOMAINS.items():
        rows, earned, maximum = [], 0.0, 0.0
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
            if applicable:
                earned += points
                maximum += rule.weight
        if maximum == 0:
            out.append({"domain": domain, "title": domain_title, "level": None, "score": None,
                        "points": 0, "max_points": 0, "signals": rows, "to_raise": []})
            continue
        score = earned / maximum
        level = _level(score, rubric)
        to_raise = []
        for row in rows:
            if row["applicable"] and row["points"] < row["weight"]:
                gain = row["weight"] - row["points"]
                to_raise.append({"id": row["id"], "title": row["title"], "gain": round(gain, 3),
                                 "level_if_favorable": _level((earned + gain) / maximum, rubric)})
        to_raise.sort(key=lambda r: (-r["gain"], r["id"]))
        out.append({"domain": domain, "title": domain_title, "level": level, "score": round(score, 3),
                    "points": round(earned, 3), "max_points": round(maximum, 3), "signals": rows,
                    "to_raise": to_raise[:5]})
    return out
