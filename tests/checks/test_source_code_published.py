from checks import source_code_published as scp
from tests.checks.baseline import html, observations, page
from tests.registry_samples import export


def run(body: str | None = None, registries=None, reachable: bool = True, **candidate):
    pages = [page(html(body))] if body is not None else None
    obs = observations(pages, reachable=reachable, candidate=candidate or None)
    obs.registries = registries if registries is not None else []
    return scp.run(obs)


def test_a_link_to_an_account_named_after_the_collectivite_is_favorable():
    s = run('<p>Nos codes sources : <a href="https://gitlab.adullact.net/ville-exemple/">forge</a>.</p>')
    assert s.assessment == "favorable" and s.value == ["https://gitlab.adullact.net/ville-exemple"]
    assert s.evidence[0].url == "https://www.exemple-commune.fr/" and "gitlab.adullact.net" in s.evidence[0].snippet


def test_a_self_hosted_forge_on_its_own_domain_is_its_own():
    s = run('<footer><a href="https://forge.exemple-commune.fr/dsi/outils">Forge</a></footer><p>Bienvenue.</p>')
    assert s.value == ["https://forge.exemple-commune.fr/dsi"]
    assert scp.classify("https://git.exemple-commune.fr/") == ("forge auto-hébergée", "https://git.exemple-commune.fr/")


def test_presence_in_the_code_gouv_list_is_favorable_even_without_links():
    s = run("<p>Bienvenue.</p>", registries=[export("codegouv_accounts")])
    assert s.assessment == "favorable" and s.value == ["https://gitlab.exemple-commune.fr/ville"]
    assert s.evidence[0].url == export("codegouv_accounts").url and "Commune d'Exemple" in s.evidence[0].snippet


def test_links_to_other_projects_are_neutre():
    s = run('<p>Itinéraires calculés par <a href="https://github.com/opentripplanner/OpenTripPlanner">OTP</a>.</p>',
            registries=[export("codegouv_accounts", data=[])])
    assert s.assessment == "neutre" and s.value == []
    assert s.details["autres_liens_de_forge"] == ["https://github.com/opentripplanner"]


def test_forge_pages_that_are_not_accounts_are_ignored():
    for url in ("https://github.com/", "https://github.com/features/actions", "https://gitlab.com/explore",
                "https://www.github.com.example/", "https://framagit.org/users/sign_in"):
        assert scp.classify(url) is None, url
    assert scp.classify("https://github.com/orgs/etalab/repositories") == ("GitHub", "https://github.com/etalab")


def test_short_or_foreign_account_names_do_not_count_as_its_own():
    cand = {"name": "Exemple", "websites": ["https://www.exemple-commune.fr/"]}
    assert not scp.belongs("https://github.com/ville", cand)
    assert not scp.belongs("https://github.com/exemple-la-foret", cand)
    assert scp.belongs("https://github.com/mairie-exemple", cand)


def test_nothing_found_is_defavorable():
    s = run("<p>Bienvenue à Exemple.</p>", registries=[export("codegouv_accounts")], name="Ailleurs",
            websites=["https://www.ailleurs.fr/"])
    assert s.assessment == "defavorable" and s.value == []


def test_without_pages_and_not_listed_is_inconnu():
    s = run(reachable=False, registries=[export("codegouv_accounts", data=[])])
    assert s.assessment == "inconnu" and "absente de la liste code.gouv.fr" in s.reason
    s = run(reachable=False, registries=[])
    assert s.assessment == "inconnu" and "non collectée" in s.reason
