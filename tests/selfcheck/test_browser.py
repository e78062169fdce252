"""`tnl serve` driven as a person would: headless Chromium (Debian's) fills the form and reads the report."""
from __future__ import annotations

import hashlib
import json

import pytest

from tests.browserkit import needs_chromium

pytest.importorskip("playwright.sync_api", reason="Playwright n'est pas installé")
pytestmark = needs_chromium


def test_a_person_checks_a_site_end_to_end(live, browser):
    app, base = live
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_label("Adresse du site web").fill("http://www.petit-bourg.test/")
    page.get_by_role("button", name="Lancer la vérification").click()
    # The live progress, then the report (the page reloads itself when the check ends).
    page.wait_for_selector("#progression, section.domain", timeout=30_000)
    page.wait_for_selector("section.domain", timeout=180_000)
    assert page.locator("#etat").inner_text() == "terminée"
    # The name was read on the archived homepage.
    assert page.locator("h1").inner_text() == "Vérification de Mairie de Petit-Bourg"
    runner = app.extensions["tnl_runner"]
    job = runner.list()[0]
    report = json.loads((runner.out / job.id / job.cid / "report.json").read_text(encoding="utf-8"))
    domains = [d["title"] for d in report["domains"]]
    assert len(domains) == 5 and report["candidate"]["name"] == "Mairie de Petit-Bourg"
    assert report["candidate"]["siren"] is None and report["candidate"]["kind"] == "autre"
    assert page.locator("section.domain h3").all_inner_texts() == domains
    assert page.locator("section.domain table tbody tr").count() >= 20
    # The full report, as the jury will see it.
    page.get_by_role("link", name="Ouvrir le rapport complet").click()
    page.wait_for_load_state("load")
    assert page.locator("section.domain h2").all_inner_texts() == domains
    # Nothing was loaded from outside the local server.
    assert requests and all(u.startswith(base + "/") for u in requests), requests
    # The previous check is listed on the home page and can be deleted.
    page.goto(base + "/")
    rows = page.locator("table tbody tr")
    assert rows.count() == 1 and "terminée" in rows.first.inner_text()
    page.close()


def test_private_address_and_malformed_url_are_refused_with_a_message(strict, browser):
    app, base = strict
    page = browser.new_page()
    page.goto(base + "/")
    page.get_by_label("Adresse du site web").fill("http://127.0.0.1:8080/admin")
    page.get_by_role("button", name="Lancer la vérification").click()
    page.wait_for_load_state("load")
    assert "Adresse privée refusée : 127.0.0.1 → 127.0.0.1" in page.locator("[role=alert]").inner_text()
    assert page.get_by_label("Adresse du site web").get_attribute("aria-invalid") == "true"
    # The fixture world's loopback proxy counts as private too on a server without --allow-private.
    page.get_by_label("Adresse du site web").fill("http://www.petit-bourg.test/")
    page.get_by_role("button", name="Lancer la vérification").click()
    assert "Adresse privée refusée" in page.locator("[role=alert]").inner_text()
    page.get_by_label("Adresse du site web").fill("htps:/ma commune")
    page.get_by_label("SIREN").fill("123456789")
    page.get_by_role("button", name="Lancer la vérification").click()
    alert = page.locator("[role=alert]").inner_text()
    assert "Adresse invalide" in alert and "seuls http et https sont acceptés" in alert
    assert "clé de contrôle (Luhn) invalide" in alert
    assert page.get_by_label("SIREN").input_value() == "123456789"  # what was typed is kept
    assert page.locator("table").count() == 0  # nothing was queued
    page.close()


def test_the_page_passes_our_own_accessibility_signals(strict, browser):
    from checks.registry import CHECKS
    from ground.html import parse_html
    from ground.observations import Page
    from tests.checks.baseline import observations

    app, base = strict
    page = browser.new_page()
    page.goto(base + "/")
    page.get_by_role("button", name="Lancer la vérification").click()  # the page with its error messages
    bodies = [page.content().encode()]
    page.goto(base + "/")
    bodies.append(page.content().encode())
    page.close()
    pages = [Page(url=f"https://autocontrole.test/{i}", site="https://www.exemple-commune.fr/", depth=0,
                  status=200, fetched_at="2026-11-25T10:00:00Z", sha256=hashlib.sha256(b).hexdigest(),
                  record_id=None, is_homepage=i == 0, **parse_html(b, f"https://autocontrole.test/{i}"))
             for i, b in enumerate(bodies)]
    obs = observations(pages)
    wanted = {"html_lang", "img_alt", "form_labels", "page_titles"}
    ran = {c.meta.id: c.run(obs) for c in CHECKS if c.meta.id in wanted}
    assert set(ran) == wanted
    for sid, signal in ran.items():
        assert signal.assessment in ("favorable", "neutre"), (sid, signal.display, signal.evidence[:2])
