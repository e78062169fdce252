from checks import https
from tests.checks.netbaseline import HOST, net_observations, probe

HSTS = {"strict-transport-security": "max-age=63072000; includeSubDomains; preload"}


def run(*probes):
    return https.run(net_observations(probes))


def test_https_redirect_and_hsts_is_favorable_with_the_header_as_evidence():
    s = run(probe("https", 200, HSTS), probe("http_redirect", 301, redirect_to=f"https://{HOST}/"))
    assert s.assessment == "favorable"
    assert s.value == {"https": True, "redirection": True, "hsts": True}
    snippets = " ".join(e.snippet for e in s.evidence)
    assert "Strict-Transport-Security: max-age=63072000" in snippets
    assert f"Location: https://{HOST}/" in snippets
    assert s.evidence[0].http_status == 200 and s.evidence[0].record_id == "<urn:uuid:https>"


def test_hsts_does_not_decide_https():
    s = run(probe("https", 200), probe("http_redirect", 301, redirect_to=f"https://{HOST}/"))
    assert s.assessment == "favorable" and s.value["hsts"] is False
    assert "pas d'en-tête Strict-Transport-Security" in s.evidence[0].snippet


def test_https_served_but_http_not_redirected_is_defavorable():
    s = run(probe("https", 200, HSTS), probe("http_redirect", 200))
    assert s.assessment == "defavorable" and s.display == "HTTPS sans redirection du HTTP"


def test_redirect_to_another_http_url_is_not_a_redirect_to_https():
    s = run(probe("https", 200, HSTS), probe("http_redirect", 302, redirect_to=f"http://{HOST}/accueil"))
    assert s.assessment == "defavorable" and s.value["redirection"] is False


def test_no_https_is_defavorable_and_the_error_comes_first():
    s = run(probe("https", None, error="TunnelError: Could not open CONNECT tunnel"), probe("http_redirect", 200))
    assert s.assessment == "defavorable" and s.display == "pas de HTTPS"
    assert "TunnelError" in s.evidence[0].snippet and s.evidence[0].http_status is None


def test_a_retried_probe_that_finally_answered_counts_as_answered():
    s = run(probe("https", None, error="TimeoutError"), probe("https", 200, HSTS),
            probe("http_redirect", 301, redirect_to=f"https://{HOST}/"))
    assert s.assessment == "favorable"


def test_site_unreachable_over_both_schemes_is_inconnu():
    s = run(probe("https", None, error="DNSLookupError"), probe("http_redirect", None, error="DNSLookupError"))
    assert s.assessment == "inconnu" and "DNSLookupError" in s.reason


def test_no_probe_in_the_archive_is_inconnu():
    s = run()
    assert s.assessment == "inconnu" and "aucune sonde" in s.reason
