"""How a date of the shapes is written for people, at its precision: one formatter, three styles.

``label`` for the Markdown and HTML reports ("week of 2024-12-02", "2024-12 (month)", "date unknown
(last week)"), ``stamp`` for the terminal's narrow columns ("wk of 2024-12-02", or the words when there is
no date), ``plain`` for the merge's compared values ("2024", "2024-12", "2024-12-05", "unknown").
"""

from __future__ import annotations

from typing import Literal

from .schema import EventDate

__all__ = ["DateStyle", "format_date"]

DateStyle = Literal["label", "stamp", "plain"]

# style -> precision -> format ({iso}: the date as YYYY-MM-DD); a precision missing from a style is written
# as that style's unknown date.
_FORMATS: dict[str, dict[str, str]] = {
    "label": {"day": "{iso}", "week": "week of {iso}", "month": "{month} (month)", "year": "{year} (year)"},
    "stamp": {"day": "{iso}", "week": "wk of {iso}", "month": "{month}", "year": "{year}", "unknown": "{iso}"},
    "plain": {"day": "{iso}", "week": "{iso}", "month": "{month}", "year": "{year}", "unknown": "{iso}"},
}


def format_date(date: EventDate, style: DateStyle = "label") -> str:
    """``date`` written in ``style`` (see the module docstring); never raises."""
    pattern = _FORMATS[style].get(date.precision.value)
    if date.value is None or pattern is None:
        if style == "label":
            return f"date unknown ({date.text})" if date.text else "date unknown"
        return (date.text or "?") if style == "stamp" else "unknown"
    value = date.value
    return pattern.format(iso=value.isoformat(), month=f"{value:%Y-%m}", year=f"{value:%Y}")
