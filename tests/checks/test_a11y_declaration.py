from checks import a11y_declaration
from tests.checks.baseline import SITE, html, observations, page

DECL_URL = SITE + "accessibilite/"
HOME = '<footer><a href="/accessibilite/">Accessibilité : partiellement conforme</a></footer>'
STATUS = ("<p><strong>État de conformité</strong> : le site est <strong>partiellement conforme</strong> avec le "
          "référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.</p>")
RESULTS = ("<p>Résultats des tests : l'audit de conformité réalisé le 12 mars 2025 par la société Accès Pour Tous "
           "révèle que 78 % des critères du RGAA version 4.1 sont respectés.</p>")
RECOURSE = "<p>Voies de recours : vous pouvez écrire au Défenseur des droits.</p>"


def run(status: str = STATUS, results: str = RESULTS, recourse: str = RECOURSE, home: str = HOME,
        started_at: str = "2026-11-25T10:00:00Z", decl_title: str = "Déclaration d'accessibilité"):
    decl = page(html(f"<main><h1>{decl_title}</h1>{status}{results}{recourse}</main>"), url=DECL_URL, depth=1)
    obs = observations([page(html(home)), decl])
    obs.crawl["started_at"] = started_at
    return a11y_declaration.run(obs)


def test_complete_consistent_recent_declaration_is_favorable_with_its_facts():
    s = run()
    assert s.assessment == "favorable"
    assert s.value == {"url": DECL_URL, "etat": "partiellement conforme", "taux_conformite": 78.0,
                       "date_audit": "2025-03-12", "version_rgaa": "4.1", "voies_de_recours": True,
                       "mention_accueil": "partiellement conforme"}
    assert s.evidence[0].url == DECL_URL and "partiellement conforme" in s.evidence[0].snippet
    assert s.details["incoherences"] == [] and s.details["manquants"] == []


def test_wording_variants_rate_date_and_version():
    s = run(results="<p>Taux de conformité global&nbsp;: 78,5&nbsp;%. Évaluation faite en mars 2025 "
                    "(RGAA version 4.1.2).</p>")
    assert (s.value["taux_conformite"], s.value["date_audit"], s.value["version_rgaa"]) == (78.5, "2025-03", "4.1")
    s = run(results="<p>L’AUDIT a été réalisé le 12/03/2025 : le site atteint un taux de conformité de 91 %.</p>")
    assert (s.value["taux_conformite"], s.value["date_audit"]) == (91.0, "2025-03-12")
    s = run(status="<p>Etat de conformite : ce site est non-conforme au RGAA 4.1.</p>", home="<p>Accueil</p>",
            results="<p>Audit réalisé le 1er février 2025 : 35 % des critères respectés.</p>")
    assert (s.value["etat"], s.value["date_audit"], s.value["version_rgaa"]) == ("non conforme", "2025-02-01", "4.1")


def test_rate_inconsistent_with_status_is_defavorable_and_shows_the_rate_first():
    s = run(status="<p>État de conformité : le site est non conforme avec le RGAA version 4.1.</p>",
            home="<p>Accessibilité : non conforme</p>",
            results="<p>L'audit réalisé le 12 mars 2025 révèle que 62 % des critères sont respectés.</p>")
    assert s.assessment == "defavorable"
    assert "62 %" in s.details["incoherences"][0] and "partiellement conforme" in s.details["incoherences"][0]
    assert "62 %" in s.evidence[0].snippet


def test_homepage_mention_contradicting_the_declaration_is_defavorable():
    s = run(home="<p>Accessibilité : totalement conforme</p>")
    assert s.assessment == "defavorable"
    assert "totalement conforme" in s.details["incoherences"][0]
    assert s.evidence[0].url == SITE  # the contradicting homepage first


def test_audit_older_than_three_years_relative_to_the_crawl_is_neutre():
    results = RESULTS.replace("12 mars 2025", "12 mars 2022")
    s = run(results=results, started_at="2025-03-01T10:00:00Z")
    assert s.assessment == "favorable" and s.details["audit_ancien"] is False
    s = run(results=results, started_at="2026-11-25T10:00:00Z")
    assert s.assessment == "neutre" and s.details["audit_ancien"] is True
    assert "12 mars 2022" in s.details["audit_ancien_detail"] and "(plus de 3 ans)" in s.display


def test_missing_recourse_makes_it_incomplete_and_neutre():
    s = run(recourse="")
    assert s.assessment == "neutre"
    assert s.details["manquants"] == ["voies de recours (Défenseur des droits)"]
    assert "incomplète" in s.display


def test_declaration_found_through_its_footer_link_whatever_the_url():
    home = '<footer><a href="/jcms/p_1031/fr/page">Accessibilité : partiellement conforme</a></footer>'
    decl = page(html(f"<main>{STATUS}{RESULTS}{RECOURSE}</main>"), url=SITE + "jcms/p_1031/fr/page", depth=1)
    obs = observations([page(html(home)), decl])
    assert a11y_declaration.run(obs).value["url"] == SITE + "jcms/p_1031/fr/page"


def test_a_page_merely_named_accessibility_without_a_declaration_is_not_one():
    other = page(html("<main><h1>Accessibilité des bâtiments</h1><p>Rampes et ascenseurs.</p></main>"),
                 url=SITE + "accessibilite-batiments/", depth=1)
    s = a11y_declaration.run(observations([page(html()), other]))
    assert (s.value, s.assessment, s.display) == (None, "defavorable", "absente")
    assert s.evidence and s.evidence[0].url == SITE


def test_unreachable_site_is_inconnu():
    s = a11y_declaration.run(observations(reachable=False))
    assert s.assessment == "inconnu" and "DNSLookupError" in s.reason
