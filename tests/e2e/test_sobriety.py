"""End to end: the sobriety signals, the edition followed and the rubric profile per kind and size.

Expected figures come from expected.yaml (computed by demo/extensions/sobriety.py from the
written pages); the assessments are judged here with the thresholds written out.
"""
from __future__ import annotations

import shutil

import pytest

from tests.e2e.helpers import EXPECTED, REACHABLE, report, signals, tnl


@pytest.mark.parametrize("cid", REACHABLE)
def test_sobriety_signals_match_the_written_pages(run_out, cid):
    run_out, _ = run_out
    exp = EXPECTED[cid]["sobriety"]
    sig = signals(run_out, cid)
    weight, eco, hosts = sig["page_weight"], sig["ecoindex"], sig["third_party_hosts"]
    assert weight["details"]["pages_lues"] == exp["pages"]
    exp_weight = dict(exp["page_weight"])
    # The site's own CSS and JS, archived beside its pages, weigh in (not in the HTML thresholds).
    assert weight["details"]["css_js_du_site_octets_median"] == exp_weight.pop("css_js_du_site_octets_median")
    assert weight["value"] == exp_weight
    assert eco["value"] == exp["ecoindex"]["score_median"]
    assert eco["details"]["note_mediane"] == exp["ecoindex"]["note_mediane"]
    assert "estimé à partir du HTML" in eco["display"]
    assert hosts["value"] == exp["third_party_hosts"] and hosts["details"]["hotes_max"] == exp["third_party_hosts_max"]
    for s in (weight, eco):
        assert s["evidence"] and s["evidence"][0]["sha256"] and s["evidence"][0]["record_id"]
    # Written-out rules: grades A/B favourable, E–G unfavourable; ≤ 1 third-party host per median page
    # favourable, ≥ 4 unfavourable.
    grade = exp["ecoindex"]["note_mediane"]
    assert eco["assessment"] == ("favorable" if grade in "AB" else "defavorable" if grade in "EFG" else "neutre")
    n = exp["third_party_hosts"]
    assert hosts["assessment"] == ("favorable" if n <= 1 else "defavorable" if n >= 4 else "neutre")


def test_both_ends_are_shown(run_out):
    run_out, _ = run_out
    lib, bourg = signals(run_out, "libreville-isere"), signals(run_out, "petit-bourg")
    for sid in ("page_weight", "ecoindex", "third_party_hosts"):
        assert lib[sid]["assessment"] == "favorable", sid
        assert bourg[sid]["assessment"] == "defavorable", sid
    assert signals(run_out, "departement-haute-garrigue")["third_party_hosts"]["assessment"] == "defavorable"
    assert "fonts.googleapis.com" in signals(run_out, "departement-haute-garrigue")["third_party_hosts"]["details"]["hotes_par_pages"]
    gone = signals(run_out, "saint-disparu")
    assert {gone[s]["assessment"] for s in ("page_weight", "ecoindex", "third_party_hosts")} == {"inconnu"}


def test_default_edition_2025_titles_and_profiles(run_out):
    run_out, _ = run_out
    rep = report(run_out, "petit-bourg")
    titles = {d["id"]: d["title"] for d in rep["domains"]}
    assert titles["interop_accessibilite"] == "Bonnes pratiques numériques"
    assert titles["open_data"] == "Gestion des données publiques"
    assert {d["domain"]: d["title"] for d in rep["levels"]}["interop_accessibilite"] == "Bonnes pratiques numériques"
    assert rep["rubric"]["edition"] == 2025 and rep["rubric"]["profile"]["id"] == "petite-commune"
    assert rep["rubric"]["profile"]["badge"] == 0.3  # the small commune's own threshold for the badge
    assert "page_weight" in next(d for d in rep["domains"] if d["id"] == "interop_accessibilite")["signals"]
    portal = next(r for d in rep["levels"] if d["domain"] == "open_data" for r in d["signals"] if r["id"] == "opendata_portal")
    assert portal["weight"] == 0 and portal["applicable"] is False
    assert report(run_out, "departement-haute-garrigue")["rubric"]["profile"]["id"] == "grande-collectivite"
    assert report(run_out, "libreville-isere")["rubric"]["profile"] is None  # 12 040 inhabitants: general grid
    html = (run_out / "petit-bourg" / "report.html").read_text(encoding="utf-8")
    assert "Édition 2025" in html and "Commune de 3 500 habitants au plus" in html
    assert "« opendata_portal » : poids 0 (grille générale : 2)" in html


def test_check_with_edition_2019_rewrites_titles_from_the_archive(run_out, tmp_path):
    run_out, _ = run_out
    copy = tmp_path / "out"
    shutil.copytree(run_out, copy, ignore=shutil.ignore_patterns("*.html", "*.csv", "*.xlsx"))
    done = tnl("check", str(copy), "--edition", "2019", "--quiet")
    assert done.returncode == 0, done.stderr
    rep = report(copy, "petit-bourg")
    titles = {d["id"]: d["title"] for d in rep["domains"]}
    assert titles["interop_accessibilite"] == "Interopérabilité et accessibilité"
    assert titles["open_data"] == "Ouverture des données publiques"
    assert rep["rubric"]["edition"] == 2019 and rep["rubric"]["profile"] is None  # no profiles in 2019
    rows = {r["id"]: r for d in rep["levels"] for r in d["signals"]}
    assert rows["ecoindex"]["weight"] == 0 and rows["ecoindex"]["points"] is None
    bad = tnl("check", str(copy), "--edition", "1999")
    assert bad.returncode == 2 and "édition 1999 inconnue" in bad.stderr
