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


# --- one fact at a time -----------------------------------------------------------------------------

from dataclasses import replace  # noqa: E402

from tests.checks.netbaseline import SITE  # noqa: E402

OTHER = "www.autre-site.fr"


def other(p):
    """The same probe, on a second website of the candidate."""
    return replace(p, url=p.url.replace(HOST, OTHER), redirect_to=p.redirect_to and p.redirect_to.replace(HOST, OTHER))


def run_two(*probes):
    return hsts.run(net_observations(probes, candidate={"websites": [SITE, f"https://{OTHER}/"]}))


def test_six_months_exactly_is_favorable():
    s = run(probe("https", 200, {"strict-transport-security": "max-age=15768000"}), REDIRECT)
    assert (s.value, s.assessment) == (15768000, "favorable")


def test_the_worst_website_decides_and_its_evidence_comes_first():
    good = probe("https", 200, {"strict-transport-security": "max-age=63072000"})
    s = run_two(good, REDIRECT, other(probe("https", 200)), other(REDIRECT))
    assert (s.value, s.assessment, s.display) == (None, "defavorable", "absent")
    assert [e.url for e in s.evidence] == [f"https://{OTHER}/", f"https://{HOST}/"]
    assert [r["hote"] for r in s.details["par_hote"]] == [HOST, OTHER]


def test_an_unreachable_first_website_does_not_stop_the_next_one():
    s = run_two(other(probe("https", 200, {"strict-transport-security": "max-age=63072000"})), other(REDIRECT))
    assert (s.value, s.assessment) == (63072000, "favorable")
    assert len(s.details["non_determine"]) == 1 and HOST in s.details["non_determine"][0]


def test_two_websites_both_without_header_keep_the_website_order_in_the_evidence():
    s = run_two(probe("https", 200), REDIRECT, other(probe("https", 200)), other(REDIRECT))
    assert s.assessment == "defavorable"
    assert [e.url for e in s.evidence] == [f"https://{HOST}/", f"https://{OTHER}/"]


def test_https_failing_but_http_answering_is_defavorable_with_the_https_error_as_evidence():
    s = run(probe("https", None, error="SSLError: certificate expired"), REDIRECT)
    assert (s.value, s.assessment) == (None, "defavorable")
    assert s.details["par_hote"] == [{"hote": HOST, "verdict": "defavorable", "max_age": None, "https": False}]
    assert len(s.evidence) == 1 and "SSLError" in s.evidence[0].snippet


def test_no_probe_and_unreachable_have_a_display_a_reason_and_details():
    s = hsts.run(net_observations())
    assert s.assessment == "inconnu" and s.display and s.reason
    s = run(probe("https", None, error="Timeout"), probe("http_redirect", None, error="Timeout"))
    assert s.assessment == "inconnu" and s.display and HOST in s.reason
    assert s.details == {"par_hote": [], "non_determine": [s.reason]}


def test_a_website_without_https_does_not_stop_the_next_one():
    s = run_two(probe("https", None, error="SSLError"), REDIRECT,
                other(probe("https", 200, {"strict-transport-security": "max-age=63072000"})), other(REDIRECT))
    assert s.assessment == "defavorable" and [r["hote"] for r in s.details["par_hote"]] == [HOST, OTHER]


def test_no_https_evidence_comes_before_a_short_policy():
    s = run_two(probe("https", 200, {"strict-transport-security": "max-age=86400"}), REDIRECT,
                other(probe("https", None, error="SSLError")), other(REDIRECT))
    assert [e.url for e in s.evidence] == [f"https://{OTHER}/", f"https://{HOST}/"]
