"""Helpers for end-to-end tests: run the real `tnl` command in a child process, read its reports."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from demo import EXPECTED_FILE

ROOT = Path(__file__).resolve().parents[2]
EXPECTED: dict = yaml.safe_load(EXPECTED_FILE.read_text(encoding="utf-8"))
REACHABLE = sorted(cid for cid, exp in EXPECTED.items() if exp.get("reachable", True))


def tnl(*args: str, env_extra: dict | None = None, block_network: bool = False) -> subprocess.CompletedProcess:
    """Run the real command line in a child process (its own Twisted reactor)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.update(env_extra or {})
    code = "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))"
    if block_network:
        code = (
            "import socket\n"
            "def _no_network(*a, **k):\n"
            "    raise OSError('network disabled by the test')\n"
            "socket.socket.connect = _no_network\n"
            "socket.socket.connect_ex = _no_network\n"
            "socket.create_connection = _no_network\n"
            "socket.getaddrinfo = _no_network\n" + code.replace("; ", "\n")
        )
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=600)


def world_args(world) -> list[str]:
    """The flags that point a crawl at the fixture world on loopback (like `tnl demo` does)."""
    from demo.extensions.registries import DEMO_URLS

    out = []
    for host, target in sorted(world.host_map().items()):
        out += ["--resolve", f"{host}={target}"]
    # The registries' loopback doubles, never the real exports (no network in tests).
    for key, url in sorted(DEMO_URLS.items()):
        out += [f"--{key.replace('_', '-')}", url]
    # The world's self-signed certificate, trusted as its own CA (crawler/tlsfacts.py verifies it).
    from demo.server import TLS_DIR

    out += ["--ca-file", str(TLS_DIR / "world.pem")]
    return out


def report(out: Path, cid: str) -> dict:
    return json.loads((out / cid / "report.json").read_text(encoding="utf-8"))


def signals(out: Path, cid: str) -> dict[str, dict]:
    return {s["id"]: s for s in report(out, cid)["signals"]}


def interrupt_crawl(args: list[str], index: Path, how: int, lines: int = 40) -> subprocess.Popen:
    """Start `tnl <args>` and send it signal `how` once `index` holds `lines` entries (a crawl under
    way); returns the finished child, whose stderr is still readable."""
    import time

    code = "import sys; from tnl.cli import main; sys.exit(main(sys.argv[1:]))"
    child = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        if index.exists() and sum(1 for _ in open(index, encoding="utf-8")) >= lines:
            break
        time.sleep(0.05)
    assert child.poll() is None, "the crawl ended before it could be interrupted"
    child.send_signal(how)
    child.wait(timeout=60)
    return child
