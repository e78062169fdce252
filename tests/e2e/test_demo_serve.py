"""`tnl demo --serve`: after its run, the demo sites stay up until Ctrl-C, and OUT/demo.args lets any
command reach them (`tnl check-site URL @OUT/demo.args`), as the README says (issue 18)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tnl.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
CODE = "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))"


def test_every_demo_option_has_its_help():
    demo = build_parser()._subparsers._group_actions[0].choices["demo"]
    missing = [a.option_strings for a in demo._actions if a.option_strings and not a.help]
    assert missing == []


def test_demo_serve_keeps_the_sites_up_for_check_site_until_ctrl_c(tmp_path):
    out = tmp_path / "demo"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    demo = subprocess.Popen([sys.executable, "-c", CODE, "demo", "--serve", "--out", str(out), "--max-pages", "5"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    args_file = out / "demo.args"
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and demo.poll() is None and not args_file.exists():
            time.sleep(0.2)
        assert args_file.exists(), demo.stderr.read()[-3000:] if demo.poll() is not None else "no demo.args"
        proc = subprocess.run([sys.executable, "-c", CODE, "check-site", "http://www.libreville-isere.test/",
                               f"@{args_file}", "--out", str(tmp_path / "auto"), "--quiet", "--max-pages", "5"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr[-3000:]
        report = json.loads((tmp_path / "auto" / "libreville-isere-test" / "report.json").read_text(encoding="utf-8"))
        assert report["crawl"]["counts"]["pages"] >= 2  # the demo site answered
    finally:
        demo.send_signal(signal.SIGINT)
        stdout, _ = demo.communicate(timeout=120)
    assert demo.returncode == 0
    assert "tnl check-site http://www.libreville-isere.test/ @" in stdout
    assert not args_file.exists()
