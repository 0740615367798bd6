"""bodymap's version, in one place: the build (``pyproject.toml``, through hatchling)
reads it from here, and :func:`bodymap.about.version` imports it."""

__version__ = "0.1.0"
