from checks import domain_registration
from tests.checks.netbaseline import DOMAIN, SITE, net_observations, whois

AFNIC = """domain:                        exemple-commune.fr
holder-c:                      CE12-FRNIC
registrar:                     GANDI
created:                       2003-04-01T10:00:00Z

nic-hdl:                       CE12-FRNIC
type:                          ORGANIZATION
contact:                       {holder}
"""


def parsed(holder: str | None, **extra) -> dict:
    data = {"domain": DOMAIN, "status": "ok", "registrant": holder, "registrant_as_written": holder,
            "redacted": False, "registrar": "GANDI", "creation_date": "2003-04-01T10:00:00+00:00",
            "raw": AFNIC.format(holder=holder)}
    data.update(extra)
    return data


def run(data=None, error=None):
    return domain_registration.run(net_observations(netrecords=[whois(data, error)],
                                                    candidate={"name": "Exemple-sur-Loire"}))


def test_collectivite_as_holder_is_favorable_with_whois_lines_and_age_from_crawl_date():
    s = run(parsed("Mairie d'Exemple-sur-Loire"))
    assert s.assessment == "favorable" and s.value["collectivite"] is True
    assert s.value["bureau_enregistrement"] == "GANDI"
    assert s.value["anciennete_annees"] == 23.7  # crawl on 2026-11-25, created 2003-04-01
    ev = s.evidence[0]
    assert ev.url == f"whois:{DOMAIN}" and ev.http_status is None and ev.record_id == "<urn:uuid:whois>"
    assert "contact: Mairie d'Exemple-sur-Loire" in ev.snippet and "created: 2003-04-01" in ev.snippet


def test_accents_and_case_do_not_matter():
    assert run(parsed("COMMUNE D'EXEMPLE SUR LOIRE")).assessment == "favorable"


def test_web_agency_as_holder_is_defavorable():
    s = run(parsed("Agence Pixel Loire SARL"))
    assert s.assessment == "defavorable" and s.value["titulaire"] == "Agence Pixel Loire SARL"


def test_privacy_redacted_holder_is_inconnu():
    s = run(parsed("REDACTED FOR PRIVACY"))
    assert s.assessment == "inconnu" and "masqué" in s.reason


def test_rate_limited_answer_is_inconnu():
    s = run({"domain": DOMAIN, "status": "rate_limited", "raw": "%% Too many requests"})
    assert s.assessment == "inconnu" and "limite de requêtes" in s.reason


def test_whois_unreachable_is_inconnu():
    s = run(error="ConnectionRefusedError: [Errno 111]")
    assert s.assessment == "inconnu" and "ConnectionRefusedError" in s.reason


def test_no_whois_lookup_is_inconnu():
    s = domain_registration.run(net_observations())
    assert s.assessment == "inconnu" and "aucune interrogation" in s.reason


# --- one fact at a time -----------------------------------------------------------------------------

from checks.domain_registration import is_collectivite, is_redacted  # noqa: E402

AGENCY = "www.agence-web.fr"  # sorts after exemple-commune.fr


def run_sites(websites, records, name="Exemple-sur-Loire"):
    return domain_registration.run(net_observations(netrecords=records,
                                                    candidate={"name": name, "websites": websites}))


def test_generic_words_of_the_names_are_ignored_on_both_sides():
    assert is_collectivite("Mairie d'Exemple-sur-Loire", "Commune d'Exemple-sur-Loire")
    assert not is_collectivite("Mairie de Sur", "Commune d'Exemple-sur-Loire")


def test_an_empty_or_blank_holder_is_redacted():
    assert is_redacted(None) and is_redacted("") and is_redacted("   ")
    assert not is_redacted("Mairie d'Exemple-sur-Loire")


def test_the_holder_as_written_wins_over_the_normalised_one_and_the_creation_date_is_kept():
    s = run(parsed("Mairie d'Exemple-sur-Loire", registrant="MAIRIE D EXEMPLE SUR LOIRE"))
    assert s.value == {"domaine": DOMAIN, "titulaire": "Mairie d'Exemple-sur-Loire", "bureau_enregistrement": "GANDI",
                       "creation": "2003-04-01T10:00:00+00:00", "anciennete_annees": 23.7, "collectivite": True}
    assert "Mairie d'Exemple-sur-Loire" in s.display
    assert s.details["domaines"][0]["domaine"] == DOMAIN and s.reason is None


def test_the_normalised_holder_is_used_when_none_is_written():
    s = run(parsed(None, registrant="Mairie d'Exemple-sur-Loire"))
    assert s.assessment == "favorable" and s.value["titulaire"] == "Mairie d'Exemple-sur-Loire"


def test_without_creation_date_the_age_is_unknown():
    s = run(parsed("Mairie d'Exemple-sur-Loire", creation_date=None))
    assert s.assessment == "favorable" and (s.value["creation"], s.value["anciennete_annees"]) == (None, None)


def test_a_holder_flagged_redacted_is_inconnu_naming_the_domain_and_holder():
    s = run(parsed("Mairie d'Exemple-sur-Loire", redacted=True))
    assert (s.value, s.assessment) == (None, "inconnu") and s.display
    assert DOMAIN in s.reason and "Mairie d'Exemple-sur-Loire" in s.reason
    assert s.details["domaines"][0]["titulaire"] is None and s.evidence[0].url == f"whois:{DOMAIN}"


def test_rate_limited_reason_and_evidence_name_the_domain():
    s = run({"domain": DOMAIN, "status": "rate_limited", "raw": "%% Too many requests"})
    assert DOMAIN in s.reason and DOMAIN in s.evidence[0].snippet
    assert [r["domaine"] for r in s.details["domaines"]] == [DOMAIN]


def test_an_error_beside_parsed_data_is_still_inconnu_and_shows_the_reason():
    data = parsed("Mairie d'Exemple-sur-Loire")
    del data["raw"]  # no WHOIS lines to show: the evidence is the reason, which names the domain
    s = run(data, error="Timeout")
    assert s.assessment == "inconnu" and DOMAIN in s.reason
    assert DOMAIN in s.evidence[0].snippet and "Timeout" in s.evidence[0].snippet


def test_an_unreadable_answer_without_error_is_inconnu():
    s = run("texte brut")
    assert (s.value, s.assessment) == (None, "inconnu") and DOMAIN in s.reason


def test_an_answer_without_raw_text_is_still_judged():
    data = parsed("Mairie d'Exemple-sur-Loire")
    del data["raw"]
    assert run(data).assessment == "favorable"


def test_a_candidate_without_name_never_holds_its_domain():
    obs = net_observations(netrecords=[whois(parsed("Mairie d'Exemple-sur-Loire"))])
    del obs.candidate["name"]
    s = domain_registration.run(obs)
    assert s.assessment == "defavorable"


def test_a_third_party_domain_decides_and_comes_first_in_the_evidence():
    s = run_sites([f"https://{DOMAIN}/", f"https://{AGENCY}/"],
                  [whois(parsed("Mairie d'Exemple-sur-Loire")), whois(parsed("Agence Web SARL"), domain="agence-web.fr")])
    assert s.assessment == "defavorable"
    assert (s.value["domaine"], s.value["titulaire"], s.value["collectivite"]) == ("agence-web.fr", "Agence Web SARL", False)
    assert "Agence Web SARL" in s.display
    assert [e.url for e in s.evidence] == ["whois:agence-web.fr", f"whois:{DOMAIN}"]
    assert [r["domaine"] for r in s.details["domaines"]] == [DOMAIN, "agence-web.fr"]


def test_the_whois_record_is_the_one_of_the_website_domain():
    # The host is the registered domain itself (no www.); another domain's record is not used.
    s = run_sites([f"https://{DOMAIN}/"], [whois(parsed("Agence Web SARL"), domain="agence-web.fr"),
                                          whois(parsed("Mairie d'Exemple-sur-Loire"))])
    assert (s.assessment, s.value["domaine"]) == ("favorable", DOMAIN)


def test_a_website_without_whois_record_does_not_stop_the_others():
    s = run_sites(["https://www.sans-whois.fr/", SITE], [whois(parsed("Mairie d'Exemple-sur-Loire"))])
    assert (s.assessment, s.value["domaine"]) == ("favorable", DOMAIN)


def test_two_websites_on_one_domain_give_one_row():
    s = run_sites([SITE, "https://extranet.exemple-commune.fr/"], [whois(parsed("Mairie d'Exemple-sur-Loire"))])
    assert [r["domaine"] for r in s.details["domaines"]] == [DOMAIN] and len(s.evidence) == 1


def test_favorable_names_the_domains_left_unknown_in_its_reason():
    s = run_sites([SITE, f"https://{AGENCY}/"],
                  [whois(parsed("Mairie d'Exemple-sur-Loire")),
                   whois({"domain": "agence-web.fr", "status": "rate_limited"}, domain="agence-web.fr")])
    assert s.assessment == "favorable" and "agence-web.fr" in s.reason
    assert [r["domaine"] for r in s.details["domaines"]] == [DOMAIN, "agence-web.fr"]


def test_no_whois_lookup_has_a_display():
    assert domain_registration.run(net_observations()).display
