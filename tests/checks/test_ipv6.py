from checks import ipv6
from tests.checks.netbaseline import DOMAIN, HOST, dns, net_observations


def aaaa(*addresses: str, rcode: str = "NOERROR"):
    return dns(HOST, "AAAA", [{"name": HOST, "type": "AAAA", "ttl": 300, "data": a} for a in addresses], rcode=rcode)


def test_aaaa_record_is_favorable_with_the_address_as_evidence():
    s = ipv6.run(net_observations(netrecords=[aaaa("2001:db8::80"), dns(DOMAIN, "AAAA")]))
    assert (s.value, s.assessment) == (True, "favorable")
    assert s.evidence[0].url == f"dns:{HOST}?type=AAAA" and "2001:db8::80" in s.evidence[0].snippet
    assert s.evidence[0].http_status is None and s.evidence[0].sha256


def test_empty_answer_is_defavorable():
    s = ipv6.run(net_observations(netrecords=[aaaa()]))
    assert (s.value, s.assessment) == (False, "defavorable")
    assert "aucune réponse" in s.evidence[0].snippet


def test_cname_without_aaaa_is_no_ipv6():
    rec = dns(HOST, "AAAA", [{"name": HOST, "type": "CNAME", "ttl": 300, "data": "lb.hebergeur.fr."}])
    assert ipv6.run(net_observations(netrecords=[rec])).assessment == "defavorable"


def test_failed_lookup_is_inconnu_with_the_error():
    s = ipv6.run(net_observations(netrecords=[dns(HOST, "AAAA", error="LifetimeTimeout: timed out")]))
    assert s.assessment == "inconnu" and "LifetimeTimeout" in s.reason


def test_nxdomain_is_inconnu():
    s = ipv6.run(net_observations(netrecords=[aaaa(rcode="NXDOMAIN")]))
    assert s.assessment == "inconnu" and "NXDOMAIN" in s.reason


def test_no_lookup_is_inconnu():
    assert ipv6.run(net_observations()).assessment == "inconnu"


# --- one fact at a time -----------------------------------------------------------------------------

from tests.checks.netbaseline import SITE  # noqa: E402

OTHER = "www.autre-site.fr"


def run_two(*records):
    return ipv6.run(net_observations(netrecords=records, candidate={"websites": [SITE, f"https://{OTHER}/"]}))


def test_one_website_without_ipv6_among_two_is_defavorable_counting_both():
    s = run_two(aaaa("2001:db8::1"), dns(OTHER, "AAAA"))
    assert (s.value, s.assessment) == (False, "defavorable")
    assert s.details["par_hote"] == {HOST: ["2001:db8::1"], OTHER: []}
    assert "1" in s.display and "2" in s.display
    assert [e.url for e in s.evidence] == [f"dns:{OTHER}?type=AAAA", f"dns:{HOST}?type=AAAA"]


def test_favorable_names_the_websites_left_unknown():
    s = run_two(aaaa("2001:db8::1"))
    assert (s.value, s.assessment, s.display) == (True, "favorable", "oui")
    assert OTHER in s.reason and s.details["non_determine"] == [s.reason]
    assert s.details["par_hote"] == {HOST: ["2001:db8::1"]}


def test_favorable_without_unknown_has_no_reason():
    s = ipv6.run(net_observations(netrecords=[aaaa("2001:db8::1")]))
    assert s.reason is None and s.evidence


def test_unknown_reasons_name_the_host():
    for rec in (dns(HOST, "AAAA", error="Timeout"), aaaa(rcode="NXDOMAIN")):
        s = ipv6.run(net_observations(netrecords=[rec]))
        assert s.assessment == "inconnu" and HOST in s.reason and s.display
        assert s.details == {"par_hote": {}, "non_determine": [s.reason]}
    rec = dns(HOST, "AAAA")
    rec.data = "illisible"
    s = ipv6.run(net_observations(netrecords=[rec]))
    assert s.assessment == "inconnu" and HOST in s.reason


def test_an_answer_without_answers_field_is_no_ipv6():
    rec = dns(HOST, "AAAA")
    del rec.data["answers"]
    s = ipv6.run(net_observations(netrecords=[rec]))
    assert (s.value, s.assessment) == (False, "defavorable") and "NOERROR" in s.evidence[0].snippet
