"""axe_accessibility: renderings written by hand in the rendered pass's shape (/tmp spec §1), each with an axe-core
results object in axe's own JSON shape (its API documentation, « Results Object »: four groups of rules, each
rule with id, impact, tags, help, nodes of target, html, failureSummary and the checks any/all/none).

Expected values are worked out by hand in the comments from checks/data/axe_rgaa.yaml (axe 4.12.1's own RGAA
tags: color-contrast → test 3.2.1, button-name → 11.9.1, document-title → 8.5.1, html-has-lang → 8.3.1,
html-lang-valid → 8.4.1, image-alt → 1.1.1, label → 11.1.1; heading-order and landmark-one-main have none)
and Asqatasun's grade: tests passed / (passed + failed); A = 100, B > 90, C > 85, D > 75, E > 60, F otherwise.
The last test runs the shipped axe.min.js in Chromium on a loopback page.
"""
from __future__ import annotations

import pytest

from checks import axe_accessibility
from tests.browserkit import needs_chromium
from tests.checks.baseline import observations
from tests.loopback import QuietHandler, serving

HOME = "https://www.ville-exemple.fr/"
CONTACT = "https://www.ville-exemple.fr/contact"
WHEN = "2026-12-06T10:00:00Z"


def check(any_message):
    return {"id": "x", "data": None, "relatedNodes": [], "impact": "serious", "message": any_message}


def node(target, html, summary="Fix any of the following:\n  Element has insufficient color contrast"):
    return {"any": [check(summary.splitlines()[-1].strip())], "all": [], "none": [], "impact": "serious",
            "html": html, "target": target, "failureSummary": summary}


def rule(rule_id, nodes=(), impact=None, tags=(), help_text=""):
    return {"id": rule_id, "impact": impact, "tags": list(tags), "description": help_text, "help": help_text,
            "helpUrl": f"https://dequeuniversity.com/rules/axe/4.12/{rule_id}?application=axeAPI",
            "nodes": list(nodes)}


def passing(*ids):
    return [rule(i, [{"any": [], "all": [], "none": [], "impact": None, "html": "<html lang=\"fr\">",
                      "target": ["html"]}]) for i in ids]


def results(url, violations=(), passes=(), incomplete=(), inapplicable=()):
    return {"testEngine": {"name": "axe-core", "version": "4.12.1"},
            "testRunner": {"name": "axe"}, "testEnvironment": {"userAgent": "Mozilla/5.0", "windowWidth": 1280,
                                                                "windowHeight": 800, "orientationAngle": 0,
                                                                "orientationType": "landscape-primary"},
            "timestamp": "2026-12-06T10:00:05.000Z", "url": url, "toolOptions": {"resultTypes": ["violations"]},
            "violations": list(violations), "passes": list(passes), "incomplete": list(incomplete),
            "inapplicable": list(inapplicable)}


def rendering(url, axe, n=1, dom="<html lang=\"fr\"><body><main>Mairie</main></body></html>", error=None,
              axe_error=None):
    return {"url": url, "visit": "first", "rendered_at": WHEN, "final_url": url, "status": 200 if dom else None,
            "error": error, "axe_error": axe_error, "dom": dom, "dom_truncated": False, "requests": [],
            "requests_dropped": 0, "cookies": [], "storage": {"origin": None, "localStorage": None,
                                                               "sessionStorage": None},
            "consent": None, "axe": axe, "screenshot": None,
            "record_ids": {"facts": f"<urn:uuid:facts-{n}>", "dom": f"<urn:uuid:dom-{n}>", "screenshot": None,
                           "axe": f"<urn:uuid:axe-{n}>" if axe is not None else None},
            "sha256": {"facts": "f" * 64, "dom": "d" * 64, "screenshot": None,
                       "axe": str(n) * 64 if axe is not None else None},
            "user_agent": "Mozilla/5.0", "viewport": [1280, 800], "browser": "Chromium 140"}


def obs_of(*renderings, sample=None):
    obs = observations()
    obs.renderings = list(renderings)
    obs.render = {"seed": 7, "sample": sample if sample is not None else [
        {"url": HOME, "reasons": ["accueil"]}, {"url": CONTACT, "reasons": ["contact"]}],
        "axe_version": "4.12.1", "errors": [], "pages_max": 8, "random": 2}
    return obs


CONTRAST = ("wcag2aa", "wcag143", "EN-301-549", "RGAAv4", "RGAA-3.2.1")
BUTTON = ("wcag2a", "wcag412", "RGAAv4", "RGAA-11.9.1")
# Homepage: two low-contrast texts, a button without a name; title and lang pass; no list on the page.
HOME_AXE = results(
    HOME,
    violations=[
        rule("color-contrast", [node([".bandeau > p"], '<p class="pale">Horaires de la mairie</p>'),
                                node(["footer > a"], '<a href="/mentions-legales">Mentions légales</a>')],
             "serious", CONTRAST, "Elements must meet minimum color contrast ratio thresholds"),
        rule("button-name", [node(["#menu > button"], '<button class="burger"></button>',
                                  "Fix any of the following:\n  Element does not have inner text that is visible")],
             "critical", BUTTON, "Buttons must have discernible text"),
    ],
    passes=passing("document-title", "html-has-lang"),
    inapplicable=[rule("list", tags=("wcag2a", "wcag131", "RGAAv4", "RGAA-9.3.1"))],
)
# Contact: a low-contrast hint, no main landmark (best practice, no RGAA test); title, lang and label pass.
CONTACT_AXE = results(
    CONTACT,
    violations=[
        rule("color-contrast", [node(["form > small"], "<small>Champs obligatoires</small>")], "serious", CONTRAST,
             "Elements must meet minimum color contrast ratio thresholds"),
        rule("landmark-one-main", [node(["html"], '<html lang="fr">', "Fix all of the following:\n  Document does "
                                                                      "not have a main landmark")],
             "moderate", ("cat.semantics", "best-practice"), "Document should have one main landmark"),
    ],
    passes=passing("document-title", "html-has-lang", "label"),
)


def test_two_pages_failing_contrast_and_a_button_name_are_defavorable():
    sig = axe_accessibility.run(obs_of(rendering(HOME, HOME_AXE, 1), rendering(CONTACT, CONTACT_AXE, 2)))
    # Sample: failed 3.2.1 (both pages), 11.9.1 (home); passed 8.5.1, 8.3.1, 11.1.1 → 3 / 5 = 60 %, not above
    # 60 → F.
    assert (sig.value, sig.assessment) == ("F", "defavorable")
    assert sig.display == "note indicative F : 3 règles en échec sur 2 pages"
    d = sig.details
    assert (d["mark"], d["grade"], d["axe_version"]) == (60.0, "F", "4.12.1")
    assert d["tests"] == {"failed": ["3.2.1", "11.9.1"], "passed": ["8.3.1", "8.5.1", "11.1.1"], "incomplete": [],
                          "inapplicable": ["9.3.1"]}
    assert d["criteria"]["failed"] == ["3.2", "11.9"] and d["rgaa_criteria_touched"] == ["3.2", "11.9"]
    # Per page: home 2 passed / 4 tested = 50 % → F; contact 3 / 4 = 75 %, not above 75 → E.
    assert [(p["url"], p["grade"], p["mark"], p["violations_count"]) for p in d["pages"]] == [
        (HOME, "F", 50.0, 2), (CONTACT, "E", 75.0, 2)]
    assert d["page_accueil"] == {"url": HOME, "mark": 50.0, "grade": "F"}
    assert "seen_rules" not in d["pages"][0]
    # Per rule.
    assert d["rules"]["color-contrast"] == {
        "rgaa": ["3.2"], "pages": [HOME, CONTACT], "nodes_total": 3, "impact": "serious",
        "help": "Elements must meet minimum color contrast ratio thresholds", "wcag": ["1.4.3"], "rgaa_tests": ["3.2.1"]}
    assert (d["rules"]["button-name"]["impact"], d["rules"]["button-name"]["rgaa"]) == ("critical", ["11.9"])
    assert d["rules"]["landmark-one-main"]["rgaa"] == [] and d["rules"]["landmark-one-main"]["pages"] == [CONTACT]
    assert d["unmapped_rules"] == [{"rule": "landmark-one-main", "reason": "sans critère RGAA"}]
    assert "Asqatasun" in d["method"] and any("page d'accueil" in x for x in d["differences"])
    assert d["indicative"] is True and d["pages_sans_resultats"] == []
    # Evidence: one per rule and page, the most severe first: button-name (critical), color-contrast (serious)
    # on home then contact, landmark-one-main (moderate).
    assert [(e.url, e.snippet) for e in sig.evidence] == [
        (HOME, 'button-name (critical) : <button class="burger"></button> — #menu > button'),
        (HOME, 'color-contrast (serious) : <p class="pale">Horaires de la mairie</p> — .bandeau > p'),
        (CONTACT, "color-contrast (serious) : <small>Champs obligatoires</small> — form > small"),
        (CONTACT, 'landmark-one-main (moderate) : <html lang="fr"> — html'),
    ]
    first = sig.evidence[0]
    assert (first.record_id, first.sha256, first.fetched_at, first.http_status, first.rendered) == (
        "<urn:uuid:axe-1>", "1" * 64, WHEN, 200, True)


def test_only_a_best_practice_rule_failing_is_favorable():
    # heading-order fails (no RGAA test); 1.1.1, 8.5.1, 8.3.1 pass → 3 / 3 = 100 % → A.
    axe = results(HOME, violations=[rule("heading-order", [node(["main > h4"], "<h4>Actualités</h4>")], "moderate",
                                         ("cat.semantics", "best-practice"))],
                  passes=passing("image-alt", "document-title", "html-has-lang"))
    sig = axe_accessibility.run(obs_of(rendering(HOME, axe)))
    assert (sig.value, sig.assessment) == ("A", "favorable")
    assert sig.display == "note indicative A : 1 règle en échec sur 1 page"
    assert [e.snippet for e in sig.evidence] == ["heading-order (moderate) : <h4>Actualités</h4> — main > h4"]


def test_one_failed_test_in_five_is_neutre():
    # button-name fails (11.9.1); 8.5.1, 8.3.1, 8.4.1, 1.1.1 pass → 4 / 5 = 80 % → D.
    axe = results(HOME, violations=[rule("button-name", [node(["button"], "<button></button>")], "critical", BUTTON)],
                  passes=passing("document-title", "html-has-lang", "html-lang-valid", "image-alt"))
    sig = axe_accessibility.run(obs_of(rendering(HOME, axe)))
    assert (sig.value, sig.assessment, sig.details["mark"]) == ("D", "neutre", 80.0)
    assert sig.display == "note indicative D : 1 règle en échec sur 1 page"


def test_each_letter_has_its_assessment():
    """The map's letters as the label reads them: A and B favorable, C and D neutre, E and F defavorable
    (the module's docstring; B is « above 90 % », C and D « above 75 % »)."""
    assert axe_accessibility.ASSESSMENT == {"A": "favorable", "B": "favorable", "C": "neutre", "D": "neutre",
                                            "E": "defavorable", "F": "defavorable"}


def test_axe_failed_on_every_rendered_page_is_inconnu_with_the_reasons():
    obs = obs_of(rendering(HOME, None, 1, axe_error="règles axe-core non terminées en 20 s"),
                 rendering(CONTACT, None, 2))
    sig = axe_accessibility.run(obs)
    assert (sig.value, sig.assessment, sig.display, sig.evidence) == (None, "inconnu", "indéterminé", [])
    assert sig.reason == (f"aucun résultat axe-core sur les pages rendues — {HOME} : règles axe-core non terminées "
                          f"en 20 s; {CONTACT} : résultats axe-core absents")
    assert sig.details == {"pages_sans_resultats": [
        {"page": HOME, "raison": "règles axe-core non terminées en 20 s"},
        {"page": CONTACT, "raison": "résultats axe-core absents"}]}


def test_no_page_rendered_is_inconnu():
    # The homepage gave no DOM; the contact page of the sample was never opened.
    sig = axe_accessibility.run(obs_of(rendering(HOME, None, dom="", error="délai dépassé (30 s)")))
    assert (sig.value, sig.assessment) == (None, "inconnu")
    assert sig.reason == (f"aucune page rendue par le navigateur — {HOME} : délai dépassé (30 s); "
                          f"{CONTACT} : page de l'échantillon non ouverte")


def test_no_rgaa_test_passed_or_failed_is_not_gradable():
    # landmark-one-main fails (no RGAA test); list is inapplicable: no test passed or failed.
    axe = results(HOME, violations=[rule("landmark-one-main", [node(["html"], "<html>")], "moderate",
                                         ("best-practice",))],
                  inapplicable=[rule("list")])
    sig = axe_accessibility.run(obs_of(rendering(HOME, axe)))
    assert (sig.value, sig.assessment, sig.display) == (None, "inconnu", "non évaluable")
    assert sig.reason == "aucun test RGAA réussi ou échoué (1 règle en échec sur 1 page)"
    assert len(sig.evidence) == 1 and sig.details["grade"] == "non évaluable"


def test_results_not_in_axe_shape_leave_the_page_out_with_one_french_line():
    # Home: « violations » is an object. Contact: document-title passes → 1 / 1 = 100 % → A.
    bad = {**results(HOME), "violations": {"id": "image-alt"}}
    sig = axe_accessibility.run(obs_of(rendering(HOME, bad, 1),
                                       rendering(CONTACT, results(CONTACT, passes=passing("document-title")), 2)))
    assert (sig.value, sig.assessment) == ("A", "favorable")
    assert sig.display == "note indicative A : aucune règle en échec sur 1 page"
    assert sig.details["pages_sans_resultats"] == [
        {"page": HOME, "raison": f"résultats axe de {HOME} : champ « violations » : liste attendue"}]
    assert sig.details["page_accueil"] is None  # the homepage was not graded


def test_evidence_is_bounded():
    # 45 rules in violation on one page: 40 pieces of evidence at most.
    many = [rule(f"regle-{i:02d}", [node([f"#e{i}"], f"<div id=e{i}>")], "minor") for i in range(45)]
    sig = axe_accessibility.run(obs_of(rendering(HOME, results(HOME, violations=many,
                                                                passes=passing("document-title")))))
    assert len(sig.evidence) == 40 and sig.evidence[0].snippet.startswith("regle-00 (minor)")
    assert sig.display == "note indicative A : 45 règles en échec sur 1 page"


# --- the shipped engine, in Chromium -----------------------------------------------------------------------

PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Mairie de Villetest</title></head>
<body><main><h1>Mairie de Villetest</h1>
<p style="color:#b5b5b5;background:#ffffff">Horaires d'ouverture : du lundi au vendredi.</p>
<button type="button"></button>
</main></body></html>
"""


class _Page(QuietHandler):
    def do_GET(self):
        self._send(200, PAGE.encode("utf-8"))


@needs_chromium
def test_shipped_axe_finds_the_button_name_and_contrast_and_maps_them(browser):
    sync_axe = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python absent")
    with serving(_Page) as server:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        page = browser.new_page()
        try:
            page.goto(url)
            axe = sync_axe.Axe()
            found = axe.run(page, options={"resultTypes": ["violations", "incomplete"]}).response
            page.evaluate(axe.axe_script)
            engine_rules = page.evaluate("axe.getRules().map(r => [r.ruleId, r.tags])")
        finally:
            page.close()
    assert found["testEngine"] == {"name": "axe-core", "version": "4.12.1"}
    assert {"button-name", "color-contrast"} <= {v["id"] for v in found["violations"]}
    sig = axe_accessibility.run(obs_of(rendering(url, found), sample=[{"url": url, "reasons": ["accueil"]}]))
    rules = sig.details["rules"]
    assert (rules["button-name"]["rgaa"], rules["button-name"]["rgaa_tests"]) == (["11.9"], ["11.9.1"])
    assert (rules["color-contrast"]["rgaa"], rules["color-contrast"]["rgaa_tests"]) == (["3.2"], ["3.2.1"])
    assert sig.value in ("A", "B", "C", "D", "E", "F") and sig.details["page_accueil"]["url"] == url
    # The table holds every rule of the shipped engine, each with the RGAA tests of the engine's own tags.
    from checks.axe_rgaa import rule_table
    table = rule_table()
    assert sorted(table) == sorted(rid for rid, _ in engine_rules)
    for rid, tags in engine_rules:
        assert table[rid]["rgaa_tests"] == sorted((t[5:] for t in tags if t.startswith("RGAA-")),
                                                  key=lambda t: [int(x) for x in t.split(".")]), rid
