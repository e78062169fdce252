from checks import hsts
from tests.checks.netbaseline import HOST, net_observations, probe

REDIRECT = probe("http_redirect", 301, redirect_to=f"https://{HOST}/")


def run(*probes):
    return hsts.run(net_observations(probes))


def test_two_year_policy_is_favorable_with_the_header_as_evidence():
    s = run(probe("https", 200, {"strict-transport-security": "max-age=63072000; includeSubDomains"}), REDIRECT)
    assert (s.value, s.assessment) == (63072000, "favorable")
    assert s.evidence[0].snippet == "HTTP 200 — Strict-Transport-Security: max-age=63072000; includeSubDomains"
    assert s.evidence[0].url == f"https://{HOST}/" and s.evidence[0].http_status == 200


def test_short_policy_is_neutre():
    s = run(probe("https", 200, {"strict-transport-security": "max-age=86400"}), REDIRECT)
    assert s.assessment == "neutre" and "1 jours" in s.display


def test_missing_header_is_defavorable():
    s = run(probe("https", 200), REDIRECT)
    assert s.assessment == "defavorable" and s.display == "absent"


def test_max_age_zero_is_defavorable():
    assert run(probe("https", 200, {"strict-transport-security": "max-age=0"}), REDIRECT).assessment == "defavorable"


def test_no_https_is_defavorable():
    s = run(probe("https", None, error="TunnelError"), probe("http_redirect", 200))
    assert s.assessment == "defavorable" and s.display == "absent : pas de HTTPS"


def test_unreachable_site_is_inconnu():
    s = run(probe("https", None, error="DNSLookupError"), probe("http_redirect", None, error="DNSLookupError"))
    assert s.assessment == "inconnu" and s.reason


def test_no_probe_is_inconnu():
    assert run().assessment == "inconnu"
