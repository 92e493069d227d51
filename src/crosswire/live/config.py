"""The ``[watch]`` settings: how often sources are polled, how politely hosts are fetched, how
failures back off. Imported by :mod:`crosswire.config`, so it imports nothing but the errors."""

from __future__ import annotations

from dataclasses import dataclass

from crosswire.errors import ConfigError

__all__ = ["WatchConfig"]


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """Settings of ``crosswire watch`` (documented in docs/configuration.md, ``[watch]``)."""

    every_s: float = 900.0
    host_delay_s: float = 1.0
    host_concurrency: int = 1
    workers: int = 8
    retry_s: float = 60.0
    max_backoff_s: float = 21600.0
    robots_ttl_s: float = 86400.0
    max_crawl_delay_s: float = 30.0
    user_agent: str = ""
    fetch_articles: bool = True
    item_attempts: int = 3
    max_new_items: int = 200
    batch_size: int = 20
    sitemap_max_age_days: float = 2.0
    max_child_sitemaps: int = 50
    folder_settle_s: float = 2.0

    def __post_init__(self) -> None:
        for name in ("every_s", "retry_s", "max_backoff_s", "robots_ttl_s"):
            if not getattr(self, name) > 0:  # NaN fails too
                raise ConfigError(f"{name} must be more than 0 seconds")
        for name in ("host_delay_s", "max_crawl_delay_s", "sitemap_max_age_days",
                     "folder_settle_s"):
            if not getattr(self, name) >= 0:
                raise ConfigError(f"{name} must be 0 or more")
        if self.max_backoff_s < self.retry_s:
            raise ConfigError("max_backoff_s must be at least retry_s")
