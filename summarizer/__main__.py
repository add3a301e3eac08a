"""python -m summarizer."""

from .cli import app

__all__: list[str] = []

app(prog_name="summarizer")
