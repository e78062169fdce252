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


# --- every case is a regression test -------------------------------------------------------------------
# What the checks give on each case must be what its facts say (written by hand from the pages), but
# for these known disagreements, each listed with its reason (bench/ACCURACY.md): a change that
# breaks a case, or mends one of these, fails here. "inconnu": the check gave no verdict for that fact.
KNOWN_MISSES = {
    # Wrong verdicts.
    "didomi-eulerian": {"analytics: ['eulerian'] ≠ []",  # Eulerian loaded through Didomi's vendor list
                        "consent_manager: 'didomi' ≠ 'aucun'"},  # Didomi's own script is not recognised
    "legacy-doc-and-xls": {"office_suite http://www.nerac-exemple.fr/documents/reglement_cimetiere.doc: "
                           "'microsoft office' ≠ None",  # an old .doc: its producer is read, the label says none
                           "cms: inconnu"},
    "lutece-made-by-the-city-stated": {"free_software_mentions: ['lutece'] ≠ []"},  # over-excluded as a credit
    "responsible-digital-strategy-and-matomo-choice": {"free_software_mentions: ['matomo'] ≠ []"},  # same
    "spip-site-says-it-is-built-with-spip-and-contributes": {"free_software_mentions: ['spip'] ≠ []"},  # same
    "plan-ppi-investment-plan-is-not-accessibility": {"cms: 'stratis' ≠ 'typo3'"},  # Stratis read as TYPO3
    "pool-groupement-de-commandes-informatique": {"cms: 'stratis' ≠ 'typo3'"},  # same
    "plan-spma-abbreviation-in-the-link": {"a11y_multiyear_plan: True ≠ False",  # « SPMA » not known (held out)
                                           "a11y_multiyear_plan_period: inconnu"},
    "plausible-proxied-own-path": {"analytics: ['plausible'] ≠ []"},  # a proxied Plausible under the site's path
    "plone-classic-at-download-no-skip": {"office_suite https://www.vallon-sur-aize.fr/conseil-municipal/2024/"
                                          "compte-rendu-du-conseil-du-18-janvier.pdf/at_download/file: None ≠ 'autre'"},
    "scanned-pdf-and-pdf-without-metadata": {"office_suite https://www.mauvezin-exemple.fr/images/documents/"
                                             "compte-rendu-cm-2024-04.pdf: None ≠ 'autre'"},  # no metadata: "autre" labelled
    "rgaa-footer-says-conforme-only": {"a11y_mention: 'totalement conforme' ≠ 'absente'",  # « conforme » alone
                                       "cms: inconnu"},
    "rgaa-template-placeholders-left-in-place": {"a11y_mention = null, got 'absente'"},
    "sdtan-broadband-plan-ambiguous": {"strategy_mentions = null, got False"},
    # No verdict where the label has one.
    "drupal-dsfr-theme-matomo-through-tarteaucitron": {"legal_pages: inconnu"},
    "jimdo-mairie-app-download-publisher": {"legal_pages: inconnu"},
    "rgaa-audit-planned-no-status-word": {"a11y_declaration_status: inconnu"},
    **{case: {"cms: inconnu"} for case in (
        "eco-premier-samedi-du-libre-outing", "ksup-media-fichier-without-extension",
        "localeo-commune-credit", "neopse-credit-gtag-through-tarteaucitron", "orejime-matomo-opt-in",
        "plan-pave-and-pcaet-are-not-digital", "pool-adullact-member-named-not-linked", "rgaa-total-100-percent",
        "static-dreamweaver-template-no-mentions", "static-dsfr-handmade-pages",
        "stratis-credit-only-youtube-through-tarteaucitron")},
}


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_each_case_reads_as_labelled_but_its_known_misses(path):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    tallies: dict[str, Tally] = {}
    score_case(case, tallies)
    prefix = f"{case['case']}: "
    misses = {w.removeprefix(prefix) for t in tallies.values() for w in t.wrong + t.unanswered}
    assert misses == KNOWN_MISSES.get(case["case"], set())


RENDERED = [p for p in CASES if "renderings:" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("path", RENDERED, ids=[p.stem for p in RENDERED])
def test_a_cases_rendered_pass_is_read_through_the_render_shard_and_judged_as_labelled(path):
    """A case's `renderings` (what a browser did, --render) are archived in the render shard as the pass
    archives them; the rendered signals then give the facts written by hand."""
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    tallies: dict[str, Tally] = {}
    score_case(case, tallies)
    rendered = {"rendered_third_parties", "cookies_before_consent", "scripted_trackers"} & set(case["facts"])
    assert rendered
    for key in rendered:
        assert tallies[key].right == tallies[key].facts == 1, (key, tallies[key].__dict__)
