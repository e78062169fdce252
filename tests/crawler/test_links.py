"""A page's links are extracted once, whoever asks (the portal probe, then the crawl)."""
from __future__ import annotations

from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor

from crawler.spiders.candidate import _DENY, LinksOncePerPage


class CountingExtractor(LinkExtractor):
    def __init__(self) -> None:
        super().__init__(deny_extensions=_DENY, tags=("a", "area"), attrs=("href",))
        self.pages: list[str] = []

    def extract_links(self, response):
        self.pages.append(response.url)
        return super().extract_links(response)


def _page(url: str, html: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=html.encode("utf-8"), encoding="utf-8")


def test_the_links_of_a_page_are_extracted_once_and_given_to_each_caller():
    counting = CountingExtractor()
    links = LinksOncePerPage(counting)
    home = _page("https://www.ville.fr/", '<a href="/mairie">Mairie</a> <a href="/docs/budget.pdf">Budget (PDF)</a>'
                 ' <img src="/logo.png"><a href="/logo.png">Logo</a> <a href="https://data.ville.fr/">Données</a>')
    first = links.extract_links(home)
    first.clear()  # a caller changing its list does not change what the next one gets
    second = links.extract_links(home)
    assert [(l.url, l.text) for l in second] == [("https://www.ville.fr/mairie", "Mairie"),
                                                 ("https://www.ville.fr/docs/budget.pdf", "Budget (PDF)"),
                                                 ("https://data.ville.fr/", "Données")]
    assert counting.pages == ["https://www.ville.fr/"]
    other = _page("https://www.ville.fr/mairie", '<a href="/">Accueil</a>')
    assert [l.url for l in links.extract_links(other)] == ["https://www.ville.fr/"]
    assert counting.pages == ["https://www.ville.fr/", "https://www.ville.fr/mairie"]


def test_no_control_endpoint_is_opened_by_a_crawl():
    """Scrapy's telnet console and 2.19's remote control (an HTTP endpoint that runs code) stay off."""
    from scrapy.settings import Settings

    from crawler import settings as tnl_settings

    settings = Settings()
    settings.setmodule(tnl_settings, priority="project")
    assert settings.getbool("TELNETCONSOLE_ENABLED") is False
    assert settings.getbool("REMOTE_CONTROL_ENABLED") is False
