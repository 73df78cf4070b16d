"""The build's stages, each a module with one job: fetch (the API, over HTTP) → transform (pure)
→ render (Pelican) → search (Pagefind) → verify (+ leaks: the API asked again) → publish (an
atomic swap); incremental (what an incremental build renders and carries over), reuse (the
build server's transform cache) and withdraw (pages taken off the site) serve them. Stages never
import the pipeline (sitebuild/pipeline.py) or a face (cli.py, server.py)."""
