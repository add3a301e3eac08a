"""Rendering results: terminal tables, Markdown, the HTML report, CSV/TSV tables, the JSON Schemas.

Owns every output format (``console``, ``markdown``, ``html`` with ``templates/``, ``tables``,
``eval_markdown``, ``json_schemas``). It reads the result shapes of the layers below and computes nothing
new about an article.
"""

__all__: list[str] = []  # a stage: import its modules
