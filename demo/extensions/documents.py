"""Documents as evidence in the demo world (issue 19): what exists only as a document, and how the
published PDFs are built.

- petit-bourg: the legal minimum, as many villages publish it: « Accessibilité : non conforme » in the
  footer, linking a declaration made with Word and published only as a two-page PDF (non conforme, no
  audit; established on 15 January 2025 and the Défenseur des droits on page 2).
- agglo-val-de-roche: a deliberation saved by LibreOffice as ODT, its layout's page break recorded:
  page 1, the sitting of 10 March 2025 adopting a policy in favour of free software and open formats;
  page 2, « Adoptée à l'unanimité ».
- departement-haute-garrigue: a signed deliberation published as a scan (pictures of pages, no text),
  linked from the homepage: its words only OCR would read.
- libreville-isere: its LibreOffice PDFs exported tagged, with their language and title shown
  (content modules, TAGGED_PDF), but for the works planning exported without the options.

The truth below is WRITTEN BY HAND beside the markup, then checked against the written files with
pypdf and zipfile (fails loudly): never computed with the checks' code.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from pypdf import PdfReader

from demo.content import LO75_WIN, MSO2016
from demo.docgen import Producer
from demo.sitekit import Site, e, wrap_layout

# A network copier's scan-to-PDF: its own producer, no office suite.
SCANNER = Producer(pdf_producer="Canon iR-ADV C5535 PDF", pdf_creator="Canon iR-ADV C5535")

PB_DECLARATION = "/_files/ugd/7f3a21_6b1d3f5a7c9e1b3d.pdf"
VR_DELIBERATION = "/wp-content/uploads/2025/03/deliberation-2025-031-logiciels-libres.odt"
HG_SCAN = "/upload/docs/application/pdf/2025-03/deliberation-cp-2025-03-24-signee.pdf"

PB_PAGES = [
    ["La commune de Petit-Bourg-en-Causse s'engage à rendre son site internet accessible conformément à "
     "l'article 47 de la loi n° 2005-102 du 11 février 2005.",
     "Cette déclaration d'accessibilité s'applique au site www.petit-bourg.test.",
     "État de conformité",
     "Le site www.petit-bourg.test est non conforme avec le référentiel général d'amélioration de "
     "l'accessibilité (RGAA), version 4.1 : aucun audit n'a encore été réalisé."],
    ["Établissement de cette déclaration d'accessibilité",
     "Cette déclaration a été établie le 15 janvier 2025.",
     "Voies de recours",
     "Si vous constatez un défaut d'accessibilité qui vous empêche d'accéder à un contenu, vous pouvez "
     "écrire au Défenseur des droits."],
]
VR_PAGES = [
    ["Extrait du registre des délibérations du conseil communautaire",
     "Séance du 10 mars 2025",
     "Délibération n° 2025-031 : politique en faveur des logiciels libres et des formats ouverts",
     "Vu la délibération n° 2019-044 du conseil communautaire du 4 avril 2019 relative au schéma de "
     "mutualisation,",
     "Le conseil communautaire, après en avoir délibéré, ADOPTE la politique en faveur des logiciels "
     "libres de la Communauté d'agglomération, qui privilégie les logiciels libres et les formats ouverts "
     "pour ses outils et ses publications."],
    ["Adoptée à l'unanimité.",
     "Fait et délibéré en séance les jour, mois et an susdits."],
]
HG_SCAN_PAGES = 2


def _petitbourg(site: Site) -> None:
    site.doc(PB_DECLARATION, "Déclaration d'accessibilité", "Mairie", "2025-01-15", MSO2016, pages=PB_PAGES)
    marker = '<a href="/mentions-legales/">Mentions légales</a> |'
    wrap_layout(site, marker, f'<a href="{e(PB_DECLARATION)}">Accessibilité : non conforme</a> | ', before=True,
                who="documents extension")


def _valderoche(site: Site) -> None:
    link = site.doc(VR_DELIBERATION, "Délibération n° 2025-031 – logiciels libres et formats ouverts",
                    "Secrétariat des assemblées", "2025-03-11", LO75_WIN, pages=VR_PAGES)
    page = next(p for p in site.pages.values() if "deliberations-2025-03-10.odt" in p.body)
    page.body += f"\n<p>{link}</p>"


def _hautegarrigue(site: Site) -> None:
    link = site.doc(HG_SCAN, "Délibération de la commission permanente du 24 mars 2025 (version signée)",
                    "Service des assemblées", "2025-03-26", SCANNER, pages=[[]] * HG_SCAN_PAGES,
                    pdf_options={"image_only": True})
    site.pages["/"].body += f"\n<p>{link}</p>"


EXTEND = {"petit-bourg": _petitbourg, "agglo-val-de-roche": _valderoche, "departement-haute-garrigue": _hautegarrigue}


def extend(cid: str, site: Site) -> None:
    fn = EXTEND.get(cid)
    if fn is not None:
        fn(site)


# --- ground truth, written by hand ---------------------------------------------------------------

# The PDFs each candidate's crawlable pages link (websites and portal), and whether each meets the four
# conditions a program can read (tagged, language, title shown, text). Written by hand from the
# content modules; checked below against the files.
PDFS = {
    "libreville-isere": {
        "http://data.libreville-isere.test/fichiers/rapport-developpement-durable-2024.pdf": True,
        "http://data.libreville-isere.test/fichiers/zonage-plu.pdf": True,
        "http://www.libreville-isere.test/IMG/pdf/compte-rendu-2025-01-28.pdf": True,
        "http://www.libreville-isere.test/IMG/pdf/compte-rendu-2025-03-18.pdf": True,
        "http://www.libreville-isere.test/IMG/pdf/planning-travaux-ecole-jean-jaures.pdf": False,
        "http://www.libreville-isere.test/IMG/pdf/schema-pluriannuel-accessibilite-2024-2026.pdf": True,
    },
    "agglo-val-de-roche": {
        "http://www.valderoche-agglo.test/wp-content/uploads/2024/06/rapport-activite-2023.pdf": False,
        "http://www.valderoche-agglo.test/wp-content/uploads/2024/12/compte-rendu-conseil-2024-12-16.pdf": False,
        "http://www.valderoche-agglo.test/wp-content/uploads/2025/03/compte-rendu-conseil-2025-03-10.pdf": False,
    },
    "departement-haute-garrigue": {
        "http://www.haute-garrigue.test/upload/docs/application/pdf/2024-06/rapport-activite-2023.pdf": False,
        "http://www.haute-garrigue.test/upload/docs/application/pdf/2025-01/guide-des-aides-2025.pdf": False,
        "http://www.haute-garrigue.test" + HG_SCAN: False,
    },
    "petit-bourg": {
        "http://www.petit-bourg.test/_files/ugd/7f3a21_0d2f4a6c8e1b3d5f.pdf": False,
        "http://www.petit-bourg.test" + PB_DECLARATION: False,
    },
}
SCANS = {"departement-haute-garrigue": ["http://www.haute-garrigue.test" + HG_SCAN]}
# What exists only as a document, where a reader finds it (page), and the date its text gives.
ONLY_IN_DOCUMENTS = {
    "petit-bourg": {"signal": "a11y_declaration", "url": "http://www.petit-bourg.test" + PB_DECLARATION,
                    "etat": "non conforme", "page_etat": 1, "etablie": "2025-01-15", "page_etablie": 2},
    "agglo-val-de-roche": {"signal": "strategy_mentions", "url": "http://www.valderoche-agglo.test" + VR_DELIBERATION,
                           "page": 1, "date": "2025-03-10", "date_source": "texte"},
}


def _file(root: Path, url: str) -> Path:
    parts = urlsplit(url)
    return root.parent / parts.hostname / parts.path.lstrip("/")


def _conditions(body: bytes) -> tuple[bool, bool]:
    """(all four conditions met, a scan) read in the file with pypdf, by this module's own rule."""
    reader = PdfReader(io.BytesIO(body))
    root = reader.trailer["/Root"]
    mark = root.get("/MarkInfo")
    viewer = root.get("/ViewerPreferences")
    text = "".join((p.extract_text() or "") for p in reader.pages).strip()
    tagged = "/StructTreeRoot" in root and bool(mark and mark.get_object().get("/Marked"))
    titled = bool((reader.metadata or {}).get("/Title")) and bool(viewer and viewer.get_object().get("/DisplayDocTitle"))
    return tagged and bool(root.get("/Lang")) and titled and bool(text), not text


def expected(cid: str, site: Site | None, root: Path | None) -> dict:
    if site is None or root is None:
        return {"documents_read": None}
    pdfs = PDFS[cid]
    for url, meets in pdfs.items():
        ok, scan = _conditions(_file(root, url).read_bytes())
        if ok != meets or scan != (url in SCANS.get(cid, [])):
            raise AssertionError(f"documents extension: {url} is not as written by hand ({ok=}, {scan=})")
    only = ONLY_IN_DOCUMENTS.get(cid)
    if only and only["url"].endswith(".odt"):
        with zipfile.ZipFile(_file(root, only["url"])) as zf:
            content = zf.read("content.xml").decode("utf-8")
        first, second = content.split("<text:soft-page-break/>")
        if "Séance du 10 mars 2025" not in first or "logiciels libres" not in first or "unanimité" not in second:
            raise AssertionError("documents extension: the deliberation's pages are not as written by hand")
    elif only:
        reader = PdfReader(_file(root, only["url"]))
        if "non conforme" not in reader.pages[0].extract_text() or "15 janvier 2025" not in reader.pages[1].extract_text():
            raise AssertionError("documents extension: the declaration's pages are not as written by hand")
    passing = sum(pdfs.values())
    return {"documents_read": {
        "pdf": len(pdfs), "pdf_conformes": passing, "part": round(passing / len(pdfs), 3),
        "scans": SCANS.get(cid, []), "only_in_documents": only}}
