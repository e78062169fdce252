"""The candidates of the demo world (written to candidates.yaml) and their SIREN numbers."""
from __future__ import annotations

from demo.content import hautegarrigue, libreville, petitbourg, portal, valderoche
from ground.candidates import luhn_ok


def with_luhn_key(prefix: str) -> str:
    """Append the digit that makes `prefix + digit` pass the Luhn check."""
    for d in "0123456789":
        if luhn_ok(prefix + d):
            return prefix + d
    raise AssertionError(prefix)


SIREN = {
    "libreville-isere": with_luhn_key("21389990"),
    "agglo-val-de-roche": with_luhn_key("20008899"),
    "departement-haute-garrigue": with_luhn_key("22990001"),
    "petit-bourg": with_luhn_key("21469990"),
    "saint-disparu": with_luhn_key("21719990"),
}
LIBREVILLE_ORG_SLUG = "commune-de-libreville-sur-isere"
UNREACHABLE_HOST = "www.site-disparu.test"


def candidates() -> list[dict]:
    return [
        {"id": "libreville-isere", "name": "Libreville-sur-Isère", "kind": "commune", "siren": SIREN["libreville-isere"],
         "insee": "38999", "population": 12040, "parcours": "label", "websites": [f"http://{libreville.HOST}/"], "opendata": [f"http://{portal.HOST}/"],
         "datagouv_organization": LIBREVILLE_ORG_SLUG,
         # Claims of the application form, checked against the signals in the report.
         "claims": [
             {"domain": "logiciels_libres", "text": "Le site de la commune est réalisé avec SPIP, un logiciel libre.",
              "signal": "cms", "expect": "SPIP"},
             {"domain": "interop_accessibilite",
              "text": "Au moins 80 % des documents publiés le sont dans un format ouvert.",
              "signal": "open_formats", "expect": ">= 80 %"},
             {"domain": "open_data", "text": "Nos données sont publiées sur data.gouv.fr.",
              "signal": "datagouv_datasets", "expect": "present"},
         ]},
        {"id": "agglo-val-de-roche", "name": valderoche.NAME, "kind": "epci", "siren": SIREN["agglo-val-de-roche"],
         "population": 95300, "parcours": "label",
         "websites": [f"http://{valderoche.HOST}/"],
         "claims": [
             {"domain": "logiciels_libres", "text": "La mesure d'audience est assurée par Matomo.",
              "signal": "analytics", "expect": "Matomo"},
             {"domain": "interop_accessibilite",
              "text": "Tous nos documents sont publiés en formats ouverts.",
              "signal": "open_formats", "expect": ">= 0.9"},
         ]},
        {"id": "departement-haute-garrigue", "name": hautegarrigue.NAME, "kind": "departement",
         "siren": SIREN["departement-haute-garrigue"], "population": 301500, "parcours": "label",
         "websites": [f"http://{hautegarrigue.HOST}/"],
         "claims": [
             {"domain": "logiciels_libres", "text": "Le Département n'utilise aucun outil de suivi des GAFAM.",
              "signal": "analytics", "expect": "absent"},
         ]},
        {"id": "petit-bourg", "name": petitbourg.NAME, "kind": "commune", "siren": SIREN["petit-bourg"], "insee": "46999", "population": 812,
         # The simplified questionnaire: the track is the candidate's choice, read, never inferred.
         "parcours": "badge", "websites": [f"http://{petitbourg.HOST}/"]},
        {"id": "saint-disparu", "name": "Saint-Disparu-les-Bois", "kind": "commune", "siren": SIREN["saint-disparu"],
         "insee": "71999", "parcours": "label", "websites": [f"http://{UNREACHABLE_HOST}/"]},
    ]


def candidate(cid: str) -> dict:
    return next(c for c in candidates() if c["id"] == cid)
