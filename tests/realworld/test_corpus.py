"""The real-variety corpus (tests/realworld/README.md): every case well formed, its facts in the agreed
words; and the accuracy runner (bench/accuracy.py) reading a case through the real archive path."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.accuracy import PER_URL, SCALAR, SETS, Tally, score_case

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
KEYS = set(SCALAR) | set(SETS) | set(PER_URL)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_a_case_is_well_formed(path):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert case["case"] == path.stem
    assert case.get("learned_from"), "every case names the real page or code it was learned from"
    assert case.get("pattern") and isinstance(case.get("heldout"), bool)
    assert str(case["site"]).startswith(("http://", "https://"))
    pages = case.get("pages") or []
    assert pages and all(p.get("url") and isinstance(p.get("html"), str) for p in pages)
    facts = case.get("facts") or {}
    assert facts and set(facts) <= KEYS, set(facts) - KEYS
    for key in SETS:
        assert key not in facts or facts[key] is None or isinstance(facts[key], list), key
    for key in PER_URL:
        assert key not in facts or isinstance(facts[key], dict), key


SAMPLE = {
    "case": "runner-sample", "learned_from": ["written for the runner's own test"], "pattern": "drupal",
    "heldout": False, "site": "https://www.ville-exemple.fr/",
    "pages": [{"url": "https://www.ville-exemple.fr/",
               "headers": {"X-Generator": "Drupal 10 (https://www.drupal.org)"},
               "html": '<html lang="fr"><body><main><p>Bienvenue</p>'
                       '<a href="/sites/default/files/budget.pdf">Budget</a></main>'
                       "<footer>Accessibilité : non conforme</footer></body></html>"}],
    "documents": [{"url": "https://www.ville-exemple.fr/sites/default/files/budget.pdf",
                   "content_type": "application/pdf", "producer": "Microsoft® Word pour Microsoft 365",
                   "creator": "Microsoft® Word pour Microsoft 365"}],
    "facts": {"a11y_mention": "non conforme", "analytics": [], "cms": "Drupal", "skip_link": None,
              "documents": {"https://www.ville-exemple.fr/sites/default/files/budget.pdf": "pdf",
                            "https://www.ville-exemple.fr/feed.xml": "pas un document"},
              "office_suite": {"https://www.ville-exemple.fr/sites/default/files/budget.pdf": "Microsoft Office"}},
}


def test_the_runner_reads_a_case_through_the_archive_and_counts_right_and_wrong():
    tallies: dict[str, Tally] = {}
    score_case(SAMPLE, tallies)
    assert tallies["a11y_mention"].right == 1
    assert tallies["analytics"].right == 1  # nothing loaded, nothing found
    assert tallies["cms"].right == 1  # named by its own X-Generator header
    # `skip_link: null` (one could not tell): a verdict given for it counts as wrong.
    assert tallies["skip_link"].facts == 1 and tallies["skip_link"].right == 0
    assert tallies["documents"].facts == 2 and tallies["documents"].right == 2  # the feed is not a document
    assert tallies["office_suite"].right == 1  # the PDF's own metadata, read back from the archive
