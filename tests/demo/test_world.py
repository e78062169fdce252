"""The demo world: server, sites, documents, fake data.gouv.fr API, candidates and ground truth."""
from __future__ import annotations

import http.client
import io
import re
import zipfile
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
import requests
import yaml
from lxml import html as lxml_html
from pypdf import PdfReader

from checks.registry import SIGNAL_IDS
from demo import CANDIDATES_FILE, DATAGOUV_API, EXPECTED_FILE, WORLD_DIR
from demo.server import WorldServer
from ground.candidates import luhn_ok

SITES = ["www.libreville-isere.test", "www.valderoche-agglo.test", "www.haute-garrigue.test", "www.petit-bourg.test"]
CANDIDATE_HOST = {
    "libreville-isere": "www.libreville-isere.test",
    "agglo-val-de-roche": "www.valderoche-agglo.test",
    "departement-haute-garrigue": "www.haute-garrigue.test",
    "petit-bourg": "www.petit-bourg.test",
}


@pytest.fixture(scope="module")
def world():
    with WorldServer() as server:
        yield server


@pytest.fixture(scope="module")
def proxies(world):
    return {"http": f"http://127.0.0.1:{world.port}"}


@pytest.fixture(scope="module")
def expected():
    return yaml.safe_load(EXPECTED_FILE.read_text("utf-8"))


@pytest.fixture(scope="module")
def candidates():
    return yaml.safe_load(CANDIDATES_FILE.read_text("utf-8"))


def get(proxies, url, **kw):
    return requests.get(url, proxies=proxies, timeout=10, **kw)


def direct(world, host, path, method="GET"):
    """A request sent straight to the server with a Host header, path sent verbatim."""
    conn = http.client.HTTPConnection("127.0.0.1", world.port, timeout=10)
    try:
        conn.request(method, path, headers={"Host": host})
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def crawl(proxies, host, max_depth=3, robots=True):
    """Tiny BFS from the homepage: {page url: depth}, set of linked document urls."""
    disallow = []
    if robots:
        txt = get(proxies, f"http://{host}/robots.txt").text
        disallow = [line.split(":", 1)[1].strip() for line in txt.splitlines() if line.lower().startswith("disallow:")]
    start = f"http://{host}/"
    depth = {start: 0}
    queue = deque([start])
    docs = set()
    while queue:
        url = queue.popleft()
        r = get(proxies, url)
        assert r.status_code == 200, url
        assert r.headers["Content-Type"].startswith("text/html"), url
        if depth[url] == max_depth:
            continue
        for href in lxml_html.fromstring(r.content).xpath("//a/@href"):
            target = urljoin(r.url, href).split("#")[0]
            parts = urlsplit(target)
            if parts.hostname != host:
                continue
            last = parts.path.rsplit("/", 1)[-1]
            if "." in last:
                if re.search(r"\.(pdf|odt|ods|odp|docx?|xlsx?|pptx?|csv)$", last):
                    docs.add(target)
                continue
            if any(parts.path.startswith(d) for d in disallow if d and "*" not in d and "?" not in d):
                continue
            if target not in depth:
                depth[target] = depth[url] + 1
                queue.append(target)
    return depth, docs


# --- server mechanics --------------------------------------------------------------------------


def test_server_hosts_and_host_map(world):
    assert world.address == f"127.0.0.1:{world.port}" and world.port > 0
    for host in SITES + ["data.libreville-isere.test", "www.data.gouv.test"]:
        assert host in world.hosts
        assert world.host_map()[host] == world.address
    assert "www.site-disparu.test" not in world.hosts


def test_proxy_and_host_header_serve_the_same_page(world, proxies):
    via_proxy = get(proxies, "http://www.libreville-isere.test/actualites/")
    status, headers, body = direct(world, "www.libreville-isere.test:80", "/actualites/")
    assert via_proxy.status_code == status == 200
    assert via_proxy.content == body
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert int(headers["Content-Length"]) == len(body)
    assert "GMT" in headers["Last-Modified"]
    assert "<h1>Actualités</h1>" in via_proxy.text


def test_directory_redirect_query_and_head(world, proxies):
    r = get(proxies, "http://www.libreville-isere.test/actualites", allow_redirects=False)
    assert r.status_code == 301 and r.headers["Location"] == "/actualites/"
    assert get(proxies, "http://www.libreville-isere.test/actualites").url.endswith("/actualites/")
    assert get(proxies, "http://www.libreville-isere.test/agenda/?page=2&x=1").status_code == 200
    status, headers, body = direct(world, "www.petit-bourg.test", "/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 1000


def test_404_unknown_host_and_traversal(world, proxies):
    r = get(proxies, "http://www.libreville-isere.test/nexiste-pas/")
    assert r.status_code == 404 and "introuvable" in r.text and r.headers["Content-Type"].startswith("text/html")
    assert get(proxies, "http://www.libreville-isere.test/index.html/").status_code == 404
    for path in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/build_world.py", "/..%2f..%2fcandidates.yaml",
                 "/../www.petit-bourg.test/", "/IMG/../../www.haute-garrigue.test/robots.txt"]:
        status, _, body = direct(world, "www.libreville-isere.test", path)
        assert status == 404, path
        assert b"root:" not in body
    r = get(proxies, "http://www.site-disparu.test/")
    assert r.status_code == 502 and "unknown host" in r.text


@pytest.mark.parametrize("host", SITES + ["data.libreville-isere.test"])
def test_robots_and_sitemap(proxies, host):
    r = get(proxies, f"http://{host}/robots.txt")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/plain")
    assert "User-agent: *" in r.text and re.search(r"^Disallow: /\S+", r.text, re.M)
    assert f"Sitemap: http://{host}/sitemap.xml" in r.text
    sitemap = get(proxies, f"http://{host}/sitemap.xml")
    assert sitemap.status_code == 200 and sitemap.text.count("<loc>") >= 10


# --- sites -------------------------------------------------------------------------------------


@pytest.mark.parametrize("cid", list(CANDIDATE_HOST))
def test_site_has_20_pages_within_depth_3_and_expected_documents(proxies, expected, cid):
    host = CANDIDATE_HOST[cid]
    depth, docs = crawl(proxies, host)
    assert len(depth) >= 20
    assert max(depth.values()) <= 3
    truth = expected[cid]
    assert len(depth) == truth["pages_crawlable"]
    assert docs == set(truth["document_producers"])
    by_ext = {}
    for url in docs:
        ext = url.rsplit(".", 1)[-1]
        by_ext[ext] = by_ext.get(ext, 0) + 1
    assert by_ext == truth["documents"]
    paths = {urlsplit(u).path for u in depth}
    assert any("mentions-legales" in p for p in paths) and any("plan-du-site" in p for p in paths)


def test_robots_disallowed_page_is_linked_and_holds_an_uncounted_document(proxies, expected):
    home = get(proxies, "http://www.libreville-isere.test/").text
    assert 'href="/ecrire/"' in home
    private = get(proxies, "http://www.libreville-isere.test/ecrire/")
    assert private.status_code == 200
    hidden = [h for h in lxml_html.fromstring(private.content).xpath("//a/@href") if h.endswith(".odt")]
    assert hidden
    assert all(f"http://www.libreville-isere.test{h}" not in expected["libreville-isere"]["document_producers"] for h in hidden)
    depth, _ = crawl(proxies, "www.libreville-isere.test", robots=False)
    assert "http://www.libreville-isere.test/ecrire/" in depth


def test_site_markers(proxies, expected):
    lib = get(proxies, "http://www.libreville-isere.test/").text
    assert '<html lang="fr"' in lib and '<meta charset="utf-8">' in lib and lib.startswith("<!DOCTYPE html>")
    assert '<meta name="generator" content="SPIP 4.2.8">' in lib
    assert "_paq.push" in lib and "https://stats.libreville-isere.test/" in lib and "matomo.js" in lib
    assert 'href="https://mastodon.social/@libreville" rel="me"' in lib
    assert "https://tube.libreville-isere.test/c/conseil/videos" in lib
    assert "Accessibilité : partiellement conforme" in lib
    a11y = get(proxies, "http://www.libreville-isere.test/accessibilite/").text
    assert "78 %" in a11y and "RGAA" in a11y and "4.1" in a11y and "14 novembre 2025" in a11y  # audit date moved by extensions/accessibility.py

    vr = get(proxies, "http://www.valderoche-agglo.test/").text
    assert 'content="WordPress 6.4.3"' in vr and "/wp-content/themes/" in vr and "/wp-json/" in vr and "matomo.js" in vr
    assert get(proxies, "http://www.valderoche-agglo.test/wp-json/").json()["namespaces"]
    assert get(proxies, "http://www.valderoche-agglo.test/wp-content/themes/valderoche/style.css").headers[
        "Content-Type"].startswith("text/css")

    hg = get(proxies, "http://www.haute-garrigue.test/").text
    assert 'content="Jalios JCMS"' in hg and "/jcms/" in hg
    assert "googletagmanager.com/gtag/js?id=G-" in hg and "GTM-" in hg and "Accessibilité : non conforme" in hg
    assert "mastodon" not in hg.lower()

    pb = get(proxies, "http://www.petit-bourg.test/").text
    assert "<html>" in pb and "lang=" not in pb
    assert 'content="Wix.com Website Builder"' in pb and "static.wixstatic.com" in pb
    assert "google-analytics.com/analytics.js" in pb
    # Only the legal minimum: the footer's status, linking a declaration published as a PDF.
    assert re.findall(r'<a href="([^"]+)">Accessibilité : non conforme</a>', pb) == ["/_files/ugd/7f3a21_6b1d3f5a7c9e1b3d.pdf"]
    assert re.search(r"<img src=\"[^\"]+\">", pb)  # images without alt
    titles = [re.search(r"<title>(.*?)</title>", get(proxies, f"http://www.petit-bourg.test{p}").text).group(1)
              for p in ["/", "/mairie/", "/vie-du-village/", "/tourisme/"]]
    assert titles[0] == titles[1] == titles[2] != titles[3]


def test_expected_names_and_strategy_pages_are_in_the_pages(proxies, expected):
    for cid in CANDIDATE_HOST:
        truth = expected[cid]
        for url in truth["strategy_pages"]:
            text = get(proxies, url).text.lower()
            assert any(k in text for k in ("schéma directeur du numérique", "stratégie numérique",
                                           "politique en faveur des logiciels libres", "mutualisation")), url
    lib = expected["libreville-isere"]
    for name in ["LibreOffice", "Firefox", "Thunderbird", "QGIS", "openCimetière", "Nextcloud", "Debian", "PrimTux",
                 "Moodle", "Jitsi"]:
        assert name in lib["free_software_names"]
    assert "http://www.libreville-isere.test/ville-numerique/logiciels-libres/" in lib["strategy_pages"]
    assert len(expected["departement-haute-garrigue"]["free_software_names"]) <= 1
    assert expected["petit-bourg"]["free_software_names"] == [] and expected["petit-bourg"]["strategy_pages"] == []
    assert [e["level_intended"] for e in (expected[c] for c in CANDIDATE_HOST)] == [5, 3, 2, 1]


# --- documents ---------------------------------------------------------------------------------


def _producer(url: str, blob: bytes) -> str | None:
    ext = url.rsplit(".", 1)[-1]
    if ext in ("odt", "ods", "odp"):
        z = zipfile.ZipFile(io.BytesIO(blob))
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype").decode().startswith("application/vnd.oasis.opendocument.")
        assert {"content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"} <= set(z.namelist())
        meta = z.read("meta.xml").decode()
        assert "<dc:title>" in meta and "<meta:creation-date>" in meta and "<meta:initial-creator>" in meta
        return re.search(r"<meta:generator>(.*?)</meta:generator>", meta).group(1)
    if ext in ("docx", "xlsx", "pptx"):
        z = zipfile.ZipFile(io.BytesIO(blob))
        assert z.testzip() is None
        names = set(z.namelist())
        assert {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml"} <= names
        assert {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}[ext] in names
        core = z.read("docProps/core.xml").decode()
        assert "<dc:creator>" in core and "dcterms:created" in core
        app = z.read("docProps/app.xml").decode()
        assert "<AppVersion>16.0000</AppVersion>" in app
        return re.search(r"<Application>(.*?)</Application>", app).group(1)
    if ext == "pdf":
        reader = PdfReader(io.BytesIO(blob))
        assert len(reader.pages) >= 1 and reader.metadata.title
        return reader.metadata.producer
    if ext in ("doc", "xls"):
        assert blob[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
        return None
    if ext == "csv":
        text = blob.decode("utf-8")
        assert text.count("\n") >= 3 and "," in text.splitlines()[0]
        return None
    raise AssertionError(url)


@pytest.mark.parametrize("cid", list(CANDIDATE_HOST))
def test_documents_open_with_expected_producers(proxies, expected, cid):
    producers = expected[cid]["document_producers"]
    assert producers
    for url, producer in producers.items():
        r = get(proxies, url)
        assert r.status_code == 200, url
        assert not r.headers["Content-Type"].startswith("text/html"), url
        assert _producer(url, r.content) == producer, url


def test_document_content_types_and_producer_values(proxies, expected):
    lib = expected["libreville-isere"]["document_producers"]
    assert any(v and v.startswith("LibreOffice/7.6.4.1$Linux_X86_64") for v in lib.values())
    assert "LibreOffice 7.6" in lib.values()
    hg = expected["departement-haute-garrigue"]["document_producers"]
    assert "Microsoft® Word pour Microsoft 365" in hg.values()
    types = {
        "odt": "application/vnd.oasis.opendocument.text",
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "doc": "application/msword",
        "csv": "text/csv; charset=utf-8",
    }
    everything = {u for c in CANDIDATE_HOST for u in expected[c]["document_producers"]}
    for ext, ctype in types.items():
        url = next(u for u in sorted(everything) if u.endswith("." + ext))
        assert get(proxies, url).headers["Content-Type"] == ctype


def test_open_data_portal_links_real_files(proxies):
    r = get(proxies, "http://data.libreville-isere.test/jeux-de-donnees/equipements-sportifs/")
    assert r.status_code == 200
    links = [urljoin(r.url, h) for h in lxml_html.fromstring(r.content).xpath("//a/@href") if "/fichiers/" in h]
    assert {u.rsplit(".", 1)[-1] for u in links} == {"csv", "geojson"}
    for url in links:
        f = get(proxies, url)
        assert f.status_code == 200
        if url.endswith(".geojson"):
            assert f.json()["type"] == "FeatureCollection" and f.json()["features"]
        else:
            assert f.text.splitlines()[0].startswith("nom;type;adresse")


# --- fake data.gouv.fr API ---------------------------------------------------------------------


def api(proxies, path, **params):
    r = get(proxies, DATAGOUV_API + path, params=params)
    assert r.headers["Content-Type"] == "application/json; charset=utf-8"
    return r


def test_api_organization_by_slug_and_id(proxies, expected, candidates):
    slug = next(c for c in candidates if c["id"] == "libreville-isere")["datagouv_organization"]
    org = api(proxies, f"/organizations/{slug}/").json()
    assert org["id"] == expected["libreville-isere"]["datagouv"]["organization_id"]
    assert re.fullmatch(r"[0-9a-f]{24}", org["id"])
    for key in ["name", "acronym", "slug", "description", "url", "uri", "page", "logo", "logo_thumbnail", "created_at",
                "last_modified", "deleted", "metrics", "badges", "members", "business_number_id"]:
        assert key in org
    assert org["deleted"] is None and {"kind": "public-service"} in org["badges"]
    assert set(org["metrics"]) >= {"datasets", "followers", "members", "reuses", "views"}
    siren = next(c for c in candidates if c["id"] == "libreville-isere")["siren"]
    assert re.fullmatch(r"\d{14}", org["business_number_id"]) and org["business_number_id"].startswith(siren)
    assert api(proxies, f"/organizations/{org['id']}/").json()["slug"] == slug
    missing = api(proxies, "/organizations/commune-inconnue/")
    assert missing.status_code == 404 and missing.json()["status"] == 404 and missing.json()["message"]


def test_api_search_by_siren_and_by_name(proxies, expected, candidates):
    by_id = {c["id"]: c for c in candidates}
    page = api(proxies, "/organizations/", q=by_id["agglo-val-de-roche"]["siren"]).json()
    assert page["total"] == 1 and page["page"] == 1 and page["page_size"] == 20
    assert page["data"][0]["id"] == expected["agglo-val-de-roche"]["datagouv"]["organization_id"]
    # The département's SIREN is not in its business_number_id: only the name finds it.
    hg = by_id["departement-haute-garrigue"]
    assert api(proxies, "/organizations/", q=hg["siren"]).json()["total"] == 0
    page = api(proxies, "/organizations/", q=hg["name"]).json()
    assert page["data"][0]["id"] == expected["departement-haute-garrigue"]["datagouv"]["organization_id"]
    assert api(proxies, "/organizations/", q="DEPARTEMENT haute garrigue").json()["data"][0]["slug"] == (
        "departement-de-la-haute-garrigue")
    assert api(proxies, "/organizations/", q="Haute-Garrigue").json()["total"] == 2  # a namesake syndicate
    pb = by_id["petit-bourg"]
    for q in (pb["name"], pb["siren"]):
        page = api(proxies, "/organizations/", q=q).json()
        assert page["total"] == 0 and page["data"] == [] and page["next_page"] is None


@pytest.mark.parametrize("route", ["/datasets/?organization={id}", "/organizations/{id}/datasets/?"])
def test_api_dataset_pagination_with_absolute_next_page(proxies, expected, route):
    truth = expected["libreville-isere"]["datagouv"]
    url = DATAGOUV_API + route.format(id=truth["organization_id"])
    first = get(proxies, url).json()
    assert first["total"] == truth["datasets"] == 25 and len(first["data"]) == 20 and first["page_size"] == 20
    assert first["previous_page"] is None
    assert first["next_page"].startswith("http://www.data.gouv.test/api/1/") and "page=2" in first["next_page"]
    second = get(proxies, first["next_page"]).json()
    assert len(second["data"]) == 5 and second["next_page"] is None and second["previous_page"].startswith("http://")
    datasets = first["data"] + second["data"]
    assert len({d["id"] for d in datasets}) == 25
    resources = [r for d in datasets for r in d["resources"]]
    assert len(resources) == truth["resources"]
    open_formats = {"csv", "json", "geojson", "xml", "txt", "ods", "odt", "odp"}
    assert sum(r["format"] in open_formats for r in resources) == truth["open_resources"]
    ds = datasets[0]
    for key in ["id", "title", "slug", "description", "created_at", "last_modified", "last_update", "frequency", "license",
                "page", "uri", "tags", "organization", "resources", "archived", "deleted", "private", "featured", "metrics"]:
        assert key in ds
    assert ds["organization"]["id"] == truth["organization_id"] and ds["private"] is False
    res = ds["resources"][0]
    for key in ["id", "title", "format", "mime", "filesize", "filetype", "url", "latest", "created_at", "last_modified",
                "type", "checksum"]:
        assert key in res
    assert res["format"] == res["format"].lower() and res["filetype"] in ("file", "remote") and res["type"] == "main"
    # Harvested resources point to the portal, which serves them with the announced size.
    served = get(proxies, res["url"])
    assert served.status_code == 200 and len(served.content) == res["filesize"]


def test_api_pagination_via_host_header_and_small_pages(world, expected):
    org_id = expected["libreville-isere"]["datagouv"]["organization_id"]
    status, headers, body = direct(world, "www.data.gouv.test", f"/api/1/datasets/?organization={org_id}&page=2&page_size=10")
    import json
    page = json.loads(body)
    assert status == 200 and page["page"] == 2 and len(page["data"]) == 10
    assert page["next_page"] == f"http://www.data.gouv.test/api/1/datasets/?organization={org_id}&page=3&page_size=10"
    assert page["previous_page"].endswith("page=1&page_size=10")


def test_api_counts_for_other_candidates(proxies, expected):
    for cid, n in [("agglo-val-de-roche", 6), ("departement-haute-garrigue", 3)]:
        truth = expected[cid]["datagouv"]
        page = api(proxies, "/datasets/", organization=truth["organization_id"]).json()
        assert page["total"] == truth["datasets"] == n
        formats = {r["format"] for d in page["data"] for r in d["resources"]}
        assert formats == set(truth["formats"])
    assert expected["departement-haute-garrigue"]["datagouv"]["open_resources"] == 0
    assert expected["petit-bourg"]["datagouv"] is None


# --- candidates and ground truth ---------------------------------------------------------------


def test_candidates_file(candidates, expected):
    allowed = {"id", "name", "kind", "siren", "insee", "websites", "opendata", "datagouv_organization", "population",
               "parcours", "claims"}
    assert len(candidates) == 5
    # The track is the candidate's choice, written in the file: the small commune took the badge.
    assert {c["id"]: c["parcours"] for c in candidates} == {
        "libreville-isere": "label", "agglo-val-de-roche": "label", "departement-haute-garrigue": "label",
        "petit-bourg": "badge", "saint-disparu": "label"}
    for c in candidates:
        assert set(c) <= allowed and {"id", "name", "kind", "siren", "websites"} <= set(c)
        assert c["kind"] in ("commune", "epci", "departement", "region", "autre")
        assert re.fullmatch(r"\d{9}", c["siren"]) and luhn_ok(c["siren"]), c["siren"]
        assert all(u.startswith("http://") for u in c["websites"])
        assert c["id"] in expected
    assert [c["id"] for c in candidates if c.get("datagouv_organization")] == ["libreville-isere"]
    assert expected["saint-disparu"]["reachable"] is False
    assert all(expected[c]["reachable"] for c in CANDIDATE_HOST)


def test_candidates_file_loads_with_project_loader(candidates):
    loader = pytest.importorskip("ground.candidates")
    loaded = loader.load_candidates(CANDIDATES_FILE, SIGNAL_IDS)
    assert [c.id for c in loaded] == [c["id"] for c in candidates]


def test_world_is_small():
    total = sum(f.stat().st_size for f in WORLD_DIR.rglob("*") if f.is_file())
    assert total < 3 * 1024 * 1024
