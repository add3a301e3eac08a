"""One happening stated several times in an article is one event (evals/LABELLING.md §2.2, §15.3).

Two kinds of restatement are folded here. A legal or political step told twice by its act ("Israel indicted
Ahed Tamimi on Monday ... Tamimi was charged with assault"): same type, same act (``text.acts``), no
different agent, target, place or day. And a disaster's restatements:

Disaster coverage restates its main happening sentence after sentence: the lead ("An earthquake ... shook
southern Iran on Sunday"), the agencies' measurements ("Tehran's seismologic center put the magnitude at
5.9", "the U.S. Geological Survey ... said the quake measured 6.1"), the epicentre. A small model gives
each its own event, so the happening splits within the article and, in a merge, across the story (and the
outlets' different magnitudes never meet). Here the later restatements of an article's first disaster
event are folded into it: evidence and numbers join it, its own places and date stay. What is not the
hazard itself stays apart: damage to a named place, tolls stated on their own, an aftershock or a second
quake, anything on another day, anything historical.

Hand-written: the cue words are ours (the hazards of ``classify``'s disaster cue plus measurement words);
no library knows which sentences of a news article restate its main happening.
"""

from __future__ import annotations

import re

from ..core.schema import Event, EventType, QuantityKind, Role, Status
from ..text.acts import act_of
from ..text.names import RULES, words_within

__all__ = [
    "fold_disaster_restatements",
    "fold_act_restatements",
    "fold_setting_restatements",
    "fold_figure_parts",
    "fold_disclosures",
    "join_events",
]

# The hazard itself, or a measurement of it, named in an event's description or actors.
_HAZARD = re.compile(
    r"\b(?:earthquakes?|quakes?|temblors?|tremors?|floods?|flooding|landslides?|mudslides?|avalanches?|storms?|"
    r"hurricanes?|typhoons?|cyclones?|tornado(?:es)?|wildfires?|bushfires?|tsunamis?|eruptions?|magnitude|"
    r"epicent(?:re|er)|Richter)\b",
    re.I,
)
# A measurement of the happening, not the happening (LABELLING.md §15.3: its figure goes on the main event).
_MEASUREMENT = re.compile(r"\b(?:magnitude|measur\w*|epicent(?:re|er)|Richter)\b", re.I)
# A second happening of the same hazard: its own event (LABELLING.md §15.3).
_ANOTHER = re.compile(r"\b(?:aftershocks?|after-shocks?|second|another|new|further|later)\b", re.I)


_TOLLS = frozenset({QuantityKind.killed, QuantityKind.injured, QuantityKind.missing})


def _names_hazard(event: Event) -> bool:
    """The event's own words (description, actors) name the hazard or a measurement of it."""
    # The canonical too: "It killed 612 people" names the quake when "it" stands for it (extract.subjects).
    text = " ".join([event.description, *(f"{a.name} {a.canonical}" for a in event.actors)])
    # "measured 4.6" (of "An earthquake measuring 4.6 rattled ..."): its magnitude measures the hazard
    measured = bool(_MEASUREMENT.search(event.description)) and any(q.unit == "magnitude" for q in event.quantities)
    return (bool(_HAZARD.search(text)) or measured) and not _ANOTHER.search(event.description)


# Where the happening was felt or what it shook (LABELLING.md §15.3: "was felt in the neighbouring country",
# "shook the capital" are the main event, not events of their own): the description is only that verb.
_FELT = re.compile(
    r"^(?:(?:was|were|is|are|has been|have been|had been)\s+)?(?:also\s+)?(?:felt|shook|shaken|jolted|rocked|"
    r"swayed|rattled)\b",
    re.I,
)


def _felt_elsewhere(event: Event) -> bool:
    """The event only says that the hazard its sentence names was felt somewhere or shook it: "The quake
    jolted several cities in the United Arab Emirates"."""
    return (
        RULES["fold_felt"]
        and bool(_FELT.match(event.description.strip()))
        and bool(_HAZARD.search(event.evidence[0].text))
        and not _ANOTHER.search(event.evidence[0].text)
    )


def _same_toll(event: Event, main: Event) -> bool:
    """``event`` states a toll the main happening states too, the same count of the same kind ("Ten people are
    killed and about 50 hurt" in a headline over the quake's own sentence)."""
    tolls = {(q.kind, q.value) for q in main.quantities if q.kind in _TOLLS and q.value >= 2}
    return any((q.kind, q.value) in tolls for q in event.quantities)


def _is_the_happening(event: Event) -> bool:
    """A (not historical) disaster event told in a sentence that names the hazard, and not itself a mere
    measurement: "Ten people were killed ... when an earthquake razed mud-brick villages"."""
    return (
        event.type is EventType.disaster
        and not event.historical
        and bool(_HAZARD.search(event.evidence[0].text))
        and not _MEASUREMENT.search(event.description)
        and not _ANOTHER.search(event.description)
    )


def join_events(
    kept: Event, other: Event, *, sides: bool = True, numbers: bool = True, places: bool | None = None
) -> Event:
    """``kept`` with what ``other`` adds: its evidence (in sentence order), its date when ``kept`` has none,
    with ``sides`` its actors and places (``places`` alone when given), with ``numbers`` its quantities;
    historical only if both are."""
    seen = {e.sentence_id for e in kept.evidence}
    update: dict = {
        "evidence": sorted(
            [*kept.evidence, *(e for e in other.evidence if e.sentence_id not in seen)], key=lambda e: e.sentence_id
        ),
        "date": kept.date if kept.date.value is not None else other.date,
        "historical": kept.historical and other.historical,
    }
    if sides:
        names = {a.canonical for a in kept.actors}
        update["actors"] = [*kept.actors, *(a for a in other.actors if a.canonical not in names)]
    if sides if places is None else places:
        known = {x.canonical for x in kept.locations}
        update["locations"] = [*kept.locations, *(x for x in other.locations if x.canonical not in known)]
    if numbers:
        said = {(q.kind, q.value, q.unit, q.text) for q in kept.quantities}
        update["quantities"] = [
            *kept.quantities,
            *(q for q in other.quantities if (q.kind, q.value, q.unit, q.text) not in said),
        ]
    return kept.model_copy(update=update)


def fold_disaster_restatements(events: list[Event]) -> list[Event]:
    """``events`` of one article in sentence order, with every restatement of its main disaster folded into
    it. The main one is the first (not historical) disaster event whose sentence names the hazard and that is
    not a bare measurement; a restatement is any other disaster event of that day (or undated) whose own words
    name the hazard or measure it. Returns a new list in the same order; ids are left to the caller."""
    if not RULES["fold_disaster_restatements"]:
        return events
    main_index = next((n for n, e in enumerate(events) if _is_the_happening(e)), None)
    if main_index is None:
        return events
    main = events[main_index]
    kept: list[Event | None] = []
    for n, event in enumerate(events):
        same_day = event.date.value is None or main.date.value is None or event.date.value == main.date.value
        if (
            n != main_index
            and event.type is EventType.disaster
            and not event.historical
            and same_day
            and (_names_hazard(event) or _same_toll(event, main) or _felt_elsewhere(event))
        ):
            # Where it was felt is not added to its places: a merge would read "Oman, United Arab Emirates"
            # against "southern Iran" as a dispute over where it happened (tried: a false "where" conflict).
            main = join_events(main, event, sides=False)
            continue
        kept.append(None if n == main_index else event)
    return _fold_past_disasters([main if e is None else e for e in kept])


def _fold_past_disasters(events: list[Event]) -> list[Event]:
    """A past disaster restated ("The last major quake hit in February 2005. It killed 612 people"): the
    historical disaster events that name the hazard and share one dated day or month are one event, the
    first of them."""
    out: list[Event] = []
    for event in events:
        first = next(
            (
                n
                for n, kept in enumerate(out)
                if kept.historical
                and event.historical
                and kept.type is event.type is EventType.disaster
                and kept.date.value is not None
                and (kept.date.value, kept.date.precision) == (event.date.value, event.date.precision)
                and _names_hazard(event)
            ),
            None,
        )
        if first is None:
            out.append(event)
        else:
            out[first] = join_events(out[first], event, sides=False)
    return out


def _side(event: Event, role: Role) -> frozenset[str]:
    return frozenset(a.canonical for a in event.actors if a.role is role)


def _compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """No side named, or the same ones, each name of one standing in one of the other ("Tamimi" / "Ahed Tamimi")."""
    if not a or not b or a == b:
        return True
    return all(any(words_within(x, y) for y in b) for x in a) and all(any(words_within(x, y) for x in a) for y in b)


def _restates(kept: Event, event: Event) -> bool:
    """``event`` tells the same step as ``kept``: same type and act, nothing that sets them apart."""
    act = act_of(kept.description)
    return (
        act is not None
        and act != "aftershock"
        and event.type is kept.type
        and act_of(event.description) == act
        and event.historical == kept.historical
        and (event.date.value is None or kept.date.value is None or event.date.value == kept.date.value)
        and _compatible(_side(event, Role.agent), _side(kept, Role.agent))
        and _compatible(_side(event, Role.target), _side(kept, Role.target))
        and _compatible(frozenset(x.canonical for x in event.locations), frozenset(x.canonical for x in kept.locations))
    )


def fold_act_restatements(events: list[Event]) -> list[Event]:
    """``events`` of one article in sentence order, each later event that restates an earlier one's act
    (same type and act, no different agent, target, place or day) folded into the earlier one."""
    if not RULES["fold_act_restatements"]:
        return events
    kept: list[Event] = []
    for event in events:
        for n, earlier in enumerate(kept):
            if _restates(earlier, event):
                kept[n] = join_events(earlier, event)
                break
        else:
            kept.append(event)
    return kept


# "The incident occurred at the entrance to her family home", "The robbery took place in broad daylight": a
# sentence that only gives the setting of a happening told before (LABELLING.md §2.2: one happening stated
# several times is one event). Its subject names a happening, its verb only says that it happened.
_SETTING = re.compile(
    r"^(?:(?:had|has|have|was|were)\s+)?(?:occurred|occurs|happened|happens|took place|takes place|unfolded|"
    r"played out)\b",
    re.I,
)
_HAPPENING_SUBJECT = re.compile(
    r"\b(?:incident|confrontation|altercation|scuffle|clash|clashes|attack|assault|bombing|blast|explosion|"
    r"shooting|stabbing|robbery|heist|raid|theft|burglary|crash|collision|accident|fire|riot|protest|"
    r"demonstration|violence|ambush|kidnapping|hijacking|massacre)s?$",
    re.I,
)
# The types of a happening a setting can belong to; a statement, a court step or a plan has no setting to give.
_HAPPENING_TYPES = frozenset(
    {EventType.attack, EventType.fighting, EventType.protest, EventType.disaster, EventType.takeover, EventType.other}
)


def _setting_of_happening(event: Event) -> bool:
    """The event only says that a happening named by its noun took place: "The incident occurred at ..." (the
    noun may be the agent as the model gave it, or role ``other`` once read as a happening)."""
    happening = [a for a in event.actors if _HAPPENING_SUBJECT.search(a.name.strip())]
    others = [a for a in event.actors if a.role is Role.agent and a not in happening]
    return bool(_SETTING.match(event.description.strip())) and bool(happening) and not others


def _setting_noun(event: Event) -> str | None:
    """The noun a setting names its happening by ("incident" of "The incident occurred at ...")."""
    for actor in event.actors:
        found = _HAPPENING_SUBJECT.search(actor.name.strip())
        if found:
            return found.group(0).casefold().rstrip("s")
    return None


def _says_word(event: Event, noun: str) -> bool:
    """One of ``event``'s evidence sentences uses ``noun`` (or its plural) as a word."""
    pattern = re.compile(rf"\b{re.escape(noun)}s?\b", re.I)
    return any(pattern.search(e.text) for e in event.evidence)


# "The pullout of Syrian forces comes as rebels ...", "The move comes following Syrian forces leaving ...",
# "The regime's decision to relinquish control comes amid growing pressure": a sentence that puts a happening
# told before in its context. Its event of that happening's type is a restatement of it.
_COMES_AMID = re.compile(
    r"^(?:the|this|that|its|their|his|her|[A-Z][\w'’.-]*(?:'s|’s))\s+(?:[\w'’-]+\s+){0,8}?comes?\s+"
    r"(?:amid|as|after|following|at a time|days? after|weeks? after|just|only|in the wake of|on the heels of)\b",
    re.I,
)


# "The acceleration results in about $140 million in tax savings", "the move let the bank access a tax credit":
# a sentence whose subject is a happening told before, named by a word for any step ("the move", "the
# decision") or by its own verb made a noun ("accelerated" -> "the acceleration"), and whose verb gives what
# it brought about. What it brought about is part of that happening, not a happening of its own.
_CONSEQUENCE = re.compile(
    r"^(?:[^,;]*?,\s*)?(?:the|this|that|its|their|his|her)\s+(?P<noun>[a-z]+)\s+(?:(?:also|will|would|could|"
    r"has|have|had)\s+)?(?:results?|resulted|resulting|let|lets|allow(?:s|ed)?|enabl(?:es|ed)|means?|meant|"
    r"sav(?:es|ed|e)|cost|costs|brings?|brought|gives?|gave)\b",
    re.I,
)
_ANY_STEP = frozenset({"move", "decision", "step", "change", "action", "measure", "transfer", "plan", "deal"})


def _consequence_of(kept: Event, event: Event, noun: str) -> bool:
    """``event``'s sentence, whose subject is ``noun`` (``_CONSEQUENCE``, folded), tells what the happening
    ``kept`` brought about: the noun is a word for any step, or shares its first six letters with a word of
    ``kept``'s description."""
    if kept.historical != event.historical:
        return False
    return noun in _ANY_STEP or (
        len(noun) >= 6 and any(w.casefold()[:6] == noun[:6] for w in re.findall(r"[A-Za-z]+", kept.description))
    )


def _same_time(earlier: Event, event: Event, *, implied_fits: bool = False) -> bool:
    """Both current or both historical, and no two different days: an undated event fits any, and with
    ``implied_fits`` so does ``event``'s implied date (the article's guess)."""
    return earlier.historical == event.historical and (
        earlier.date.value is None
        or event.date.value is None
        or (implied_fits and event.date.implied)
        or earlier.date.value == event.date.value
    )


def fold_setting_restatements(events: list[Event]) -> list[Event]:
    """``events`` of one article in sentence order, each setting of a happening ("The incident occurred at
    ...") folded into the nearest earlier happening (attack, fighting, protest, disaster, takeover or other,
    not a bare statement) that gives no other day, and each event of a sentence that puts a happening told
    before in its context ("The pullout ... comes as ...") into the nearest earlier event of its type, and
    (rule ``fold_consequences``) each event of a sentence that tells what a happening told before brought
    about ("The acceleration results in $140 million in tax savings") into that happening: its evidence,
    place and date join that event, the happening's noun is no actor. With nothing earlier to join, the event
    stays."""
    if not RULES["fold_setting_restatements"]:
        return events
    kept: list[Event] = []
    settings: list[bool] = []  # for each kept event, whether it is itself a setting (read once)
    for event in events:
        target = None
        setting = _setting_of_happening(event)
        earlier = range(len(kept) - 1, -1, -1)  # nearest first
        if setting:
            fits = [
                n
                for n in earlier
                if kept[n].type in _HAPPENING_TYPES
                and not settings[n]
                and _same_time(kept[n], event, implied_fits=True)
            ]
            # "The incident occurred at ...": the happening an earlier sentence already called "an incident"
            # (rule ``setting_by_its_noun``), else the nearest one
            noun = _setting_noun(event) if RULES["setting_by_its_noun"] else None
            named = [n for n in fits if noun and _says_word(kept[n], noun)]
            target = (named or fits or [None])[0]
        if target is None and _COMES_AMID.match(event.evidence[0].text.strip()):
            target = next((n for n in earlier if kept[n].type is event.type and _same_time(kept[n], event)), None)
        consequence = _CONSEQUENCE.match(event.evidence[0].text.strip()) if RULES["fold_consequences"] else None
        if target is None and consequence:
            # the nearest earlier event from another sentence that the subject names
            at, noun = event.evidence[0].sentence_id, consequence.group("noun").casefold()
            target = next(
                (n for n in earlier if kept[n].evidence[0].sentence_id < at and _consequence_of(kept[n], event, noun)),
                None,
            )
        if target is None:
            kept.append(event)
            settings.append(setting)
        else:
            kept[target] = join_events(kept[target], event, sides=False, places=True)
    return kept


# A share of a figure already given ("the majority of the $5 billion hit will come from ...", "two-thirds of
# the hit comes from ...", "the remainder includes ..."): LABELLING.md §15.4, the parts of one figure belong
# to the event that states it and are no new events.
_PART_OF = re.compile(
    r"^(?:[^,]*?\b(?:said|says|added|noted)\s+(?:that\s+)?)?(?:about\s+|roughly\s+|nearly\s+|almost\s+)?"
    r"(?:the\s+)?(?:majority|bulk|most|half|(?:two|one|a)[- ]thirds?|(?:three|one|a)[- ]quarters?|part|portion|"
    r"remainder|rest)\b(?:\s+of\s+(?:the|its|that|this)\b)?",
    re.I,
)


def _sums(event: Event) -> set[float]:
    return {q.value for q in event.quantities if q.kind is QuantityKind.money}


def fold_figure_parts(events: list[Event]) -> list[Event]:
    """``events`` of one article in sentence order, each event whose sentence gives a share of a figure
    stated before ("two-thirds of the $5 billion ...") folded into the event that stated the whole: the
    nearest earlier current (not historical) one stating the same sum, else an economic one with a sum of
    money, else any economic one, else any with a sum of money; kept when there is none."""
    if not RULES["fold_figure_parts"]:
        return events
    kept: list[Event] = []
    for event in events:
        target = None
        if _PART_OF.match(event.evidence[0].text):
            earlier = [
                n
                for n, e in enumerate(kept)
                if e.evidence[0].sentence_id < event.evidence[0].sentence_id and not e.historical
            ]
            sums = _sums(event)
            same_sum = [n for n in earlier if sums & _sums(kept[n])]
            economic = [n for n in earlier if kept[n].type is EventType.economic]
            money = [n for n in economic if _sums(kept[n])]
            # the whole may have been typed otherwise by the model ("said the tax reform will cut profit this
            # year by about $5 billion", political): any earlier event with a sum of money comes next
            any_sum = [n for n in earlier if _sums(kept[n])]
            target = (same_sum or money or economic or any_sum or [None])[-1]
        if target is None:
            kept.append(event)
        else:
            kept[target] = join_events(kept[target], event, sides=False)
    return kept


# Nouns of a company's figure: what a step "resulting in the charge" names.
_FIGURE_NOUN = re.compile(
    r"\b(charge|write-?down|impairment|loss|hit|profit|earnings|revenue|dividend|buy-?back|settlement|fine)s?\b",
    re.I,
)


def _figure_nouns(text: str) -> set[str]:
    return {m.group(1).casefold().replace("-", "") for m in _FIGURE_NOUN.finditer(text)}


def _disclosed_figure(event: Event) -> bool:
    """A company's figure: an economic event that states a sum of money (the charge, the profit, the price)."""
    return event.type is EventType.economic and not event.historical and bool(_sums(event))


def fold_disclosures(events: list[Event]) -> list[Event]:
    """``events`` of one article in sentence order, each bare act of making something known ("became one of
    the first companies to release details on how ...", "The tax change was revealed in a filing ...")
    folded into the article's first disclosed figure, before or after it (LABELLING.md §15.4: the event is
    the disclosure, one per disclosed figure; the act of disclosing is not a second one). The first: the
    nearest was tried, and a figure of background told between ("That led 843 companies to bring back $312
    billion", after a 2004 law) took the disclosure and its day. Bare: it states no sum of its own, is not
    historical, names no other agent and gives no other day. Kept when the article states no figure of a
    company (an economic event with a sum of money)."""
    if not RULES["fold_disclosures"]:
        return events
    figures = [n for n, e in enumerate(events) if _disclosed_figure(e)]
    if not figures:
        return events
    into: dict[int, list[int]] = {}
    for n, event in enumerate(events):
        if n in figures or act_of(event.description) != "disclosure" or _sums(event) or event.historical:
            continue
        fits = [
            m
            for m in figures
            if _same_time(events[m], event) and _compatible(_side(event, Role.agent), _side(events[m], Role.agent))
        ]
        if fits:
            into.setdefault(fits[0], []).append(n)
    acts_of_disclosing = {x for ns in into.values() for x in ns}
    for n, event in enumerate(events):
        # "made the necessary accounting adjustments resulting in the charge": a step named by the figure's
        # own noun, with no sum, agent or day of its own, is that figure's happening (rule ``fold_named_figure``)
        if n in figures or n in acts_of_disclosing or not RULES["fold_named_figure"]:
            continue
        nouns = _figure_nouns(event.description)
        if event.type is not EventType.economic or not nouns or _sums(event) or event.historical:
            continue
        if event.status in (Status.planned, Status.denied) or (event.date.value and not event.date.implied):
            continue  # "reports earnings in mid-January": a step to come, or told with a day of its own
        fits = [
            m
            for m in figures
            if _same_time(events[m], event, implied_fits=True)
            and _compatible(_side(event, Role.agent), _side(events[m], Role.agent))
            and nouns & _figure_nouns(" ".join([events[m].description, *(e.text for e in events[m].evidence)]))
        ]
        if fits:
            into.setdefault(fits[0], []).append(n)
    folded = {n for ns in into.values() for n in ns}
    out: list[Event] = []
    for n, event in enumerate(events):
        if n in folded:
            continue
        for m in into.get(n, []):
            event = join_events(event, events[m], sides=False)
        out.append(event)
    return out
