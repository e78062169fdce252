"""Demo world: loopback doubles of the public registries, and forge links on the candidates' sites.

Served hosts (a folder under sites/ is a served host; files are static):
- comptoir-du-libre.test: the Comptoir du Libre export, in its real shape (see ground/registries.py);
- code.gouv.test: the SILL export (sill/api/catalogi.json) and code.gouv.fr's list of public bodies'
  forge accounts (data/owners.json).
Libreville-sur-Isère is declared as a user of several packages in both exports and has two forge
accounts (a group on the ADULLACT forge linked from its site, a self-hosted GitLab listed by code.gouv);
the agglomeration declares one package and links its GitHub organisation; the département only links a
third-party project; Petit-Bourg-en-Causse is in no registry (a namesake, Petit-Bourg, is).
The expected signals (EXPECTED) are written by hand from these exports and LINKS; build_world only
checks them against the written files.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

from lxml import html as lxml_html

from demo.candidates import candidate
from demo.sitekit import Site
from demo.walker import walk_site

COMPTOIR_HOST = "comptoir-du-libre.test"
CODEGOUV_HOST = "code.gouv.test"
COMPTOIR_PATH = "public/export/comptoir-du-libre_export_v1.json"
SILL_PATH = "sill/api/catalogi.json"
ACCOUNTS_PATH = "data/owners.json"
# What `tnl demo` and the e2e crawl pass as --comptoir-url, --sill-url, --codegouv-accounts-url.
DEMO_URLS = {
    "comptoir_url": f"http://{COMPTOIR_HOST}/{COMPTOIR_PATH}",
    "sill_url": f"http://{CODEGOUV_HOST}/{SILL_PATH}",
    "codegouv_accounts_url": f"http://{CODEGOUV_HOST}/{ACCOUNTS_PATH}",
}
KEY = "registries"

LIB_WEB = "http://www.libreville-isere.test/"
CAVR_WEB = "http://www.valderoche-agglo.test/"

# Markup added to existing pages: (candidate, page path, paragraph).
LINKS = [
    ("libreville-isere", "/ville-numerique/adullact/",
     "<p>Nos développements (modèles de documents, connecteurs pour openCimetière) sont publiés sous licence "
     'libre sur <a href="https://gitlab.adullact.net/libreville-isere">notre groupe de la forge de l\'ADULLACT</a>.</p>'),
    ("agglo-val-de-roche", "/lagglo/services-communs/",
     "<p>Les outils développés par le service commun informatique sont publiés sous licence libre sur "
     '<a href="https://github.com/val-de-roche">le compte GitHub de l\'agglomération</a>.</p>'),
    ("departement-haute-garrigue", "/jcms/p_10024/fr/routes-et-mobilites/",
     "<p>Le calculateur d'itinéraires du site s'appuie sur le projet "
     '<a href="https://github.com/opentripplanner/OpenTripPlanner">OpenTripPlanner</a>.</p>'),
]

# Ground truth, written by hand from the exports below and LINKS above. softwares: the packages an
# export lists the candidate as using; accounts: its forge accounts, listed by code.gouv.fr or linked
# from its pages and named after it. Two packages or more make a declared practice (favorable).
EXPECTED = {
    "libreville-isere": {
        # Comptoir user 4101 « Mairie de Libreville-sur-Isère »: LibreOffice, openCimetière, Nextcloud,
        # QGIS; SILL « Commune de Libreville-sur-Isère »: LibreOffice, Thunderbird, Moodle.
        "declared_free_software_use": {"assessment": "favorable", "softwares": [
            "LibreOffice", "Moodle", "Nextcloud", "openCimetière", "QGIS", "Thunderbird"]},
        # The self-hosted GitLab listed by code.gouv.fr; the ADULLACT forge group linked from its site.
        "source_code_published": {"assessment": "favorable", "accounts": [
            "https://forge.libreville-isere.test/ville", "https://gitlab.adullact.net/libreville-isere"]},
    },
    "agglo-val-de-roche": {
        # Comptoir user 4388 « CA du Val de Roche » (its website): GLPI only, a single package.
        "declared_free_software_use": {"assessment": "neutre", "softwares": ["GLPI"]},
        # Its GitHub organisation, linked from /lagglo/services-communs/.
        "source_code_published": {"assessment": "favorable", "accounts": ["https://github.com/val-de-roche"]},
    },
    "departement-haute-garrigue": {
        # In no export (the water syndicate « … de la Haute-Garrigue » is another body).
        "declared_free_software_use": {"assessment": "defavorable", "softwares": []},
        # Its only forge link is a third party's project (OpenTripPlanner): no account of its own.
        "source_code_published": {"assessment": "neutre", "accounts": []},
    },
    "petit-bourg": {
        # The exports' « Petit-Bourg » is a namesake; no forge link on its pages.
        "declared_free_software_use": {"assessment": "defavorable", "softwares": []},
        "source_code_published": {"assessment": "defavorable", "accounts": []},
    },
    "saint-disparu": {
        # The registries are read even when the site is down: it is in none of them.
        "declared_free_software_use": {"assessment": "defavorable", "softwares": []},
        # No page and no listed account: nothing to judge.
        "source_code_published": {"assessment": "inconnu", "accounts": []},
    },
}

_sites_dir: Path | None = None


def _user(uid: int, name: str, website: str | None, kind: str = "Administration") -> dict:
    return {"id": uid, "url": f"https://{COMPTOIR_HOST}/fr/users/{uid}", "name": name, "type": kind,
            "external_resources": {"website": website}}


def _software(sid: int, name: str, licence: str, website: str, users: list[dict], wikidata: str | None = None) -> dict:
    return {"id": sid, "created": "2017-03-14T10:21:08+00:00", "modified": "2025-01-20T16:02:11+00:00",
            "url": f"https://{COMPTOIR_HOST}/fr/softwares/{sid}", "name": name, "licence": licence,
            "external_resources": {"website": website, "repository": None, "wikidata": wikidata or [], "sill": [],
                                   "framalibre": []},
            "providers": [{"id": 812, "url": f"https://{COMPTOIR_HOST}/fr/users/812", "name": "Libre Informatique Alpes",
                           "type": "Company", "external_resources": {"website": "https://www.libre-info-alpes.test/"}}],
            "users": users}


def comptoir_export() -> dict:
    lib = _user(4101, "Mairie de Libreville-sur-Isère", LIB_WEB)
    cavr = _user(4388, "CA du Val de Roche", CAVR_WEB)
    eaux = _user(3920, "Syndicat mixte des eaux de la Haute-Garrigue", None)
    namesake = _user(2750, "Mairie de Petit-Bourg", "https://www.ville-petitbourg.test/")
    other = _user(1204, "Ville de Montagnac-les-Pins", "https://www.montagnac-les-pins.test/")
    softwares = [
        _software(33, "LibreOffice", "MPL-2.0", "https://www.libreoffice.org/", [lib, namesake, other], "Q10135"),
        _software(78, "openCimetière", "AGPL-3.0", "https://www.openmairie.org/catalogue/opencimetiere", [lib, other]),
        _software(93, "GLPI", "GPL-3.0", "https://glpi-project.org/", [cavr, other], "Q1509566"),
        _software(117, "Nextcloud", "AGPL-3.0", "https://nextcloud.com/", [lib], "Q25874683"),
        _software(120, "QGIS", "GPL-2.0", "https://qgis.org/", [lib, eaux], "Q1329181"),
        _software(461, "Asqatasun", "AGPL-3.0", "https://asqatasun.org/", [other]),
    ]
    return {"date_of_export": "2025-03-28T02:00:04+00:00", "number_of_software": len(softwares),
            "softwares": softwares}


def sill_export() -> list[dict]:
    def sw(sid: int, name: str, wikidata: str, cdl: int | None, orgs: dict[str, tuple[int, int]]) -> dict:
        return {"softwareId": sid, "softwareName": name, "wikidataId": wikidata, "comptoirDuLibreId": cdl,
                "license": "", "versionMin": "",
                "userAndReferentCountByOrganization": {o: {"userCount": u, "referentCount": r}
                                                      for o, (u, r) in orgs.items()}}
    return [
        sw(78, "LibreOffice", "Q10135", 33, {"Commune de Libreville-sur-Isère": (4, 1), "DINUM": (12, 2)}),
        sw(147, "Thunderbird", "Q483604", 48, {"Commune de Libreville-sur-Isère": (2, 0), "Ministère de la Culture": (5, 1)}),
        sw(208, "Moodle", "Q190434", 54, {"Commune de Libreville-sur-Isère": (1, 1)}),
        sw(120, "QGIS", "Q1329181", 120, {"IGN": (20, 3), "Petit-Bourg": (1, 0)}),
        sw(54, "GLPI", "Q1509566", 93, {"DINUM": (0, 1)}),
    ]


def accounts_export() -> list[dict]:
    def acc(url: str, name: str, forge: str, organization: str, website: str, n: int, policy: str = "") -> dict:
        return {"id": url, "name": name, "email": "", "forge": forge, "login": url.rstrip("/").rsplit("/", 1)[-1],
                "website": website, "icon_url": "", "location": "", "description": "", "followers": 0,
                "floss_policy": policy, "created_at": "2021-04-12T08:00:00Z", "repositories_count": n,
                "ministry": "", "organization": organization, "ospo_url": ""}
    return [
        acc("https://github.com/etalab", "Etalab", "github", "DINUM", "https://www.etalab.gouv.test/", 310),
        acc("https://gitlab.adullact.net/adullact", "ADULLACT", "gitlab", "ADULLACT", "https://adullact.test/", 140),
        acc("https://forge.libreville-isere.test/ville", "Ville de Libreville-sur-Isère", "gitlab",
            "Commune de Libreville-sur-Isère", LIB_WEB, 12, LIB_WEB + "ville-numerique/logiciels-libres/"),
        acc("https://github.com/ville-petitbourg", "Ville de Petit-Bourg", "github", "Commune de Petit-Bourg",
            "https://www.ville-petitbourg.test/", 3),
    ]


def write_exports(sites_dir: Path) -> None:
    files = {COMPTOIR_HOST: {COMPTOIR_PATH: comptoir_export()},
             CODEGOUV_HOST: {SILL_PATH: sill_export(), ACCOUNTS_PATH: accounts_export()}}
    for host, by_path in files.items():
        for path, data in by_path.items():
            target = sites_dir / host / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def extend(cid: str, site: Site) -> None:
    for owner, path, paragraph in LINKS:
        if owner == cid:
            site.pages[path].body += "\n" + paragraph


def _read(sites_dir: Path, host: str, path: str):
    return json.loads((sites_dir / host / path).read_text("utf-8"))


def _names(cand: dict, name: str | None, website: str | None) -> bool:
    """An export entry that designates the candidate: by its website, or with its full name in it."""
    return website in cand["websites"] or cand["name"] in (name or "")


def _check(cid: str, truth: dict, site: Site | None, root: Path | None) -> None:
    """EXPECTED against the written exports and pages, by plain look-ups (fails loudly)."""
    cand = candidate(cid)
    comptoir = _read(_sites_dir, COMPTOIR_HOST, COMPTOIR_PATH)["softwares"]
    sill = _read(_sites_dir, CODEGOUV_HOST, SILL_PATH)
    declared = {sw["name"] for sw in comptoir for u in sw["users"]
                if _names(cand, u["name"], u["external_resources"].get("website"))}
    declared |= {sw["softwareName"] for sw in sill for org in sw["userAndReferentCountByOrganization"]
                 if _names(cand, org, None)}
    if declared != set(truth["declared_free_software_use"]["softwares"]):
        raise AssertionError(f"{cid}: the exports declare {sorted(declared)}")
    listed = {a["id"] for a in _read(_sites_dir, CODEGOUV_HOST, ACCOUNTS_PATH)
              if _names(cand, a["organization"], a["website"])}
    linked = set()
    if site is not None and root is not None:
        for url, page in walk_site(site, root)["pages"].items():
            linked.update(urljoin(url, h) for h in lxml_html.fromstring(page["html"]).xpath("//a/@href"))
    for owner, _, paragraph in LINKS:
        href = re.search(r'href="([^"]+)"', paragraph).group(1)
        if owner == cid and href not in linked:
            raise AssertionError(f"{cid}: {href} is not linked from a crawlable page")
    accounts = set(truth["source_code_published"]["accounts"])
    if not listed <= accounts or not accounts <= listed | linked:
        raise AssertionError(f"{cid}: accounts written {sorted(accounts)}, listed by code.gouv.fr {sorted(listed)}, "
                             f"not linked from its pages {sorted(accounts - listed - linked)}")


def expected(cid: str, site: Site | None, root: Path | None) -> dict:
    """EXPECTED[cid], checked against the written export files and the candidate's crawlable pages."""
    global _sites_dir
    if root is not None:
        _sites_dir = root.parent
        write_exports(_sites_dir)  # the doubles are world files too; written beside the sites
    assert _sites_dir is not None, "the unreachable candidate comes last"
    truth = EXPECTED[cid]
    _check(cid, truth, site, root)
    return {KEY: truth}
