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
