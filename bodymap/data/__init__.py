"""The shipped data files and how they are read: where they live
(:mod:`~bodymap.data.resources`), safe YAML with the line of every value
(:mod:`~bodymap.data.yamlfile`), their shape (:mod:`~bodymap.data.schema`, pydantic,
imported only to read files) and file:line errors (:mod:`~bodymap.data.validation`), and
the compiled copy that lets most starts skip all of it (:mod:`~bodymap.data.compiled`).

The domain's loaders (``atlas``, ``catalogue_loader``, ``redflags``) call into this
layer; it imports nothing of the domain but its errors and shared vocabularies.
"""
