"""report.json says the method its signals were computed with (issue 18)."""
from __future__ import annotations

import re

from bench.accuracy import write_case
from checks.registry import CHECKS, catalogue_fingerprint
from tnl.pipeline import check_candidate

CASE = {"case": "methode", "site": "https://www.ville-exemple.fr/",
        "pages": [{"url": "https://www.ville-exemple.fr/", "html": "<html lang='fr'><body><p>Mairie</p></body></html>"}]}


def test_report_json_carries_the_method(tmp_path):
    write_case(CASE, tmp_path)
    report = check_candidate(tmp_path)
    method = report["method"]
    assert re.fullmatch(r"[0-9a-f]{64}", method["catalogue_sha256"])
    assert method["catalogue_sha256"] == catalogue_fingerprint()
    assert method["signals"] == len(CHECKS) and method["tool_version"] == report["tool"]["version"]
    assert method["rubric_sha256"] == report["rubric"]["sha256"]


def test_the_fingerprint_follows_the_checks_files(tmp_path, monkeypatch):
    """The same files give the same fingerprint; one byte changed in a data file gives another."""
    import shutil
    from pathlib import Path

    import checks.registry as registry

    original = catalogue_fingerprint()
    copy = tmp_path / "checks"
    shutil.copytree(Path(registry.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(registry, "__file__", str(copy / "registry.py"))
    registry.catalogue_fingerprint.cache_clear()
    try:
        same = registry.catalogue_fingerprint()
        registry.catalogue_fingerprint.cache_clear()
        data = copy / "data" / "ecosystem.yaml"
        data.write_text(data.read_text(encoding="utf-8") + "\n# une ligne de plus\n", encoding="utf-8")
        changed = registry.catalogue_fingerprint()
    finally:
        registry.catalogue_fingerprint.cache_clear()
    assert same == original and changed != same
