from ground import portals


def test_portal_root_by_host_prefix_hosted_platform_or_wording():
    assert portals.portal_root("https://data.ville.fr/explore/?q=x", "", "www.ville.fr") == "https://data.ville.fr/"
    assert portals.portal_root("https://ville.opendatasoft.com/pages/accueil/", "Accueil", "www.ville.fr") \
        == "https://ville.opendatasoft.com/"
    assert portals.portal_root("https://carto.agglo.fr/", "Nos données ouvertes", "www.ville.fr") == "https://carto.agglo.fr/"


def test_not_a_portal_internal_page_national_catalogue_or_plain_link():
    assert portals.portal_root("https://www.ville.fr/open-data/", "Open data", "www.ville.fr") is None
    assert portals.portal_root("https://www.data.gouv.fr/fr/organizations/x/", "données ouvertes", "www.ville.fr") is None
    assert portals.portal_root("https://www.agglo.fr/", "L'agglomération", "www.ville.fr") is None
    assert portals.portal_root("mailto:data@ville.fr", "open data", "www.ville.fr") is None


def test_fingerprints_recognise_ckan_and_opendatasoft_and_refuse_an_error_page():
    ckan = next(p for p in portals.API_PROBES if p.path == "/api/3/action/status_show")
    ods = next(p for p in portals.API_PROBES if p.software == "opendatasoft")
    assert ckan.matches({"help": "h", "success": True, "result": {"ckan_version": "2.10.4"}}, "")
    assert not ckan.matches(None, "<html>404</html>")
    assert ods.matches({"total_count": 3, "results": []}, "")
    assert portals.probe_for("https://d.fr/api/explore/v2.1/catalog/datasets?limit=1", "portal:opendatasoft") is ods
