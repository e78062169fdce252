"""directory_website: the public directory lists the website (RCPNT 1.1); and a collectivité without a
website is said to have none."""
from __future__ import annotations

from checks import directory_website
from checks.base import unreachable_reason
from tests.checks.baseline import observations

SHA = "c5" * 32


def row(source: str, file: str, line: int, cells: dict, published: str | None = "2026-11-30") -> dict:
    return {"source": source, "file": file, "sha256": SHA, "line": line, "published": published, "row": cells}


def run(websites: list[str], directory: dict | None):
    return directory_website.run(observations(candidate={"websites": websites, "directory": directory}, pages=[]))


def test_a_candidate_not_read_in_a_directory_is_unknown():
    s = run(["https://www.ville-x.fr/"], None)
    assert (s.assessment, s.display) == ("inconnu", "candidat hors annuaire")
    assert s.reason == "le candidat ne vient pas d'un annuaire public (fichier des candidats écrit à la main)"
    s = run([], None)
    assert s.reason.endswith("; aucun site web connu pour ce candidat")


def test_an_anct_row_with_a_website_is_favorable_and_quotes_the_cell():
    found = row("anct", "dpnt-2026-11-30.csv", 15120, {
        "type": "commune", "libelle": "Saint-X", "site_internet": "https://www.saint-x.fr",
        "adresse_messagerie": "mairie@saint-x.fr", "rpnt": "1.1, 1.2, 1.4, 1.8, 2.1",
        "service_public_url": "https://lannuaire.service-public.fr/auvergne-rhone-alpes/isere/a1b2c3"})
    s = run(["https://www.saint-x.fr"], found)
    assert (s.assessment, s.display) == ("favorable", "site inscrit à l'annuaire : https://www.saint-x.fr")
    assert s.value == ["https://www.saint-x.fr"]  # the Service-Public page of the mairie is not its website
    ev = s.evidence[0]
    assert (ev.url, ev.sha256, ev.fetched_at, ev.http_status) == (
        "annuaire:dpnt-2026-11-30.csv#ligne=15120", SHA, "2026-11-30", None)
    assert ev.snippet == ("site_internet : https://www.saint-x.fr (ANCT, données de la présence numérique des "
                          "territoires — dpnt-2026-11-30.csv, ligne 15120)")
    assert s.details["selon_l_anct"] == [
        {"critere": "1.1 — un site internet déclaré sur Service-Public.fr", "constat_anct": "respecté",
         "colonne": "rpnt : « 1.1, 1.2, 1.4, 1.8, 2.1 »"},
        {"critere": "1.8 — l'adresse du site déclarée en HTTPS", "constat_anct": "respecté",
         "colonne": "rpnt : « 1.1, 1.2, 1.4, 1.8, 2.1 »"}]


def test_an_anct_row_without_a_website_is_unfavourable_and_quotes_the_empty_cell():
    found = row("anct", "dpnt-2026-11-30.csv", 20931, {
        "type": "commune", "libelle": "Le Vallon", "site_internet": "", "adresse_messagerie": "mairie.vallon@orange.fr",
        "rpnt": "2.1", "service_public_url": "https://lannuaire.service-public.fr/occitanie/lot/f00d"})
    s = run([], found)
    assert (s.assessment, s.display, s.value) == ("defavorable", "aucun site web dans l'annuaire", [])
    assert s.evidence[0].snippet == ("site_internet : (vide) (ANCT, données de la présence numérique des territoires"
                                     " — dpnt-2026-11-30.csv, ligne 20931)")
    assert [r["constat_anct"] for r in s.details["selon_l_anct"]] == ["non respecté", "non respecté"]


def test_a_website_in_the_candidates_file_but_not_in_the_directory():
    found = row("anct", "dpnt.csv", 4, {"libelle": "Saint-Y", "site_internet": None})
    s = run(["https://www.saint-y.fr/"], found)
    assert (s.assessment, s.display) == ("defavorable", "le site n'est pas inscrit à l'annuaire")
    assert s.details["sites_du_candidat"] == ["https://www.saint-y.fr/"] and s.details["sites_inscrits"] == []


def test_a_service_public_record_lists_its_sites_as_json_text():
    # The Opendatasoft export of the Service-Public directory writes lists as JSON text in one cell.
    found = row("service-public", "api-lannuaire-administration.json", 3, {
        "nom": "Mairie - Saint-Z", "pivot": '[{"type_service_local": "mairie", "code_insee_commune": ["38999"]}]',
        "site_internet": '[{"libelle": "", "valeur": "https://www.saint-z.fr"}]',
        "adresse_courriel": "accueil@saint-z.fr",
        "url_service_public": "https://lannuaire.service-public.fr/auvergne-rhone-alpes/isere/0b0e"},
        published="2024-12-18")
    s = run(["https://www.saint-z.fr"], found)
    assert (s.assessment, s.value) == ("favorable", ["https://www.saint-z.fr"])
    assert s.evidence[0].snippet.startswith("site_internet[0].valeur : https://www.saint-z.fr (Service-Public, "
                                            "annuaire de l'administration — api-lannuaire-administration.json, ligne 3)")
    assert "selon_l_anct" not in s.details  # no ANCT column in that directory


def test_our_plain_csv_with_a_bare_domain():
    found = row("csv", "communes-38.csv", 2, {"type": "commune", "nom": "Saint-W", "site_web": "saint-w.fr",
                                                "email": "mairie@saint-w.fr"}, published=None)
    s = run(["https://saint-w.fr/"], found)
    assert (s.assessment, s.value) == ("favorable", ["saint-w.fr"])
    assert s.evidence[0].fetched_at == ""


def test_a_row_with_only_the_directory_page_lists_no_website():
    found = row("service-public", "annuaire.json", 9, {
        "nom": "Mairie - Saint-V", "site_internet": [], "url_service_public": "https://lannuaire.service-public.fr/x"})
    s = run([], found)
    assert (s.assessment, s.display) == ("defavorable", "aucun site web dans l'annuaire")
    assert s.evidence[0].snippet.startswith("site_internet : (vide) (Service-Public")


def test_without_any_website_column_the_row_says_so():
    found = row("csv", "liste.csv", 5, {"nom": "Saint-U", "email": "mairie@saint-u.fr"})
    s = run([], found)
    assert s.evidence[0].snippet == "aucune colonne ne le donne dans la ligne (CSV simple — liste.csv, ligne 5)"


def test_a_collectivite_without_website_reads_no_site_rather_than_unreachable():
    obs = observations(candidate={"websites": []}, pages=[])
    assert unreachable_reason(obs) == "aucun site web connu pour ce candidat"


def test_an_address_starting_with_www_is_a_website_whatever_its_column_a_bare_domain_only_in_a_site_column():
    """« www.… » is a web address in any column (« lien », « coordonnees »); a bare domain counts only in a
    column named for a website: « saint-u.fr » in « commentaire » may be anything."""
    found = row("csv", "communes-38.csv", 7, {"nom": "Saint-U", "lien": "www.saint-u.fr"}, published=None)
    s = run(["https://www.saint-u.fr/"], found)
    assert (s.assessment, s.value) == ("favorable", ["www.saint-u.fr"])
    found = row("csv", "communes-38.csv", 8, {"nom": "Saint-U", "commentaire": "saint-u.fr"}, published=None)
    assert run(["https://www.saint-u.fr/"], found).assessment == "defavorable"
