"""No identifier reaches the jury: every details key of every signal of the demo world has its words
(reports/labels.py), and report.html shows the words, not the keys (issue 18)."""
from __future__ import annotations

import json
import re

from lxml import html as lxml_html

from reports.labels import DETAIL_LABELS

IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$|^[a-z]+$")


def _keys(details: dict) -> set[str]:
    """Top-level keys, and the column keys of tables (lists of mappings) at any depth."""
    keys = set(details)

    def tables(value):
        if isinstance(value, dict):
            for v in value.values():
                tables(v)
        elif isinstance(value, list):
            if value and all(isinstance(x, dict) for x in value):
                for row in value:
                    keys.update(row)
            for v in value:
                tables(v)
    tables(details)
    return keys


def test_every_details_key_of_the_demo_world_has_its_words(run_out):
    out, _ = run_out
    missing = {}
    for path in sorted(out.glob("*/report.json")):
        report = json.loads(path.read_text(encoding="utf-8"))
        for sig in report["signals"]:
            for key in _keys(sig.get("details") or {}):
                if IDENTIFIER.match(key) and key not in DETAIL_LABELS:
                    missing.setdefault(key, sig["id"])
    assert missing == {}, sorted(missing.items())


def test_report_html_shows_words_not_keys(run_out):
    out, _ = run_out
    shown = set()
    for path in sorted(out.glob("*/report.html")):
        doc = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        shown |= {el.text_content().strip() for el in doc.xpath("//dl[@class='kv']/dt | //table[@class='inner']//th")}
    raw = sorted(k for k in shown if "_" in k and k in DETAIL_LABELS)
    assert raw == [] and shown  # some details were shown, none by its key
    assert "pages par thème" in shown or "pages lues" in shown
