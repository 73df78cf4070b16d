"""Where pages live on the static site."""

from typing import Any


def item_url(item: dict[str, Any]) -> str:
    """The URL of the page an API item describes."""
    return f"/{item['meta']['locale']}/{item['meta']['site_path']}"


def parent_url(url: str) -> str | None:
    """ "/en/a/b/" -> "/en/a/"; a language's home page ("/en/") has no parent."""
    parts = url.strip("/").split("/")
    return "/" + "/".join(parts[:-1]) + "/" if len(parts) > 1 else None
