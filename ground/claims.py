"""The `expect` condition of a claim in the candidates file: its syntax (checks.claims evaluates it)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ground.text import fold

_COMPARISON = re.compile(r"^\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:[.,]\d+)?)\s*(%?)\s*$")
_WORDS = {"present": "present", "présent": "present", "absent": "absent"}


class ConditionError(ValueError):
    """A malformed `expect` condition (bad input: the candidates file is wrong)."""


@dataclass(frozen=True)
class Condition:
    """What a claim expects of a signal's value.

    Forms: `present` / `absent`; a comparison `>= 0.8`, `< 3`, `>= 80 %` (a percentage is read as a
    share when the value is a share); or a plain value (`Matomo`, `partiellement conforme`, `true`),
    found case- and accent-insensitively in the value (equal to it, an item of a list, a field of a
    dict such as the CMS name).
    """

    kind: str  # present | absent | compare | match
    op: str = ""
    number: float = 0.0
    percent: bool = False
    text: str = ""

    @classmethod
    def parse(cls, expect: Any) -> "Condition":
        if isinstance(expect, bool):
            return cls("match", text=str(expect).lower())
        if isinstance(expect, (int, float)):
            return cls("compare", op="==", number=float(expect))
        if not isinstance(expect, str) or not expect.strip():
            raise ConditionError(f"condition {expect!r} : texte ou nombre attendu")
        word = _WORDS.get(fold(expect.strip()))
        if word:
            return cls(word)
        m = _COMPARISON.match(expect)
        if m:
            return cls("compare", op=m.group(1), number=float(m.group(2).replace(",", ".")),
                       percent=bool(m.group(3)))
        if re.match(r"^\s*(>=|<=|==|!=|>|<)", expect):
            raise ConditionError(f"condition {expect!r} : un nombre est attendu après l'opérateur")
        return cls("match", text=fold(expect.strip()))
