"""Extraction: article -> prompt -> model -> validated drafts -> grounded events -> ArticleSummary.

Owns the prompts (``prompts``), the model-facing answer shapes and their grounding validators
(``drafts``, ``summary_check``), which sentence an event is drawn from (``attribution``), turning drafts
into events (``events``, ``classify``), the run context (``context``), one article end to end
(``pipeline``) and many articles (``batch``, ``batch_api``). It uses ``text`` and ``llm``.
"""

__all__: list[str] = []  # a stage: import its modules
