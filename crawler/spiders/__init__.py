"""Spiders: they decide what to crawl, nothing more."""
