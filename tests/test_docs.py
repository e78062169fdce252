"""Documents generated from the code are kept up to date in the repository."""
from __future__ import annotations

from pathlib import Path

from tnl.methodology import markdown

ROOT = Path(__file__).resolve().parents[1]


def test_methodology_page_matches_the_code():
    committed = (ROOT / "docs" / "methodologie.md").read_text(encoding="utf-8")
    assert committed == markdown(), "regenerate it: tnl signals --markdown > docs/methodologie.md"


def test_default_rubric_weighs_every_signal_and_only_them():
    from checks.registry import ALL_CHECKS as CHECKS  # the rendered ones too (--render)
    from checks.rubric import load_rubric

    rubric, _ = load_rubric()
    in_rubric = {(d, sid) for d, rules in rubric.domains.items() for sid in rules}
    in_code = {(c.meta.domain, c.meta.id) for c in CHECKS}
    assert in_rubric == in_code


def test_readme_counts_and_lists_every_signal_under_the_current_domain_titles():
    """The README's signal table: as many signals as the code has, each once, in its domain's row,
    the rows named after the domains of the current edition (issue 18: it said 38, with 2019 names)."""
    import re

    from checks.registry import CHECKS
    from ground.model import DOMAINS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{len(CHECKS)} signaux, chacun avec ses preuves" in readme
    rows = dict(re.findall(r"^\| ([^|`]+?) \| (`[^\n]+`) \|$", readme, re.M))
    listed = {sid: name for name, cells in rows.items() for sid in re.findall(r"`(\w+)`", cells)}
    assert set(listed) == {c.meta.id for c in CHECKS}
    edition_titles = [t.lower() for t in _edition_titles()]
    for check in CHECKS:
        row = listed[check.meta.id]
        domain_title = edition_titles[list(DOMAINS).index(check.meta.domain)]
        assert row.startswith(domain_title), (check.meta.id, row, domain_title)


def _edition_titles() -> list[str]:
    import yaml

    from ground.model import DOMAINS

    editions = sorted((ROOT / "checks" / "data" / "editions").glob("*.yaml"))
    data = yaml.safe_load(editions[-1].read_text(encoding="utf-8"))
    return [data["titles"][d]["title"] for d in DOMAINS]
