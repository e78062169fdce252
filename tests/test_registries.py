"""Readers of the registries' exports and how a candidate is recognised in them; archive round trip."""
from __future__ import annotations

import json

from ground.archive import ArchiveWriter, IndexEntry
from ground.registries import (
    CandidateKeys,
    codegouv_accounts,
    comptoir_uses,
    core_name,
    find_accounts,
    find_uses,
    load_registries,
    sill_uses,
)
from tests.registry_samples import ACCOUNTS, COMPTOIR, SILL, URLS

CAND = {"id": "exemple", "name": "Exemple", "siren": "213801517", "websites": ["https://www.exemple-commune.fr/"]}


def test_comptoir_reader_lists_every_software_user_pair():
    uses = comptoir_uses(COMPTOIR)
    assert [(u.software, u.organisation) for u in uses] == [
        ("LibreOffice", "Mairie d'Exemple"), ("LibreOffice", "Mairie d'Exemple-la-Forêt"),
        ("GLPI", "Services techniques")]
    assert uses[0].software_id == "33" and uses[0].page == "https://comptoir-du-libre.org/fr/softwares/33"
    assert uses[2].website == "https://www.exemple-commune.fr/"


def test_sill_reader_keeps_organisations_with_users_or_referents():
    uses = sill_uses(SILL)
    assert [(u.software, u.organisation) for u in uses] == [("LibreOffice", "Commune d'Exemple"), ("LibreOffice", "DINUM")]
    # the newer spelling (name/id) is read too
    assert [u.software for u in sill_uses([{"id": 1, "name": "QGIS",
                                            "userAndReferentCountByOrganization": {"IGN": {"userCount": 1}}}])] == ["QGIS"]


def test_accounts_reader_accepts_a_list_or_an_object_keyed_by_url():
    as_list = codegouv_accounts(ACCOUNTS)
    keyed = codegouv_accounts({a["id"]: {k: v for k, v in a.items() if k != "id"} for a in ACCOUNTS})
    assert [a.url for a in as_list] == [a.url for a in keyed] == [ACCOUNTS[0]["id"], ACCOUNTS[1]["id"]]
    assert as_list[1].forge == "gitlab" and as_list[1].organisation == "Commune d'Exemple"


def test_unknown_shapes_give_nothing_rather_than_crash():
    for bad in (None, "texte", 3, {"softwares": "x"}, [1, 2], {"softwares": [{"name": "X", "users": [None, 5]}]}):
        assert comptoir_uses(bad) == [] and sill_uses(bad) == [] and codegouv_accounts(bad) == []


def test_names_match_without_the_kind_of_body_but_namesakes_do_not():
    assert core_name("Mairie de Libreville-sur-Isère") == "libreville sur isere"
    assert core_name("Communauté d'agglomération du Val de Roche") == "val de roche"
    keys = CandidateKeys.of(CAND)
    assert keys.match("Ville d'Exemple") == "nom" and keys.match("Commune d'Exemple") == "nom"
    assert keys.match("Mairie d'Exemple-la-Forêt") is None
    assert keys.match("Services techniques", "https://exemple-commune.fr/") == "site"
    assert keys.match("Exemple", siren="213801517") == "siren" and keys.match("Exemple", siren="200000000") is None


def test_find_uses_and_accounts_for_one_candidate():
    found = find_uses(CAND, comptoir_uses(COMPTOIR) + sill_uses(SILL))
    assert sorted((u.source, u.software, how) for u, how in found) == [
        ("comptoir", "GLPI", "site"), ("comptoir", "LibreOffice", "nom"), ("sill", "LibreOffice", "nom")]
    assert [(a.url, how) for a, how in find_accounts(CAND, codegouv_accounts(ACCOUNTS))] == [
        ("https://gitlab.exemple-commune.fr/ville", "site")]


def _archive(directory, body: bytes, purpose: str, status: int = 200):
    writer = ArchiveWriter(directory)
    entry = IndexEntry(url=URLS[purpose], kind="registry", extra={"purpose": purpose})
    entry.status = status
    writer.write_exchange(entry, method="GET", request_headers=[("Accept", "application/json")],
                          reason="OK", response_headers=[("Content-Type", "application/json")], body=body)
    writer.close()


def test_exports_are_read_back_from_the_run_archive(tmp_path):
    reg = tmp_path / "_registries"
    _archive(reg, json.dumps(COMPTOIR).encode(), "comptoir")
    _archive(reg, b"<html>maintenance</html>", "sill", status=503)
    writer = ArchiveWriter(reg)
    writer.write_index(IndexEntry(url=URLS["codegouv_accounts"], kind="registry", extra={"purpose": "codegouv_accounts"},
                                  error="DNSLookupError: code.gouv.fr"))
    writer.close()
    exports = {r.purpose: r for r in load_registries(reg)}
    assert exports["comptoir"].data == COMPTOIR and len(exports["comptoir"].sha256) == 64
    assert exports["comptoir"].record_id and exports["comptoir"].status == 200
    assert exports["sill"].data is None and exports["sill"].status == 503
    assert exports["codegouv_accounts"].error.startswith("DNSLookupError") and exports["codegouv_accounts"].record_id is None
    assert load_registries(tmp_path / "absent") == []
