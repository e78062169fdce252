from checks import a11y_multiyear_plan
from tests.checks.baseline import SITE, document, html, observations, page

PDF = SITE + "IMG/pdf/schema-pluriannuel-accessibilite-2024-2026.pdf"


def run(pages, documents=None, started_at="2026-11-25T10:00:00Z"):
    obs = observations(pages, documents=documents)
    obs.crawl["started_at"] = started_at
    return a11y_multiyear_plan.run(obs)


def test_linked_document_is_found_with_its_period_and_its_own_evidence_first():
    decl = page(html(f'<p><a href="{PDF}">Schéma pluriannuel de mise en accessibilité numérique 2024-2026</a></p>'),
                url=SITE + "accessibilite/", depth=1)
    s = run([page(html()), decl], [document(PDF, "pdf", linked_from=SITE + "accessibilite/")])
    assert s.assessment == "favorable"
    assert s.value == {"url": PDF, "periode": "2024-2026", "echu": False}
    assert s.evidence[0].url == PDF and s.evidence[1].url == SITE + "accessibilite/"


def test_dedicated_page_named_by_its_title():
    plan = page(html("<h1>Schéma pluriannuel</h1>").replace("<title>Accueil</title>",
                "<title>Schéma pluriannuel d’accessibilité numérique 2025–2027</title>"), url=SITE + "a/", depth=1)
    s = run([page(html()), plan])
    assert (s.assessment, s.value["url"], s.value["periode"]) == ("favorable", SITE + "a/", "2025-2027")


def test_expired_plan_is_neutre():
    link = '<a href="/accessibilite/schema-pluriannuel/">Schéma pluriannuel de mise en accessibilité 2020-2022</a>'
    s = run([page(html(link))])
    assert s.assessment == "neutre" and s.value["echu"] is True and "2020-2022" in s.display


def test_other_multiyear_plans_do_not_count_and_absence_is_defavorable():
    link = '<a href="/ppi.pdf">Schéma pluriannuel d\'investissement 2024-2026</a>'
    s = run([page(html(link))])
    assert (s.value, s.assessment) == (None, "defavorable")
    assert s.evidence[0].url == SITE


def test_unreachable_site_is_inconnu():
    s = a11y_multiyear_plan.run(observations(reachable=False))
    assert s.assessment == "inconnu" and s.reason
