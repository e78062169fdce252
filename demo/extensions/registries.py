"""Demo world: loopback doubles of the public registries, and forge links on the candidates' sites.

Served hosts (a folder under sites/ is a served host; files are static):
- comptoir-du-libre.test: the Comptoir du Libre export, in its real shape (see tnl/registries.py);
- code.gouv.test: the SILL export (sill/api/catalogi.json) and code.gouv.fr's list of public bodies'
  forge accounts (data/owners.json).
Libreville-sur-Isère is declared as a user of several packages in both exports and has two forge
accounts (a group on the ADULLACT forge linked from its site, a self-hosted GitLab listed by code.gouv);
the agglomeration declares one package and links its GitHub organisation; the département only links a
third-party project; Petit-Bourg-en-Causse is in no registry (a namesake, Petit-Bourg, is).
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

from lxml import html as lxml_html

from demo.sitekit import Site

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


def expected(cid: str, site: Site | None, root: Path | None) -> dict:
    """Computed from the written export files and the crawlable pages' links (as build_world.walk sees them)."""
    global _sites_dir
    from checks import declared_free_software_use as dfsu
    from checks.source_code_published import belongs, classify
    from demo.build_world import candidates, walk
    from ground.registries import codegouv_accounts, comptoir_uses, find_accounts, find_uses, sill_uses

    if root is not None:
        _sites_dir = root.parent
        write_exports(_sites_dir)  # the doubles are world files too; written beside the sites
    assert _sites_dir is not None, "the unreachable candidate comes last"
    cand = next(c for c in candidates() if c["id"] == cid)
    uses = (comptoir_uses(_read(_sites_dir, COMPTOIR_HOST, COMPTOIR_PATH))
            + sill_uses(_read(_sites_dir, CODEGOUV_HOST, SILL_PATH)))
    softwares = sorted({u.software for u, _ in find_uses(cand, uses)}, key=str.lower)
    declared = ("favorable" if len(softwares) >= dfsu.FAVORABLE_SOFTWARES else
                "neutre" if softwares else "defavorable")

    listed = [a.url for a, _ in find_accounts(cand, codegouv_accounts(_read(_sites_dir, CODEGOUV_HOST, ACCOUNTS_PATH)))]
    own, others = set(), set()
    if site is not None and root is not None:
        for url, page in walk(site, root)["pages"].items():
            for href in lxml_html.fromstring(page["html"]).xpath("//a/@href"):
                found = classify(urljoin(url, href))
                if found:
                    (own if belongs(found[1], cand) or found[1] in listed else others).add(found[1])
    accounts = sorted(own | set(listed))
    if accounts:
        published = "favorable"
    elif site is None:
        published = "inconnu"
    else:
        published = "neutre" if others else "defavorable"
    return {KEY: {
        "declared_free_software_use": {"assessment": declared, "softwares": softwares},
        "source_code_published": {"assessment": published, "accounts": accounts},
    }}
