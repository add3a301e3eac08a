"""Dates an event's own sentence does not state: taken from the happening it continues, marked implied.

A timeline can place such an event, but its date is not a stated one (the eval scores the two apart).
"""

from __future__ import annotations

import datetime as dt

from ..core.schema import Event, EventDate, Precision

__all__ = ["imply_dates"]


def imply_dates(events: list[Event], reference: dt.date | None) -> list[Event]:
    """Date the current events whose sentences give no time, marked ``implied``.

    An event with no time words of its own that is neither historical nor planned takes the date of the
    happening it continues: an earlier dated event of the same type that shares a place or an agent, else
    an event of the sentence just before it (the story carried on: "on Tuesday. In the morning, ..."),
    else the article's reference date. ``events`` are in sentence order; a new list is returned.
    """
    dated: list[Event] = []
    out: list[Event] = []
    for event in events:
        if event.date.value is None and event.date.text is None and not event.historical and event.status != "planned":
            source = _continued(event, dated)
            value, precision = (source.date.value, source.date.precision) if source else (reference, Precision.day)
            if value is not None:
                event = event.model_copy(
                    update={"date": EventDate(value=value, precision=precision, text=None, implied=True)}
                )
        elif event.date.value is not None and not event.historical and event.status != "planned":
            dated.append(event)
        out.append(event)
    return out


def _continued(event: Event, dated: list[Event]) -> Event | None:
    places = {loc.canonical for loc in event.locations}
    agents = {a.canonical for a in event.actors if a.role == "agent"}
    for earlier in reversed(dated):
        if earlier.type == event.type and (
            places & {loc.canonical for loc in earlier.locations}
            or agents & {a.canonical for a in earlier.actors if a.role == "agent"}
        ):
            return earlier
    first = event.evidence[0].sentence_id
    for earlier in reversed(dated):
        if earlier.evidence[0].sentence_id == first - 1 and not earlier.date.implied:
            return earlier
    return None
