"""Agreement between two independent readings of one suite: the second read scored as if it were a tool.

A suite's ``gold.yaml`` is the first read; ``second-read.yaml`` beside it is a second annotator's reading of
the same articles made without seeing the first. The second read's events become predicted events (their
verbatim evidence located in the article) and are matched against the first with the eval's own matcher,
so the agreement figures (event P/R/F1, type, date, place and actor agreement over matched pairs) sit on
the same scale as the tool's scores: an event F1 the tool cannot be expected to beat by much.

    python -m summarizer.eval.agreement evals/qeshm-earthquake-2005-11 [more suite folders]
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from ..core.schema import Event, Evidence
from .gold import GoldEvent, GoldSuite, load_gold
from .score import locate, prf, score_article

__all__ = ["as_events", "agreement"]


def as_events(golds: list[GoldEvent], original: str) -> list[Event]:
    """A reading's events as predicted events, each evidence sentence located in ``original``."""
    events = []
    for gold in golds:
        evidence = []
        for number, text in enumerate(gold.evidence, start=1):
            span = locate(text, original)
            if span is not None:
                evidence.append(Evidence(sentence_id=number, start=span[0], end=span[1], text=text))
        if evidence:
            events.append(gold.as_event(evidence))
    return events


def agreement(folder: Path) -> dict[str, float | int | str]:
    """Event P/R/F1 of the second read against the first, and field agreement over matched pairs."""
    first = load_gold(folder)
    second = GoldSuite.model_validate(yaml.safe_load((folder / "second-read.yaml").read_text(encoding="utf-8")))
    second_by_id = {a.id: a for a in second.articles}
    articles_dir = (folder / first.articles_dir).resolve()
    tp = n_first = n_second = 0
    fields: dict[str, list[bool]] = {"type": [], "date": [], "location": [], "actor": []}
    for article in first.articles:
        original = (articles_dir / article.file).read_text(encoding="utf-8")
        other = second_by_id.get(article.id)
        preds = as_events(other.events if other else [], original)
        score = score_article(article.id, preds, article.events, original)
        tp += len(score.matches)
        n_first += len(article.events)
        n_second += len(preds)
        for name, value in (
            ("type", score.type_accuracy),
            ("date", score.date_accuracy),
            ("location", score.location_accuracy),
            ("actor", score.actor_accuracy),
        ):
            if value is not None:
                fields[name] += [value] * len(score.matches)  # weight each article by its matched pairs
    p, r, f1 = prf(tp, n_second, n_first)
    row: dict[str, float | int | str] = {
        "suite": first.suite,
        "events_first": n_first,
        "events_second": n_second,
        "matched": tp,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "event_f1": round(f1, 3),
    }
    for name, values in fields.items():
        row[f"{name}_agreement"] = round(sum(values) / len(values), 3) if values else float("nan")
    return row


def main(argv: list[str]) -> int:
    """Print one Markdown table row per suite folder given."""
    keys = [
        "suite",
        "events_first",
        "events_second",
        "matched",
        "precision",
        "recall",
        "event_f1",
        "type_agreement",
        "date_agreement",
        "location_agreement",
        "actor_agreement",
    ]
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for folder in argv:
        row = agreement(Path(folder))
        print("| " + " | ".join(str(row[k]) for k in keys) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
