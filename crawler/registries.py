"""Fetch the public registries' exports once per run, into their own archive `<out>/_registries/`.

The Comptoir du Libre export, the SILL and code.gouv.fr's list of forge accounts describe every
collectivité at once: they are fetched by one small spider beside the candidates' crawlers, never per
candidate. The archive middleware writes to `<out>/<spider.candidate["id"]>/`, hence the pseudo-candidate.
"""
from __future__ import annotations

import scrapy

from ground.archive import set_aside
from ground.registries import REGISTRY_DIR

# The SILL and Comptoir exports are a few MB; leave room for growth (the default cap is for pages).
REGISTRY_MAXSIZE = 64 * 1024 * 1024


class RegistrySpider(scrapy.Spider):
    name = "registries"

    def __init__(self, exports: dict[str, str], *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.exports = {purpose: url for purpose, url in exports.items() if url}
        self.candidate = {"id": REGISTRY_DIR, "name": "registres publics", "websites": []}

    def declared_urls(self) -> list[str]:
        """The export URLs the user named (the address guard may allow them on a private network)."""
        return list(self.exports.values())

    async def start(self):
        for purpose, url in sorted(self.exports.items()):
            yield scrapy.Request(url, callback=self.parse_export, errback=self.export_failed, dont_filter=True,
                                 headers={"Accept": "application/json"},
                                 meta={"tnl_kind": "registry", "tnl_purpose": purpose, "dont_obey_robotstxt": True,
                                       "handle_httpstatus_all": True, "download_maxsize": REGISTRY_MAXSIZE})

    def parse_export(self, response):
        """Archived by the middleware; read later, offline (ground.registries.load_registries)."""
        return None

    def export_failed(self, failure):
        """Indexed by the middleware with its error: a registry out of reach is a fact too."""
        return None


def schedule(process, out, options):
    """Add the registry spider to the run's CrawlerProcess, if any export URL is set; returns the
    Deferred that fires when the exports are archived (None: nothing to fetch)."""
    exports = {"comptoir": options.comptoir_url, "sill": options.sill_url,
               "codegouv_accounts": options.codegouv_accounts_url}
    if not any(exports.values()):
        return None
    directory = out / REGISTRY_DIR
    directory.mkdir(parents=True, exist_ok=True)
    set_aside(directory)
    crawler = process.create_crawler(RegistrySpider)
    return process.crawl(crawler, exports=exports)
