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


# --- one fact at a time -----------------------------------------------------------------------------

from checks.a11y_multiyear_plan import UI, period  # noqa: E402


def test_period_is_read_from_the_first_text_that_has_a_well_ordered_one():
    assert period("Schéma pluriannuel", "/schema-2024-2026/") == (2024, 2026)  # none in the first text
    assert period("plan 2026-2024", "/schema-2024-2026/") == (2024, 2026)  # reversed years: not a period
    assert period("Schéma pluriannuel 2024-2024") == (2024, 2024)  # boundary: start = end is a period
    assert period("Schéma pluriannuel", "") is None


def test_a_page_named_by_its_url_alone_is_found_with_its_title_and_the_period_of_its_url():
    p = page(html(), url=SITE + "schema-pluriannuel-accessibilite-2024-2026/#a#b", depth=1)
    s = run([page(html()), p])
    assert s.value == {"url": SITE + "schema-pluriannuel-accessibilite-2024-2026/", "periode": "2024-2026",
                       "echu": False}
    assert s.evidence[0].snippet == "<title>Accueil</title>"
    assert s.details == {"schemas": [SITE + "schema-pluriannuel-accessibilite-2024-2026/"],
                         "date_reference": "2026-11-25"}
    assert s.assessment == "favorable" and "2024-2026" in s.display


def test_a_link_named_by_its_text_alone_is_found_without_its_fragment():
    link = '<a href="/documents/1234#a#b">Schéma pluriannuel de mise en accessibilité</a>'
    s = run([page(html(link))])
    assert (s.assessment, s.value["url"]) == ("favorable", SITE + "documents/1234")
    assert s.evidence[0].snippet.startswith(f'<a href="{SITE}documents/1234">')


def test_a_link_named_by_its_path_alone_gives_the_period_of_its_path():
    link = '<a href="/files/schema-pluriannuel-accessibilite-2025-2027.pdf">Télécharger</a>'
    s = run([page(html(link))])
    assert s.value == {"url": SITE + "files/schema-pluriannuel-accessibilite-2025-2027.pdf", "periode": "2025-2027",
                       "echu": False}


def test_a_fetched_document_named_by_its_url_counts_even_without_a_named_link():
    doc = SITE + "IMG/pdf/schema-pluriannuel-accessibilite-2026-2028.pdf"
    s = run([page(html())], [document(doc, "pdf")])
    assert s.value == {"url": doc, "periode": "2026-2028", "echu": False}
    assert s.evidence[0].url == doc and s.evidence[0].snippet.startswith("PDF")
    assert s.details["schemas"] == [doc]


def test_the_linked_document_evidence_names_its_format():
    decl = page(html(f'<p><a href="{PDF}">Schéma pluriannuel 2024-2026</a></p>'), url=SITE + "accessibilite/", depth=1)
    s = run([page(html()), decl], [document(PDF, "pdf", linked_from=SITE + "accessibilite/")])
    assert s.evidence[0].snippet.startswith("PDF")


def test_a_plan_without_period_is_favorable_and_shows_no_period():
    s = run([page(html('<a href="/schema-pluriannuel-accessibilite/">Schéma pluriannuel</a>'))])
    assert (s.assessment, s.value["periode"], s.value["echu"]) == ("favorable", None, False)
    assert s.display == UI["found"]


def test_the_plan_ending_last_comes_first_whatever_its_start_or_url():
    links = ('<a href="/a-schema-pluriannuel-accessibilite-2021-2023.pdf">x</a>'
             '<a href="/b-schema-pluriannuel-accessibilite-2024-2025.pdf">x</a>'
             '<a href="/c-schema-pluriannuel-accessibilite-2022-2026.pdf">x</a>'
             '<a href="/d-schema-pluriannuel-accessibilite.pdf">x</a>')
    s = run([page(html(links))])
    assert s.value == {"url": SITE + "c-schema-pluriannuel-accessibilite-2022-2026.pdf", "periode": "2022-2026",
                       "echu": False}
    assert s.details["schemas"] == [SITE + f"{n}-schema-pluriannuel-accessibilite{p}.pdf"
                                    for n, p in (("c", "-2022-2026"), ("b", "-2024-2025"), ("a", "-2021-2023"), ("d", ""))]


def test_an_expired_plan_keeps_its_evidence_and_details():
    link = '<a href="/accessibilite/schema-pluriannuel/">Schéma pluriannuel de mise en accessibilité 2020-2022</a>'
    s = run([page(html(link))])
    assert s.assessment == "neutre" and s.evidence[0].url == SITE
    assert s.details == {"schemas": [SITE + "accessibilite/schema-pluriannuel/"], "date_reference": "2026-11-25"}


def test_without_any_date_a_plan_is_not_judged_expired():
    link = '<a href="/accessibilite/schema-pluriannuel/">Schéma pluriannuel de mise en accessibilité 2020-2022</a>'
    p = page(html(link))
    p.fetched_at = ""
    s = a11y_multiyear_plan.run(observations([p]))
    assert (s.assessment, s.value["echu"], s.details["date_reference"]) == ("favorable", False, None)


def test_absence_shows_the_homepage_of_the_websites_not_of_a_portal():
    portal = page(html(), url="https://data.exemple-commune.fr/", homepage=True)
    portal.site = "https://data.exemple-commune.fr/"
    other = page(html(), url="https://www.autre-site.fr/", homepage=True)
    other.site = "https://www.autre-site.fr/"
    obs = observations([portal, page(html()), other], candidate={"websites": [SITE, "https://www.autre-site.fr/"],
                                                                "opendata": ["https://data.exemple-commune.fr/"]})
    s = a11y_multiyear_plan.run(obs)
    assert s.assessment == "defavorable" and s.display
    assert [e.url for e in s.evidence] == [SITE] and s.evidence[0].snippet
    assert s.details == {"schemas": []}


def test_absence_without_declared_websites_shows_the_first_homepage():
    obs = observations([page(html())])
    del obs.candidate["websites"]
    s = a11y_multiyear_plan.run(obs)
    assert s.assessment == "defavorable" and [e.url for e in s.evidence] == [SITE]


def test_unreachable_site_has_a_display():
    assert a11y_multiyear_plan.run(observations(reachable=False)).display


# --- what the documents say of themselves (issue 19) -------------------------------------------------

def test_a_plan_behind_an_opaque_name_is_read_from_its_first_page_with_its_years():
    from checks import a11y_multiyear_plan
    from tests.checks.baseline import document, html, observations, page

    site = "https://www.exemple-commune.fr"
    doc = document(f"{site}/fichiers/spma.pdf", "pdf")
    doc.text = [(1, "Commune d'Exemple\nSchéma pluriannuel de mise en accessibilité numérique\n2024 – 2026\n"
                    "Ce schéma présente la politique de la commune…"), (2, "Plan d'actions 2024")]
    other = document(f"{site}/fichiers/ppi.pdf", "pdf")
    other.text = [(1, "Plan pluriannuel d'investissement 2024-2028")]
    s = a11y_multiyear_plan.run(observations(
        [page(html('<p><a href="/fichiers/spma.pdf">Document (PDF)</a> <a href="/fichiers/ppi.pdf">PPI</a></p>'))],
        documents=[doc, other]))
    assert s.value["url"] == f"{site}/fichiers/spma.pdf" and s.value["periode"] == "2024-2026"
    assert s.details["schemas"] == [f"{site}/fichiers/spma.pdf"]
    [ev] = [e for e in s.evidence if e.page is not None]
    assert ev.page == 1 and ev.snippet.startswith("Commune d'Exemple Schéma pluriannuel de mise en accessibilité")
