from checks import https
from ground.observations import NetRecord
from tests.checks.netbaseline import HOST, WHEN, net_observations, probe

HSTS = {"strict-transport-security": "max-age=63072000; includeSubDomains; preload"}


def run(*probes):
    return https.run(net_observations(probes))


def test_https_redirect_and_hsts_is_favorable_with_the_header_as_evidence():
    s = run(probe("https", 200, HSTS), probe("http_redirect", 301, redirect_to=f"https://{HOST}/"))
    assert s.assessment == "favorable"
    assert s.value == {"https": True, "redirection": True, "hsts": True, "certificat_valide": None}
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


# --- the certificate (tls: records written before the crawl by crawler/tlsfacts.py) ----------------

GOOD = [probe("https", 200, HSTS), probe("http_redirect", 301, redirect_to=f"https://{HOST}/")]
VALID_CERT = {"subject": f"CN={HOST}", "issuer": "CN=R11,O=Let's Encrypt,C=US", "self_signed": False,
              "san": [HOST, "exemple-commune.fr"], "not_before": "2026-09-01T00:00:00+00:00",
              "not_after": "2026-11-30T00:00:00+00:00"}


def tls(verified: bool = True, problems=(), openssl_error=None, tls_ok: bool = True, error=None, **cert):
    data = {"host": HOST, "port": 443, "tls": tls_ok, "verified": verified, "problems": list(problems),
            "certificate": {**VALID_CERT, **cert} if tls_ok else None, "protocol": "TLSv1.3"}
    if openssl_error:
        data["openssl_error"] = openssl_error
    return NetRecord(kind="tls", uri=f"tls:{HOST}", fetched_at=WHEN, sha256=None if error else "5" * 64,
                     record_id=None if error else "<urn:uuid:tls>", data=None if error else data, error=error)


def run_tls(record):
    return https.run(net_observations(GOOD, [record]))


def test_verified_certificate_keeps_https_favorable_with_the_certificate_as_evidence():
    s = run_tls(tls())
    assert s.assessment == "favorable" and s.value["certificat_valide"] is True
    cert = next(e for e in s.evidence if e.url == f"tls:{HOST}")
    assert "certificat vérifié" in cert.snippet and "R11" in cert.snippet and "2026-11-30" in cert.snippet
    assert cert.record_id == "<urn:uuid:tls>" and s.evidence[0].url == f"https://{HOST}/"


def test_expired_certificate_is_defavorable_with_its_date_first_in_the_evidence():
    s = run_tls(tls(False, ["expired"], "certificate has expired", not_after="2025-03-31T23:59:59+00:00"))
    assert s.assessment == "defavorable" and s.display == "HTTPS avec un certificat invalide"
    assert s.value["certificat_valide"] is False and s.value["https"] is True
    assert s.details["par_hote"][0]["certificat"] == "certificat invalide : expiré le 2025-03-31"
    assert s.evidence[0].url == f"tls:{HOST}" and s.evidence[0].http_status is None
    assert "expiré le 2025-03-31" in s.evidence[0].snippet
    assert "OpenSSL : certificate has expired" in s.evidence[0].snippet


def test_certificate_for_another_name_is_defavorable_and_names_both():
    s = run_tls(tls(False, ["hostname_mismatch"], f"Hostname mismatch, certificate is not valid for '{HOST}'.",
                    san=["hebergeur-mutualise.example"], subject="CN=hebergeur-mutualise.example"))
    assert s.assessment == "defavorable"
    assert s.details["par_hote"][0]["certificat"] == (
        f"certificat invalide : nom {HOST} non couvert (hebergeur-mutualise.example)")


def test_self_signed_expired_certificate_for_another_name_lists_every_problem():
    s = run_tls(tls(False, ["expired", "self_signed", "hostname_mismatch"], "self-signed certificate",
                    issuer="CN=autre-nom.invalid", subject="CN=autre-nom.invalid", self_signed=True,
                    san=["autre-nom.invalid"], not_after="2020-01-01T00:00:00+00:00"))
    assert s.assessment == "defavorable"
    assert s.details["par_hote"][0]["certificat"] == (
        f"certificat invalide : expiré le 2020-01-01, autosigné, nom {HOST} non couvert (autre-nom.invalid)")


def test_unknown_authority_is_defavorable():
    s = run_tls(tls(False, ["unknown_ca"], "unable to get local issuer certificate", issuer="CN=Intranet CA"))
    assert s.assessment == "defavorable"
    assert "autorité de certification inconnue" in s.details["par_hote"][0]["certificat"]


def test_bad_certificate_and_no_redirect_is_still_about_the_certificate():
    obs = net_observations([probe("https", 200), probe("http_redirect", 200)], [tls(False, ["self_signed"])])
    s = https.run(obs)
    assert s.assessment == "defavorable" and s.display == "HTTPS avec un certificat invalide"
    assert s.value["redirection"] is False


def test_no_tls_record_judges_from_the_probes_as_before():
    s = run(*GOOD)
    assert s.assessment == "favorable" and s.value["certificat_valide"] is None
    assert all(not e.url.startswith("tls:") for e in s.evidence)


def test_tls_lookup_without_answer_judges_from_the_probes():
    s = run_tls(tls(error="TimeoutError: timed out"))
    assert s.assessment == "favorable" and s.value["certificat_valide"] is None


def test_host_without_tls_is_judged_by_its_https_probe():
    obs = net_observations([probe("https", None, error="TunnelError: 502"), probe("http_redirect", 200)],
                           [tls(False, tls_ok=False)])
    s = https.run(obs)
    assert s.assessment == "defavorable" and s.display == "pas de HTTPS" and s.value["certificat_valide"] is None
