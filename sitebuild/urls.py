"""Where pages live on the static site."""


def page_url(lang: str, site_path: str) -> str:
    return f"/{lang}/{site_path}"


def parent_url(url: str) -> str | None:
    """ "/en/a/b/" -> "/en/a/"; a language's home page ("/en/") has no parent."""
    parts = url.strip("/").split("/")
    return "/" + "/".join(parts[:-1]) + "/" if len(parts) > 1 else None
