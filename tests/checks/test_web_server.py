from checks import web_server
from tests.checks.baseline import html, observations, page


def run(headers: dict):
    return web_server.run(observations([page(html(), headers=headers)]))


def test_iis_and_aspnet_are_defavorable_with_the_header_as_snippet():
    s = run({"server": "Microsoft-IIS/10.0", "x-powered-by": "ASP.NET"})
    assert (s.value, s.assessment) == (["ASP.NET", "Microsoft IIS"], "defavorable")
    assert any(e.snippet == "server: Microsoft-IIS/10.0" for e in s.evidence)


def test_free_server_is_only_neutre():
    s = run({"server": "nginx/1.22.1"})
    assert (s.value, s.assessment) == (["nginx"], "neutre")


def test_apache_with_php():
    assert run({"server": "Apache/2.4.57 (Debian)", "x-powered-by": "PHP/8.2.7"}).value == ["Apache", "PHP"]


def test_unknown_server_is_neutre():
    s = run({"server": "Pepyaka/1.19.10"})
    assert s.value == [] and s.assessment == "neutre" and "Pepyaka" in s.display


def test_no_header_is_inconnu():
    s = run({"content-type": "text/html"})
    assert s.assessment == "inconnu" and s.reason


def test_unreachable_is_inconnu():
    assert web_server.run(observations(reachable=False)).assessment == "inconnu"
