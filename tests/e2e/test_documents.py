"""End to end: what the demo world publishes only as documents is found, read and cited with its page
and its date, and the published PDFs are judged as they were built (issue 19).

The facts come from expected.yaml (`documents_read`, written by hand in demo/extensions/documents.py
and checked there against the written files); the rules for the assessment are written out below.
"""
from __future__ import annotations

import html

import pytest

from tests.e2e.helpers import EXPECTED, REACHABLE, signals

FAVORABLE_SHARE = 0.8  # four PDFs in five meeting the four conditions


@pytest.mark.parametrize("cid", REACHABLE)
def test_the_published_pdfs_are_judged_as_they_were_built(run_out, cid):
    out, _ = run_out
    exp = EXPECTED[cid]["documents_read"]
    sig = signals(out, cid)["document_structure"]
    assert (sig["value"], sig["details"]["pdf_lus"], sig["details"]["conformes_aux_conditions"]) == (
        exp["part"], exp["pdf"], exp["pdf_conformes"])
    assert sig["details"]["scans"] == len(exp["scans"])
    assert sig["assessment"] == ("favorable" if exp["part"] >= FAVORABLE_SHARE else
                                 "neutre" if exp["pdf_conformes"] else "defavorable")
    said = {e["url"]: e["snippet"] for e in sig["evidence"]}
    for url in exp["scans"]:
        assert said[url].endswith("texte : scan")


def test_a_declaration_published_only_as_a_pdf_is_read_and_cited_with_its_page_and_date(run_out):
    out, _ = run_out
    exp = EXPECTED["petit-bourg"]["documents_read"]["only_in_documents"]
    sig = signals(out, "petit-bourg")["a11y_declaration"]
    assert (sig["value"]["url"], sig["value"]["etat"]) == (exp["url"], exp["etat"])
    status = [e for e in sig["evidence"] if e["url"] == exp["url"] and "non conforme" in e["snippet"]]
    assert status and status[0]["page"] == exp["page_etat"]
    assert (status[0]["dated"], status[0]["dated_by"]) == (exp["etablie"], "texte")
    page = (out / "petit-bourg" / "report.html").read_text(encoding="utf-8")
    assert html.escape(exp["url"]) in page
    assert f"(page {exp['page_etat']} du document)" in page
    assert f"daté du {exp['etablie']} (date lue dans le texte)" in page


def test_a_deliberation_published_only_as_an_odt_is_cited_with_its_page_and_its_sitting(run_out):
    out, _ = run_out
    exp = EXPECTED["agglo-val-de-roche"]["documents_read"]["only_in_documents"]
    sig = signals(out, "agglo-val-de-roche")["strategy_mentions"]
    cited = [e for e in sig["evidence"] if e["url"] == exp["url"]]
    assert len(cited) == 1 and "logiciels libres" in cited[0]["snippet"]
    assert (cited[0]["page"], cited[0]["dated"], cited[0]["dated_by"]) == (exp["page"], exp["date"], exp["date_source"])
    assert sig["details"]["dates_des_documents"][exp["url"]] == f"{exp['date']} (date lue dans le texte, page {exp['page']})"
    assert exp["url"] in sig["details"]["documents"]
