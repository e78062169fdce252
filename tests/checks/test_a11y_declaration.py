import pytest

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


# --- the état, read from the sentence that states it ----------------------------------------------------

PARTIAL_DECREE = ("<h2>État de conformité</h2><p>La commune d'Exemple est en conformité partielle avec le référentiel "
                  "général d'amélioration de l'accessibilité (RGAA), version 4.1, en raison des non-conformités "
                  "énumérées ci-dessous.</p>")
NOT_ACCESSIBLE = ("<h2>Contenus non accessibles</h2><h3>Non-conformités</h3><p>Liste des critères non-conformes :</p>"
                  "<ul><li>Critère 1.2 : images de décoration non ignorées.</li>"
                  "<li>Critère 11.1 : le champ de recherche du site est non conforme au RGAA (pas d'étiquette).</li></ul>")


def test_status_in_the_decree_wording_is_not_taken_from_the_non_conformities_listed_after_it():
    s = run(status=PARTIAL_DECREE, results=RESULTS + NOT_ACCESSIBLE)
    assert (s.value["etat"], s.assessment) == ("partiellement conforme", "favorable")
    assert s.details["incoherences"] == []
    assert "est en conformité partielle" in s.evidence[0].snippet


def test_status_sentence_without_the_heading_is_read_from_the_sentence_about_the_site():
    status = ("<p>La commune d'Exemple est en conformité partielle avec le référentiel général d'amélioration de "
              "l'accessibilité (RGAA), version 4.1.</p>")
    s = run(status=status, results=RESULTS + NOT_ACCESSIBLE)
    assert (s.value["etat"], s.assessment) == ("partiellement conforme", "favorable")


def test_status_block_ends_at_the_next_section_of_the_model():
    status = ("<h2>État de conformité</h2><p>Le site est partiellement conforme avec le RGAA 4.1.</p>"
              "<h2>Résultats des tests</h2><p>L'audit réalisé le 12 mars 2025 révèle que 78 % des critères sont "
              "respectés ; la version mobile du site n'est pas conforme.</p>")
    s = run(status=status, results="")
    assert (s.value["etat"], s.value["taux_conformite"]) == ("partiellement conforme", 78.0)
    # without the heading, two états about the site: unsure
    s = run(status=status.replace("<h2>État de conformité</h2>", ""), results="")
    assert (s.value["etat"], s.value["taux_conformite"]) == (None, 78.0)


@pytest.mark.parametrize("sentence", [
    "Le site est toujours partiellement conforme.",  # about the site
    "Exemple-sur-Mer est partiellement conforme avec le RGAA 4.1.",  # about the RGAA
])
def test_status_without_the_heading_needs_the_site_or_the_rgaa_in_its_sentence(sentence):
    s = run(status=f"<p>{sentence}</p>")
    assert s.value["etat"] == "partiellement conforme"


INTRO = ("Cette rubrique présente le résultat de l'évaluation menée sur un échantillon de pages représentatif, choisi "
         "avec le service communication : la page d'accueil, la page contact, les mentions légales, le plan, les "
         "démarches en ligne les plus demandées, les actualités et l'agenda, ainsi que deux documents téléchargeables "
         "tirés au hasard parmi les délibérations du conseil municipal de l'année écoulée.")  # 399 characters
TOOLS = ("Les pages ont été testées avec Firefox et NVDA, Safari et VoiceOver, Chrome et JAWS, sur un ordinateur de "
         "bureau et un téléphone ; les documents PDF avec Acrobat Reader. Les corrections sont suivies dans le plan "
         "d'action de l'année, publié avec le schéma pluriannuel ; les vidéos publiées avant 2024 seront sous-titrées "
         "à la demande, et les anciens bulletins municipaux numérisés seront remplacés par leur version en texte au "
         "fil des parutions.")  # 444 characters


def test_status_block_reaches_600_characters_after_the_heading_and_no_further():
    # 400 characters after the heading, "Il est …" is still the état (no site, no RGAA in its sentence)
    s = run(status=f"<h2>État de conformité</h2><p>{INTRO}</p><p>Il est partiellement conforme au sens du décret.</p>")
    assert s.value["etat"] == "partiellement conforme"
    # 900 characters after it, another statement is not a second état for the block
    s = run(status=f"<h2>État de conformité</h2><p>Le site est partiellement conforme avec le RGAA 4.1.</p><p>{INTRO} "
                   f"{TOOLS}</p><p>Le module de paiement du site, fourni par un prestataire, n’est pas conforme.</p>")
    assert s.value["etat"] == "partiellement conforme"


@pytest.mark.parametrize("sentence, etat", [
    ("Le site www.exemple-commune.fr est en totale conformité avec le RGAA.", "totalement conforme"),
    ("Le site www.exemple-commune.fr est en conformité totale avec le RGAA.", "totalement conforme"),
    ("Le site www.exemple-commune.fr n’est pas en conformité avec le RGAA.", "non conforme"),
    ("Le site www.exemple-commune.fr n'est pas encore conforme au RGAA.", "non conforme"),
    ("Notre site est non conforme avec le RGAA.", "non conforme"),  # the DINUM generator's output
    ("Le site est, à ce jour, partiellement conforme avec le RGAA 4.1.", "partiellement conforme"),
    ("Le site est toujours partiellement conforme.", "partiellement conforme"),
    ("Le site reste non-conforme avec le RGAA.", "non conforme"),
    (": partiellement conforme.", "partiellement conforme"),  # the heading, then the status alone
    (": conformité partielle.", "partiellement conforme"),
    ("du site : non-conformité.", "non conforme"),
    ("au RGAA : totalement conforme.", "totalement conforme"),
])
def test_status_wordings_under_the_heading(sentence, etat):
    s = run(status=f"<p>État de conformité {sentence}</p>", home="<p>Accueil</p>")
    assert s.value["etat"] == etat


@pytest.mark.parametrize("status", [
    # the RGAA's model left as it is
    ("<h2>État de conformité</h2><p>[Nom du site] est [totalement / partiellement / non] conforme avec [pour les "
    "sites : le référentiel général d’amélioration de l’accessibilité].</p>"),
    # the décret's format with its three options left in, with or without its heading
    ("<h2>État de conformité</h2><p>(a) [Nom du site] est en totale conformité avec le RGAA.</p><p>(b) [Nom du site] "
    "est en conformité partielle avec le RGAA en raison des non-conformités énumérées ci-dessous.</p>"
    "<p>(c) [Nom du site] n’est pas en conformité avec le RGAA.</p>"),
    ("<p>(a) [Nom du site] est en totale conformité avec le RGAA.</p><p>(b) [Nom du site] est en conformité "
    "partielle avec le RGAA.</p><p>(c) [Nom du site] n’est pas en conformité avec le RGAA.</p>"),
    # the obligations' definitions, copied into the page
    ("<p>La déclaration comprend un état de conformité : Conformité totale : si tous les critères de contrôle du RGAA "
    "sont respectés ; Conformité partielle : si au moins 50 % des critères de contrôle du RGAA sont respectés ; "
    "Non-conformité : s’il n’existe aucun résultat d’audit en cours de validité permettant de mesurer le respect "
    "des critères ou si moins de 50 % des critères de contrôle du RGAA sont respectés.</p>"),
    # without the heading, a criterion's verdict is not the site's état, even with the site or the RGAA in
    # another sentence or far in a long one
    "<p>Le critère 11.1 est non conforme sur la page Contact.</p>",
    ("<p>Le site de la commune est en cours de refonte. Le critère 11.1 est non conforme sur la page Contact. "
    "Les autres critères sont en cours d'évaluation.</p>"),
    ("<p>Le critère 11.1 est non conforme sur la page Contact, dont le formulaire d’inscription aux activités "
    "périscolaires, à la cantine et au transport scolaire n’a ni étiquettes ni messages d’erreur explicites pour les "
    "personnes qui utilisent un lecteur d’écran, comme le demande le référentiel.</p>"),
    # nor is the word "conforme" alone
    "<p>État de conformité : le site est conforme à ses obligations légales de publication.</p>",
])
def test_no_status_is_read_from_a_template_definitions_or_a_criterion(status):
    s = run(status=status, results="", home="<p>Accueil</p>")
    assert (s.value["etat"], s.value["taux_conformite"]) == (None, None)
    assert s.details["sans_audit"] is False
    assert s.assessment == "neutre" and "état de conformité" in s.details["manquants"]


def test_definitions_in_the_status_block_are_skipped():
    status = ("<h2>État de conformité</h2><p>Un site est totalement conforme si tous les critères sont respectés, "
              "partiellement conforme si au moins la moitié le sont ; il est non conforme s’il n’existe aucun résultat "
              "d’audit.</p><p>Le site www.exemple-commune.fr est partiellement conforme avec le RGAA 4.1.</p>")
    s = run(status=status)
    assert (s.value["etat"], s.assessment) == ("partiellement conforme", "favorable")


def test_definitions_before_the_real_status_are_skipped():
    definitions = ("<p>Rappel, l’état de conformité : Conformité totale : si tous les critères du RGAA sont respectés ; "
                   "Conformité partielle : si au moins 50 % des critères de contrôle du RGAA sont respectés ; "
                   "Non-conformité : s’il n’existe aucun résultat d’audit en cours de validité.</p>")
    s = run(status=definitions + STATUS)
    assert (s.value["etat"], s.value["taux_conformite"], s.assessment) == ("partiellement conforme", 78.0, "favorable")
    assert s.details["sans_audit"] is False


# --- the rate --------------------------------------------------------------------------------------------

AUDIT = "<p>L'audit réalisé le 12 mars 2025 par la société Accès Pour Tous révèle que :</p>"


@pytest.mark.parametrize("results, rate, kind", [
    ("<p>Le taux moyen de conformité du site de 85,44 % .</p>", 85.44, "moyen"),
    ("<p>Taux moyen de conformité du site de 85,44\u00a0%.</p>", 85.44, "moyen"),
    ("<p>Taux moyen de conformité du site de 85.44 %.</p>", 85.44, "moyen"),
    ("<p>Le taux de conformité moyen de chaque page de l’échantillon s’élève à 68%.</p>", 68.0, "moyen"),
    ("<p>Le taux de conformité global est de 71 %.</p>", 71.0, "criteres"),
    ("<p>Le taux global de conformité s'élève à 71 %.</p>", 71.0, "criteres"),
    ("<p>71 % des critères RGAA sont respectés.</p>", 71.0, "criteres"),
    ("<p>Taux de conformité au RGAA 4.1 : 78 %.</p>", 78.0, "criteres"),
    ("<p>Le site est conforme à 78 % au RGAA version 4.1.</p>", 78.0, "criteres"),
    # both: the share of criteria met is the rate, wherever it stands
    (("<ul><li>40 % des critères RGAA sont respectés.</li><li>Le taux moyen de conformité du service en ligne "
     "s’élève à 50 %.</li></ul>"), 40.0, "criteres"),
    (("<ul><li>Le taux moyen de conformité du service en ligne s’élève à 68 %.</li>"
     "<li>46 % des critères du RGAA version 4.1.2 sont respectés.</li></ul>"), 46.0, "criteres"),
    # the share of criteria met before a page's own rate, wherever they stand
    (("<p>Le taux de conformité de la page d'accueil est de 90 %. 78 % des critères sont respectés sur "
     "l'échantillon.</p>"), 78.0, "criteres"),
    # a rate above 100 % is a typing error, not the rate
    ("<p>Taux de conformité : 785 %. Le site est conforme à 78,5 % au RGAA.</p>", 78.5, "criteres"),
])
def test_rate_wordings(results, rate, kind):
    s = run(results=AUDIT + results)
    assert s.value["taux_conformite"] == rate
    assert s.details["taux_type"] == {"criteres": "part des critères respectés", "moyen": "taux moyen des pages"}[kind]


@pytest.mark.parametrize("results", [
    "<p>Conformité partielle : si au moins 50 % des critères de contrôle du RGAA sont respectés.</p>",
    "<p>Non-conformité : si moins de 50 % des critères de contrôle du RGAA sont respectés.</p>",
    "<p>Le résultat de l’audit donne un taux de conformité supérieur à 50 %.</p>",
    "<p>Le résultat de l’audit donne un taux de conformité égal à 100 %.</p>",
    "<p>Le résultat de l’audit donne un taux de conformité inférieur à 50 %.</p>",
    "<p>Conformité partielle : un résultat supérieur ou égal à 50 % des critères respectés.</p>",
    "<p>Non-conformité : un résultat inférieur à 50 % des critères respectés.</p>",
    "<p>Objectif du plan d'action : un taux de conformité d'au moins 75 % en 2026.</p>",
    "<p>Objectif du plan d'action : un taux de conformité de plus de 75 % en 2026.</p>",
    "<p>Objectif du plan d'action : un taux moyen de conformité d'au moins 80 % en 2026.</p>",
    "<p>Plus de 50 % des critères sont en cours de correction.</p>",
    "<p>Taux de conformité : 12 mars 2025, voir la grille, 5 %</p>",  # a date between: not the rate's sentence
])
def test_thresholds_and_instructions_are_not_a_rate(results):
    assert run(results=AUDIT + results).value["taux_conformite"] is None


def test_an_average_rate_does_not_contradict_the_status():
    # 85 % on average per page may go with fewer than half of the criteria met: "non conforme" can be right.
    s = run(status="<p>État de conformité : le site est non conforme avec le RGAA version 4.1.</p>",
            home="<p>Accessibilité : non conforme</p>",
            results=AUDIT + "<p>Le taux moyen de conformité du site s'élève à 85 %.</p>")
    assert s.details["incoherences"] == [] and s.assessment == "neutre"
    assert s.display == "publiée : non conforme, 85 % (taux moyen), audit 12 mars 2025"
    s = run(status="<p>État de conformité : le site est non conforme avec le RGAA version 4.1.</p>",
            home="<p>Accessibilité : non conforme</p>",
            results=AUDIT + "<p>85 % des critères sont respectés.</p>")
    assert s.assessment == "defavorable"


# --- no audit: the état can only be "non conforme" -------------------------------------------------------

NO_AUDIT_RESULTS = "<p>Résultats des tests : aucun audit n'a été réalisé à ce jour.</p>"


def test_partially_conforming_without_an_audit_is_defavorable_with_the_sentence_first():
    s = run(results=NO_AUDIT_RESULTS)
    assert s.assessment == "defavorable" and s.details["sans_audit"] is True
    assert s.details["incoherences"][0] == (
        "« partiellement conforme » annoncé alors que la déclaration indique qu'aucun audit n'a été réalisé : "
        "sans audit, l'état de conformité est « non conforme »")
    assert "aucun audit n'a été réalisé" in s.evidence[0].snippet and s.evidence[0].url == DECL_URL
    assert (s.value["etat"], s.value["taux_conformite"], s.value["date_audit"]) == ("partiellement conforme", None, None)
    assert "sans audit" in s.display and "incohérente" in s.display


@pytest.mark.parametrize("sentence", [
    "Le site n'a pas encore fait l'objet d'un audit.",
    "Le site n’a fait l’objet d’aucun audit de conformité.",
    "Audit à venir.",
    "Le site n’a encore pas été audité.",  # the DINUM generator's sentence
    "Aucun audit d’accessibilité RGAA n’a pour l’instant été fait.",
    "Aucun audit de conformité n'a encore été réalisé.",
    "Le site est en attente d'audit.",
    "Audit de conformité non réalisé.",
])
def test_no_audit_wordings(sentence):
    s = run(results=f"<p>{sentence}</p>")
    assert (s.assessment, s.details["sans_audit"]) == ("defavorable", True)
    assert " ".join(sentence.split()) in s.evidence[0].snippet


def test_non_conforme_without_an_audit_is_consistent_and_neutre():
    s = run(status="<p>État de conformité : le site est non conforme avec le RGAA version 4.1.</p>",
            home="<p>Accessibilité : non conforme</p>", results=NO_AUDIT_RESULTS)
    assert (s.assessment, s.details["incoherences"], s.details["sans_audit"]) == ("neutre", [], True)
    assert any("aucun audit n'a été réalisé" in e.snippet for e in s.evidence)


def test_homepage_claiming_a_status_without_audit_nor_declared_status_is_defavorable():
    s = run(status="<p>La commune s'engage à rendre son site accessible.</p>", results=NO_AUDIT_RESULTS,
            home="<p>Accessibilité : partiellement conforme</p>")
    assert s.value["etat"] is None and s.assessment == "defavorable"
    assert s.details["incoherences"] == [("la page d'accueil affiche « partiellement conforme » alors que la "
                                         "déclaration indique qu'aucun audit n'a été réalisé")]
    assert s.evidence[0].url == SITE


@pytest.mark.parametrize("results", [
    RESULTS + "<p>Le prochain audit à venir en 2027 portera sur la nouvelle version du site.</p>",
    RESULTS + "<p>Un nouvel audit à venir suivra la refonte.</p>",
    # a statement about another service, beside a reported audit and its rate: unsure, no verdict on it
    RESULTS + "<p>Aucun audit n'a été réalisé sur l'application mobile.</p>",
    # the definition of "non-conformité" is not a statement
    RESULTS + "<p>Non-conformité : s’il n’existe aucun résultat d’audit en cours de validité.</p>",
])
def test_a_reported_audit_or_a_definition_is_not_an_absence_of_audit(results):
    s = run(results=results)
    assert (s.assessment, s.details["sans_audit"]) == ("favorable", False)


@pytest.mark.parametrize("results, missing", [
    (("<p>78 % des critères du RGAA version 4.1 sont respectés (auto-évaluation). Aucun audit n'a été réalisé sur "
     "l'application mobile.</p>"), "date de l'audit"),
    ("<p>L'audit réalisé le 12 mars 2025 couvre le site. Aucun audit n'a été réalisé sur l'application mobile.</p>",
     "taux de conformité"),
])
def test_a_rate_of_criteria_or_an_audit_date_beside_no_audit_leaves_it_unsure(results, missing):
    s = run(results=results)
    assert (s.assessment, s.details["sans_audit"], s.details["incoherences"]) == ("neutre", False, [])
    assert s.details["manquants"] == [missing]


def test_the_date_after_a_no_audit_sentence_is_not_an_audit_date():
    s = run(status="<p>État de conformité : le site est non conforme avec le RGAA version 4.1.</p>",
            home="<p>Accessibilité : non conforme</p>",
            results=NO_AUDIT_RESULTS + "<p>Établissement de cette déclaration : 2 décembre 2025.</p>")
    assert s.value["date_audit"] is None and s.details["sans_audit"] is True


# --- finding it ------------------------------------------------------------------------------------------

def test_declaration_found_through_a_mention_link_in_parentheses():
    home = '<footer><a href="/page-42">Accessibilité (partiellement conforme)</a></footer>'
    decl = page(html(f"<main>{PARTIAL_DECREE}{RESULTS}{RECOURSE}</main>"), url=SITE + "page-42", depth=1)
    s = a11y_declaration.run(observations([page(html(home)), decl]))
    assert (s.value["url"], s.value["etat"]) == (SITE + "page-42", "partiellement conforme")


def test_absence_says_where_it_was_looked_for():
    other = page(html("<main><p>Horaires de la mairie</p></main>"), url=SITE + "mairie/", depth=1)
    s = a11y_declaration.run(observations([page(html()), other]))
    assert (s.assessment, s.searched) == ("defavorable", {"pages": 2})
    assert run().searched is None


def test_the_date_a_declaration_was_made_is_not_an_audit_date():
    """Seen in the corpus (rgaa-says-partial-but-no-audit-made): a planned audit, then the declaration's
    own date in the next sentence. The date is the declaration's: the no-audit sentence still counts."""
    s = run(results="<p>Aucun audit de conformité n’a encore été réalisé sur ce site. Un audit est programmé "
                    "au second semestre 2025.</p><p>Cette déclaration a été établie le 14 mars 2024.</p>")
    assert (s.assessment, s.details["sans_audit"], s.value["date_audit"]) == ("defavorable", True, None)


def test_an_audit_date_in_the_audits_own_sentence_is_read():
    s = run(results="<p>L’audit de conformité réalisé par la société Exemple le 12 mars 2025 révèle que 61 % "
                    "des critères sont respectés.</p>")
    assert s.value["date_audit"] == "2025-03-12"


# --- a declaration published only as a document (issue 19) ---------------------------------------------

def test_a_declaration_published_as_a_pdf_is_read_and_cited_with_its_page():
    from checks import a11y_declaration
    from ground.doctext import extract
    from tests.checks.baseline import document, html, observations, page
    from tests.documents.build import pdf

    site = "https://www.exemple-commune.fr"
    body = pdf([
        ["Déclaration d'accessibilité", "La commune d'Exemple s'engage à rendre son site accessible.",
         "État de conformité", "Le site www.exemple-commune.fr est en conformité partielle avec le RGAA",
         "version 4.1.2."],
        ["Résultats des tests", "L'audit de conformité réalisé le 14 novembre 2025 révèle que",
         "72 % des critères du RGAA version 4.1.2 sont respectés.",
         "Voies de recours : vous pouvez saisir le Défenseur des droits."],
    ])
    facts = extract(body)
    doc = document(f"{site}/fichiers/declaration-accessibilite.pdf", "pdf")
    doc.text = facts["pages"]
    home = page(html('<footer><a href="/fichiers/declaration-accessibilite.pdf">Déclaration d\'accessibilité '
                     '(PDF)</a></footer>'), url=site)
    s = a11y_declaration.run(observations([home], documents=[doc]))
    assert s.value["url"] == doc.url
    assert (s.value["etat"], s.value["taux_conformite"], s.value["date_audit"], s.value["version_rgaa"]) == (
        "partiellement conforme", 72.0, "2025-11-14", "4.1.2")
    cited = {e.page for e in s.evidence if e.url == doc.url}
    assert 1 in cited and 2 in cited  # the status on page 1, the audit date on page 2
