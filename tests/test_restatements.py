"""One disaster restated in an article is one event: the lead, the agencies' magnitudes, the epicentre."""

from __future__ import annotations

import datetime as dt

from summarizer.core.schema import EventType
from summarizer.extract.drafts import EventDraft
from summarizer.extract.events import build_events
from summarizer.text.articles import parse_text
from summarizer.text.names import RULES, load_names

QUAKE = (
    "Ten people were killed when an earthquake razed villages on the island of Qeshm on Sunday.\n"  # s=1
    "Tehran's seismologic center said the quake measured magnitude 5.9.\n"  # s=2
    "The U.S. Geological Survey puts the magnitude at 6.1.\n"  # s=3
    "Several buildings in Qeshm were damaged.\n"  # s=4
    "A second quake hit the island on Monday.\n"  # s=5
    "In 2003 an earthquake killed 31,000 people in Bam.\n"  # s=6
)


def quake_events(*drafts: tuple[int, str, str | None]) -> list:
    article = parse_text(QUAKE, "q")
    answers = [
        EventDraft(s=s, what=what, type="disaster", who=None, whom=None, where=None, when=when)
        for s, what, when in drafts
    ]
    return build_events(answers, article, dt.date(2005, 11, 28), load_names(None))


DRAFTS = (
    (1, "Ten people were killed when an earthquake razed villages", "on Sunday"),
    (2, "the quake measured magnitude 5.9", None),
    (3, "puts the magnitude at 6.1", None),
    (4, "Several buildings in Qeshm were damaged", None),
    (5, "A second quake hit the island", "on Monday"),
    (6, "an earthquake killed 31,000 people in Bam", "In 2003"),
)


def test_the_magnitudes_join_the_main_quake_and_damage_aftershock_and_history_stay_apart() -> None:
    events = quake_events(*DRAFTS)
    main, damage, second, bam = events
    assert [e.evidence[0].sentence_id for e in events] == [1, 4, 5, 6]
    assert [e.sentence_id for e in main.evidence] == [1, 2, 3]
    assert sorted(q.value for q in main.quantities if q.unit == "magnitude") == [5.9, 6.1]
    assert main.date.value == dt.date(2005, 11, 27)
    assert all(e.type is EventType.disaster for e in events)
    assert bam.historical and second.date.value == dt.date(2005, 11, 28)
    assert [e.id for e in events] == ["e1", "e2", "e3", "e4"]


def test_a_measurement_told_first_still_joins_the_happening_not_the_other_way_round() -> None:
    article = parse_text(
        "The U.S. Geological Survey puts the magnitude at 6.1.\n"
        "Ten people were killed when an earthquake razed villages on Sunday.\n",
        "lead",
    )
    answers = [
        EventDraft(s=1, what="puts the magnitude at 6.1", type="disaster", who=None, whom=None, where=None, when=None),
        EventDraft(s=2, what="Ten people were killed", type="disaster", who=None, whom=None, where=None, when="Sunday"),
    ]
    (main,) = build_events(answers, article, dt.date(2005, 11, 28), load_names(None))
    assert main.description.startswith("Ten people were killed")
    assert [e.sentence_id for e in main.evidence] == [1, 2]
    assert [q.value for q in main.quantities if q.unit == "magnitude"] == [6.1]


def test_switched_off_every_sentence_keeps_its_own_event() -> None:
    RULES["fold_disaster_restatements"] = False
    try:
        assert len(quake_events(*DRAFTS)) == 6
    finally:
        RULES["fold_disaster_restatements"] = True
