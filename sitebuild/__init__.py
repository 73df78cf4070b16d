"""The static-site build: fetch (public API) -> transform (pure) -> render (Pelican) -> verify ->
publish (atomic swap). One CLI over the stages: ``python -m sitebuild`` / ``./scripts/build``."""
