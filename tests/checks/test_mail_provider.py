from checks import mail_provider
from tests.checks.netbaseline import DOMAIN, HOST, dns, mx, net_observations


def run(*records):
    return mail_provider.run(net_observations(netrecords=[dns(HOST, "MX"), *records]))


def test_microsoft_365_is_defavorable_with_the_mx_as_evidence():
    s = run(mx(DOMAIN, (0, "exemple-commune-fr.mail.protection.outlook.com")))
    assert (s.value, s.assessment) == ("Microsoft 365", "defavorable")
    assert s.evidence[0].url == f"dns:{DOMAIN}?type=MX"
    assert "mail.protection.outlook.com" in s.evidence[0].snippet


def test_google_workspace_is_defavorable():
    s = run(mx(DOMAIN, (1, "aspmx.l.google.com"), (5, "alt1.aspmx.l.google.com")))
    assert (s.value, s.assessment) == ("Google Workspace", "defavorable")


def test_self_hosted_mail_is_favorable():
    s = run(mx(DOMAIN, (10, "mx.exemple-commune.fr"), (20, "mx2.exemple-commune.fr")))
    assert (s.value, s.assessment) == ("auto-hébergée", "favorable")
    assert [e["hote"] for e in s.details["mx"][DOMAIN]] == ["mx.exemple-commune.fr", "mx2.exemple-commune.fr"]


def test_french_host_is_favorable():
    s = run(mx(DOMAIN, (1, "mx1.mail.ovh.net"), (5, "mx2.mail.ovh.net")))
    assert (s.value, s.assessment) == ("OVHcloud", "favorable")


def test_a_backup_mx_at_google_is_enough_to_be_defavorable():
    s = run(mx(DOMAIN, (10, "mx.exemple-commune.fr"), (50, "aspmx.l.google.com")))
    assert s.assessment == "defavorable"


def test_unknown_provider_is_neutre():
    s = run(mx(DOMAIN, (10, "smtp.prestataire-inconnu.example")))
    assert (s.value, s.assessment) == ("autre hébergeur", "neutre")


def test_no_mx_at_all_is_neutre():
    s = run(dns(DOMAIN, "MX"))
    assert s.assessment == "neutre" and "aucun serveur" in s.display


def test_failed_lookups_are_inconnu():
    s = mail_provider.run(net_observations(netrecords=[dns(DOMAIN, "MX", error="NoNameservers: all failed")]))
    assert s.assessment == "inconnu" and "NoNameservers" in s.reason


# --- one fact at a time -----------------------------------------------------------------------------

from checks.mail_provider import UI, classify  # noqa: E402


def test_classify_ignores_case_and_the_trailing_dot_of_a_dns_name():
    assert classify("ASPMX.L.GOOGLE.COM.", DOMAIN) == ("Google Workspace", "us_cloud")
    assert classify("MX.Exemple-Commune.FR.", DOMAIN) == (UI["self"], "auto_heberge")


def test_no_mx_lookup_at_all_is_inconnu():
    s = mail_provider.run(net_observations(netrecords=[dns(DOMAIN, "A")]))
    assert (s.value, s.assessment) == (None, "inconnu") and s.display and s.reason


def test_mx_lookups_of_domains_that_are_not_the_websites_are_ignored():
    s = run(mx(DOMAIN, (10, "mx.exemple-commune.fr")), mx("autre-domaine.fr", (10, "aspmx.l.google.com")))
    assert (s.value, s.assessment) == ("auto-hébergée", "favorable")
    assert list(s.details["mx"]) == [DOMAIN]


def test_a_failed_lookup_of_the_host_does_not_stop_the_lookup_of_its_domain():
    s = mail_provider.run(net_observations(netrecords=[dns(HOST, "MX", error="Timeout"),
                                                       mx(DOMAIN, (10, "mx.exemple-commune.fr"))]))
    assert (s.value, s.assessment) == ("auto-hébergée", "favorable")
    assert len(s.details["non_determine"]) == 1 and HOST in s.details["non_determine"][0]
    assert s.display == "auto-hébergée" and s.evidence[0].url == f"dns:{DOMAIN}?type=MX"


def test_an_nxdomain_host_does_not_stop_the_lookup_of_its_domain():
    s = mail_provider.run(net_observations(netrecords=[dns(HOST, "MX", rcode="NXDOMAIN"),
                                                       mx(DOMAIN, (10, "mx.exemple-commune.fr"))]))
    assert s.assessment == "favorable"
    assert len(s.details["non_determine"]) == 1 and HOST in s.details["non_determine"][0]


def test_nxdomain_only_is_inconnu_naming_the_domain():
    s = mail_provider.run(net_observations(netrecords=[dns(DOMAIN, "MX", rcode="NXDOMAIN")]))
    assert (s.value, s.assessment) == (None, "inconnu") and s.display
    assert DOMAIN in s.reason and "NXDOMAIN" in s.reason
    assert s.details["mx"] == {} and len(s.details["non_determine"]) == 1


def test_failed_lookup_reason_names_the_domain_and_details_are_kept():
    s = mail_provider.run(net_observations(netrecords=[dns(DOMAIN, "MX", error="NoNameservers: all failed")]))
    assert DOMAIN in s.reason and s.display
    assert s.details["mx"] == {} and len(s.details["non_determine"]) == 1


def test_an_unreadable_answer_without_error_is_inconnu():
    rec = dns(DOMAIN, "MX")
    rec.data = "illisible"
    s = mail_provider.run(net_observations(netrecords=[rec]))
    assert (s.value, s.assessment) == (None, "inconnu") and DOMAIN in s.reason


def test_no_mx_keeps_its_details():
    s = run(dns(DOMAIN, "MX"))
    assert s.details == {"mx": {}, "non_determine": []}


def test_an_answer_without_answers_field_is_no_mx():
    rec = dns(DOMAIN, "MX")
    del rec.data["answers"]
    s = run(rec)
    assert (s.value, s.assessment) == (None, "neutre")


def test_the_most_preferred_mx_names_the_service_not_the_first_by_name():
    # Preference 5 (OVH) comes before preference 10, though "mx2.exemple…" sorts first by name.
    s = run(mx(DOMAIN, (10, "mx2.exemple-commune.fr"), (5, "mx9.mail.ovh.net")))
    assert (s.value, s.display, s.assessment) == ("OVHcloud", "OVHcloud", "favorable")
    assert [(e["preference"], e["hote"]) for e in s.details["mx"][DOMAIN]] == [(5, "mx9.mail.ovh.net"),
                                                                                (10, "mx2.exemple-commune.fr")]
    assert s.evidence[0].snippet == f"{DOMAIN} MX 5 mx9.mail.ovh.net; 10 mx2.exemple-commune.fr"


def test_answers_read_from_their_data_when_exchange_or_preference_is_missing():
    # No "exchange": the host is the last word of "data", lower case, without its final dot.
    # No "preference": 0 (the exchange-only answer comes first).
    rec = dns(DOMAIN, "MX", [{"type": "MX", "preference": 10, "data": "10 MX.Exemple-Commune.FR."},
                             {"type": "MX", "exchange": "mx9.mail.ovh.net"}])
    s = run(rec)
    assert [(e["preference"], e["hote"]) for e in s.details["mx"][DOMAIN]] == [(0, "mx9.mail.ovh.net"),
                                                                                (10, "mx.exemple-commune.fr")]


def test_defavorable_and_neutre_keep_display_evidence_and_details():
    s = run(mx(DOMAIN, (0, "exemple-commune-fr.mail.protection.outlook.com")))
    assert s.display == "Microsoft 365" and s.details["mx"][DOMAIN][0]["type"] == "us_cloud"
    s = run(mx(DOMAIN, (10, "smtp.prestataire-inconnu.example")))
    assert s.display == "autre hébergeur" and s.evidence[0].url == f"dns:{DOMAIN}?type=MX"
    assert s.details["mx"][DOMAIN][0]["type"] == "autre" and s.details["non_determine"] == []
