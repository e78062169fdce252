from checks import source_code_published as scp
from tests.checks.baseline import html, observations, page
from tests.registry_samples import ACCOUNTS, export


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


# --- whose account, case and slashes, counts and reasons -------------------------------------------


def _listed(url: str):
    """A code.gouv.fr entry for the candidate (matched by its SIREN), under an accented organisation name."""
    return export("codegouv_accounts", data=ACCOUNTS + [
        {"id": url, "name": "SII", "forge": "gitlab", "login": "sii", "website": "",
         "organization": "Syndicat intercommunal d'informatique de l'Isère", "siren": "213801517"}])


def test_a_forge_under_the_parent_domain_of_the_site_is_its_own():
    cand = {"name": "Ailleurs", "websites": ["https://mairie.exemple.fr/"]}
    assert scp.belongs("https://forge.exemple.fr/dsi", cand)
    assert not scp.belongs("https://forge.autre.fr/dsi", cand)


def test_a_site_with_a_two_label_domain_has_no_wider_parent():
    cand = {"name": "Ailleurs", "websites": ["https://www.exemple-commune.fr/"]}
    assert scp.belongs("https://exemple-commune.fr/", cand)
    assert not scp.belongs("https://forge.autre.fr/dsi", cand)


def test_only_the_first_path_segment_names_the_account():
    cand = {"name": "Exemple", "websites": ["https://www.ailleurs.fr/"]}
    assert scp.belongs("https://github.com/exemple/outils", cand)
    assert scp.belongs("https://github.com/exemple/outils/tree", cand)


def test_a_four_letter_name_is_long_enough():
    assert scp.belongs("https://github.com/vire", {"name": "Vire", "websites": ["https://www.ailleurs.fr/"]})


def test_ordinary_links_beside_forge_links_are_passed_over():
    s = run('<a href="/actualites/">Actualités</a><a href="https://gitlab.adullact.net/ville-exemple">Forge</a>')
    assert s.value == ["https://gitlab.adullact.net/ville-exemple"]


def test_an_account_linked_twice_from_a_page_is_read_once():
    obs = observations([page(html('<a href="https://github.com/ville-exemple">A</a>'
                                  '<a href="https://github.com/ville-exemple/site">B</a>'))])
    assert [(f, a) for _, f, a, _ in scp._links(obs)] == [("GitHub", "https://github.com/ville-exemple")]


def test_a_link_to_an_account_listed_for_the_candidate_counts_whatever_its_case():
    s = run('<a href="https://github.com/informatique-ville">Nos dépôts</a>',
            registries=[_listed("https://github.com/Informatique-Ville")])
    assert s.details["comptes_lies_depuis_les_pages"] == ["https://github.com/informatique-ville"]
    assert s.details["autres_liens_de_forge"] == []


def test_a_link_to_a_listed_self_hosted_forge_root_counts_despite_the_slash():
    s = run('<a href="https://gitlab.syndicat-info.fr/">Forge</a>',
            registries=[_listed("https://gitlab.syndicat-info.fr")])
    assert s.details["comptes_lies_depuis_les_pages"] == ["https://gitlab.syndicat-info.fr/"]
    assert s.reason is None


def test_the_code_gouv_entry_keeps_accents():
    s = run("<p>Bienvenue.</p>", registries=[_listed("https://gitlab.syndicat-info.fr")])
    assert any("l'Isère" in e.snippet for e in s.evidence)


def test_the_display_counts_accounts_with_a_plural_from_two():
    one = run('<a href="https://gitlab.adullact.net/ville-exemple">Forge</a>', registries=[export("codegouv_accounts", data=[])])
    assert one.display.startswith("1 compte de forge") and one.reason is None
    two = run('<a href="https://gitlab.adullact.net/ville-exemple">Forge</a>', registries=[export("codegouv_accounts")])
    assert two.value == ["https://gitlab.adullact.net/ville-exemple", "https://gitlab.exemple-commune.fr/ville"]
    assert two.display.startswith("2 comptes de forge")


def test_without_the_code_gouv_list_the_reason_says_only_links_were_counted():
    s = run('<a href="https://gitlab.adullact.net/ville-exemple">Forge</a>')
    assert s.value == ["https://gitlab.adullact.net/ville-exemple"] and "non lue" in s.reason
    neutral = run('<a href="https://github.com/opentripplanner/OpenTripPlanner">OTP</a>')
    assert neutral.assessment == "neutre" and "non lue" in neutral.reason and neutral.details["pages_lues"] == 1


def test_at_most_twenty_other_forge_links_are_listed():
    links = "".join(f'<a href="https://github.com/projet{i:02d}">P</a>' for i in range(21))
    s = run(links, registries=[export("codegouv_accounts", data=[])])
    assert s.assessment == "neutre" and len(s.details["autres_liens_de_forge"]) == 20


def test_nothing_found_says_what_was_searched():
    s = run("<p>Bienvenue à Exemple.</p>", name="Ailleurs", websites=["https://www.ailleurs.fr/"])
    assert s.searched == {"pages": 1} and "non lue" in s.reason


def test_an_unreadable_list_without_pages_says_why():
    s = run(reachable=False, registries=[export("codegouv_accounts", status=None, error="délai dépassé")])
    assert s.assessment == "inconnu" and s.reason.endswith("liste code.gouv.fr illisible : délai dépassé")
    s = run(reachable=False, registries=[export("codegouv_accounts", status=502)])
    assert s.reason.endswith("liste code.gouv.fr illisible : HTTP 502")


def test_neutral_and_defavorable_outcomes_carry_a_display_and_details():
    neutral = run('<a href="https://github.com/opentripplanner/OpenTripPlanner">OTP</a>')
    assert "1" in neutral.display
    s = run("<p>Bienvenue à Exemple.</p>", name="Ailleurs", websites=["https://www.ailleurs.fr/"])
    assert s.display and s.details["pages_lues"] == 1 and s.details["comptes_code_gouv"] == []
    assert run(reachable=False).display
