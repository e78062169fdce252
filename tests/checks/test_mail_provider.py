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
