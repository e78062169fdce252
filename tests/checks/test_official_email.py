"""official_email: the official address on the collectivité's own domain (RCPNT 2.2, 2.3), hand-written cases."""
from __future__ import annotations

from checks import official_email
from tests.checks.netbaseline import dns, mx, net_observations

FILE_SHA = "a3" * 32


def anct_row(line: int, **cells) -> dict:
    """A directory row as `tnl candidates` keeps it from ANCT's DPNT file (CSV: one text per cell)."""
    return {"source": "anct", "file": "dpnt-2026-11-30.csv", "sha256": FILE_SHA, "line": line,
            "published": "2026-11-30", "row": {"type": "commune", **cells}}


def run(email: str | None, websites: list[str], *records, directory: dict | None = None):
    candidate = {"email": email, "websites": websites, "directory": directory}
    return official_email.run(net_observations(netrecords=list(records), candidate=candidate))


def test_a_wanadoo_address_is_a_consumer_provider_whatever_the_website():
    s = run("mairie.saint-x@wanadoo.fr", ["https://www.saint-x.fr/"],
            mx("wanadoo.fr", (10, "smtp-in.orange.fr")))
    assert (s.assessment, s.display) == ("defavorable", "chez un fournisseur grand public (Orange (Wanadoo))")
    assert s.value == "mairie.saint-x@wanadoo.fr" and s.details["fournisseur"] == "Orange (Wanadoo)"
    # The DNS answer for the address's domain is its evidence: Orange's servers.
    assert [e.url for e in s.evidence] == ["dns:wanadoo.fr?type=MX"]
    assert s.evidence[0].snippet == "wanadoo.fr MX 10 smtp-in.orange.fr"


def test_gmail_orange_and_laposte_are_consumer_providers_too():
    assert run("mairie.vallon@gmail.com", []).display == "chez un fournisseur grand public (Gmail)"
    assert run("mairie-x@orange.fr", []).assessment == "defavorable"
    assert run("Commune.Y@LaPoste.net", []).display == "chez un fournisseur grand public (La Poste (laposte.net))"


def test_an_address_on_the_website_domain_is_favorable_with_its_mx_as_evidence():
    s = run("contact@ville-x.fr", ["https://www.ville-x.fr/"], mx("ville-x.fr", (10, "mx.ville-x.fr")))
    assert (s.assessment, s.display) == ("favorable", "sur le domaine du site (ville-x.fr)")
    assert s.details["mx"] == {"rcode": "NOERROR", "serveurs": ["mx.ville-x.fr"]}
    assert s.evidence[0].url == "dns:ville-x.fr?type=MX" and s.evidence[0].snippet == "ville-x.fr MX 10 mx.ville-x.fr"


def test_uppercase_and_a_trailing_dot_change_nothing():
    s = run("Contact@Ville-X.FR.", ["https://WWW.Ville-X.fr/"])
    assert (s.assessment, s.display) == ("favorable", "sur le domaine du site (ville-x.fr)")


def test_an_address_on_a_subdomain_of_the_site_is_favorable():
    s = run("accueil@mairie.ville-x.fr", ["https://www.ville-x.fr/"])
    assert s.assessment == "favorable"


def test_an_intercommunal_address_for_a_commune_with_its_own_site_is_neutral_and_says_why():
    s = run("accueil@cc-pays-y.fr", ["https://www.saint-z.fr/"])
    assert (s.assessment, s.display) == ("neutre", "sur un autre domaine que celui du site (cc-pays-y.fr)")
    assert "syndicat" in s.reason and "intercommunalité" in s.reason


def test_a_similar_name_is_another_domain():
    # saint-x.fr and mairie-saint-x.fr are two registrations: nothing says the second is the commune's.
    s = run("contact@mairie-saint-x.fr", ["https://www.saint-x.fr/"])
    assert (s.assessment, s.display) == ("neutre", "sur un autre domaine que celui du site (mairie-saint-x.fr)")


def test_a_site_on_a_subdomain_of_the_departement_domain():
    site = ["https://saint-x.cantal.fr/"]
    # The address on the site's own name: the same name as the site.
    assert run("mairie@saint-x.cantal.fr", site).assessment == "favorable"
    # On the département's domain, above the site: a domain others share.
    s = run("mairie.saint-x@cantal.fr", site)
    assert (s.assessment, s.display) == ("neutre", "sur le domaine dont le site est un sous-domaine (cantal.fr)")
    assert "cantal.fr" in s.reason


def test_a_state_address_under_gouv_fr_is_another_domain():
    s = run("pref-courrier@ain.gouv.fr", ["https://www.ville-x.fr/"])
    assert (s.assessment, s.details["domaine_enregistre"]) == ("neutre", "ain.gouv.fr")


def test_internationalised_names_compare_whatever_their_writing():
    s = run("mairie@saint-étienne-du-bois.fr", ["https://www.Saint-Étienne-du-Bois.fr/"])
    assert (s.assessment, s.display) == ("favorable", "sur le domaine du site (saint-étienne-du-bois.fr)")


def test_no_address_is_unknown():
    for email in (None, "", "  "):
        s = run(email, ["https://www.ville-x.fr/"])
        assert (s.assessment, s.reason) == (
            "inconnu", "aucune adresse électronique connue (ni annuaire ni fichier des candidats)")


def test_an_unreadable_address_is_unknown():
    s = run("mairie at saint-x.fr", ["https://www.saint-x.fr/"])
    assert (s.assessment, s.reason) == ("inconnu", "adresse illisible : 'mairie at saint-x.fr'")


def test_without_a_website_an_address_of_its_own_is_neutral_and_a_consumer_one_unfavourable():
    s = run("mairie@le-hameau.fr", [], mx("le-hameau.fr", (10, "mx1.mail.ovh.net")))
    assert (s.assessment, s.display) == ("neutre", "sur un domaine propre ou partagé (le-hameau.fr), sans site pour comparer")
    assert s.reason == "aucun site web connu pour comparer le domaine de l'adresse à celui du site"
    assert run("mairie.le-hameau@wanadoo.fr", []).assessment == "defavorable"


def test_a_domain_the_dns_does_not_know_cannot_receive_mail():
    s = run("mairie@saint-x-ancien.fr", ["https://www.saint-x.fr/"], dns("saint-x-ancien.fr", "MX", rcode="NXDOMAIN"))
    assert (s.assessment, s.display) == ("defavorable", "domaine de l'adresse introuvable dans le DNS (saint-x-ancien.fr)")
    assert s.evidence[0].snippet == "saint-x-ancien.fr MX : NXDOMAIN"


def test_a_failed_or_missing_mx_lookup_is_said_and_does_not_decide():
    s = run("contact@ville-x.fr", ["https://www.ville-x.fr/"], dns("ville-x.fr", "MX", error="Timeout: 5 s"))
    assert s.assessment == "favorable" and s.evidence == []
    assert s.details["mx"] == {"raison": "ville-x.fr : recherche MX échouée (Timeout: 5 s)"}
    s = run("contact@ville-x.fr", ["https://www.ville-x.fr/"])
    assert s.details["mx"] == {"raison": "ville-x.fr : aucune recherche DNS MX dans l'archive"}


def test_the_directory_row_is_quoted_first_and_anct_results_are_attributed():
    row = anct_row(1204, libelle="Saint-X", adresse_messagerie="mairie.saint-x@wanadoo.fr",
                   site_internet="https://www.saint-x.fr", rpnt="1.1, 1.2, 1.4, 2.1, 2.4, a")
    s = run("mairie.saint-x@wanadoo.fr", ["https://www.saint-x.fr/"], mx("wanadoo.fr", (10, "smtp-in.orange.fr")),
            directory=row)
    first = s.evidence[0]
    assert first.url == "annuaire:dpnt-2026-11-30.csv#ligne=1204" and first.sha256 == FILE_SHA
    assert first.snippet == ("adresse_messagerie : mairie.saint-x@wanadoo.fr (ANCT, données de la présence "
                             "numérique des territoires — dpnt-2026-11-30.csv, ligne 1204)")
    assert first.fetched_at == "2026-11-30" and s.evidence[1].url == "dns:wanadoo.fr?type=MX"
    assert s.details["origine"] == "annuaire"
    anct = {r["critere"][:3]: r["constat_anct"] for r in s.details["selon_l_anct"]}
    assert anct == {"2.1": "respecté", "2.2": "non respecté", "2.3": "non respecté", "2.4": "respecté"}
    assert s.details["selon_l_anct"][0]["colonne"] == "rpnt : « 1.1, 1.2, 1.4, 2.1, 2.4, a »"
    # Our verdict stays ours: ANCT's 2.4 « respecté » changes nothing to the consumer address.
    assert s.assessment == "defavorable"


def test_anct_results_as_a_json_list():
    row = anct_row(7, adresse_messagerie="contact@ville-x.fr", rpnt=["1.1", "2.1", "2.2", "2.3", "2.4"])
    s = run("contact@ville-x.fr", ["https://www.ville-x.fr/"], directory=row)
    assert [r["constat_anct"] for r in s.details["selon_l_anct"]] == ["respecté"] * 4
    assert s.details["selon_l_anct"][0]["colonne"] == "rpnt : « 1.1, 2.1, 2.2, 2.3, 2.4 »"


def test_a_row_without_anct_results_shows_none():
    row = {"source": "csv", "file": "communes.csv", "sha256": FILE_SHA, "line": 3,
           "row": {"nom": "Saint-X", "email": "contact@ville-x.fr"}}
    s = run("contact@ville-x.fr", ["https://www.ville-x.fr/"], directory=row)
    assert "selon_l_anct" not in s.details
    assert s.evidence[0].snippet == "email : contact@ville-x.fr (CSV simple — communes.csv, ligne 3)"


def test_an_address_on_a_subdomain_of_a_consumer_domain_is_a_consumer_one():
    """A consumer domain or any name under it (« it or a parent of it is listed »): an address on
    a subdomain of orange.fr is Orange's, not the collectivité's."""
    s = run("mairie.saint-x@mail.orange.fr", ["https://www.saint-x.fr/"])
    assert (s.assessment, s.details["fournisseur"]) == ("defavorable", "Orange (Wanadoo)")
