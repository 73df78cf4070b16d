"""Facts the CMS and the build share, with no dependencies of their own.

``cms`` and ``sitebuild`` never import each other; what both must agree on lives here: the one
rule for every public URL (``urls``). Standard library only, so either side can import it."""
