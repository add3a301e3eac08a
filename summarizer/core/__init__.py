"""The bottom layer: the published shapes, the errors, the settings and the shipped files.

Owns ``schema`` (every output shape, the single source of truth for ``schemas/*.json``), ``errors`` (one
class per exit code), ``settings`` (the one ``Settings`` object), ``resources`` (where prompts and data
live), ``outputs`` (atomic writes) and ``version``. It imports no other layer of the package.
"""

__all__: list[str] = []  # a stage: import its modules
