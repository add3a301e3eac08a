"""The JSON Schemas published in schemas/, generated from the pydantic models (never edited by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from ..core.schema import ArticleSummary, StoryReport
from ..eval.gold import GoldSuite
from ..text.articles import ArticleRecord

__all__ = ["published_models", "render_schemas", "export_schemas"]


def published_models() -> dict[str, type[BaseModel]]:
    """File name -> model, for every shape users and other tools read."""
    return {
        "article-summary.schema.json": ArticleSummary,
        "article-record.schema.json": ArticleRecord,
        "story-report.schema.json": StoryReport,
        "gold.schema.json": GoldSuite,
    }


def render_schemas() -> dict[str, str]:
    """File name -> the JSON Schema text that belongs in schemas/."""
    return {
        name: json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
        for name, model in published_models().items()
    }


def export_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
