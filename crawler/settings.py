"""Every default of the crawl in one place (Scrapy settings module)."""
from __future__ import annotations

from ground import __version__

BOT_NAME = "tnl-evidence"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Identify ourselves, with a contact URL (crawling manners).
USER_AGENT = (
    f"tnl-evidence/{__version__} (robot de collecte de preuves pour le label Territoire "
    "Numérique Libre; +https://territoire-numerique-libre.org)"
)
ROBOTSTXT_OBEY = True

# Politeness: per-domain throttling that adapts to the server's latency.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_DELAY = 0.5
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
# Scrapy runs this many tasks over every callback's output, items or not (default 100: 100 asyncio
# tasks created per page, ~1 ms of CPU). Our callbacks yield requests only, handed to the scheduler
# at once: a few workers are enough. (Politeness is the downloader's, untouched.)
CONCURRENT_ITEMS = 8

# Bounds. Depth is limited by the spider itself (TNL_MAX_DEPTH), from the shortest known path;
# Scrapy's DepthMiddleware only keeps its statistics and breadth-first priorities.
DEPTH_LIMIT = 0
DEPTH_STATS_VERBOSE = False
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # per response: bigger ones are cancelled and indexed as errors
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Failures retried: timeouts only, once (TNL_RETRY_TIMEOUT_TIMES). A refused connection, a name that does
# not resolve, a refused tunnel, a failed TLS handshake or a connection cut are answers: asking again a
# moment later gets the same one (a site without TLS cost three https probes and three https robots.txt).
# A timeout says nothing definite (a congested link, a server busy for a moment): one more try.
RETRY_EXCEPTIONS = ["scrapy.exceptions.DownloadTimeoutError", "twisted.internet.error.TimeoutError"]
TNL_RETRY_TIMEOUT_TIMES = 1
REDIRECT_MAX_TIMES = 10
METAREFRESH_MAXDELAY = 10

# Breadth-first order (Scrapy FAQ: "Does Scrapy crawl in breadth-first or depth-first order?").
DEPTH_PRIORITY = 1
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

DOWNLOADER_MIDDLEWARES = {
    # Before robots.txt (100): a refused address is not even asked for its robots.txt.
    "crawler.guard.AddressGuardMiddleware": 50,
    # robots.txt per scheme and host (replaces Scrapy's, keyed by host alone).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.SchemeAwareRobotsTxtMiddleware": 100,
    # After robots.txt: a scheme://host that could not be connected to (or has no TLS) is not asked again.
    "crawler.reachability.UnreachableHostsMiddleware": 110,
    # Scrapy's retries, plus Retry-After on 429/503 (replaces the stock RetryMiddleware).
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.retry.RetryAfterMiddleware": 550,
    # Closest to the network: archives every exchange as received, redirects and errors included.
    # Hosts shared by every candidate (API, registries): one limit for the whole process.
    "crawler.shared_hosts.SharedHostLimitMiddleware": 940,
    "crawler.archive.WarcArchiveMiddleware": 950,
    # Closer still: on a resumed crawl, what the archive already holds is answered from it.
    "crawler.replay.ArchiveReplayMiddleware": 960,
}
EXTENSIONS = {
    "crawler.progress.ProgressExtension": 500,
    "scrapy.extensions.telnet.TelnetConsole": None,
}

TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote control: a local HTTP endpoint per crawler that runs code, and job files left
# under ~/.local/state/scrapy/ by killed runs. A crawler of public sites needs neither.
REMOTE_CONTROL_ENABLED = False
# No cookie jar: public pages need none, the crawl stays stateless and repeatable, and Scrapy's
# cookie middleware would otherwise download the public suffix list at run time (no network
# access beyond the sites is wanted). Set-Cookie headers are still archived as evidence.
COOKIES_ENABLED = False
LOG_LEVEL = "WARNING"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# Our own settings (TNL_ prefix).
TNL_OUT_DIR = None  # <out>: each candidate writes <out>/<id>/
TNL_MAX_PAGES = 200  # HTML pages per website
TNL_MAX_DEPTH = 4  # links from the homepage
TNL_MAX_SITE_BYTES = 200 * 1024 * 1024  # bytes read per website before its links stop being followed
TNL_SHARED_HOSTS = []  # set by crawler/run.py: the data.gouv.fr API host and the registry hosts
TNL_SHARED_HOST_CONCURRENCY = 4
# Seconds between two requests to one shared host (the data.gouv.fr API), all candidates of the process
# together (--datagouv-pace): the API sees one polite client, not one per candidate crawling.
TNL_SHARED_HOST_DELAY = 0.1
# WHOIS: seconds between two queries to one server, all candidates together (crawler/netcache.py;
# --whois-pace). AFNIC (.fr) allows 7,200 queries per 24 h and per address on port 43 (token bucket,
# https://www.afnic.fr/en/resources/reference/technical-guidebooks/other-technical-documents-31.html): 12 s.
TNL_WHOIS_PACE = {"whois.nic.fr": 12.0}
TNL_WHOIS_PACE_DEFAULT = 1.0  # another server python-whois chose (not a --whois-server, which has none)
TNL_RETRY_BACKOFF = 1.0  # seconds before the first retry of a failure without Retry-After, doubled each time
TNL_RETRY_AFTER_MAX = 60  # seconds: a Retry-After up to this is waited for; longer ones are given up
TNL_DOCUMENT_MAXSIZE = 10 * 1024 * 1024  # enough for the producer metadata of ordinary documents
# Documents downloaded per website (their text is read when observations are built): the ones linked
# past this are listed as linked, not downloaded, and the report says the cap was reached.
TNL_MAX_DOCUMENTS = 150
# The site's own style sheets and scripts (fonts imported by CSS, trackers inside the site's JS bundle,
# the weight of a page): fetched and archived as evidence, on their own caps, never counted as pages.
TNL_MAX_ASSETS = 40  # per website: a theme has a few CSS files and bundles; more is a build's chunks
TNL_ASSET_MAXSIZE = 3 * 1024 * 1024  # per file: minified bundles of public-sector sites are ~0.1-2 MB
TNL_DATAGOUV_API = "https://www.data.gouv.fr/api/1"
TNL_DATAGOUV_MAX_PAGES = 50  # pages of dataset listings per organisation (100 datasets each)
TNL_ALLOW_PRIVATE = False  # refuse loopback/private/link-local targets unless asked
TNL_HOST_MAP = {}  # {"host": "ip:port"}, like curl --resolve; used by the demo and the tests
TNL_WARC_GZIP_LEVEL = 1  # gzip level of the WARC records (ground/archive.py WARC_GZIP_LEVEL: 6 is ~20 % smaller, slower)
TNL_PROGRESS = True
TNL_PROGRESS_INTERVAL = 5.0
# The rendered pass (crawler/render.py, issue 22): one page in headless Chromium, bounded.
TNL_RENDER_TIMEOUT = 30.0  # seconds for the page's load event; past it, what was rendered is kept
TNL_RENDER_SETTLE = 2.0  # seconds at most, after load, waiting for the network to go quiet
TNL_RENDER_VIEWPORT = (1280, 800)  # the screenshot is this viewport only, never the full page
TNL_RENDER_MAX_DOM = 5 * 1024 * 1024  # bytes of rendered DOM kept (UTF-8); beyond, cut and said so
TNL_RENDER_MAX_SCREENSHOT = 2 * 1024 * 1024  # bytes of PNG; a larger screenshot is not kept (said so)
TNL_RENDER_MAX_REQUESTS = 2000  # requests listed per page; beyond, counted only
TNL_RENDER_AXE_TIMEOUT = 30.0  # seconds for axe-core's rules on one rendered page; past it, no results (said so)
# The sample (WCAG-EM: structured + random): the homepage of each website, the accessibility page, the
# legal pages, the personal-data page, a contact page, then TNL_RENDER_RANDOM pages drawn with the seed
# among the other pages crawled; TNL_RENDER_PAGES at most in all. One consent visit per candidate.
TNL_RENDER_PAGES = 8
TNL_RENDER_RANDOM = 2
