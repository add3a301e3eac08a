"""python -m summarizer."""

from .cli import app

app(prog_name="summarizer")
