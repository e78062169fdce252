"""DNS and WHOIS gathering: the real dnspython and python-whois client code against loopback doubles."""
from __future__ import annotations

import pytest
from dnslib import RR

from crawler.netfacts import ServerError, gather, parse_server, parse_whois
from crawler.run import CrawlOptions
from demo.netdoubles import DnsDouble, WhoisDouble
from ground.archive import CANDIDATE_NAME, write_json
from ground.observe import build

ZONE = """$ORIGIN ville-exemple.test.
$TTL 3600
@ IN SOA ns1.ville-exemple.test. hostmaster.ville-exemple.test. 1 7200 3600 1209600 3600
@ IN MX 10 mx.ville-exemple.test.
www IN A 192.0.2.80
www IN AAAA 2001:db8::80
"""
AFNIC = """%% This is the AFNIC Whois server.

domain:      ville-exemple.test
holder-c:    VE1-FRNIC
registrar:   GANDI
created:     2004-02-03T10:00:00Z

nic-hdl:     VE1-FRNIC
type:        ORGANIZATION
contact:     Commune de Ville-Exemple
anonymous:   NO
"""


@pytest.fixture(scope="module")
def doubles():
    dns = DnsDouble(RR.fromZone(ZONE)).start()
    who = WhoisDouble({"ville-exemple.test": AFNIC,
                       "limite.test": "%% Your connection limit exceeded. Please try again later.\n"}).start()
    yield dns, who
    dns.stop()
    who.stop()


def crawl(tmp_path, doubles, websites, **kw):
    dns, who = doubles
    options = CrawlOptions(allow_private=True, dns_server=dns.address, whois_server=who.address, **kw)
    cand = {"id": "c", "name": "Ville-Exemple", "websites": websites}
    write_json(tmp_path / CANDIDATE_NAME, cand)
    gather(cand, tmp_path, options)
    return {r.uri: r for r in build(tmp_path).netrecords}


def test_dns_answers_and_whois_are_archived_as_resource_records(tmp_path, doubles):
    recs = crawl(tmp_path, doubles, ["http://www.ville-exemple.test/"])
    aaaa = recs["dns:www.ville-exemple.test?type=AAAA"]
    assert aaaa.record_id and aaaa.sha256 and aaaa.data["rcode"] == "NOERROR"
    assert [a["data"] for a in aaaa.data["answers"]] == ["2001:db8::80"]
    mx = recs["dns:ville-exemple.test?type=MX"].data["answers"]
    assert [(a["preference"], a["exchange"]) for a in mx] == [(10, "mx.ville-exemple.test")]
    assert recs["dns:ville-exemple.test?type=AAAA"].data["answers"] == []  # NOERROR, no data
    who = recs["whois:ville-exemple.test"].data
    assert who["registrant"] == "Commune de Ville-Exemple" and who["registrar"] == "GANDI"
    assert who["creation_date"].startswith("2004-02-03") and "holder-c:" in who["raw"]


def test_unknown_name_is_an_nxdomain_answer_and_whois_says_not_found(tmp_path, doubles):
    recs = crawl(tmp_path, doubles, ["http://www.inconnue.test/"])
    assert recs["dns:www.inconnue.test?type=A"].data["rcode"] == "NXDOMAIN"
    assert recs["whois:inconnue.test"].data["status"] == "not_found"


def test_rate_limited_whois_is_recorded_as_such(tmp_path, doubles):
    recs = crawl(tmp_path, doubles, ["http://www.limite.test/"])
    assert recs["whois:limite.test"].data["status"] == "rate_limited"


def test_unreachable_servers_leave_index_lines_with_errors(tmp_path, doubles):
    dns, who = doubles
    options = CrawlOptions(allow_private=True, dns_server="127.0.0.1:9", whois_server="127.0.0.1:9")
    cand = {"id": "c", "name": "X", "websites": ["http://www.ville-exemple.test/"]}
    write_json(tmp_path / CANDIDATE_NAME, cand)
    import crawler.netfacts as nf

    old = nf.DNS_LIFETIME
    nf.DNS_LIFETIME = 0.3
    try:
        gather(cand, tmp_path, options)
    finally:
        nf.DNS_LIFETIME = old
    recs = {r.uri: r for r in build(tmp_path).netrecords}
    assert recs["dns:www.ville-exemple.test?type=AAAA"].record_id is None
    assert recs["dns:www.ville-exemple.test?type=AAAA"].error
    assert "ConnectionRefused" in recs["whois:ville-exemple.test"].error


def test_reserved_names_never_reach_the_system_resolver(tmp_path):
    cand = {"id": "c", "name": "X", "websites": ["http://www.ville.test/"]}
    write_json(tmp_path / CANDIDATE_NAME, cand)
    gather(cand, tmp_path, CrawlOptions())
    recs = {r.uri: r for r in build(tmp_path).netrecords}
    assert "RFC 6761" in recs["dns:www.ville.test?type=A"].error
    assert "RFC 6761" in recs["whois:ville.test"].error


def test_private_servers_are_refused_unless_allowed():
    with pytest.raises(ServerError, match="adresse privée refusée"):
        parse_server("127.0.0.1:5353", False, "--dns-server")
    assert parse_server("127.0.0.1:5353", True, "--dns-server") == ("127.0.0.1", 5353)
    with pytest.raises(ServerError, match="forme attendue"):
        parse_server("127.0.0.1", True, "--dns-server")


def test_icann_redacted_registrant_is_not_a_holder():
    text = ("Domain Name: EXEMPLE.COM\nRegistrar: Gandi SAS\nCreation Date: 2010-01-02T00:00:00Z\n"
            "Registrant Organization: REDACTED FOR PRIVACY\n")
    data = parse_whois("exemple.com", text)
    assert data["redacted"] is True and data["registrant"] is None and data["registrar"] == "Gandi SAS"
