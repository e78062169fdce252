"""The demo territory's application dossiers, as the forms platform exports them (world/dossiers-2025.csv).

    python -m demo.dossiers          # writes demo/world/dossiers-2025.csv only (also part of demo.build_world)

Shaped like a Démarches Simplifiées CSV export saved again by a French spreadsheet (`;`): the columns
the platform writes for every dossier (« ID », « Email », the établissement's « Établissement … » and
« Entreprise … » columns, « État du dossier », « Déposé le »…), then one column per question, titled
with the question's wording (those of tnl/data/dossiers/2025.yaml, which `tnl dossiers` reads it
with). One dossier per demo candidate, with the same names, SIRENs and sites as demo/candidates.py.

The answers are written by hand against what the demo sites show (demo/world/expected.yaml, the
content modules): some are confirmed by the evidence, some contradicted, some cannot be checked by
the tool (free text, internal deployments); each answer's comment says which and why.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from demo import WORLD_DIR
from demo.candidates import candidate, with_luhn_key

DOSSIERS_FILE = WORLD_DIR / "dossiers-2025.csv"

# The columns Démarches Simplifiées writes for every dossier of a procedure filed by an établissement
# (CSV export: the établissement's columns inline), in its order.
PLATFORM_COLUMNS = (
    "ID", "Email", "FranceConnect ?", "Établissement SIRET", "Établissement siège social", "Établissement NAF",
    "Établissement libellé NAF", "Établissement Adresse", "Établissement numero voie", "Établissement type voie",
    "Établissement nom voie", "Établissement complément adresse", "Établissement code postal",
    "Établissement localité", "Établissement code INSEE localité", "Entreprise SIREN", "Entreprise capital social",
    "Entreprise numero TVA intracommunautaire", "Entreprise forme juridique", "Entreprise forme juridique code",
    "Entreprise nom commercial", "Entreprise raison sociale", "Entreprise SIRET siège social",
    "Entreprise code effectif entreprise", "Entreprise date de création", "Entreprise état administratif",
    "Entreprise nom", "Entreprise prénom", "Association RNA", "Association titre", "Association objet",
    "Association date de création", "Association date de déclaration", "Association date de publication",
    "Archivé", "État du dossier", "Dernière mise à jour le", "Dernière mise à jour du dossier le", "Déposé le",
    "Passé en instruction le", "Traité le", "Motivation de la décision", "Instructeurs",
)

# The form's questions, in its order (their wording: tnl/data/dossiers/2025.yaml), keyed by a short name.
QUESTIONS = {
    "nom": "Nom de la collectivité",
    "type": "Type de collectivité",
    "parcours": "Parcours choisi",
    "elu": "Élu référent (nom, fonction)",
    "referent": "Référent technique (courriel)",
    "habitants": "Nombre d'habitants",
    "site": "Adresse du site internet de la collectivité",
    "portail": "Adresse du portail de données ouvertes (s'il existe)",
    "strategie_enjeux": "À quels enjeux vise à répondre la stratégie mise en place ?",
    "strategie_soutiens": "Qui soutient cette stratégie en interne ?",
    "strategie_freins": "Quels sont les freins et difficultés rencontrés ?",
    "strategie_plan_action": "Quelles sont les grandes lignes de votre plan d'action ?",
    "strategie_publiee": "Votre stratégie numérique ou votre politique en faveur du logiciel libre est-elle publiée "
                         "(délibération, schéma directeur) ?",
    "mutualisation": "Mutualisez-vous des moyens numériques avec d'autres structures (service commun, syndicat, "
                     "adhésion à l'ADULLACT) ?",
    "part_logiciels_mutualises": "Quelle est la part de logiciels libres mutualisés déployés ?",
    "part_formats_ouverts": "Quelle part des documents publiés sur votre site l'est dans un format ouvert "
                            "(ODF, PDF, CSV…) ?",
    "mention_accessibilite": "Votre page d'accueil affiche-t-elle la mention « Accessibilité : totalement, "
                             "partiellement ou non conforme » ?",
    "declaration_accessibilite": "Avez-vous publié une déclaration d'accessibilité ?",
    "schema_pluriannuel": "Avez-vous publié un schéma pluriannuel de mise en accessibilité ?",
    "sobriete": "Quelles actions de sobriété numérique menez-vous (durée de vie du matériel, reconditionnement) ?",
    "cms": "Quel outil de gestion de contenu (CMS) utilise le site internet de la collectivité ?",
    "mesure_audience": "Quels outils de mesure d'audience utilisez-vous sur votre site ?",
    "suite_bureautique": "Quelle suite bureautique vos agents utilisent-ils ?",
    "part_postes_libres": "Quelle part des postes de travail de vos agents fonctionne sous un système libre "
                          "(GNU/Linux) ?",
    "logiciels_metier": "Quels logiciels libres métier utilisez-vous (openMairie, QGIS…) ?",
    "communication_libre": "Informez-vous vos administrés sur les logiciels libres que vous utilisez ou proposez ?",
    "ecosysteme": "Participez-vous à l'écosystème du libre (ADULLACT, April, Libre en Fête, install party, "
                  "contributions) ?",
    "fediverse": "Êtes-vous présents sur des réseaux sociaux libres (Mastodon, PeerTube) ?",
    "code_source": "Publiez-vous le code source de vos développements sur une forge ?",
    "formation": "Quelles actions de formation ou de sensibilisation au libre proposez-vous aux agents et aux élus ?",
    "datagouv": "Publiez-vous des données sur data.gouv.fr ?",
    "portail_donnees": "Disposez-vous d'un portail de données ouvertes ?",
    "strategie_donnees": "Quelle est votre stratégie d'ouverture et de gestion des données publiques ?",
}

LABEL, BADGE = "Label (Bronze, Argent, Or)", "Badge (questionnaire simplifié)"

# Per candidate: the établissement as SIRENE knows it, and the answers (empty: not answered).
DOSSIERS: dict[str, dict] = {
    "libreville-isere": {
        "id": "41207", "email": "dsi@libreville-isere.test", "forme": ("Commune et commune nouvelle", "7210"),
        "raison_sociale": "COMMUNE DE LIBREVILLE SUR ISERE", "adresse": ("1", "PL", "DE LA MAIRIE", "38999", "LIBREVILLE-SUR-ISERE"),
        "depose": "2025-10-02 14:31:07 +0200",
        "answers": {
            "type": "Commune", "parcours": LABEL, "elu": "Claire Martin, adjointe au numérique",
            "referent": "dsi@libreville-isere.test",
            "strategie_enjeux": "Souveraineté numérique, maîtrise des coûts et des données des habitants.",  # texte
            "strategie_soutiens": "Le maire, l'adjointe au numérique et la direction des systèmes d'information.",
            "strategie_freins": "Les habitudes des agents ;\ndes formats imposés par certains partenaires.",
            "strategie_plan_action": "Schéma directeur du numérique 2025-2030 : postes sous GNU/Linux, LibreOffice "
                                     "partout, données ouvertes par défaut.",
            "strategie_publiee": "Oui",  # confirmed: strategy pages and the schéma directeur (ODT)
            "mutualisation": "Oui",  # confirmed: service commun, adhésion à l'ADULLACT
            "part_logiciels_mutualises": "60 %",  # not checked by the tool (no signal)
            "part_formats_ouverts": "90 %",  # confirmed: 47 of 48 documents in open formats
            "mention_accessibilite": "Oui",  # confirmed: « partiellement conforme »
            "declaration_accessibilite": "Oui",  # confirmed: /accessibilite/
            "schema_pluriannuel": "Oui",  # confirmed: the 2024-2026 PDF
            "sobriete": "Postes gardés sept ans, reconditionnés puis donnés aux écoles.",
            "cms": "SPIP",  # confirmed
            "mesure_audience": "Matomo",  # confirmed
            "suite_bureautique": "LibreOffice",  # confirmed: 13 of 14 documents made with LibreOffice
            "part_postes_libres": "45 %",  # not checked (no signal)
            "logiciels_metier": "openCimetière, openAssainissement, QGIS",  # not checked (internal use)
            "communication_libre": "Oui",  # confirmed: 19 free software named on the site
            "ecosysteme": "Oui",  # confirmed: ADULLACT, April, Libre en Fête…
            "fediverse": "Oui",  # confirmed: Mastodon and PeerTube accounts
            "code_source": "Oui",  # confirmed: two forge accounts
            "formation": "Ateliers LibreOffice pour les agents, install party annuelle à la médiathèque.",
            "datagouv": "Oui",  # confirmed: 25 datasets
            "portail_donnees": "Oui",  # confirmed: CKAN portal
            "strategie_donnees": "Ouverture par défaut, schémas du SCDL, portail CKAN moissonné par data.gouv.fr.",
        },
    },
    "agglo-val-de-roche": {
        "id": "41233", "email": "numerique@valderoche-agglo.test", "forme": ("Communauté d'agglomération", "7346"),
        "raison_sociale": "COMMUNAUTE D'AGGLOMERATION DU VAL DE ROCHE",
        "adresse": ("12", "AV", "DES TISSERANDS", "38998", "ROCHE-SUR-VAL"),
        "depose": "2025-10-15 09:02:44 +0200",
        "answers": {
            "type": "Communauté d'agglomération", "parcours": LABEL, "elu": "Paul Girard, vice-président",
            "referent": "numerique@valderoche-agglo.test",
            "strategie_enjeux": "Réduire la dépendance aux éditeurs et mutualiser avec les communes membres.",
            "strategie_publiee": "Oui",  # confirmed: a services-communs page and the deliberation (ODT only)
            "mutualisation": "Oui",  # confirmed: service commun
            "part_logiciels_mutualises": "la moitié",  # read as « au moins 50 % »; not checked (no signal)
            "part_formats_ouverts": "80 %",  # contradicted: 6 of 11 documents (55 %)
            "mention_accessibilite": "Oui",  # confirmed: « partiellement conforme »
            "declaration_accessibilite": "Oui",  # confirmed
            "schema_pluriannuel": "Oui",  # confirmed (published, though its 2020-2022 period is over)
            "cms": "WordPress",  # confirmed
            "mesure_audience": "Matomo, Google Analytics",  # Matomo confirmed; Google Analytics contradicted
            "suite_bureautique": "LibreOffice",  # confirmed: LibreOffice made 4 of the 11 documents
            "part_postes_libres": "10 %",
            "communication_libre": "Non",  # contradicted: the site names Firefox, LibreOffice, QGIS
            "ecosysteme": "Oui",  # contradicted: no link to the free-software ecosystem
            "fediverse": "Oui",  # confirmed: piaille.fr account
            "code_source": "Oui",  # confirmed: GitHub organisation
            "datagouv": "Oui",  # confirmed: 6 datasets
            "portail_donnees": "Oui",  # confirmed: OpenDataSoft portal linked from the site
        },
    },
    "departement-haute-garrigue": {
        "id": "41260", "email": "dsi@haute-garrigue.test", "forme": ("Département", "7220"),
        "raison_sociale": "DEPARTEMENT DE LA HAUTE GARRIGUE",
        "adresse": ("2", "BD", "DU GENERAL LECLERC", "99000", "GARRIGUE-PREFECTURE"),
        "depose": "2025-10-18 17:45:12 +0200",
        "answers": {
            "type": "Département", "parcours": LABEL, "elu": "Anne Roux, vice-présidente",
            "referent": "dsi@haute-garrigue.test",
            "strategie_enjeux": "Moderniser l'administration départementale.",
            "strategie_publiee": "Non",  # confirmed: no strategy page
            "mutualisation": "Non",  # confirmed: nothing found
            "part_formats_ouverts": "0,5",  # read « au moins 50 % »; contradicted: 3 of 14 documents (21 %)
            "mention_accessibilite": "Oui",  # confirmed: « non conforme » is shown
            "declaration_accessibilite": "Oui",  # confirmed
            "schema_pluriannuel": "Non",  # confirmed: none found
            "cms": "Jalios JCMS",  # confirmed
            "mesure_audience": "Aucun",  # read « absent »; contradicted: Google Analytics, Google Tag Manager
            "suite_bureautique": "Microsoft 365",  # read « Microsoft Office »; confirmed: 12 of 12 documents
            "communication_libre": "Non",  # confirmed: no free software named
            "fediverse": "Non",  # confirmed
            "code_source": "Non",  # confirmed: no forge account of its own
            "datagouv": "Oui",  # confirmed: 3 datasets
            "portail_donnees": "Non",  # confirmed: no portal of its own
        },
    },
    "petit-bourg": {
        "id": "41288", "email": "mairie.petitbourg@orange.test", "forme": ("Commune et commune nouvelle", "7210"),
        "raison_sociale": "COMMUNE DE PETIT BOURG EN CAUSSE", "adresse": ("", "", "LE BOURG", "46999", "PETIT-BOURG-EN-CAUSSE"),
        "depose": "2025-10-19 22:58:31 +0200",
        # The badge: the simplified questionnaire, a few questions answered.
        "answers": {
            "type": "Commune", "parcours": BADGE, "elu": "Jean Delmas, maire", "referent": "",
            "strategie_enjeux": "Découvrir le logiciel libre avec l'aide du syndicat départemental.",
            "mention_accessibilite": "Non",  # contradicted: the footer says « non conforme »
            "declaration_accessibilite": "Oui",  # confirmed: published as a PDF only
            "cms": "Wix",  # confirmed
            "mesure_audience": "Aucun",  # contradicted: Google Analytics
            "suite_bureautique": "LibreOffice",  # contradicted: the 4 documents were made with Microsoft Office
            "fediverse": "Non",  # confirmed
            "datagouv": "Non",  # confirmed: no organisation on data.gouv.fr
        },
    },
    "saint-disparu": {
        "id": "41301", "email": "accueil@site-disparu.test", "forme": ("Commune et commune nouvelle", "7210"),
        "raison_sociale": "COMMUNE DE SAINT DISPARU LES BOIS", "adresse": ("3", "RUE", "DE L'EGLISE", "71999", "SAINT-DISPARU-LES-BOIS"),
        "depose": "2025-10-10 11:20:05 +0200",
        # The site cannot be reached: what it would show cannot be checked.
        "answers": {
            "type": "Commune", "parcours": LABEL, "elu": "Marie Petit, maire", "referent": "accueil@site-disparu.test",
            "mention_accessibilite": "Oui",  # not checkable: site unreachable
            "cms": "WordPress",  # not checkable: site unreachable
            "part_postes_libres": "beaucoup",  # not read as a share: kept, unverifiable
        },
    },
}


def rows() -> list[dict[str, str]]:
    """One row per dossier, keyed by column title."""
    out = []
    for cid, dossier in DOSSIERS.items():
        cand = candidate(cid)
        siren = cand["siren"]
        siret = with_luhn_key(siren + "0001")  # the seat's SIRET: SIREN, NIC 0001x, Luhn key over the 14 digits
        numero, type_voie, voie, code_postal, localite = dossier["adresse"]
        answers = dossier["answers"]
        row = dict.fromkeys(PLATFORM_COLUMNS, "")
        row.update({
            "ID": dossier["id"], "Email": dossier["email"], "FranceConnect ?": "false",
            "Établissement SIRET": siret, "Établissement siège social": "true", "Établissement NAF": "8411Z",
            "Établissement libellé NAF": "Administration publique générale",
            "Établissement Adresse": f"{dossier['raison_sociale']}\r\n{' '.join(p for p in (numero, type_voie, voie) if p)}"
                                     f"\r\n{code_postal} {localite}",
            "Établissement numero voie": numero, "Établissement type voie": type_voie, "Établissement nom voie": voie,
            "Établissement code postal": code_postal, "Établissement localité": localite,
            "Établissement code INSEE localité": cand.get("insee") or code_postal,
            "Entreprise SIREN": siren, "Entreprise forme juridique": dossier["forme"][0],
            "Entreprise forme juridique code": dossier["forme"][1], "Entreprise raison sociale": dossier["raison_sociale"],
            "Entreprise SIRET siège social": siret, "Entreprise état administratif": "actif",
            "Archivé": "false", "État du dossier": "En instruction", "Dernière mise à jour le": dossier["depose"],
            "Dernière mise à jour du dossier le": dossier["depose"], "Déposé le": dossier["depose"],
            "Passé en instruction le": "2025-10-20 09:00:00 +0200", "Instructeurs": "label@territoire-numerique-libre.test",
        })
        row.update({title: "" for title in QUESTIONS.values()})
        row[QUESTIONS["nom"]] = cand["name"]
        row[QUESTIONS["habitants"]] = str(cand["population"]) if cand.get("population") else ""
        row[QUESTIONS["site"]] = " ".join(cand["websites"])
        row[QUESTIONS["portail"]] = " ".join(cand.get("opendata") or [])
        for key, answer in answers.items():
            row[QUESTIONS[key]] = answer
        out.append(row)
    return out


def export_text() -> str:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=[*PLATFORM_COLUMNS, *QUESTIONS.values()], delimiter=";",
                            lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows())
    return buf.getvalue()


def write(path: Path = DOSSIERS_FILE) -> Path:
    path.write_text(export_text(), encoding="utf-8", newline="")
    return path


if __name__ == "__main__":
    print(write())
