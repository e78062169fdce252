"""`tnl render OUT`: the rendered pass of a crawl made without it, in the real command (a child process),
against a loopback site; Ctrl-C while a page holds its browser stops the command at once and leaves the
pass to be done again (no render.json). The crawl is written by hand, as tests/crawler/test_render_pass.py
does."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ground.archive import write_json
from tests.archivekit import write_pages
from tests.browserkit import needs_chromium
from tests.loopback import QuietHandler, serving

pytestmark = needs_chromium
ROOT = Path(__file__).resolve().parents[1]
HOME = b'<!doctype html><html lang="fr"><head><title>Mairie</title></head><body><main><h1>Mairie</h1>' \
       b'<a href="/boucle">Contact</a></main></body></html>'
# The contact page never gives the browser's main thread back: its render waits for the watchdog.
LOOP = b'<!doctype html><html lang="fr"><body><p>Contact</p><script>while (true) {}</script></body></html>'


class _Handler(QuietHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        _, path = self.host_and_path()
        if path == "/lent/":  # a homepage that takes its time: its worker is busy when the test kills it
            time.sleep(3)
            self._send(200, b'<!doctype html><html lang="fr"><body><main><h1>Mairie</h1></main></body></html>')
            return
        self._send(200, HOME if path == "/" else LOOP if path == "/boucle" else b"", "text/html; charset=utf-8")


@pytest.fixture(scope="module")
def site():
    with serving(_Handler, quiet_errors=True) as server:
        yield server


def _crawled(out: Path, base: str) -> Path:
    folder = out / "villeboucle"
    folder.mkdir(parents=True)
    write_json(folder / "candidate.json", {"id": "villeboucle", "name": "Villeboucle", "kind": "commune",
                                            "websites": [base + "/"]})
    write_json(folder / "crawl.json", {"started_at": "2026-12-06T10:00:00Z", "finished_at": "2026-12-06T10:01:00Z"})
    write_pages(folder, base + "/", [(base + "/", HOME), (base + "/boucle", LOOP)])
    return folder


def _tnl(*args: str) -> subprocess.Popen:
    code = "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_ctrl_c_while_a_page_holds_its_browser_stops_at_once_and_leaves_the_pass_to_do(site, tmp_path):
    port = site.server_address[1]
    folder = _crawled(tmp_path, f"http://www.villeboucle.test:{port}")
    proc = _tnl("render", str(tmp_path), "--allow-private", "--resolve", f"www.villeboucle.test=127.0.0.1:{port}",
                "--render-random", "0")
    # The homepage renders in a second or two; then the contact page holds its browser (watchdog: 92 s).
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(folder.glob("crawl-render.warc.gz")):
        time.sleep(0.2)
    time.sleep(3)
    assert proc.poll() is None, proc.communicate()
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=30)  # generous: the stop itself takes well under a second
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError("tnl render did not stop within 30 s of Ctrl-C") from None
    assert proc.returncode == 130, err
    assert "passage rendu interrompu" in err
    assert not (folder / "render.json").exists()  # the next run does the pass again, from the start


def test_tnl_render_then_check_writes_the_rendered_report(site, tmp_path):
    port = site.server_address[1]
    folder = _crawled(tmp_path, f"http://www.villeboucle.test:{port}")
    proc = _tnl("render", str(tmp_path), "--allow-private", "--resolve", f"www.villeboucle.test=127.0.0.1:{port}",
                "--render-pages", "1", "--render-random", "0", "--check", "--quiet")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    import json

    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert [p["url"] for p in report["render"]["pages"]] == [f"http://www.villeboucle.test:{port}/"]
    assert (folder / "report.html").is_file() and (folder / "rendu" / "1.png").is_file()


def test_a_render_worker_that_dies_hands_its_candidates_to_a_new_one(site, tmp_path):
    """The worker is killed while it renders the first candidate (its browser's driver gone with it): the
    pool breaks, both candidates are handed once more to a new worker, and both are rendered."""
    from crawler.render import RenderOptions
    from tnl.render_stage import RenderPlan, RenderStage

    port = site.server_address[1]
    folders = []
    for name in ("lente-1", "lente-2"):
        base = f"http://www.{name}.test:{port}"
        folder = tmp_path / name
        folder.mkdir()
        write_json(folder / "candidate.json", {"id": name, "name": name, "websites": [base + "/lent/"]})
        write_json(folder / "crawl.json", {"finished_at": "2026-12-06T10:01:00Z"})
        write_pages(folder, base + "/lent/", [(base + "/lent/", b"<html></html>")])
        folders.append(folder)
    rules = {f"www.{name}.test": "127.0.0.1" for name in ("lente-1", "lente-2")}
    plan = RenderPlan(browser=RenderOptions(allow_private=True, host_rules=rules, timeout=20, settle=0.2),
                      pages=1, random=0)
    done = []
    with RenderStage(tmp_path, plan, then=done.append, log=None) as stage:
        stage.submit("lente-1")
        stage.submit("lente-2")
        time.sleep(1.5)  # the first candidate's page is loading (the server answers after 3 s)
        for process in list(stage.pool._processes.values()):
            os.kill(process.pid, signal.SIGKILL)
        stage.join()
    assert sorted(done) == ["lente-1", "lente-2"]
    for folder in folders:
        meta = json.loads((folder / "render.json").read_text(encoding="utf-8"))
        assert meta["errors"] == [] and [p["url"] for p in meta["pages"]] == [f"http://www.{folder.name}.test:{port}/lent/"]
