"""Events as table rows (CSV/TSV), with column names familiar from ACLED-style event data.

The columns are defined once, as the fields of ``EventRow`` and ``StoryEventRow`` (their descriptions
are the documentation: ``docs/tables.md`` is generated from them and a test fails when it drifts). Cells
are text: lists are ``;``-joined, quantities are ``kind=value``, booleans are ``true``/``false`` and an
unknown value is an empty cell. Writing is the standard library's ``csv`` module.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Literal

from pydantic import Field

from ..core.schema import (
    Actor,
    ArticleSummary,
    Event,
    EventDate,
    Evidence,
    FrozenModel,
    Location,
    Quantity,
    Role,
    StoryReport,
)
from ..text.names import NameTable

__all__ = [
    "TableFormat",
    "EventRow",
    "StoryEventRow",
    "event_rows",
    "story_rows",
    "TableWriter",
    "columns_markdown",
]

TableFormat = Literal["csv", "tsv"]
_MERGE_FIELDS = ("who", "where", "when", "how_many", "outcome", "label")


class EventRow(FrozenModel):
    """One event of one article, as a table row."""

    article_id: str = Field(description="The article's id (file stem, JSONL id, or host-and-slug of a URL).")
    source: str = Field(description="The outlet (site name for a web page); empty when unknown.")
    event_id: str = Field(description="The event's id within its article, e.g. e3.")
    event_date: str = Field(description="Resolved date, YYYY-MM-DD (first day of the period); empty when unknown.")
    date_precision: str = Field(description="day, week, month, year or unknown.")
    event_type: str = Field(description="fighting, attack, takeover, withdrawal, deployment, protest, ... (closed).")
    actor1: str = Field(description="Agents (who did it), canonical names, ;-joined.")
    actor2: str = Field(description="Targets (to whom it was done), canonical names, ;-joined.")
    assoc_actor: str = Field(description="Other actors involved (a source quoted, a mediator), ;-joined.")
    location: str = Field(description="Places, canonical names, ;-joined.")
    country: str = Field(description="Countries of those places, ;-joined; empty when unknown.")
    admin1: str = Field(description="The wider region a place lies in (alias table part_of); empty when unknown.")
    fatalities: str = Field(description="Number killed, when the article states one (a range's lower bound).")
    quantities: str = Field(description="Every stated number as kind=value (kind=value-upper for a range), ;-joined.")
    status: str = Field(description="asserted, claimed, denied or planned.")
    historical: str = Field(description="true when the event lies well before the article's date, else false.")
    notes: str = Field(description="One line: who did what to whom.")
    evidence: str = Field(description="The evidence sentences as they stand in the article text, ' | '-joined.")
    evidence_offsets: str = Field(description="start-end character offsets of each evidence sentence, ;-joined.")


class StoryEventRow(EventRow):
    """One source's report of one story event in a merge, with the story event's verdict per field."""

    story_event_id: str = Field(description="The story event (merge of several articles' events), e.g. s4.")
    who_verdict: str = Field(description="agree, conflict or single_source across sources; empty when not compared.")
    where_verdict: str = Field(description="Verdict on the place, as who_verdict.")
    when_verdict: str = Field(description="Verdict on the date, as who_verdict.")
    how_many_verdict: str = Field(description="Verdict on the numbers, as who_verdict.")
    outcome_verdict: str = Field(description="Verdict on the outcome, as who_verdict.")
    label_verdict: str = Field(description="Verdict on the labels outlets use for actors, as who_verdict.")
    conflicts: str = Field(description="Ids of the conflicts about this story event, ;-joined.")


def _join(values: Iterable[str]) -> str:
    return ";".join(dict.fromkeys(v for v in values if v))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _quantity(q: Quantity) -> str:
    upper = f"-{_number(q.upper)}" if q.upper is not None else ""
    return f"{q.kind.value}={_number(q.value)}{upper}"


def _columns(
    actors: list[Actor],
    locations: list[Location],
    date: EventDate,
    quantities: list[Quantity],
    evidence: list[Evidence],
    names: NameTable,
) -> dict[str, str]:
    def role(r: Role) -> str:
        return _join(a.canonical for a in actors if a.role is r)

    killed = [q for q in quantities if q.kind.value == "killed"]
    return {
        "event_date": date.value.isoformat() if date.value else "",
        "date_precision": date.precision.value,
        "actor1": role(Role.agent),
        "actor2": role(Role.target),
        "assoc_actor": role(Role.other),
        "location": _join(loc.canonical for loc in locations),
        "country": _join(loc.country or "" for loc in locations),
        "admin1": _join(
            names.parents.get(loc.canonical, "")
            for loc in locations
            if not names.is_country(names.parents.get(loc.canonical, ""))
        ),
        "fatalities": _number(killed[0].value) if killed else "",
        "quantities": _join(_quantity(q) for q in quantities),
        "evidence": " | ".join(e.text for e in evidence),
        "evidence_offsets": ";".join(f"{e.start}-{e.end}" for e in evidence),
    }


def _event_row(summary: ArticleSummary, event: Event, names: NameTable) -> EventRow:
    return EventRow(
        article_id=summary.article.id,
        source=summary.article.source or "",
        event_id=event.id,
        event_type=event.type.value,
        status=event.status.value,
        historical="true" if event.historical else "false",
        notes=event.description,
        **_columns(event.actors, event.locations, event.date, event.quantities, event.evidence, names),
    )


def event_rows(summaries: Iterable[ArticleSummary], names: NameTable) -> Iterator[EventRow]:
    """One row per event of each article."""
    for summary in summaries:
        for event in summary.events:
            yield _event_row(summary, event, names)


def story_rows(report: StoryReport, names: NameTable) -> Iterator[StoryEventRow]:
    """One row per story event and source, each carrying the story event's verdicts."""
    for story in report.story_events:
        verdicts = {f"{c.field}_verdict": c.verdict for c in story.checks}
        conflicts = _join(c.id for c in report.conflicts if story.id in c.story_event_ids)
        for src in story.sources:
            yield StoryEventRow(
                article_id=src.article_id,
                source=src.source or "",
                event_id=src.event_id,
                event_type=story.type.value,
                status=src.status.value,
                historical="true" if story.historical else "false",
                notes=src.description,
                story_event_id=story.id,
                conflicts=conflicts,
                **{f"{name}_verdict": verdicts.get(f"{name}_verdict", "") for name in _MERGE_FIELDS},
                **_columns(src.actors, src.locations, src.date, src.quantities, src.evidence, names),
            )


class TableWriter:
    """Writes rows of one model as CSV or TSV to a text stream: the header first, then a line per row."""

    def __init__(self, stream: io.TextIOBase | object, row_model: type[EventRow], fmt: TableFormat) -> None:
        dialect = csv.excel_tab if fmt == "tsv" else csv.excel
        self._writer = csv.DictWriter(stream, fieldnames=list(row_model.model_fields), dialect=dialect)  # type: ignore[arg-type]
        self._writer.writeheader()

    def write(self, rows: Iterable[EventRow]) -> None:
        """Write ``rows``."""
        self._writer.writerows(row.model_dump() for row in rows)


def columns_markdown() -> str:
    """The column reference (docs/tables.md), generated from the row models."""
    lines = [
        "# Table columns (`--format csv` / `--format tsv`)",
        "",
        "<!-- Generated from summarizer/report/tables.py (python -m summarizer.report.tables > docs/tables.md); "
        "do not edit. -->",
        "",
        "Names follow ACLED-style event data where one exists (`event_date`, `event_type`, `actor1`, `actor2`,",
        "`assoc_actor`, `location`, `country`, `admin1`, `fatalities`, `source`, `notes`). Lists are `;`-joined;",
        "an unknown value is an empty cell. CSV and TSV are written by Python's `csv` module (fields holding",
        "the delimiter, quotes or newlines are quoted). The JSON output has every value in full.",
        "",
        "## `summarize --format csv`: one row per event",
        "",
        "| column | meaning |",
        "|---|---|",
    ]
    lines += [f"| `{name}` | {field.description} |" for name, field in EventRow.model_fields.items()]
    lines += [
        "",
        "## `merge --format csv`: one row per story event and source (`story.csv` in `--out`)",
        "",
        "The columns above (the source's own actors, places, date, numbers and evidence; `event_type` and",
        "`historical` of the story event), then:",
        "",
        "| column | meaning |",
        "|---|---|",
    ]
    extra = [n for n in StoryEventRow.model_fields if n not in EventRow.model_fields]
    lines += [f"| `{name}` | {StoryEventRow.model_fields[name].description} |" for name in extra]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - regenerates docs/tables.md
    print(columns_markdown(), end="")
