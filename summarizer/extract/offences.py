"""The act a case is about, told only inside a court or police step: its own event (LABELLING.md §15.5).

"Israel indicted a 16-year-old girl on Monday on charges including assault for punching an Israeli soldier in
the face two weeks ago", "was arrested on suspicion of stabbing a guard", "was charged this week after she was
filmed pushing, kicking and slapping the soldiers": the sentence tells two happenings, the court step and the
alleged act. A small model gives the court step and leaves the act inside it, so one outlet's punch is never
set beside another outlet's slaps, and their disagreement about what was done is never seen.

``offence_drafts`` reads the act out of the sentence of a court or police step (``text.acts.act_of``: a
charge, an arrest, a ruling) as a draft of its own. The accused does it: the step's "whom", the passive's
subject or the object its description names, worded as the sentence words them ("a 16-year-old girl"
standing for the model's "Ahed Tamimi"; no act when the sentence does not word them). Its words are the
clause's, its time only the clause's own ("two weeks ago"; never the court's "on Monday"). The draft then
goes through the same reading as the model's drafts (type cues, pronouns, places). Only a gerund after
"for", "of", "over" or "with" ("charged with killing") or after a clause of being filmed, seen or caught
doing it counts; a noun ("for questioning", "of the ruling") is no act.

Written by hand: the cues are English phrases of this project's choosing (rule ``offence_of_a_case`` in
``text.names.RULES``, measured in docs/rules.md); no library reads the alleged act out of a charge sentence.
"""

from __future__ import annotations

import re

from ..core.schema import EventType
from ..text.acts import act_of
from ..text.names import RULES
from ..text.time_words import find_time_words
from .drafts import EventDraft
from .subjects import PRONOUNS, find_words

__all__ = ["offence_drafts"]

# The court and police steps whose sentence can carry the act they are about.
_CASE_STEPS = frozenset({"charge", "arrest", "ruling"})
# Words in -ing after "for"/"of"/"over"/"with" that are nouns or no act of the accused.
_NOT_AN_ACT = frozenset(
    """being having during including according morning evening building meeting hearing ruling funding
    housing ceiling wedding training spending clothing offering opening setting earnings proceedings
    sentencing questioning nothing something anything everything thing king string spring bring sing
    wrongdoing trading dealing""".split()
)
_GERUND = r"[a-z]{3,}ing"
# One gerund or a list of them: "punching", "pushing, kicking and slapping".
_ACTS = rf"{_GERUND}(?:(?:\s*,\s*|\s+)(?:and\s+|or\s+)?{_GERUND}\b)*"
# "for punching an Israeli soldier in the face two weeks ago", "of stabbing a guard", "with killing ...".
_FOR_ACT = re.compile(
    rf"\b(?:for|of|over|with)\s+(?P<hedge>allegedly\s+)?(?:having\s+)?(?P<acts>{_ACTS})\b(?P<rest>[^,;:.()\"“”]*)"
)
# "after she was filmed in December pushing, kicking and slapping the soldiers", "who was filmed last month in
# the West Bank slapping Israeli troops".
_SEEN_ACT = re.compile(
    r"\b(?:after\s+(?P<subject>he|she|they|[A-Z][\w'’-]+)|who)\s+(?:was|were|had\s+been)\s+"
    r"(?:filmed|pictured|photographed|videotaped|recorded|seen|caught(?:\s+on\s+(?:camera|video))?)\s+"
    rf"(?:(?!{_GERUND}\b)[\w'’-]+\s+){{0,8}}?(?P<acts>{_ACTS})\b(?P<rest>[^;:.()\"“”]*?)"
    r"(?=,?\s+(?:who|which|whom|where)\b|,\s*(?:an?|the)\s|[;:.()\"“”]|$)"
)


# Whom the act was done to: the words right after it, up to a place, a time or another clause ("an Israeli
# soldier" of "punching an Israeli soldier in the face two weeks ago").
_OBJECT = re.compile(
    r"^\s*(?P<object>(?:an?|the|his|her|their|two|three|four|several|\d+)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+?)"
    r"(?=\s+(?:in|at|on|during|outside|near|inside|with|after|before|from|last|this|two|three|who|which|and)\b|\s*$)"
)


# The accused as the step's own words name them: "Tamimi was charged" (its subject), "indicted Ahed Tamimi
# on Monday" (its object).
_PASSIVE_STEP = re.compile(r"^(?:was|were|has\s+been|have\s+been|had\s+been|is|are|being|been)\s", re.I)
# The verbs of a court or police step that take the accused as their object.
_STEP_VERBS = r"(?:indicted|charged|arrested|detained|convicted|sentenced|jailed|prosecuted|accused)"
_STEP_OBJECT = re.compile(
    rf"^(?:\w+\s+)?{_STEP_VERBS}\s+"
    r"(?P<accused>.+?)(?=\s+(?:on|for|with|of|in|over|after|at|by|to)\b|,|$)",
    re.I,
)


# The accused as the sentence words them after the step's verb: "indicted a 16-year-old Palestinian girl on
# Monday", "arrested two men who ...".
_SENTENCE_OBJECT = re.compile(
    rf"\b{_STEP_VERBS}\s+"
    r"(?P<accused>(?:an?|the|his|her|their|two|three|four|five|several)\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+)"
    r"(?=\s+(?:on|for|with|of|in|over|after|at|who|whom|that)\b|,)",
    re.I,
)


def _as_written(accused: str, sentence: str) -> tuple[str, str | None] | None:
    """The accused as ``sentence`` words them, and the name that wording stands for when it is another
    ("a 16-year-old Palestinian girl" for the model's "Ahed Tamimi"); None when the sentence words them
    nowhere (an actor must stand in its evidence)."""
    if find_words(accused, sentence) is not None or accused.casefold() in PRONOUNS:
        return accused, None
    written = _SENTENCE_OBJECT.search(sentence)
    return (written.group("accused"), accused) if written else None


def _accused(draft: EventDraft) -> str | None:
    """Who the court or police step ``draft`` is against: its "whom", the subject of a passive wording, or the
    object its description names."""
    if draft.whom:
        return draft.whom
    if _PASSIVE_STEP.match(draft.what):
        return draft.who
    named = _STEP_OBJECT.match(draft.what)
    return named.group("accused") if named else None


def _is_act(acts: str) -> bool:
    """The first word of ``acts`` is a verb's -ing form, not a noun ("for questioning", "of the meeting")."""
    return acts.split()[0].rstrip(",").casefold() not in _NOT_AN_ACT


def offence_drafts(draft: EventDraft, sentence: str) -> list[tuple[EventDraft, str | None]]:
    """Drafts of the acts the court or police step ``draft`` is about, read from its ``sentence``, each with
    the name its "who" stands for when the sentence words the accused otherwise than the step did (the
    model's "Ahed Tamimi" for the sentence's "a 16-year-old Palestinian girl"), else None. None at all when the
    draft is no such step, the sentence names no act, or does not word the accused. At most one: a sentence
    that names the act twice ("who was filmed slapping ... on charges of assault for slapping") tells one."""
    if not RULES["offence_of_a_case"] or act_of(draft.what) not in _CASE_STEPS:
        return []
    for pattern in (_SEEN_ACT, _FOR_ACT):
        for match in pattern.finditer(sentence):
            if not _is_act(match.group("acts")):
                continue
            subject = match.groupdict().get("subject")
            accused = subject or _accused(draft)
            written = _as_written(accused, sentence) if accused else None
            if written is None:
                continue
            clause = sentence[match.start() : match.end()]
            # "for allegedly assaulting ...": the hedge stays with the act, which is then claimed
            what = ((match.groupdict().get("hedge") or "") + match.group("acts") + match.group("rest")).strip()
            target = _OBJECT.match(match.group("rest"))
            act = EventDraft(
                s=draft.s,
                who=written[0],
                what=what[:100].rsplit(" ", 1)[0] if len(what) > 100 else what,
                whom=target.group("object") if target else None,
                where=None,
                # only the clause's own time: the court's "on Monday" is the step's, not the act's
                when=find_time_words(clause),
                type=EventType.other,
            )
            return [(act, written[1])]
    return []
