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


# --- what each outcome carries ---------------------------------------------------------------------

def test_no_homepage_read_is_inconnu_with_that_reason():
    s = web_server.run(observations([page(html(), url="https://www.exemple-commune.fr/actus/", homepage=False,
                                          headers={"server": "nginx"})]))
    assert (s.value, s.assessment, s.reason) == (None, "inconnu", "page d'accueil non lue") and s.display


def test_no_header_keeps_the_headers_seen_in_details():
    s = run({"content-type": "text/html"})
    assert s.details == {"entetes": {"https://www.exemple-commune.fr/": {}}} and s.display


def test_a_free_server_carries_its_header_as_evidence_and_details():
    s = run({"server": "nginx/1.22.1"})
    assert [e.snippet for e in s.evidence] == ["server: nginx/1.22.1"] and "nginx" in s.display
    assert s.details == {"entetes": {"https://www.exemple-commune.fr/": {"server": "nginx/1.22.1"}}}


def test_a_proprietary_server_carries_details_and_a_display():
    s = run({"server": "Microsoft-IIS/10.0"})
    assert s.details == {"entetes": {"https://www.exemple-commune.fr/": {"server": "Microsoft-IIS/10.0"}}}
    assert "Microsoft IIS" in s.display


def test_an_unknown_server_is_shown_by_its_header_cut_at_80_characters():
    value = "Pepyaka" + "X" * 100
    s = run({"server": value})
    assert [e.snippet for e in s.evidence] == [f"server: {value}"]
    assert s.details == {"entetes": {"https://www.exemple-commune.fr/": {"server": value}}}
    # "server: " (8 characters) and the first 72 characters of the value.
    assert s.display.endswith("(server: Pepyaka" + "X" * 65 + ")")


def test_the_homepages_are_read_in_address_order():
    b = page(html(), url="https://www.b-exemple.fr/", homepage=True, headers={"server": "nginx/1.24"})
    a = page(html(), url="https://www.a-exemple.fr/", homepage=True, headers={"server": "nginx/1.18"})
    s = web_server.run(observations([b, a]))
    assert [(e.url, e.snippet) for e in s.evidence] == [("https://www.a-exemple.fr/", "server: nginx/1.18")]
