"""`tnl archive`: each evidence row links its archived copy, served offline as it was read, from a
run's folder or from a sealed bundle (issue 18)."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from lxml import html as lxml_html

from tnl.archive_server import SANDBOX, Archives, create_app

ROOT = Path(__file__).resolve().parents[2]
CID = "libreville-isere"


def _page_evidence(out: Path) -> tuple[dict, str]:
    """A page's evidence row of the report and the archived-copy link report.html gives it."""
    report = json.loads((out / CID / "report.json").read_text(encoding="utf-8"))
    ev = next(e for s in report["signals"] for e in s.get("evidence") or []
              if e.get("record_id") and e["url"].startswith("http://www.libreville-isere.test/") and e.get("sha256"))
    doc = lxml_html.fromstring((out / CID / "report.html").read_text(encoding="utf-8"))
    uuid = ev["record_id"].removeprefix("<urn:uuid:").removesuffix(">")
    links = [a.get("href") for a in doc.xpath("//a[@class='archived screen-only-inline']")]
    assert f"http://127.0.0.1:8095/{CID}/{uuid}" in links
    return ev, f"/{CID}/{uuid}"


def test_the_archived_copy_is_what_was_read_and_inert(run_out):
    out, _ = run_out
    ev, path = _page_evidence(out)
    client = create_app(Archives(out)).test_client()
    resp = client.get(path)
    assert resp.status_code == 200
    assert hashlib.sha256(resp.data).hexdigest() == ev["sha256"]  # byte for byte what was received
    assert resp.headers["Content-Security-Policy"] == SANDBOX  # no script, nothing fetched
    assert resp.headers["X-Archived-URL"] == ev["url"]
    notice = client.get(path + "/notice").get_data(as_text=True)
    assert ev["sha256"] in notice and ev["record_id"].replace("<", "&lt;").replace(">", "&gt;") in notice
    assert client.get(f"/{CID}/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.get("/../etc/passwd").status_code == 404
    listing = client.get(f"/{CID}/").get_data(as_text=True)
    assert path in listing


def test_the_same_copy_from_a_bundle_with_the_real_command_offline(run_out, tmp_path):
    out, _ = run_out
    ev, path = _page_evidence(out)
    bundle = tmp_path / "preuves.zip"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    code = "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))"
    made = subprocess.run([sys.executable, "-c", code, "bundle", str(out / CID), "--output", str(bundle)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr[-2000:]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", code, "archive", str(bundle), "--port", str(port)],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as resp:
                    body = resp.read()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, server.stderr.read()[-2000:]
                time.sleep(0.2)
        assert hashlib.sha256(body).hexdigest() == ev["sha256"]
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    assert server.returncode == 0


def test_archive_of_a_folder_without_archives_is_one_clear_line(tmp_path):
    code = "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run([sys.executable, "-c", code, "archive", str(tmp_path)], cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"tnl : tnl archive : {tmp_path} : aucune archive de candidat (index.jsonl) trouvée"
