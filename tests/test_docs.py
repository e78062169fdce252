"""Documents generated from the code are kept up to date in the repository."""
from __future__ import annotations

from pathlib import Path

from tnl.methodology import markdown

ROOT = Path(__file__).resolve().parents[1]


def test_methodology_page_matches_the_code():
    committed = (ROOT / "docs" / "methodologie.md").read_text(encoding="utf-8")
    assert committed == markdown(), "regenerate it: tnl signals --markdown > docs/methodologie.md"


def test_default_rubric_weighs_every_signal_and_only_them():
    from checks.registry import CHECKS
    from checks.rubric import load_rubric

    rubric, _ = load_rubric()
    in_rubric = {(d, sid) for d, rules in rubric.domains.items() for sid in rules}
    in_code = {(c.meta.domain, c.meta.id) for c in CHECKS}
    assert in_rubric == in_code
