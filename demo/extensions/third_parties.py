"""Third-party services, free-software use and communication signals in the demo world.

Adds maps, web fonts, video players, ecosystem links, legal pages and server headers to the sites.
Expected values: social_networks, ecosystem_links and the office_suite assessment are written by hand
(EXPECTED) and checked against the written pages; the others (maps, fonts_cdn, web_server,
video_hosting, legal_pages, mutualisation, the office_suite counts) are read back from the written
files with the literal markers below.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from demo.candidates import candidate
from demo.sitekit import Site, paras
from demo.walker import ANALYTICS_MARKERS, walk

SERVER_CONF = "_server.json"  # read by WorldServer (shared with the `network` extension)
TUBE = "https://tube.libreville-isere.test"
TUBE_EMBED = f"{TUBE}/videos/embed/6f1c2b0e-8d3a-4e57-9b21-0c4d5e6f7a81"

# Per-site response headers (sent by WorldServer from _server.json).
HEADERS = {
    "libreville-isere": {"Server": "nginx/1.22.1"},
    "agglo-val-de-roche": {"Server": "Apache/2.4.57 (Debian)", "X-Powered-By": "PHP/8.2.7"},
    "departement-haute-garrigue": {"Server": "Microsoft-IIS/10.0", "X-Powered-By": "ASP.NET", "X-AspNet-Version": "4.0.30319"},
    "petit-bourg": {"Server": "Pepyaka/1.19.10"},
}

LEAFLET_JS = b"/* Leaflet 1.9.4, a JS library for interactive maps. https://leafletjs.com (c) Volodymyr Agafonkin, BSD-2-Clause */\nwindow.L = window.L || {};\n"
LEAFLET_CSS = b"/* Leaflet 1.9.4 */ .leaflet-container{overflow:hidden}\n"
MARIANNE = b"wOF2\x00\x01\x00\x00" + b"\x00" * 56  # a stub of a WOFF2 font file
FONT_FACE = """<link rel="preload" href="/squelettes/polices/Marianne-Regular.woff2" as="font" type="font/woff2" crossorigin>
<style>@font-face{font-family:"Marianne";src:url("/squelettes/polices/Marianne-Regular.woff2") format("woff2");font-display:swap}</style>
"""
GOOGLE_FONTS = """<link rel="preconnect" href="https://fonts.googleapis.com">
<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>
<link href="https://fonts.googleapis.com/css2?family=Open+Sans:wght@400;700&amp;display=swap" rel="stylesheet">
"""
GMAPS = ('<iframe title="Plan d\'accès à l\'Hôtel du Département" src="https://www.google.com/maps/embed?pb=!1m18!1m12!1m3'
         '!1d2890.4!2d3.8765!3d43.6112!2m3!1f0!2f0!3f0!3m2!1i1024!2i768!4f13.1!3m3!1m2!1s0x0%3A0x0!2zSMO0dGVs!5e0!3m2!1sfr!2sfr"'
         ' width="600" height="450" style="border:0;" allowfullscreen="" loading="lazy"></iframe>')


def _inject_head(site: Site, markup: str) -> None:
    layout = site.layout

    def wrapped(s: Site, page) -> str:
        return layout(s, page).replace("</head>", markup + "</head>", 1)

    site.layout = wrapped


def _server_headers(site: Site, headers: dict) -> None:
    conf = json.loads(site.assets.get("/" + SERVER_CONF, b"{}"))  # another extension may have written it
    conf["headers"] = headers
    site.assets["/" + SERVER_CONF] = (json.dumps(conf, indent=1, sort_keys=True) + "\n").encode("utf-8")


def extend(cid: str, site: Site) -> None:
    if cid in HEADERS:
        _server_headers(site, HEADERS[cid])
    if cid == "libreville-isere":
        _libreville(site)
    elif cid == "departement-haute-garrigue":
        _haute_garrigue(site)
    elif cid == "petit-bourg":
        _petit_bourg(site)


def _libreville(site: Site) -> None:
    site.assets["/squelettes/polices/Marianne-Regular.woff2"] = MARIANNE
    site.assets["/squelettes/lib/leaflet/leaflet.js"] = LEAFLET_JS
    site.assets["/squelettes/lib/leaflet/leaflet.css"] = LEAFLET_CSS
    _inject_head(site, FONT_FACE)
    site.pages["/contact/"].body += """
<h2>Plan d'accès</h2>
<link rel="stylesheet" href="/squelettes/lib/leaflet/leaflet.css">
<div id="carte-mairie" style="height:320px" role="img" aria-label="Carte : la mairie, 1 place de la République"></div>
<script src="/squelettes/lib/leaflet/leaflet.js"></script>
<script>
var carte = L.map('carte-mairie').setView([45.1885, 5.7245], 17);
L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {maxZoom: 19,
  attribution: '&copy; les contributeurs d\\'OpenStreetMap'}).addTo(carte);
L.marker([45.1885, 5.7245]).addTo(carte).bindPopup('Mairie de Libreville-sur-Isère');
</script>
<p>Fond de carte © les contributeurs d'OpenStreetMap, sous licence ODbL.</p>"""
    site.pages["/demarches/urbanisme/"].body += (
        '\n<h2>Carte des quartiers et des projets</h2>\n'
        '<iframe title="Carte des projets d\'urbanisme (uMap)" width="100%" height="400" frameborder="0" '
        'src="https://umap.openstreetmap.fr/fr/map/projets-urbains-libreville-sur-isere_1048213?scaleControl=false&amp;miniMap=false">'
        '</iframe>\n' + paras('<a href="https://umap.openstreetmap.fr/fr/map/projets-urbains-libreville-sur-isere_1048213">'
                              "Voir la carte en plein écran</a> (uMap, logiciel libre, sur les données d'OpenStreetMap)."))
    site.pages["/actualites/conseil-en-video/"].body += (
        f'\n<iframe title="Séance du conseil municipal du 28 janvier 2025" width="560" height="315" '
        f'src="{TUBE_EMBED}" frameborder="0" allowfullscreen sandbox="allow-same-origin allow-scripts allow-popups"></iframe>\n')
    site.pages["/ville-numerique/logiciels-libres/"].body += "\n<h2>Dans l'écosystème du libre</h2>\n" + paras(
        'Nos logiciels métiers sont référencés sur le <a href="https://comptoir-du-libre.org/fr/">Comptoir du Libre</a> '
        'de l\'<a href="https://adullact.org/">ADULLACT</a> et dans le '
        '<a href="https://code.gouv.fr/sill/">socle interministériel de logiciels libres</a>.',
        'Chaque printemps, la médiathèque participe au <a href="https://www.libre-en-fete.net/">Libre en Fête</a> '
        'proposé par l\'<a href="https://www.april.org/">April</a> : ateliers, démonstrations et install party.')


def _haute_garrigue(site: Site) -> None:
    _inject_head(site, GOOGLE_FONTS)
    contact = next(p for p in site.pages.values() if p.path.endswith("/fr/contact/"))
    contact.body += "\n<h2>Plan d'accès</h2>\n" + GMAPS + "\n"
    assemblee = next(p for p in site.pages.values() if p.path.endswith("/fr/assemblee/"))
    assemblee.body += ("\n<h2>Revoir la dernière session</h2>\n"
                       '<iframe width="560" height="315" src="https://www.youtube.com/embed/hG7pQ2xK9aE" '
                       'title="Session de l\'assemblée départementale" frameborder="0" allowfullscreen></iframe>\n')
    froid = next(p for p in site.pages.values() if p.path.endswith("/plan-grand-froid/"))
    froid.body += ('\n<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/Qx3mT7vB2Lk" '
                   'title="Les équipes de déneigement en action" frameborder="0" allowfullscreen></iframe>\n')


def _petit_bourg(site: Site) -> None:
    site.pages["/contact/"].body += (
        '\n<iframe title="Google Maps" src="https://maps.google.com/maps?q=Mairie%20Petit-Bourg-en-Causse&amp;t=m&amp;z=14'
        '&amp;output=embed&amp;iwloc=near" width="100%" height="300" frameborder="0"></iframe>\n')


# --- ground truth -----------------------------------------------------------------------------

# Free software that the text added here names in the main content (merged by build_world into
# free_software_names): the map attribution on /contact/, the uMap map on /demarches/urbanisme/.
FREE_SOFTWARE_NAMES = {"libreville-isere": ["OpenStreetMap", "uMap"]}

# Written by hand from the pages and documents (checked by `_check`): the commercial platforms and the
# free-software actors the crawlable pages link, and the judgments.
EXPECTED = {
    "libreville-isere": {
        # 13 of the 14 documents that name their producer come from LibreOffice (the .docx is the agglo's draft).
        "office_suite": "favorable",
        # No commercial platform; channels of its own: Mastodon, newsletter, RSS feed (and its PeerTube, a video
        # platform: video_hosting's).
        "social_networks": {"value": [], "assessment": "favorable"},
        # /ville-numerique/logiciels-libres/ links the ADULLACT, the Comptoir du Libre, the SILL, the April
        # and the Libre en Fête, and speaks of install parties (as does the médiathèque's news).
        "ecosystem_links": {"value": ["ADULLACT", "April", "Comptoir du Libre", "Libre en Fête", "code.gouv.fr (SILL)",
                                      "install party"], "assessment": "favorable"},
    },
    "agglo-val-de-roche": {
        "office_suite": "defavorable",  # 3 documents from LibreOffice, 7 from Microsoft Office
        # Facebook and LinkedIn in the footer, beside a Mastodon account.
        "social_networks": {"value": ["Facebook", "LinkedIn"], "assessment": "neutre"},
        "ecosystem_links": {"value": [], "assessment": "defavorable"},
    },
    "departement-haute-garrigue": {
        "office_suite": "defavorable",  # all 12 from Microsoft Office
        # Three networks in the footer, beside its own RSS feed (its YouTube channel there is a video platform:
        # video_hosting's, not a social network).
        "social_networks": {"value": ["Facebook", "Instagram", "X (Twitter)"], "assessment": "neutre"},
        "ecosystem_links": {"value": [], "assessment": "defavorable"},
    },
    "petit-bourg": {
        "office_suite": "defavorable",  # 3 from Microsoft Office (the .doc and .xls stubs name nothing)
        # Facebook only, no channel of its own linked (the footer's e-mail sign-up form links nowhere).
        "social_networks": {"value": ["Facebook"], "assessment": "defavorable"},
        "ecosystem_links": {"value": [], "assessment": "defavorable"},
    },
}
# Hosts of what the world links, to check EXPECTED (the platforms and actors its pages name, no more).
# Video platforms (YouTube, Dailymotion, Vimeo, PeerTube) are video_hosting's, not social networks.
NETWORK_HOSTS = {"Facebook": ("facebook.com",), "LinkedIn": ("linkedin.com",), "X (Twitter)": ("twitter.com", "x.com"),
                 "Instagram": ("instagram.com",)}
ECOSYSTEM_HOSTS = {"ADULLACT": ("adullact.org", "adullact.net"), "April": ("april.org",),
                   "Comptoir du Libre": ("comptoir-du-libre.org",), "code.gouv.fr (SILL)": ("code.gouv.fr",),
                   "Libre en Fête": ("libre-en-fete.net",)}


# Literal markers of what extend() and the content modules put in the pages (cf. walker.ANALYTICS_MARKERS).
MAP_MARKERS = {"OpenStreetMap": ("tile.openstreetmap.org",), "uMap": ("umap.openstreetmap.fr",),
               "Leaflet": ("leaflet.js", "leaflet.css"), "Google Maps": ("google.com/maps/embed", "maps.google.com/maps")}
FREE_MAPS = ("OpenStreetMap", "uMap", "Leaflet")
FONT_MARKERS = {"Google Fonts": ("fonts.googleapis.com", "fonts.gstatic.com"), "Adobe Fonts": ("use.typekit.net",)}
VIDEO_MARKERS = {"YouTube": ("youtube.com/embed/", "youtube-nocookie.com/embed/"), "Dailymotion": ("dailymotion.com/embed/",),
                 "Vimeo": ("player.vimeo.com/",)}
PEERTUBE_MARKERS = ("/videos/embed/", "tube.libreville-isere.test/c/")
SERVER_MARKERS = {"Microsoft IIS": ("Microsoft-IIS",), "ASP.NET": ("ASP.NET",), "nginx": ("nginx",), "Apache": ("Apache",),
                  "PHP": ("PHP/",)}
PROPRIETARY_SERVERS = ("Microsoft IIS", "ASP.NET")
ANALYTICS_NAMES = {"Matomo": ("matomo",), "Google Analytics": ("google analytics",),
                   "Google Tag Manager": ("google tag manager",)}
EVENT_KEYWORDS = {"install party": ("install party", "install-party"), "Libre en Fête": ("libre en fête",)}
LEGAL_URL = "mentions-legales"
PRIVACY_URL = ("donnees-personnelles", "confidentialite", "cookies")
# Sentences that speak of pooling IT, by theme (lower case, as written in the pages).
MUTUALISATION_KEYWORDS = {
    "service commun": ("service informatique est mutualisé", "mutualisation du service informatique",
                       "service commun du numérique", "informatique et systèmes d'information",
                       "mise en commun du service informatique"),
    # Not the Département's « syndicat mixte Haute-Garrigue Numérique » page: that syndicate deploys
    # the fibre network to households (territorial planning), it does not pool the Département's IT
    # (the same reading as the corpus case pool-ardeche-drome-numerique-fibre-is-not-pooling).
    "opérateur public de services numériques": ("adhérente du syndicat mixte de services numériques",),
    "adhésion à l'ADULLACT": ("adhérente de l'adullact", "adhésion à l'adullact"),
}
STRATEGY_THEMES_ORDER = list(MUTUALISATION_KEYWORDS)


def _producer(data: bytes) -> str | None:
    """The software named in a file's own metadata (creator first for PDF), read independently of ground.observe."""
    if data[:4] == b"%PDF":
        from pypdf import PdfReader

        meta = PdfReader(io.BytesIO(data)).metadata or {}
        return " ".join(str(meta.get(k)) for k in ("/Creator", "/Producer") if meta.get(k)) or None
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for name, tag in (("meta.xml", rb"<meta:generator>([^<]+)<"), ("docProps/app.xml", rb"<Application>([^<]+)<")):
                if name in zf.namelist():
                    m = re.search(tag, zf.read(name))
                    return m.group(1).decode() if m else None
    return None


def _check(cid: str, truth: dict, links: list[tuple[str, str]], texts: dict[str, str], free: int,
           proprietary: int) -> None:
    """EXPECTED[cid] against the crawlable pages' links and text and the documents' producers (fails loudly)."""
    def linked(table: dict) -> list[str]:
        hosts = {(urlsplit(u).hostname or "") for u, _ in links}
        return sorted({n for n, hs in table.items() for host in hosts for h in hs if host == h or host.endswith("." + h)})

    events = {n for n, ks in EVENT_KEYWORDS.items() if any(k in t.lower() for t in texts.values() for k in ks)}
    found = {"social_networks": linked(NETWORK_HOSTS), "ecosystem_links": sorted(set(linked(ECOSYSTEM_HOSTS)) | events)}
    for key, value in found.items():
        if value != truth[key]["value"]:
            raise AssertionError(f"{cid}: {key} read in the pages {value}, written {truth[key]['value']}")
    office = truth["office_suite"]
    if office == "favorable" and free <= proprietary or office == "defavorable" and free >= proprietary:
        raise AssertionError(f"{cid}: office_suite {office} with {free} free and {proprietary} proprietary documents")


def expected(cid: str, site: Site | None, root: Path | None) -> dict:
    if site is None or root is None:
        keys = ("office_suite", "maps", "fonts_cdn", "web_server", "video_hosting", "social_networks",
                "ecosystem_links", "legal_pages", "mutualisation")
        return {"third_parties": {k: {"assessment": "inconnu"} for k in keys}}
    cand = candidate(cid)
    truth = EXPECTED[cid]
    sites_dir = root.parent
    walks = {}
    for base in cand["websites"] + cand.get("opendata", []):
        host = urlsplit(base).hostname
        if (sites_dir / host).is_dir():
            walks[base] = walk(sites_dir / host, base.rstrip("/") + "/")
    main = walks[cand["websites"][0]]
    pages = {u: p["html"] for w in walks.values() for u, p in w["pages"].items()}
    texts = {u: p["text"] for w in walks.values() for u, p in w["pages"].items()}
    out: dict[str, dict] = {}

    # office_suite: every linked document of every site, its producer read from the file.
    free = proprietary = 0
    for w in walks.values():
        for url in w["documents"]:
            parts = urlsplit(url)
            stamp = (_producer((sites_dir / parts.hostname / parts.path.lstrip("/")).read_bytes()) or "").lower()
            free += "libreoffice" in stamp
            proprietary += "microsoft" in stamp and "libreoffice" not in stamp
    out["office_suite"] = {"free": free, "proprietary": proprietary, "assessment": truth["office_suite"]}

    def markers_found(markers: dict) -> list[str]:
        return sorted(n for n, ms in markers.items() if any(m in raw for raw in pages.values() for m in ms))

    maps = markers_found(MAP_MARKERS)
    free_maps = [m for m in maps if m in FREE_MAPS]
    out["maps"] = {"value": sorted(maps, key=lambda n: (n in FREE_MAPS, n)), "assessment": (
        "neutre" if not maps or (free_maps and len(free_maps) < len(maps)) else "favorable" if free_maps else "defavorable")}
    fonts = markers_found(FONT_MARKERS)
    out["fonts_cdn"] = {"value": fonts, "assessment": "defavorable" if fonts else "favorable"}

    conf_file = root / SERVER_CONF
    headers = json.loads(conf_file.read_text("utf-8")).get("headers", {}) if conf_file.is_file() else {}
    servers = [n for n, ms in SERVER_MARKERS.items() if any(m in v for v in headers.values() for m in ms)]
    prop_servers = sorted(n for n in servers if n in PROPRIETARY_SERVERS)
    out["web_server"] = {"value": prop_servers + sorted(n for n in servers if n not in PROPRIETARY_SERVERS),
                         "assessment": "defavorable" if prop_servers else "neutre"}

    videos = markers_found(VIDEO_MARKERS)
    tube = any(m in raw for raw in pages.values() for m in PEERTUBE_MARKERS)
    out["video_hosting"] = {"value": videos + (["PeerTube"] if tube else []), "assessment": (
        "neutre" if (tube and videos) or not (tube or videos) else "favorable" if tube else "defavorable")}

    # Links of the crawlable pages (the open-data portal's too), as the crawler sees them.
    links: list[tuple[str, str]] = []
    for url, raw in pages.items():
        for a in lxml_html.fromstring(raw).xpath("//a[@href]"):
            links.append((urljoin(url, a.get("href")), " ".join(a.text_content().split()).lower()))
    _check(cid, truth, links, texts, free, proprietary)
    out["social_networks"] = dict(truth["social_networks"])
    out["ecosystem_links"] = dict(truth["ecosystem_links"])

    # legal_pages: on the main website; tools named in the text of the legal / privacy pages.
    home = main["pages"][cand["websites"][0].rstrip("/") + "/"]["html"]
    tools = [t for t, ms in ANALYTICS_MARKERS.items() if any(m in home for m in ms)]
    legal = [u for u in pages if LEGAL_URL in urlsplit(u).path]
    privacy = [u for u in pages if any(k in urlsplit(u).path for k in PRIVACY_URL)]
    legal_text = " ".join(texts[u].lower() for u in legal + privacy)
    unnamed = [t for t in tools if not any(a in legal_text for a in ANALYTICS_NAMES.get(t, (t.lower(),)))]
    out["legal_pages"] = {"mentions_legales": bool(legal), "politique_confidentialite": bool(privacy),
                          "outils_non_nommes": unnamed, "assessment": (
                              "defavorable" if unnamed or not legal else "neutre" if not privacy else "favorable")}

    found: dict[str, list[str]] = {}
    for url, text in texts.items():
        low = text.lower()
        for theme, keys in MUTUALISATION_KEYWORDS.items():
            if any(k in low for k in keys):
                found.setdefault(theme, []).append(url)
    themes = [t for t in STRATEGY_THEMES_ORDER if t in found]
    out["mutualisation"] = {"value": themes, "pages": sorted({u for us in found.values() for u in us}), "assessment": (
        "favorable" if len(themes) >= 2 else "neutre" if themes else "defavorable")}
    return {"third_parties": out}
