"""Scrapy project that gathers raw observations into each candidate's WARC archive; no judgement."""
