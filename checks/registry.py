"""The list of checks, in the jury's domain order. Adding a signal: one module + one line here."""
from __future__ import annotations

import logging

from checks import (a11y_mention, analytics, cms, datagouv_datasets, fediverse, free_software_mentions,
                    open_formats, strategy_mentions)
from checks.base import Check
from tnl.model import DOMAINS, INCONNU, Signal
from tnl.observe import Observations

CHECKS: tuple[Check, ...] = tuple(
    Check(module.META, module.run)
    for module in (
        strategy_mentions,
        a11y_mention,
        open_formats,
        cms,
        analytics,
        free_software_mentions,
        fediverse,
        datagouv_datasets,
    )
)
assert len({c.meta.id for c in CHECKS}) == len(CHECKS), "duplicate check id"
assert [c.meta.domain for c in CHECKS] == sorted((c.meta.domain for c in CHECKS), key=list(DOMAINS).index)


def run_all(obs: Observations) -> list[Signal]:
    """Every check on the same observations; a check that breaks yields `inconnu`, never a crash."""
    out = []
    for check in CHECKS:
        try:
            out.append(check.run(obs))
        except Exception as exc:  # noqa: BLE001 - one faulty check must not lose the others
            logging.getLogger("tnl.checks").exception("check %s failed", check.meta.id)
            out.append(Signal(id=check.meta.id, domain=check.meta.domain, value=None, assessment=INCONNU,
                              display="erreur interne", reason=f"erreur du contrôle : {exc!r}"[:300]))
    return out


def meta(signal_id: str):
    return next(c.meta for c in CHECKS if c.meta.id == signal_id)
