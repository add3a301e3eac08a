"""Scoring against gold: gold files, the matcher and metrics, suites, case suites, agreement, baselines.

Owns ``gold`` (the gold shapes and loader), ``score`` (matching and metrics), ``suites`` (running eval
suites, pooling, the regression gate), ``cases``/``case_spec``/``case_checks`` (the case suite),
``baselines`` (trivial predictors) and ``agreement`` (two readers compared). It uses ``extract`` and
``merge`` and never prints: the ``report`` layer renders what it returns.
"""

__all__: list[str] = []  # a stage: import its modules
