"""Content of the demo world: one module per fictional collectivité (plus its open-data portal).

Each site module exposes ``build() -> Site``, ``PROFILE``, a dict with what the site was
built to show (intended level, CMS, analytics tools, accessibility mention, fediverse links), and
``FREE_SOFTWARE_NAMES``, the free software its pages name: ground truth written by hand beside the
text that produces it, which build_world checks against the written pages. ``PROFILE["render"]`` says what
a visitor's browser does on the site (the rendered pass, issue 22). ``standins`` is no site: it serves the
third parties those browsers contact (tag managers, analytics, CDNs) with scripts of ours.
"""
from __future__ import annotations

from demo.docgen import Producer

# How each office suite stamps its files (see demo.docgen.Producer).
LO76_LINUX = Producer(
    odf_generator="LibreOffice/7.6.4.1$Linux_X86_64 LibreOffice_project/e19e193f88cd6c0525a17fb7a176ed8e6a3e2aa1",
    pdf_producer="LibreOffice 7.6",
    pdf_creator="Writer",
)
LO76_CALC = Producer(odf_generator=LO76_LINUX.odf_generator, pdf_producer="LibreOffice 7.6", pdf_creator="Calc")
LO75_WIN = Producer(
    odf_generator="LibreOffice/7.5.9.2$Windows_X86_64 LibreOffice_project/8b3c2a6d0e1f4a5b7c9d2e4f6a8b0c1d3e5f7a9b",
    pdf_producer="LibreOffice 7.5",
    pdf_creator="Writer",
)
MSO365 = Producer(
    ooxml_company="",
    pdf_producer="Microsoft® Word pour Microsoft 365",
    pdf_creator="Microsoft® Word pour Microsoft 365",
)
MSO2019 = Producer(pdf_producer="Microsoft® Word 2019", pdf_creator="Microsoft® Word 2019")
MSO2016 = Producer(pdf_producer="Microsoft® Word 2016", pdf_creator="Microsoft® Word 2016")
NONE = Producer()

# A PDF exported with LibreOffice's "PDF/UA" / "tagged PDF" options: structure tree, language, title shown.
TAGGED_PDF = {"tagged": True, "lang": "fr-FR", "display_title": True}
