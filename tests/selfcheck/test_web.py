"""The web page's open-door rules and its queue, without a browser; the form's address guard."""
from __future__ import annotations

import re
import time
import urllib.error
import urllib.request

import pytest

from tnl.selfcheck import InputError, guard_url, slug_of
from tnl.web.jobs import CANCELLED, RUNNING


def _get(url: str, host: str | None = None):
    req = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(req) as r:  # noqa: S310 - loopback test server
            return r.status, r.read().decode(), r.headers
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), exc.headers


def test_guard_refuses_private_reserved_and_malformed_addresses():
    with pytest.raises(InputError, match="Adresse privée refusée : 10.0.0.1 → 10.0.0.1"):
        guard_url("http://10.0.0.1/", allow_private=False)
    with pytest.raises(InputError, match="169.254.169.254"):
        guard_url("http://169.254.169.254/latest/meta-data/", allow_private=False)
    with pytest.raises(InputError, match="nom réservé"):
        guard_url("http://mairie.test/", allow_private=True)
    with pytest.raises(InputError, match="seuls http et https"):
        guard_url("javascript:alert(1)", allow_private=True)
    with pytest.raises(InputError, match="Indiquez l'adresse"):
        guard_url("   ", allow_private=True)
    # --resolve: the mapped address is what counts (loopback: needs --allow-private).
    mapped = {"www.mairie.test": "127.0.0.1:8080"}
    with pytest.raises(InputError, match="Adresse privée refusée"):
        guard_url("http://www.mairie.test/", allow_private=False, host_map=mapped)
    assert guard_url("http://www.mairie.test", allow_private=True, host_map=mapped) == "http://www.mairie.test/"
    assert guard_url("127.0.0.1:8080", allow_private=True).startswith("https://127.0.0.1:8080")


def test_candidate_id_is_the_host_as_a_slug():
    assert slug_of("https://www.Ville-Sainte-Élodie.fr/accueil") == "ville-sainte-elodie-fr"
    assert slug_of("http://mairie.example.org:8080/") == "mairie-example-org"


def test_posts_need_the_session_token_and_reports_cannot_escape_the_out_folder(live):
    app, base = live
    client = app.test_client()
    resp = client.post("/verifier", data={"url": "http://www.petit-bourg.test/"})
    assert resp.status_code == 400 and "Le formulaire a expiré" in resp.get_data(as_text=True)
    for path in ("/rapports/..%2F..%2Fetc/passwd", "/rapports/x/../../etc/passwd", "/rapports/.x/a",
                 "/verification/../etc/etat.json"):
        assert client.get(path).status_code == 404, path
    status, body, headers = _get(base + "/")
    assert status == 200 and "script-src 'self'" in headers["Content-Security-Policy"]
    # DNS rebinding: a foreign Host header is refused.
    status, _, _ = _get(base + "/", host="attaquant.example")
    assert status == 400


def test_the_queue_is_bounded_and_cancel_stops_the_crawl(live):
    app, base = live
    runner = app.extensions["tnl_runner"]
    client = app.test_client()
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/").get_data(as_text=True)).group(1)
    ids = []
    for _ in range(3):
        resp = client.post("/verifier", data={"csrf": token, "url": "http://www.libreville-isere.test/"})
        if resp.status_code == 303:
            ids.append(resp.headers["Location"].rsplit("/", 1)[-1])
        else:
            assert resp.status_code == 503 and "Trop de vérifications en attente" in resp.get_data(as_text=True)
    assert ids and len(ids) <= 3
    first = runner.get(ids[0])
    deadline = time.monotonic() + 30
    while first.state != RUNNING and time.monotonic() < deadline:
        time.sleep(0.05)
    proc = runner.proc
    for job_id in reversed(ids):
        assert client.post(f"/verification/{job_id}/annuler", data={"csrf": token}).status_code == 303
        assert runner.get(job_id).state == CANCELLED
    if proc is not None:
        assert proc.wait(timeout=15) is not None  # the child process is gone
    page = client.get(f"/verification/{ids[0]}").get_data(as_text=True)
    assert "annulée" in page and "id=\"progression\"" not in page
    # A finished (cancelled) check can be deleted; its folder goes away.
    assert client.post(f"/verification/{ids[0]}/supprimer", data={"csrf": token}).status_code == 303
    assert runner.get(ids[0]) is None and not (runner.out / ids[0]).exists()
