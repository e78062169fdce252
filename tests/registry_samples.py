"""Small registry exports in the real shapes (see ground/registries.py for where each shape was verified)."""
from __future__ import annotations

from ground.observations import RegistryExport

WHEN = "2026-11-25T10:00:01.000000Z"

COMPTOIR = {
    "date_of_export": "2025-03-28T02:00:04+00:00",
    "number_of_software": 2,
    "softwares": [
        {"id": 33, "created": "2017-03-14T10:21:08+00:00", "modified": "2025-01-20T16:02:11+00:00",
         "url": "https://comptoir-du-libre.org/fr/softwares/33", "name": "LibreOffice", "licence": "MPL-2.0",
         "external_resources": {"website": "https://www.libreoffice.org/", "repository": None, "wikidata": "Q10135",
                                "sill": [], "framalibre": []},
         "providers": [{"id": 812, "url": "https://comptoir-du-libre.org/fr/users/812", "name": "Libre Info",
                        "type": "Company", "external_resources": {"website": "https://libre-info.example/"}}],
         "users": [
             {"id": 4101, "url": "https://comptoir-du-libre.org/fr/users/4101", "name": "Mairie d'Exemple",
              "type": "Administration", "external_resources": {"website": None}},
             {"id": 2750, "url": "https://comptoir-du-libre.org/fr/users/2750", "name": "Mairie d'Exemple-la-Forêt",
              "type": "Administration", "external_resources": {"website": "https://www.exemple-la-foret.fr/"}},
         ]},
        {"id": 93, "created": "2017-05-02T08:00:00+00:00", "modified": "2024-10-01T09:00:00+00:00",
         "url": "https://comptoir-du-libre.org/fr/softwares/93", "name": "GLPI", "licence": "GPL-3.0",
         "external_resources": {"website": "https://glpi-project.org/", "repository": None},
         "providers": [],
         "users": [{"id": 4388, "url": "https://comptoir-du-libre.org/fr/users/4388", "name": "Services techniques",
                    "type": "Administration", "external_resources": {"website": "https://www.exemple-commune.fr/"}}]},
    ],
}

SILL = [
    {"softwareId": 78, "softwareName": "LibreOffice", "wikidataId": "Q10135", "comptoirDuLibreId": 33,
     "userAndReferentCountByOrganization": {"Commune d'Exemple": {"userCount": 3, "referentCount": 1},
                                            "DINUM": {"userCount": 9, "referentCount": 2}}},
    {"softwareId": 147, "softwareName": "Thunderbird", "wikidataId": "Q483604", "comptoirDuLibreId": 48,
     "userAndReferentCountByOrganization": {"Commune d'Exemple": {"userCount": 0, "referentCount": 0}}},
]

ACCOUNTS = [
    {"id": "https://github.com/etalab", "name": "Etalab", "email": "", "forge": "github", "login": "etalab",
     "website": "https://www.etalab.gouv.fr", "organization": "DINUM", "ministry": "", "floss_policy": "",
     "repositories_count": 310},
    {"id": "https://gitlab.exemple-commune.fr/ville", "name": "Ville d'Exemple", "email": "", "forge": "gitlab",
     "login": "ville", "website": "https://www.exemple-commune.fr/", "organization": "Commune d'Exemple",
     "ministry": "", "floss_policy": "", "repositories_count": 4},
]

URLS = {"comptoir": "https://comptoir-du-libre.org/public/export/comptoir-du-libre_export_v1.json",
        "sill": "https://code.gouv.fr/sill/api/catalogi.json",
        "codegouv_accounts": "https://code.gouv.fr/data/owners.json"}


def export(purpose: str, data=None, status: int | None = 200, error: str | None = None) -> RegistryExport:
    if data is None and status == 200 and error is None:
        data = {"comptoir": COMPTOIR, "sill": SILL, "codegouv_accounts": ACCOUNTS}[purpose]
    return RegistryExport(url=URLS[purpose], purpose=purpose, status=status, fetched_at=WHEN,
                          sha256="2" * 64 if status else None, record_id=f"<urn:uuid:{purpose}>" if status else None,
                          data=data, error=error)
