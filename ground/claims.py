"""The `expect` condition of a claim in the candidates file: its syntax (checks.claims evaluates it).

A dossier states a figure or a fact in French; the forms accepted are the ones a dossier uses:

- a figure with its comparison, in words or symbols: `au moins 80 %`, `≥ 80 %`, `>= 0.8`,
  `plus de 3`, `moins de 5`, `au plus 2`, `exactement 3`, `différent de 0`, `entre 60 et 80 %`;
  a unit after the figure is allowed and only shown (`plus de 3 jeux de données`);
- a figure alone: `80 %`, `12`: the figure stated, confirmed when the observed one rounds to it at
  the precision it was stated with (80 % against 80.4 %: confirmed; against 100 %: contradicted);
- a fact: `oui` / `non` (also `présent` / `absent`, `aucun`, YAML's true / false);
- a name or a wording, found in the observed value (`Matomo`, `partiellement conforme`, `TYPO3`).

Anything that starts like a figure or a comparison and does not parse is refused (the candidates
file is then bad input, exit 2 with its line), never read as a name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ground.text import fold

# Operators, in words (folded: no accents, lower case) and symbols; the longest forms first.
_OPERATORS: tuple[tuple[str, str], ...] = (
    (r"au moins|au minimum|pas moins de|minimum|superieure? ou egale? a|>=|=>|≥", ">="),
    (r"au plus|au maximum|pas plus de|maximum|inferieure? ou egale? a|<=|=<|≤", "<="),
    (r"plus de|superieure? a|>", ">"),
    (r"moins de|inferieure? a|<", "<"),
    (r"differente? de|!=|<>|≠", "!="),
    (r"exactement|egale? a|==|=", "=="),
)
_OPERATOR = "|".join(f"(?P<op{i}>{words})" for i, (words, _) in enumerate(_OPERATORS))
_NUMBER = r"-?\d{1,3}(?:[  ]\d{3})+(?:[.,]\d+)?|-?\d+(?:[.,]\d+)?"
_PERCENT = r"%|pour ?cent|pourcents?"
_UNIT = r"[^\W\d_][^\d%<>=≥≤]*"  # words after the figure: "jeux de données", "logiciels"
_COMPARISON = re.compile(rf"^(?:(?:{_OPERATOR})\s*)?(?P<n>{_NUMBER})\s*(?P<pc>{_PERCENT})?\s*(?P<unit>{_UNIT})?$")
_BETWEEN = re.compile(rf"^entre\s+(?P<a>{_NUMBER})\s*(?P<pa>{_PERCENT})?\s+et\s+(?P<b>{_NUMBER})\s*"
                      rf"(?P<pb>{_PERCENT})?\s*(?P<unit>{_UNIT})?$")
# What starts like a figure or a comparison: refused when it does not parse as one.
_LOOKS_NUMERIC = re.compile(rf"^(?:{_OPERATOR}|entre\b|[-+]?\d|%)|%")
_FACTS = {"present": "present", "presente": "present", "presents": "present", "oui": "present",
          "true": "present", "vrai": "present", "yes": "present",
          "absent": "absent", "absente": "absent", "absents": "absent", "non": "absent", "false": "absent",
          "faux": "absent", "no": "absent", "aucun": "absent", "aucune": "absent"}


class ConditionError(ValueError):
    """A malformed `expect` condition (bad input: the candidates file is wrong)."""


def _number(text: str) -> float:
    return float(re.sub(r"[  ]", "", text).replace(",", "."))


def _decimals(text: str) -> int:
    return len(re.split(r"[.,]", text, maxsplit=1)[1]) if re.search(r"[.,]", text) else 0


@dataclass(frozen=True)
class Condition:
    """What a claim expects of a signal's value.

    kind: present | absent | compare | between | match. A comparison's figure is read as a
    percentage when `percent` (then a share 0..1 observed is compared as 0..100). `op` "~" is a
    figure stated alone: equal once the observed figure is rounded to `decimals` places.
    """

    kind: str
    op: str = ""
    number: float = 0.0
    percent: bool = False
    text: str = ""
    upper: float = 0.0  # `between`: the upper bound (number is the lower one)
    decimals: int = 0
    unit: str = ""
    stated: str = ""  # the condition as the dossier wrote it (shown beside the value observed)

    @classmethod
    def parse(cls, expect: Any) -> "Condition":
        if isinstance(expect, bool):
            return cls("present" if expect else "absent")
        if isinstance(expect, (int, float)):
            return cls("compare", op="==", number=float(expect))
        if not isinstance(expect, str) or not expect.strip():
            raise ConditionError(f"condition {expect!r} : texte ou nombre attendu")
        raw = expect.strip()
        # "≠" folds to "=": read it first.
        text = " ".join(fold(raw.replace("≠", "!=")).split())
        if text in _FACTS:
            return cls(_FACTS[text], stated=raw)
        m = _COMPARISON.match(text)
        if m:
            op = next((sym for i, (_, sym) in enumerate(_OPERATORS) if m.group(f"op{i}")), "~")
            return cls("compare", op=op, number=_number(m["n"]), percent=bool(m["pc"]),
                       decimals=_decimals(m["n"]), unit=(m["unit"] or "").strip(), stated=raw)
        m = _BETWEEN.match(text)
        if m:
            low, high = _number(m["a"]), _number(m["b"])
            if low > high:
                raise ConditionError(f"condition {raw!r} : la borne basse ({m['a']}) dépasse la borne haute ({m['b']})")
            return cls("between", number=low, upper=high, percent=bool(m["pa"] or m["pb"]),
                       unit=(m["unit"] or "").strip(), stated=raw)
        op = re.match(rf"^(?:{_OPERATOR}|entre\b)", text)
        if op and not re.search(r"\d", text):
            raise ConditionError(f"condition {raw!r} : un nombre est attendu après « {op.group(0)} » "
                                 "(« au moins 80 % », « plus de 3 »)")
        if _LOOKS_NUMERIC.search(text) or not re.search(r"[^\W\d_]", text):
            raise ConditionError(
                f"condition {raw!r} : forme non reconnue ; formes acceptées : « au moins 80 % », « ≥ 80 % », "
                "« plus de 3 », « moins de 5 », « entre 60 et 80 % », « 80 % », « oui », « non », "
                "« présent », « absent », ou un nom (« Matomo »)")
        return cls("match", text=text, stated=raw)

    def describe(self) -> str:
        """The condition as the dossier stated it, else in words: « au moins 80 % », « Matomo »."""
        if self.stated:
            return self.stated
        if self.kind in ("present", "absent"):
            return {"present": "présent", "absent": "absent"}[self.kind]
        if self.kind == "match":
            return self.text
        pct = " %" if self.percent else ""
        unit = f" {self.unit}" if self.unit else ""
        if self.kind == "between":
            return f"entre {_shown(self.number)} et {_shown(self.upper)}{pct}{unit}"
        words = {">=": "au moins ", "<=": "au plus ", ">": "plus de ", "<": "moins de ", "!=": "différent de ",
                 "==": "", "~": ""}[self.op]
        shown = _shown(self.number, self.decimals if self.op == "~" else None)
        return f"{words}{shown}{pct}{unit}"


def _shown(number: float, decimals: int | None = None) -> str:
    text = f"{number:.{decimals}f}" if decimals is not None else f"{number:g}"
    return text.replace(".", ",")
