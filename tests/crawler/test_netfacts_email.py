"""The official e-mail's domain gets its MX question too (checks/official_email.py), against a loopback DNS."""
from __future__ import annotations

import pytest
from dnslib import RR

from crawler.netfacts import gather
from crawler.run import CrawlOptions
from demo.netdoubles import DnsDouble, WhoisDouble
from ground.archive import CANDIDATE_NAME, read_index, write_json
from ground.observe import build

ZONES = """$ORIGIN ville-exemple.test.
$TTL 3600
@ IN SOA ns1.ville-exemple.test. hostmaster.ville-exemple.test. 1 7200 3600 1209600 3600
@ IN MX 10 mx.ville-exemple.test.
www IN A 192.0.2.80
$ORIGIN cc-pays-exemple.test.
@ IN SOA ns1.cc-pays-exemple.test. hostmaster.cc-pays-exemple.test. 1 7200 3600 1209600 3600
@ IN MX 1 mx1.mail.ovh.net.
@ IN MX 5 mx2.mail.ovh.net.
"""


@pytest.fixture(scope="module")
def doubles():
    dns = DnsDouble(RR.fromZone(ZONES)).start()
    who = WhoisDouble({}).start()
    yield dns, who
    dns.stop()
    who.stop()


def gathered(tmp_path, doubles, websites, email):
    dns, who = doubles
    options = CrawlOptions(allow_private=True, dns_server=dns.address, whois_server=who.address)
    cand = {"id": "c", "name": "Le Hameau", "websites": websites, "email": email}
    write_json(tmp_path / CANDIDATE_NAME, cand)
    gather(cand, tmp_path, options)
    return {r.uri: r for r in build(tmp_path).netrecords}


def test_a_collectivite_without_website_gets_the_mx_of_its_email_domain_only(tmp_path, doubles):
    recs = gathered(tmp_path, doubles, [], "Mairie.Hameau@CC-Pays-Exemple.test")
    assert sorted(recs) == ["dns:cc-pays-exemple.test?type=MX"]  # no A/AAAA, no WHOIS, no TLS
    answers = recs["dns:cc-pays-exemple.test?type=MX"].data["answers"]
    assert [(a["preference"], a["exchange"]) for a in answers] == [(1, "mx1.mail.ovh.net"), (5, "mx2.mail.ovh.net")]


def test_an_email_domain_already_asked_for_a_website_is_not_asked_twice(tmp_path, doubles):
    gathered(tmp_path, doubles, ["http://www.ville-exemple.test/"], "contact@ville-exemple.test")
    asked = [e.url for e in read_index(tmp_path) if e.kind == "dns"]
    assert asked.count("dns:ville-exemple.test?type=MX") == 1


def test_an_email_domain_apart_from_the_websites_is_asked_beside_them(tmp_path, doubles):
    recs = gathered(tmp_path, doubles, ["http://www.ville-exemple.test/"], "accueil@cc-pays-exemple.test")
    assert "dns:cc-pays-exemple.test?type=MX" in recs and "dns:cc-pays-exemple.test?type=A" not in recs
    assert recs["dns:ville-exemple.test?type=MX"].data["answers"][0]["exchange"] == "mx.ville-exemple.test"


def test_no_email_no_website_writes_nothing(tmp_path, doubles):
    for email in (None, "pas une adresse"):
        assert gathered(tmp_path, doubles, [], email) == {}
