"""Claims from the candidates file, checked against the signals: confirmé, contredit, non vérifiable."""
from __future__ import annotations

from typing import Any

from checks.base import fold
from ground.claims import Condition, ConditionError  # noqa: F401 - the syntax of a claim's condition
from ground.model import INCONNU, Signal

CONFIRMED, CONTRADICTED, UNVERIFIABLE = "confirmé", "contredit", "non vérifiable"
STATUSES = (CONFIRMED, CONTRADICTED, UNVERIFIABLE)

def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, list):
        return float(len(value))
    if isinstance(value, dict):
        # The figure a dict-valued signal is about: a share first, then a count.
        for key in ("open_share", "share", "rate", "datasets", "count"):
            if isinstance(value.get(key), (int, float)) and not isinstance(value.get(key), bool):
                return float(value[key])
    return None


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, int, float, bool)):
        return [fold(str(value).lower() if isinstance(value, bool) else str(value))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


def _empty(value: Any) -> bool:
    # A dict is empty when all its values are: « aucune organisation, 0 jeu de données » is nothing found.
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    return value in (None, "", [], 0, 0.0) or value is False


_OPS = {">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
        "<": lambda a, b: a < b, "==": lambda a, b: abs(a - b) < 1e-9, "!=": lambda a, b: abs(a - b) >= 1e-9}


def _observed(condition: Condition, number: float) -> float:
    """The observed figure in the condition's unit: a share (0..1) read as a percentage when the
    condition speaks in percent (above 1, the value is a percentage already)."""
    return number * 100.0 if condition.percent and number <= 1.0 else number


def evaluate(condition: Condition, signal: Signal | None) -> tuple[str, str]:
    """(status, French explanation) of a claim against its signal."""
    if signal is None:
        return UNVERIFIABLE, "signal non calculé"
    if signal.assessment == INCONNU:
        return UNVERIFIABLE, f"signal indéterminé : {signal.reason or signal.display}"
    value = signal.value
    seen = f"valeur constatée : {signal.display} ; déclarée : {condition.describe()}"
    if condition.kind == "present":
        return (CONTRADICTED if _empty(value) else CONFIRMED), seen
    if condition.kind == "absent":
        return (CONFIRMED if _empty(value) else CONTRADICTED), seen
    if condition.kind in ("compare", "between"):
        number = _number(value)
        if number is None:
            return UNVERIFIABLE, f"la valeur « {signal.display} » n'est pas un nombre comparable"
        observed = _observed(condition, number)
        if condition.kind == "between":
            ok = condition.number - 1e-9 <= observed <= condition.upper + 1e-9
        elif condition.op == "~":  # a figure stated alone: equal at the precision it was stated with
            ok = abs(round(observed, condition.decimals) - condition.number) < 1e-9
        else:
            ok = _OPS[condition.op](observed, condition.number)
        return (CONFIRMED if ok else CONTRADICTED), seen
    found = any(condition.text == s or condition.text in s.split(", ") for s in _strings(value))
    if not found:
        found = condition.text in fold(signal.display)
    return (CONFIRMED if found else CONTRADICTED), seen


NO_SIGNAL = "aucun signal ne mesure cette déclaration : l'outil ne peut pas la vérifier"
NO_CONDITION = ("réponse qui ne se lit pas comme une condition (oui ou non, une part, un nom) : "
                "à confronter par le jury au constat du signal")
# From an application dossier (`tnl dossiers`, ground.candidates.Claim): carried into report.json
# when the claim has them.
DOSSIER_KEYS = ("question", "question_id", "answer", "verification")


def verify_claims(claims: list[dict], signals: list[Signal]) -> list[dict]:
    """Each claim of the candidates file with its status and the evidence that decided it."""
    by_id = {s.id: s for s in signals}
    out = []
    for claim in claims:
        signal = by_id.get(claim.get("signal") or "")
        if not claim.get("signal"):
            status, why = UNVERIFIABLE, NO_SIGNAL
        elif claim.get("expect") is None and signal is not None:
            # A free-text answer, or one read as no condition: the finding is shown, not judged.
            status, why = UNVERIFIABLE, NO_CONDITION
        else:
            try:
                status, why = evaluate(Condition.parse(claim.get("expect")), signal)
            except ConditionError as exc:  # validated at load time; kept safe for hand-edited folders
                status, why = UNVERIFIABLE, str(exc)
        out.append({
            "domain": claim.get("domain") or (signal.domain if signal else None),
            "text": claim.get("text"),
            "signal": claim.get("signal"),
            "expect": claim.get("expect"),
            "status": status,
            "explanation": why,
            "evidence": [e.to_dict() for e in (signal.evidence[:5] if signal else [])],
            **{key: claim[key] for key in DOSSIER_KEYS if claim.get(key) is not None},
        })
    return out
