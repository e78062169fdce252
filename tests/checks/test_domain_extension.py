"""domain_extension: the websites' extensions ANCT deems fit for a French collectivité (RCPNT 1.2)."""
from __future__ import annotations

from checks import domain_extension
from tests.checks.baseline import SITE, html, observations, page


def run(websites: list[str], directory: dict | None = None, pages=None):
    return domain_extension.run(observations(candidate={"websites": websites, "directory": directory},
                                             pages=pages if pages is not None else []))


def test_dot_fr_is_favorable():
    s = run(["https://www.ville-x.fr/"])
    assert (s.assessment, s.display, s.value) == ("favorable", "extension française (.fr)", [".fr"])
    assert s.details["par_site"] == [{"site": "https://www.ville-x.fr/", "domaine": "ville-x.fr", "extension": ".fr",
                                      "verdict": "favorable", "type": "nationale"}]


def test_regional_european_and_overseas_extensions_are_favorable():
    for url, kind in (("https://www.mairie-plouzane.bzh/", "régionale ou européenne"),
                      ("https://www.ville-x.alsace/", "régionale ou européenne"),
                      ("https://www.ajaccio.corsica/", "régionale ou européenne"),
                      ("https://mairie.paris/", "régionale ou européenne"),
                      ("https://www.ville-x.eu/", "régionale ou européenne"),
                      ("https://www.saintdenis.re/", "d'outre-mer"),
                      ("https://www.ville-basse-terre.gp/", "d'outre-mer"),
                      ("https://www.mamoudzou.yt/", "d'outre-mer"),
                      ("https://www.ville-noumea.nc/", "d'outre-mer"),
                      ("https://www.papeete.pf/", "d'outre-mer")):
        s = run([url])
        assert (s.assessment, s.details["par_site"][0]["type"]) == ("favorable", kind), url


def test_dot_com_is_unfavourable():
    s = run(["https://www.mairie-saint-x.com/"])
    assert (s.assessment, s.display, s.value) == ("defavorable", "extension non française (.com)", [".com"])


def test_one_site_outside_the_list_decides_and_is_named():
    s = run(["https://www.ville-x.fr/", "https://www.tourisme-ville-x.org/"])
    assert (s.assessment, s.display) == ("defavorable", "extension non française (.org)")
    assert [v["verdict"] for v in s.details["par_site"]] == ["favorable", "defavorable"]


def test_internationalised_uppercase_name_with_a_trailing_dot():
    s = run(["https://WWW.Saint-Étienne-du-Bois.FR./"])
    assert (s.assessment, s.display) == ("favorable", "extension française (.fr)")


def test_a_gouv_fr_site_ends_in_fr():
    s = run(["https://www.ville-x.gouv.fr/"])
    assert s.assessment == "favorable" and s.details["par_site"][0]["domaine"] == "ville-x.gouv.fr"


def test_no_website_is_unknown():
    s = run([])
    assert (s.assessment, s.display, s.reason) == ("inconnu", "aucun site web", "aucun site web")


def test_an_address_or_a_reserved_name_is_not_judged():
    s = run(["http://192.0.2.10/"])
    assert (s.assessment, s.reason) == ("inconnu", "192.0.2.10 : adresse IP, sans nom de domaine")
    s = run(["http://www.ville.test/"])
    assert (s.assessment, s.reason) == ("inconnu", "www.ville.test : nom réservé aux essais (RFC 6761), jamais enregistré")
    # Beside a real name, the reserved one is set aside and said.
    s = run(["https://www.ville-x.fr/", "http://www.ville.test/"])
    assert s.assessment == "favorable" and "RFC 6761" in s.reason


def test_evidence_is_the_archived_homepage_or_the_directory_row():
    s = run([SITE], pages=[page(html())])
    assert (s.evidence[0].url, s.evidence[0].snippet) == (SITE, "www.exemple-commune.fr : extension française (.fr)")
    assert s.evidence[0].sha256 and s.evidence[0].record_id
    row = {"source": "anct", "file": "dpnt.csv", "sha256": "b4" * 32, "line": 88, "published": "2026-11-30",
           "row": {"site_internet": "https://www.ville-x.com", "rpnt": "1.1, 2.1"}}
    s = run(["https://www.ville-x.com/"], directory=row)
    assert s.evidence[0].url == "annuaire:dpnt.csv#ligne=88" and s.evidence[0].sha256 == "b4" * 32
    assert s.evidence[0].snippet.startswith("site_internet : https://www.ville-x.com (ANCT")
    assert s.details["selon_l_anct"] == [{"critere": "1.2 — une extension de domaine souveraine",
                                          "constat_anct": "non respecté", "colonne": "rpnt : « 1.1, 2.1 »"}]
    # Without a page nor a directory, the address itself (no hash: nothing was archived for it).
    s = run(["https://www.ville-x.fr/"])
    assert (s.evidence[0].url, s.evidence[0].sha256) == ("https://www.ville-x.fr/", None)
