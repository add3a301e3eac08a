"""Reading articles: files, pages and records in; sentences, dates, numbers, names and places understood.

Owns everything that is computed from the article's own text without a model: reading inputs
(``inputs``, ``articles``, ``webpages``, ``layout``, ``sentences``, ``textnorm``, ``wordcount``), finding
and resolving time words (``time_words``, ``dates``, ``implied_dates``), numbers (``quantities``), names
and places (``names``, ``gazetteer``; an event's places in one call: ``places``) and
locating quotes in a sentence (``grounding``). It sits beside ``llm`` (neither imports the other) above
``core``.
"""

__all__: list[str] = []  # a stage: import its modules
