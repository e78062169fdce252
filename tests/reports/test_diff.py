"""`tnl diff`: what changed between two runs, per candidate and signal."""
from __future__ import annotations

import copy
import json

from lxml import html as lxml_html

from reports.diff import compute_diff, write_diff

EV = {"url": "https://www.ville.fr/", "fetched_at": "2025-11-01T10:00:00Z", "http_status": 200,
      "snippet": "Accessibilité : non conforme", "sha256": "0" * 64}


def report(cid="ville", assessment="defavorable", value="non conforme", level=2, evidence=None):
    return {"candidate": {"id": cid, "name": "Ville <b>"},
            "levels": [{"domain": "interop_accessibilite", "title": "Interopérabilité", "level": level}],
            "signals": [{"id": "a11y_mention", "title": "Mention", "domain": "interop_accessibilite",
                         "value": value, "display": value, "assessment": assessment,
                         "evidence": evidence if evidence is not None else [EV]}]}


def write(folder, *reports):
    for r in reports:
        d = folder / r["candidate"]["id"]
        d.mkdir(parents=True)
        (d / "candidate.json").write_text(json.dumps(r["candidate"]), encoding="utf-8")
        (d / "report.json").write_text(json.dumps(r), encoding="utf-8")
    return folder


def test_changed_signal_level_and_evidence(tmp_path):
    new_ev = dict(EV, snippet="Accessibilité : partiellement conforme")
    old = write(tmp_path / "old", report(), report("gone"))
    new = write(tmp_path / "new", report(assessment="favorable", value="partiellement conforme", level=4,
                                         evidence=[new_ev]), report("arrived"))
    diff = {c["id"]: c for c in compute_diff(old, new)["candidates"]}
    ville = diff["ville"]
    assert ville["changed"] and ville["levels"] == [
        {"domain": "interop_accessibilite", "title": "Interopérabilité", "old": 2, "new": 4}]
    [sig] = ville["signals"]
    assert (sig["old"]["assessment"], sig["new"]["assessment"]) == ("defavorable", "favorable")
    assert sig["evidence_added"][0]["snippet"].endswith("partiellement conforme")
    assert sig["evidence_lost"][0]["snippet"].endswith("non conforme")
    assert diff["gone"]["status"] == "gone" and diff["arrived"]["status"] == "new"


def test_unchanged_run_has_no_changes_even_with_new_dates(tmp_path):
    later = copy.deepcopy(report())
    later["signals"][0]["evidence"][0]["fetched_at"] = "2026-11-01T10:00:00Z"
    diff = compute_diff(write(tmp_path / "old", report()), write(tmp_path / "new", later))
    assert diff["candidates"][0]["changed"] is False and diff["candidates"][0]["signals"] == []


def test_html_and_json_are_written_and_escaped(tmp_path):
    old = write(tmp_path / "old", report())
    new = write(tmp_path / "new", report(assessment="favorable", value="<script>x</script>", level=3))
    paths = write_diff(old, new, tmp_path / "diff")
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["schema"] == "tnl-evidence/diff"
    doc = lxml_html.fromstring(paths["html"].read_text(encoding="utf-8"))
    assert not doc.xpath("//script") and "<script>x</script>" in doc.text_content()
    assert "Ville <b>" in doc.text_content()


def test_a_proxy_port_inside_an_error_is_not_a_change(tmp_path):
    """Two runs of the same world: the local proxy listens on another port each time, and the error
    texts that name it differ only by it (issue 18)."""
    def run(port):
        ev = dict(EV, url="https://www.ville.fr/", snippet=f"TunnelError: 127.0.0.1:{port} a répondu 502 Bad Gateway")
        return report(assessment="defavorable", value=f"échec de la connexion via 127.0.0.1:{port}", evidence=[ev])
    diff = compute_diff(write(tmp_path / "old", run(41523)), write(tmp_path / "new", run(38007)))
    assert diff["candidates"][0]["changed"] is False and diff["candidates"][0]["signals"] == []
    # Another host, or another status, is a change.
    other = report(assessment="defavorable", value="échec de la connexion via 127.0.0.1:38007",
                   evidence=[dict(EV, snippet="TunnelError: 127.0.0.1:38007 a répondu 504 Gateway Timeout")])
    diff = compute_diff(write(tmp_path / "old2", run(41523)), write(tmp_path / "new2", other))
    assert diff["candidates"][0]["changed"] is True
    [sig] = diff["candidates"][0]["signals"]
    assert sig["evidence_added"][0]["snippet"].endswith("504 Gateway Timeout")
    # A real site's port is not masked: www.ville.fr:8443 and :443 are two addresses.
    from reports.diff import stable
    assert stable("https://www.ville.fr:8443/") == "https://www.ville.fr:8443/"
    assert stable(["localhost:8080", {"e": "[::1]:9000 refusé"}]) == ["localhost:<port>", {"e": "[::1]:<port> refusé"}]


def _with_method(report_, catalogue="a" * 64, version="1.0"):
    report_["method"] = {"tool_version": version, "catalogue_sha256": catalogue, "signals": 1,
                         "rubric_sha256": "r" * 64, "edition": 2024}
    return report_


def test_a_change_of_method_is_told_apart_from_a_change_of_the_site(tmp_path):
    """The same evidence judged otherwise by a new catalogue: the method; new evidence under the same
    method: the site (issue 18)."""
    old = write(tmp_path / "old", _with_method(report()))
    # New catalogue, same page, same snippet: another verdict.
    new = write(tmp_path / "new", _with_method(report(assessment="neutre"), catalogue="b" * 64, version="1.1"))
    diff = compute_diff(old, new)
    assert diff["method"]["changed"] is True
    [sig] = diff["candidates"][0]["signals"]
    assert sig["cause"] == "méthode"
    # Same method, the page says something else: the site.
    moved = dict(EV, snippet="Accessibilité : partiellement conforme")
    new2 = write(tmp_path / "new2", _with_method(report(assessment="favorable", evidence=[moved])))
    diff = compute_diff(old, new2)
    assert diff["method"]["changed"] is False and diff["candidates"][0]["signals"][0]["cause"] == "site"
    # Both changed: either.
    new3 = write(tmp_path / "new3", _with_method(report(assessment="favorable", evidence=[moved]), catalogue="c" * 64))
    assert compute_diff(old, new3)["candidates"][0]["signals"][0]["cause"] == "site ou méthode"
    # Older reports without a method: not known.
    assert compute_diff(write(tmp_path / "old4", report()), new)["method"]["changed"] is None
    paths = write_diff(old, new, tmp_path / "vue")
    doc = lxml_html.fromstring(paths["html"].read_text(encoding="utf-8"))
    assert "La méthode a changé entre les deux collectes" in doc.get_element_by_id("methode").text_content()
    assert "la méthode" in [td.text_content() for td in doc.iter("td")]
