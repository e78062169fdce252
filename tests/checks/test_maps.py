from checks import maps
from tests.checks.baseline import html, observations, page

OSM = """<link rel="stylesheet" href="/lib/leaflet/leaflet.css"><div id="carte"></div>
<script src="/lib/leaflet/leaflet.js"></script>
<script>var m = L.map('carte'); L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png').addTo(m);</script>"""
GMAPS = '<iframe src="https://www.google.com/maps/embed?pb=!1m18!1m12" width="600"></iframe>'


def run(body: str):
    return maps.run(observations([page(html(body))]))


def test_leaflet_on_openstreetmap_is_favorable():
    s = run(OSM)
    assert s.assessment == "favorable" and s.value == ["Leaflet", "OpenStreetMap"]
    assert any("leaflet" in e.snippet for e in s.evidence)


def test_umap_iframe_is_favorable():
    s = run('<iframe src="https://umap.openstreetmap.fr/fr/map/plan-de-la-ville_1234"></iframe>')
    assert s.value == ["uMap"] and s.assessment == "favorable"


def test_google_maps_iframe_is_defavorable_with_the_iframe_as_evidence():
    s = run(GMAPS)
    assert (s.value, s.assessment) == (["Google Maps"], "defavorable")
    assert s.evidence[0].snippet.startswith('<iframe src="https://www.google.com/maps/embed')


def test_both_kinds_is_neutre():
    assert run(OSM + GMAPS).assessment == "neutre"


def test_no_map_is_neutre():
    s = run("<p>Plan d'accès : 1 place de la Mairie.</p>")
    assert (s.value, s.assessment) == ([], "neutre")


def test_unreachable_is_inconnu():
    assert maps.run(observations(reachable=False)).assessment == "inconnu"


# --- what each outcome carries ---------------------------------------------------------------------

def test_no_map_keeps_empty_details_and_what_was_searched():
    s = run("<p>Plan d'accès : 1 place de la Mairie.</p>")
    assert s.details == {"pages_par_service": {}, "libres": [], "proprietaires": []}
    assert s.searched == {"pages": 1} and s.display


def test_both_kinds_name_every_map_with_evidence_and_details():
    s = run(OSM + GMAPS)
    assert s.value == ["Google Maps", "Leaflet", "OpenStreetMap"]
    assert s.details["proprietaires"] == ["Google Maps"] and s.details["libres"] == ["Leaflet", "OpenStreetMap"]
    assert s.evidence[0].snippet.startswith('<iframe src="https://www.google.com/maps/embed') and len(s.evidence) >= 3
    assert "Google Maps" in s.display


def test_proprietary_only_carries_details_and_a_display():
    s = run(GMAPS)
    assert s.details == {"pages_par_service": {"Google Maps": 1}, "libres": [], "proprietaires": ["Google Maps"]}
    assert "Google Maps" in s.display


def test_free_only_carries_details_and_a_display():
    s = run('<iframe src="https://umap.openstreetmap.fr/fr/map/plan-de-la-ville_1234"></iframe>')
    assert s.details == {"pages_par_service": {"uMap": 1}, "libres": ["uMap"], "proprietaires": []}
    assert "uMap" in s.display


def test_unreachable_says_why():
    s = maps.run(observations(reachable=False))
    assert s.value is None and "DNSLookupError" in s.reason and s.display
