from checks import domain_registration
from tests.checks.netbaseline import DOMAIN, net_observations, whois

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
