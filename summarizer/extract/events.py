"""From the model's drafts to grounded events: names, dates and numbers resolved in code, duplicates merged.

Pure functions over typed values; no model, no network. What the small model is bad at (years, canonical
names, counting, not repeating itself) is done here instead.
"""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz

from ..core.schema import Actor, Event, EventDate, EventType, Evidence, Location, Precision, Role, Status
from ..text.articles import Article
from ..text.dates import dates_a_bound, is_historical, resolve_date
from ..text.layout import find_dateline
from ..text.names import RULES, NameTable, fold
from ..text.places import event_places, places_in_clause, places_written
from ..text.quantities import find_quantities
from ..text.quotes import private_witness, quote_attributions
from ..text.time_words import find_time_words
from .classify import (
    FORCE_TYPES,
    event_status,
    event_type,
    reads_as_english,
    tells_of_accident,
    tells_of_forces,
    tells_of_hazard,
    tells_of_violence,
)
from .disclosures import disclosure_drafts
from .drafts import EventDraft
from .happenings import is_prediction, states_no_happening
from .numbers import numbers_of_their_clause, numbers_to_their_events
from .offences import offence_drafts
from .place_coreference import PlaceAntecedents
from .restatements import (
    fold_act_restatements,
    fold_disaster_restatements,
    fold_disclosures,
    fold_figure_parts,
    fold_setting_restatements,
    join_events,
)
from .subjects import (
    PRONOUNS,
    company_named,
    find_words,
    fronted_antecedent,
    resolve_pronoun,
    sentence_case,
    subject_of,
)

__all__ = ["build_events", "evidence_for", "without_dateline"]


def evidence_for(article: Article, sentence_id: int) -> Evidence:
    """The evidence record of one sentence, with its exact text from the original."""
    sentence = article.sentence(sentence_id)
    return Evidence(
        sentence_id=sentence_id,
        start=sentence.start,
        end=sentence.end,
        text=article.original[sentence.start : sentence.end],
    )


# A takeover written from the losing side ("the regime handed over control to the SDF", "lost control of
# Aleppo"): the side that gains control is the event's agent, the side that loses it the target.
_LOSS = re.compile(
    r"^(?:(?:has|have|had|was|were|been|reportedly|also|effectively|decided to|agreed to|chose to)\s+){0,2}"
    r"(hand(ed|s|ing)? over|cede[ds]?|ceding|relinquish\w*|los(t|e|es|ing) control|surrender\w*|gave up|"
    r"give up|abandon\w*)\b",
    re.I,
)
# "confirmed that columns were seen heading to Palmyra": the one who confirms is the source of the report,
# not the one who acts. Only a reporting verb followed by "that" ("reportedly captured" is an action).
# When a saying was said: "said on Monday", "said late Tuesday night", "said around 7 a.m." (never "at least").
_SAID_WHEN = (
    r"(?:\s+(?:(?:on|late|early|last)\s+\w+(?:\s+(?:morning|afternoon|evening|night))?|"
    r"(?:around|about|at)\s+\d[\d:.]*\s*(?:a\.m\.|p\.m\.|am|pm)))?"
)
_REPORTING = re.compile(
    r"^\s*(confirmed|reported|reports|said|says|stated|states|noted|notes|announced|told \w+|warned|added)"
    + _SAID_WHEN
    + r"(?:\s+that)?\s+",
    re.I,
)
# "A Reuters correspondent heard a large explosion, then saw a crater": a witness, not who did it.
_PERCEIVED = re.compile(
    r"^\s*(?:(?:also|then|later)\s+)?(?:saw|heard|witnessed|watched|noticed|spotted|observed)\b", re.I
)
# What follows a reporting verb is a reported happening only if it is a clause: a finite verb soon after
# its subject ("said ferries would resume"), not an object ("reported heavy losses").
_CLAUSE = re.compile(r"^(?:\S+\s+){0,5}?(?:will|would|had|has|have|was|were|is|are|could|can|\w+ed)\b", re.I)


# "Two workers were injured", "a journalist was arrested": the subject of a passive verb without "by" is
# the one the event happened to.
_PASSIVE_AFTER = re.compile(
    # what it was worth may come between: "Jewellery and watches worth £1.7m have been stolen"
    r"^\s*(?:,[^,]*,\s*)?(?:(?:worth|valued\s+at)\s+(?:an\s+estimated\s+|about\s+|some\s+|up\s+to\s+)?\S+\s+"
    r"(?:(?:million|billion|thousand|m|bn)\s+)?(?:(?:euros?|dollars?|pounds?)\s+)?)?"
    r"(?:was|were|is|are|has been|have been|had been|being|got)\s+(?:\w+ly\s+)?"
    r"(?:\w+ed|\w+en|hurt|hit|shot|held|caught|struck|slain)\b(?!\s+by\b)",
    re.I,
)
# A passive with its doer: "was charged this week by an Israeli military court", "was lifted by a crook at a
# party". The noun phrase after "by" (up to a preposition of time or place, a clause or a comma) is the agent.
_PASSIVE_BY = re.compile(
    r"^\s*(?:(?:has|have|had)\s+been\s+|was\s+|were\s+|is\s+|are\s+|being\s+)(?:\w+ly\s+)?"
    r"(?:\w+ed|\w+en|hit|shot|held|caught|struck|slain|stolen|taken|seized)\b[^,;]*?\s+by\s+"
    r"(?P<agent>(?:(?:an?|the|its|their)\s+)?(?:[A-Za-z][\w'’.-]*\s+){0,4}?[A-Za-z][\w'’.-]*)"
    r"(?=\s+(?:after|before|for|in|on|at|over|when|while|during|last|this|with|as|because|to|from|since|"
    r"until|who|which|that)\b|\s*[,;.]|\s*$)",
)
# "by Friday", "by 5 percent", "by the end of the year": no doer.
_NOT_A_DOER = re.compile(
    r"^(?:the\s+)?(?:end|start|beginning|middle|time|close|morning|evening|afternoon|night|weekend|week|month|"
    r"year|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|"
    r"july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"far|now|then|mistake|accident|chance|hand|phone|email|mail|car|bus|train|air|sea|road|law|default)\b",
    re.I,
)


def _passive_doer(what: str) -> str | None:
    """The doer a passive description names after "by" ("was charged this week by an Israeli military court":
    "an Israeli military court"), or None."""
    if not RULES["passive_by_agent"]:
        return None
    found = _PASSIVE_BY.match(what)
    if not found:
        return None
    doer = found.group("agent").strip()
    return None if _NOT_A_DOER.match(doer) or any(ch.isdigit() for ch in doer) else doer


def _active_doer(what: str, who: str, sentence: str) -> str | None:
    """The subject of the active sentence the model told in the passive: "The court indicted Tamimi on several
    accounts" as who "Tamimi", what "was indicted" gives "The court" (rule ``passive_by_agent``), or None."""
    passive = re.match(r"^(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?P<verb>[a-z]+ed)\b", what.strip(), re.I)
    if not RULES["passive_by_agent"] or passive is None:
        return None
    found = re.search(
        r"(?:^|[,;]\s+|\b(?:and|but)\s+)(?P<subject>(?:[Tt]he|[Aa]n?)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+|"
        r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?:\s+(?!(?:said|says|told|and|or)\b)[a-z][\w'’-]*(?<!ed)){0,2})\s+"
        + re.escape(passive.group("verb"))
        + r"\s+"
        + re.escape(who),
        sentence,
    )
    if found is None or any(word.casefold() in PRONOUNS for word in found.group("subject").split()):
        return None
    return found.group("subject")


# "Shares of Goldman Sachs Group Inc. fell 1 percent", "Qualcomm shares rose": the company is what the market
# move happened to (LABELLING.md §15.4: its target), the shares no actor.
_SHARES_OF = re.compile(
    r"^(?:(?:the\s+)?(?:shares?|stocks?)\s+(?:of|in)\s+(?P<of>(?-i:[A-Z]).+)|"
    r"(?P<owner>(?-i:[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,4}?))(?:['’]s?)?\s+(?:shares?|stocks?))$",
    re.I,
)


# "..., police said", "according to officials": the source of the report, not the one who acted.
_SOURCE_BEFORE = re.compile(r"(?:according to|citing|,\s*)\s*(?:the\s+)?$", re.I)
# A source's own words may follow the name before the verb: "South Sudan officials and witnesses said".
_SOURCE_AFTER = re.compile(
    r"^\s*(?:(?:and|or|local|senior|state|government|military|army|security|police|health|rescue|aid|"
    r"officials?|spokes(?:man|woman|person)|sources?|witnesses|residents|authorities|media|ministry|officers?|"
    r"workers?|agency|agencies)\s+){0,4}(?:said|say|says|told|reported|reports|stated|added|confirmed)\b",
    re.I,
)


# Those who died are the ones it happened to, as in the passive: "Three people have died", "Two fishermen
# drowned" (an agent would make them a side in a merge's "who" check).
_DIED = re.compile(
    r"^\s*(?:,[^,]*,\s*)?(?:have\s+|has\s+|had\s+)?(?:died|drowned|perished|lost (?:their|his|her) lives)\b", re.I
)


# A verb coordinated after a passive one and done by the same subject: "she was presented with an award in
# Turkey and met its president" (she met him), "was released on bail and thanked his supporters". The verb
# takes an object (a determiner, a possessive, a number or a name follows it); a participle that shares the
# passive ("was arrested and charged with murder", "were injured and taken to hospital") does not.
_AND_ACTIVE = re.compile(r"^(?P<verb>[a-z]+)\s+(?:the|a|an|its|his|her|their|our|some|\d[\d,.]*|[A-Z][\w'’-]*)\b")
_AUXILIARY = frozenset("was were is are be been being has have had got gets".split())


def _coordinated_active(what: str, sentence: str) -> bool:
    """The event's words (``what``) are a verb with its object coordinated by "and" after a passive clause
    of the same subject, so its subject did it."""
    found = _AND_ACTIVE.match(what.strip())
    if not RULES["and_active"] or found is None or found.group("verb") in _AUXILIARY:
        return False
    return re.search(rf"\b(?:and|but|then)\s+{re.escape(what.strip())}", sentence) is not None


def _passive_subject(who: str, sentence: str) -> bool:
    at = sentence.find(who)
    if at < 0 and who[:1].islower() and who.casefold() not in PRONOUNS:
        # "jewellery and watches" for the sentence's opening "Jewellery and watches" (a pronoun's own sentence
        # may be about something else done to it: "She was filmed ... slapping the soldiers")
        at = 0 if sentence.startswith(who[:1].upper() + who[1:]) else -1
    after = sentence[at + len(who) :]
    return at >= 0 and bool(_PASSIVE_AFTER.match(after) or _DIED.match(after))


def _statement_is_news(kind: EventType) -> bool:
    """The speaker of "said ..." is who acted: a company's own disclosure (its results, a charge, guidance) is
    the news, and LABELLING §15.4 makes the company its agent. Economic events only: officials' reports that
    the model types political, legal or diplomatic ("the governor said 40 percent of the buildings were
    destroyed", "the military confirmed rubber bullets had been used") tell of someone else's happening,
    whose teller is only a source (measured: making those speakers agents lost four actors on two suites)."""
    return RULES["speaker_of_statement"] and kind is EventType.economic


# "police said they had recovered 80 percent of the haul", "the company said it would cut 300 jobs": the
# reported clause's subject is the speaker itself, so the speaker did it.
# Not what was done to them ("they were told to leave"), not what they saw, thought or did not do ("he did not
# see any casualties", "they believe", "it expects"): those tell no act of the speaker.
_SPEAKER_AGAIN = re.compile(
    r"^(?:it|they|he|she|we)\s+(?!(?:is|are|was|were|has been|have been|had been)\s+\w+ed\b)"
    r"(?!(?:\w+\s+)?(?:not|never|n't)\b|did\b|does\b|do\b)"
    r"(?!(?:had\s+|have\s+|has\s+)?(?:saw|see|sees|seen|heard|hear|witnessed|noticed|believed?|believes|think|"
    r"thinks|thought|feel|feels|felt|expects?|expected|hopes?|hoped|fears?|feared|wants?|wanted|enjoy\w*|"
    r"like[sd]?|is|are|was|were|will|would|could|may|might)\b)",
    re.I,
)


def _speaker_did_it(what: str) -> bool:
    """``what`` ("said they had recovered ...") tells what the speaker itself did: its reported clause opens
    with a personal pronoun in the active voice ("they were told to leave" is done to them)."""
    reported = _REPORTING.sub("", what, count=1)
    return RULES["speaker_did_it"] and reported != what and bool(_SPEAKER_AGAIN.match(reported))


def _report_source(who: str, sentence: str, what: str = "") -> bool:
    """``who`` is, at any of its places in ``sentence``, the source a closing attribution names ("..., police
    said", "..., South Sudan officials and witnesses said", "according to a Samaritan's Purse release"), and
    not the subject of the event's own words ("AMD plans to sell ..., AMD officials said": AMD acts)."""
    words = " ".join(what.split()[:3])
    if words and re.search(rf"{re.escape(who)}\s+(?:\w+\s+)?{re.escape(words)}", sentence):
        return False
    for found in re.finditer(re.escape(who), sentence):
        before, after = sentence[: found.start()], sentence[found.end() :]
        if re.search(r"according to\s*(?:the\s+|an?\s+)?$", before, re.I) or (
            _SOURCE_BEFORE.search(before) and _SOURCE_AFTER.match(after)
        ):
            return True
    return False


# The subject of a reported clause in the active voice: "said the regime is planning to relocate its forces",
# "reported that the Assad regime has turned to Russia". Its verb: an auxiliary, a past form, or a common
# irregular past.
_REPORTED_SUBJECT = re.compile(
    r"^(?:that\s+)?(?P<subject>(?:the|a|an|its|their)\s+(?:[\w'’.-]+\s+){0,4}?[\w'’.-]+|"
    r"(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,4})\s+"
    r"(?P<verb>is|are|was|were|has|have|had|will|would|could|can|\w+ed|drove|took|made|sent|fled|left|stole|"
    r"fought|seized|struck|began|won|lost|held|led|ran|broke|shot|hit|set|put|gave)\b(?P<rest>\s+\S+)?",
    re.I,
)
_ACTOR_HEAD = re.compile(
    r"\b(?:regime|government|administration|authorities|officials|army|military|forces|troops|soldiers|police|"
    r"rebels|fighters|militants|militias?|insurgents|gunmen|men|women|attackers|thieves|robbers|gang|protesters|"
    r"demonstrators|workers|union|company|firm|group|groups|coalition|ministry|court|prosecutors)$",
    re.I,
)
_PASSIVE_REST = re.compile(r"^\s+(?:\w+ed|\w+en|been|being|seen|hit|shot|held|struck|killed)$", re.I)


def _reported_doer(what: str) -> str | None:
    """Who acts in the clause a source reports ("said the regime is planning to relocate its forces": "the
    regime"), when that clause is in the active voice and its subject is a name or a noun phrase, not a
    pronoun, a count or a share ("10 people were killed", "two-thirds of the hit")."""
    if not RULES["reported_doer"]:
        return None
    reported = _REPORTING.sub("", what, count=1)
    if reported == what:
        return None
    found = _REPORTED_SUBJECT.match(reported)
    if not found:
        return None
    verb, rest = found.group("verb").casefold(), found.group("rest") or ""
    if (verb in ("is", "are", "was", "were") and _PASSIVE_REST.match(rest)) or (
        verb in ("has", "have", "had") and rest.strip().casefold() == "been"
    ):
        return None  # "the villages were flattened", "the town has been hit": done to them
    subject = found.group("subject")
    if any(ch.isdigit() for ch in subject) or subject.split()[0].casefold() in PRONOUNS:
        return None
    # Only who can act: a group of people by its head noun ("the regime", "the men", "the Assad regime");
    # "the U.S. tax reform will cut profit", "the villages were worst hit" name things and places.
    return subject if _ACTOR_HEAD.search(subject) else None


def _doer_actor(doer: str, names: NameTable) -> Actor:
    """The actor a doer named in the text stands for: the agent, or role ``other`` when it names a happening
    ("was hit by a quake": no one did it)."""
    agent = Actor(name=doer, canonical=names.actor(doer), role=Role.agent)
    return agent.model_copy(update={"role": Role.other}) if _names_a_happening(agent) else agent


def _actors(
    draft: EventDraft,
    kind: EventType,
    names: NameTable,
    sentence: str,
    whom_is_place: bool,
    refers_to: str | None = None,
) -> list[Actor]:
    """Actors with their roles (a target that names places is no actor: ``whom_is_place``; ``refers_to``:
    the name a pronoun "who" stands for, which gives its canonical name)."""
    canonical = names.actor(refers_to or draft.who) if draft.who else ""
    who = Actor(name=draft.who, canonical=canonical, role=Role.agent) if draft.who else None
    whom = None
    if draft.whom and not whom_is_place:
        whom_canonical = names.actor(draft.whom)
        if who is None or fold(whom_canonical) != fold(who.canonical):
            whom = Actor(name=draft.whom, canonical=whom_canonical, role=Role.target)
    if (
        who is not None
        and RULES["role_reporting"]
        and (
            _PERCEIVED.match(draft.what)
            or (_REPORTING.match(draft.what) and not _statement_is_news(kind) and not _speaker_did_it(draft.what))
        )
    ):
        who = who.model_copy(update={"role": Role.other})  # the one who reports or saw it, not who did it
        doer = _reported_doer(draft.what)
        if doer is not None and fold(names.actor(doer)) != fold(who.canonical):
            # "Local sources said the regime is planning to relocate its forces": the regime is who acts
            return [a for a in (_doer_actor(doer, names), who, whom) if a is not None]
    elif (
        who is not None
        and RULES["role_source"]
        and _report_source(who.name, sentence, draft.what)
        and not _speaker_did_it(draft.what)
    ):
        who = who.model_copy(update={"role": Role.other})  # "..., police said": the source, not the agent
    elif (
        who is not None
        and RULES["role_passive"]
        and (_passive_subject(who.name, sentence) or _PASSIVE_AFTER.match(draft.what) or _DIED.match(draft.what))
        and not _coordinated_active(draft.what, sentence)
    ):
        # "Two workers were injured"; or the model's own passive wording of an active sentence ("The court
        # indicted Tamimi" as who "Tamimi", what "was indicted"): the one it happened to.
        who = who.model_copy(update={"role": Role.target})
    elif kind is EventType.takeover and RULES["role_loss"] and _LOSS.match(draft.what.strip()):
        who = who.model_copy(update={"role": Role.target}) if who is not None else None
        whom = whom.model_copy(update={"role": Role.agent}) if whom is not None else None
    if who is not None and RULES["role_happening"] and _names_a_happening(who):
        who = who.model_copy(update={"role": Role.other})  # "A bomb exploded": what did it, not who acted
    shares = _SHARES_OF.match(who.name.strip()) if who is not None and RULES["shares_are_the_company"] else None
    if who is not None and shares:
        company = (shares.group("of") or shares.group("owner")).strip()
        who = Actor(name=company, canonical=names.actor(company), role=Role.target)  # the company's market move
    doer = _passive_doer(draft.what) or (_active_doer(draft.what, draft.who, sentence) if draft.who else None)
    if doer is not None and not (whom is not None and whom.role is Role.agent):
        # "was charged this week by an Israeli military court": the court did it, the subject had it done
        if who is not None and who.role is Role.agent:
            who = who.model_copy(update={"role": Role.target})
        return [a for a in (_doer_actor(doer, names), who, whom) if a is not None]
    return [a for a in (who, whom) if a is not None]


_DANGLING = re.compile(r"(?:\s+(?:a|an|the|of|to|and|or|in|on|at|by|for|with|from|as|that|its|their))+$", re.I)


def _whole_description(what: str, sentence: str) -> str:
    """The model's words, never cut mid-word or mid-character: an answer that ran into its length bound
    loses its last, partial word (one the sentence does not have whole) and any dangling little words."""
    text = " ".join(what.replace("\ufffd", "").split())
    if len(what) >= EventDraft.model_fields["what"].metadata[0].max_length - 1 and " " in text:
        last = text.rsplit(" ", 1)[1]
        if not re.search(rf"\b{re.escape(last)}\b", sentence):
            text = text.rsplit(" ", 1)[0]
        text = _DANGLING.sub("", text)
    return text


def _reported_clause(sentence: str, reported: str) -> str:
    """The part of ``sentence`` that the reported happening stands in: from its first word on, searched
    after the reporting verb ("Mediators said on Monday that talks between the sides would resume ...")."""
    verb = _REPORTING_IN_SENTENCE.search(sentence)
    first = next((w for w in reported.split() if len(w) >= 3), None)
    if verb is None or first is None:
        return sentence
    at = sentence.find(first, verb.end())
    return sentence[at:] if at > 0 else sentence


_REPORTING_IN_SENTENCE = re.compile(
    r"\b(confirmed|reported|said|says|stated|noted|announced|told \w+|warned|added)\b", re.I
)


# The happening itself, or what did it, is no actor: "A fire broke out", "A bomb exploded", "the quake killed".
_HAPPENING_NOUN = re.compile(
    r"\b(?:bomb|bombing|blast|explosion|attack|strike|airstrike|air strike|drone strike|shelling|missile|rocket|"
    r"fire|blaze|quake|earthquake|tremor|aftershock|flood|floods|flooding|landslide|mudslide|storm|cyclone|"
    r"hurricane|typhoon|tornado|avalanche|tsunami|eruption|crash|collision|accident|stampede|violence|"
    r"clashes|fighting|heatwave|drought|wildfire|robbery|heist|raid|theft|burglary|shooting|stabbing|"
    r"kidnapping|hijacking|massacre|ambush)s?$",
    re.I,
)


# The happening named first and then described: "An earthquake measuring at least magnitude-5.9", "the
# escalating conflict", "a fire that broke out".
_HAPPENING_HEAD = re.compile(
    r"^(?:(?:an?|the|this|that|its)\s+)?(?:[\w-]+\s+){0,2}?(?:earthquake|quake|tremor|aftershock|flood|flooding|"
    r"landslide|storm|cyclone|hurricane|typhoon|tornado|tsunami|eruption|fire|blaze|explosion|blast|bomb|bombing|"
    r"attack|crash|collision|accident|conflict|war|violence|fighting|clashes|unrest)s?"
    r"(?:\s+(?:measuring|of|with|that|which|in|on|near|at|off|outside|under|along|across|from)\b|$)",
    re.I,
)
# A place written as a place, with its kind ("The city of Deir ez-Zor", "the southern town of Zarand",
# "Deir Ezzor city"): where something happened, never who acted. A bare name stays an actor: "Washington",
# "Moscow" or "Ankara" often stand for a government.
_PLACE_WITH_KIND = re.compile(
    r"^(?:[Tt]he\s+)?(?:[a-z][\w-]*\s+){0,2}?(?:city|town|village|province|region|district|island|capital|port)\s+of\s+"
    r"[A-Z]|^[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:city|town|village|province|region|district)$",
)


def _names_a_happening(actor: Actor) -> bool:
    """The actor is the happening or what did it, as written or as its antecedent ("It" for "the quake")."""
    return bool(_HAPPENING_NOUN.search(f"{actor.name}\n{actor.canonical}")) or (
        RULES["happening_head"] and bool(_HAPPENING_HEAD.match(actor.name.strip()))
    )


# What a place "does" when something happens there: "Paris also witnessed another dramatic robbery", "the
# region has seen heavy fighting", "Aceh experienced a strong aftershock".
_SAW = re.compile(
    r"^(?:(?:also|again|recently|once\s+again)\s+)?(?:witnessed|saw|(?:has|have|had)\s+(?:also\s+)?(?:seen|witnessed|"
    r"experienced|suffered|endured)|experienced|suffered|endured)\b",
    re.I,
)


# The doer of a "when" clause that tells what a place saw: "when thieves armed with Kalashnikovs stormed".
_WHEN_DOER = re.compile(
    r"\b(?:when|as)\s+(?P<doer>(?:(?:an?|the|some|two|three|four|five|several|\d+)\s+)?[a-z][\w'’-]*"
    r"(?:\s+(?:armed|dressed|wearing|carrying)\s+with\s+[\w'’-]+(?:\s+[\w'’-]+)?)?)\s+"
    r"(?:stormed|raided|attacked|robbed|broke|burst|opened|set|smashed|rammed|stole|seized|shot|killed|took|"
    r"entered|forced|threw|fired|hit|struck|targeted|held|snatched)\b"
)


def _place_that_saw(who: str, what: str, names: NameTable) -> bool:
    """The model's "who" is a place the gazetteer knows and its event is what the place saw ("Paris also
    witnessed another dramatic robbery"): where it happened, not who acted (rule ``place_not_actor``)."""
    return RULES["place_not_actor"] and bool(_SAW.match(what.strip())) and _place_not_actor(who, names)


def _place_not_actor(name: str, names: NameTable) -> bool:
    """``name`` is a place the gazetteer knows and no actor of the tables ("Paris", "Indonesia"; not "Hamas")."""
    return names.place_info(name)[1] is not None and not names.is_known_actor(names.actor(name))


def _names_a_place(who: str) -> bool:
    """The model's "who" is a place written with its kind ("the city of Deir ez-Zor"): no actor at all."""
    return RULES["place_not_actor"] and bool(_PLACE_WITH_KIND.match(who.strip()))


_BARE_SPEECH = re.compile(
    # "was quoted by IRNA" too: the passive of a report (not "was told to leave", an order); a time of the
    # saying may follow ("said around 7 a.m.", "said on Monday")
    r"^\s*(confirmed|reported|said|says|stated|noted|added|told(?:\s+[\w.&'’-]+){0,4}|"
    r"(?:(?:was|were)\s+)?quoted(?:\s+[\w.&'’-]+){0,10})" + _SAID_WHEN + r"(\s+that)?\s*\.?\s*$",
    re.I,
)
# "X told The Associated Press that CLAUSE", "State television quoted the disaster center as saying CLAUSE".
_TOLD_THAT = re.compile(r"\b(?:told|quoted)\b[^.;]*?\b(?:that|as saying)\s+(?P<clause>.+?)\s*[.!]?\s*$", re.I)
# "X killed four people, local health officials said." / "..., according to the police." / "..., said Sutopo
# Purwo Nugroho of the agency." / "..., Ema Suryani, a doctor at a clinic in Lampahan, told AFP."
_TAIL_ATTRIBUTION = re.compile(
    r"^(?P<clause>[^\"“”]{12,}?),\s+"
    r"(?:[^,]{1,80}?(?:,\s+[^,]{1,80}?,)?\s+(?:said|says|reported|told \w+|added|stated|noted)|"
    r"(?:said|says|added|stated|noted)\s+[^,]{1,80}?(?:,\s+[^,]{1,80}?)?|according to [^,]{1,80})"
    r"(?:\s+on\s+\w+)?\s*[.!]?\s*$",
    re.I,
)


def _speech_act_to_happening(what: str, sentence: str) -> str:
    """When the model described a sentence by its speech act alone ("said"), the happening the sentence
    reports: the clause before a closing attribution ("A drone strike ... killed four people, officials
    said.") or the clause after the reporting verb ("Mediators said on Monday that talks would resume ...").
    Anything else is left as the model wrote it."""
    if not (RULES["bare_speech_act"] and _BARE_SPEECH.match(what)):
        return what
    tail = _TAIL_ATTRIBUTION.match(sentence.strip())
    if tail:
        return tail.group("clause").strip()
    told = _TOLD_THAT.search(sentence)
    if told and _CLAUSE.match(told.group("clause")):
        return f"said {told.group('clause')}"  # "told AFP that ten people had been killed"
    verb = _REPORTING_IN_SENTENCE.search(sentence)
    if verb:
        reported = _REPORTING.sub("", sentence[verb.start() :], count=1).strip().rstrip(".")
        if reported and _CLAUSE.match(reported) and not _BARE_SPEECH.match(reported):
            return f"said {reported}"  # read as a reported clause below
    return what


# A description told in the past ("sent eight experts to monitor the poll", "agreed to buy EYP", "has agreed
# to ...", "set up the party"): done, whatever plan the sentence also tells.
_TOLD_AS_DONE = re.compile(
    r"^\s*(?:(?:has|have|had)\s+(?:\w+ly\s+)?\w+(?:ed|en|t)\b|[a-z]{3,}ed\b|(?:sent|set|made|took|gave|held|won|"
    r"lost|left|began|struck|signed|sold|bought|paid|led|met|spent|built|chose|wrote|told|said|agreed)\b)",
    re.I,
)
# A feature of the land or water, named: a place, never a doer.
_LANDFORM = re.compile(
    r"\b(?:fault|volcano|mount|mountain|river|glacier|lake|sea|ocean|gulf|bay|coast|valley|dam|reservoir|"
    r"island|peninsula|strait|trench|ridge|plate)\b",
    re.I,
)
# People a disaster befalls, named by what they are (never by a name), and vehicles, which act for someone unnamed.
_AFFECTED = re.compile(
    r"\b(?:residents|villagers|people|civilians|office\s+workers|survivors|families|passengers|tourists|shoppers|"
    r"students|pupils|children|worshippers|locals|inhabitants|citizens|commuters|crowds?|onlookers|islanders|"
    r"homeowners|victims)$",
    re.I,
)
_VEHICLES = re.compile(
    r"\b(?:helicopters?|planes?|aircraft|trucks?|lorries|ambulances?|boats?|ships?|vehicles?)$", re.I
)


def _befallen_role(name: str) -> Role | None:
    """The role in a disaster of a doer the model named: target for an unnamed group of people it befalls
    ("Office workers in Dubai", "Some panicked residents"), other for a vehicle ("Two helicopters"), None for
    anyone else (a name, the police, rescuers). Only the head counts: what places it is left out, and no word
    but the first may be capitalised."""
    head = re.split(r"\s+(?:in|of|from|near|on|at)\s+", name.strip(), maxsplit=1)[0]
    if any(w[:1].isupper() for w in head.split()[1:]):
        return None
    if _AFFECTED.search(head):
        return Role.target
    return Role.other if _VEHICLES.search(head) else None


# What befalls its subject, with no doer: death, drowning, going missing.
_BEFELL = re.compile(
    r"^\s*(?:(?:is|are|was|were)\s+(?:found\s+)?(?:dead|missing)|died|dies|drowned|perished|went\s+missing|"
    r"(?:has|have)\s+died|(?:was|were)\s+found\s+dead)\b",
    re.I,
)
# A reported clause about what is still to come: it is not dated by when it was said.
_TO_COME = re.compile(
    r"\b(?:will|would|shall|is to|are to|plans?|planned|planning|intends?|expects?|aims?|going to)\b", re.I
)


# "Tamimi made news two years ago when she was pictured biting a soldier": the fame is no happening; the
# clause after "when" / "after" is.
_FAME = re.compile(
    r"^(?:first\s+)?(?:made|hit|grabbed)\s+(?:the\s+)?(?:international\s+|national\s+|world\s+)?(?:news|headlines)|"
    r"^(?:came|rose)\s+to\s+(?:international\s+|national\s+)?(?:prominence|fame|attention)|"
    r"^(?:gained|won|drew|attracted)\s+(?:international\s+|national\s+|worldwide\s+)?(?:fame|attention|notoriety)|"
    r"^became\s+(?:famous|known|a\s+symbol)",
    re.I,
)
_WHEN_CLAUSE = re.compile(r"\b(?:when|after)\s+(?P<clause>[^,;:.]{8,}?)(?=[,;:.]|$)", re.I)
# "She was filmed in December outside her family home, pushing, kicking and slapping the soldiers": the
# filming is how it is known; the happening is what she was filmed doing.
_SEEN_DOING = re.compile(
    r"(?:was|were|had\s+been|has\s+been)\s+(?:filmed|pictured|photographed|seen|caught\s+on\s+\w+)\b", re.I
)
_DOING = re.compile(r"\b(?P<clause>[a-z]+ing\b(?:(?!,\s+(?:who|which|where|as|while|but)\b)[^;:.])*)", re.I)


def _happening_not_its_fame(what: str, sentence: str) -> str:
    """For a description that only says someone became known ("made news", "rose to prominence"), the
    happening the sentence says it was for: the clause after "when" or "after" that follows it (rule
    ``happening_not_its_fame``); else ``what`` unchanged."""
    if not RULES["happening_not_its_fame"]:
        return what
    at = sentence.casefold().find(what.casefold())
    if at < 0:
        return what
    if _FAME.match(what):
        found = _WHEN_CLAUSE.search(sentence, at + len(what))
        if found is None:
            return what
        what, at = found.group("clause").strip(), found.start("clause")
        subject = re.match(r"(?:he|she|they|it|\w+)\s+", what)  # "she was pictured biting ..."
        if subject and _SEEN_DOING.match(what, subject.end()):
            what, at = what[subject.end() :], at + subject.end()
    seen = _SEEN_DOING.match(sentence, at)
    if seen:
        found = _DOING.search(sentence, seen.end())
        return found.group("clause").strip() if found else what
    return what


# Right after the description's words: "from" a place, and no "to <Place>" as the destination after it.
_FROM_PLACE = re.compile(r"^[\s,]*(?:[\w'’-]+\s+){0,3}?from\s+(?P<rest>[^.;]*)", re.I)
_TO_PLACE = re.compile(r"^(?:[\w'’-]+[\s,]+){0,10}?(?:to|towards?|into)\s+(?:the\s+)?[A-Z]")


def _moved_away(what: str, sentence: str) -> bool:
    """The sentence tells the movement ``what`` as one away from a place ("relocating forces from X"), with
    no place it goes to ("to Damascus"; "to bolster defenses" is a purpose)."""
    at = find_words(what, sentence)
    if at is None:
        return False
    after = _FROM_PLACE.match(sentence[at + len(what) :])
    return after is not None and not _TO_PLACE.match(after.group("rest"))


def _draft_to_event(
    draft: EventDraft, article: Article, reference: dt.date | None, names: NameTable, refers_to: str | None = None
) -> Event:
    """One event from one draft; ``refers_to``: what the draft's "who" (a pronoun) stands for."""
    sentence = article.sentence(draft.s).text
    what = _whole_description(draft.what, sentence)
    if (shown := _happening_not_its_fame(what, sentence)) != what:
        # the happening itself, its doer active: "she was pictured biting a soldier" is her act
        draft, what = draft.model_copy(update={"what": shown}), shown
    happening = _speech_act_to_happening(what, sentence)
    if happening != what:
        # The speaker is the source of the report, not the agent of what it reports (role_reporting).
        draft = draft.model_copy(update={"what": "said that " + happening.removeprefix("said ")})
        what = happening
    reported = _REPORTING.sub("", what, count=1)
    clause = sentence
    if len(reported.split()) >= 3 and reported != what and _CLAUSE.match(reported):
        what = reported  # the happening, not "said that ..." (the source stays an actor, role other)
        clause = _reported_clause(sentence, reported)
    kind = event_type(draft.type, what, draft.who, sentence)
    if kind is EventType.deployment and RULES["moved_from_is_withdrawal"] and _moved_away(what, sentence):
        # "is relocating forces from the eastern Deir el-Zour province ... to bolster defenses": a movement away
        # from a place is a withdrawal from it (LABELLING.md §3); "from Deir ez-Zor to Damascus" stays one to
        # Damascus
        kind = EventType.withdrawal
    if kind is EventType.other and RULES["victim_not_agent"] and _BEFELL.match(what) and tells_of_accident(sentence):
        kind = EventType.disaster  # "A climber is dead after falling about 150 metres": an accident's death
    locations, whom_is_place = event_places(
        names, sentence, where=draft.where, whom=draft.whom, words=draft.what, description=what
    )
    if draft.who and (_names_a_place(draft.who) or _place_that_saw(draft.who, what, names)):
        # "The city of Deir ez-Zor has changed hands", "a quake hit the southern town of Zarand" (who: the
        # town): where it happened, not who acted
        known = {loc.canonical for loc in locations}
        locations = [*locations, *(p for p in places_written(draft.who, names) if p.canonical not in known)]
        doer = _WHEN_DOER.search(sentence) if RULES["doer_of_when"] and _SAW.match(what.strip()) else None
        # "Paris also witnessed another robbery on Sunday night when thieves armed with Kalashnikovs stormed a
        # subsidiary of SNCF": what the place saw was done by the subject of the clause that tells it
        update = {"who": doer.group("doer"), "what": sentence[doer.end("doer") :].strip()} if doer else {"who": None}
        draft = draft.model_copy(update=update)
    actors = _actors(draft, kind, names, sentence, whom_is_place, refers_to)
    if RULES["victim_not_agent"] and _BEFELL.match(what):
        # "A 36-year-old climber is dead after falling 150 metres", "Two fishermen drowned": who died is the
        # one it happened to, not a doer
        actors = [a.model_copy(update={"role": Role.target}) if a.role is Role.agent else a for a in actors]
    if RULES["affected_not_agent"] and kind in (EventType.disaster, EventType.humanitarian):
        # "Office workers in Dubai evacuated several buildings", "Some panicked residents ... ran into the
        # streets": in a disaster the people it befalls are whom it affects (LABELLING.md §4: humanitarian's
        # target), not its doers; "Two helicopters began moving the injured": a vehicle acts for someone unnamed
        actors = [
            a.model_copy(update={"role": role}) if a.role is Role.agent and (role := _befallen_role(a.name)) else a
            for a in actors
        ]
    if RULES["place_not_actor"] and kind is EventType.disaster:
        # "A strong quake off the shores of Indonesia triggered a tsunami", "Five people died in Aceh in the
        # quake": a place does not act in a natural disaster; it is where it struck
        # "the Maacama Fault", "Mount Merapi", "the Yangtze River": nor does the land it struck
        for actor in [a for a in actors if a.role is Role.agent]:
            if _LANDFORM.search(actor.name) or _place_not_actor(actor.name, names):
                canonical, country, admin1 = names.place_info(actor.name)
                actors = [a for a in actors if a is not actor]
                if all(loc.canonical != canonical for loc in locations):
                    place = Location(name=actor.name, canonical=canonical, country=country, admin1=admin1)
                    locations = [*locations, place]
    locations = _not_who_acted_or_told(locations, actors, sentence)
    when = draft.when or find_time_words(clause)
    if clause is not sentence and when and when not in clause:
        # "said on Wednesday that ferries would resume on Friday": Friday. A clause with no time of its own
        # tells of what had happened by the time it was said ("In 2009, police said they had recovered 80
        # percent of the haul": 2009), unless it is to come ("said ferries would resume": no date).
        own = find_time_words(clause)
        when = own if own or _TO_COME.search(clause) or not RULES["when_of_statement"] else when
    if RULES["when_compared"] and when and _COMPARED.search(_before(sentence, when)):
        # "Turnout was 61 pct, down from 67 pct in 2021": 2021 dates what it is compared with, not this.
        when = find_time_words(sentence.replace(when, " "))
    if RULES["when_of_bound"] and when and dates_a_bound(sentence, when):
        # "Goldman was working to maximize the benefits before the new tax law takes effect on Jan. 1": the
        # law's day, not the event's
        when = None
    status = event_status(sentence, what)
    if (
        status in (Status.asserted, Status.claimed)
        and RULES["status_plan_kind"]
        and draft.sentence_kind == "plan"
        and not _TOLD_AS_DONE.match(what)
    ):
        # The model classed the sentence as a plan ("Talks ... are set to resume on Monday" gave "talks with
        # the port operators", no plan word in it): its events are to come, unless dated in the past ("the
        # union, which struck last week, plans to ...").
        past = resolve_date(when, reference, sentence=sentence, planned=True)
        if past.value is None or reference is None or past.value >= reference:
            status = Status.planned
    date = resolve_date(when, reference, sentence=sentence, planned=status is Status.planned)
    if (
        status in (Status.asserted, Status.claimed)
        and _after_the_paper(date, reference)
        and not _TOLD_AS_DONE.match(what)
    ):
        # "The summit opens on Friday": a day after the paper's, read forward from the sentence's own verb,
        # has not happened yet.
        status = Status.planned
    return Event(
        id="e0",
        type=kind,
        description=what,
        actors=actors,
        locations=locations,
        date=date,
        status=status,
        historical=is_historical(date, reference),
        quantities=find_quantities(sentence),
        evidence=[evidence_for(article, draft.s)],
    )


def _not_who_acted_or_told(locations: list[Location], actors: list[Actor], sentence: str) -> list[Location]:
    """``locations`` less a place named only in the title of who told it ("Qeshm Gov. Heidar Alishvandi said
    50 were injured": rule ``source_title_not_place``) and a state that is the event's agent ("Israel
    indicted a 16-year-old girl": rule ``state_not_place``); LABELLING.md §5, the places the evidence names
    as places."""
    if RULES["source_title_not_place"]:
        sources = [a.name for a in actors if a.role is Role.other]
        locations = [
            loc
            for loc in locations
            if not (any(loc.name in name for name in sources) and sentence.count(loc.name) == 1)
        ]
    if RULES["state_not_place"]:
        acting = {fold(a.canonical) for a in actors if a.role is Role.agent}
        locations = [loc for loc in locations if not (loc.canonical == loc.country and fold(loc.canonical) in acting)]
    return locations


def _after_the_paper(date: EventDate, reference: dt.date | None) -> bool:
    """Whether ``date`` is a stated time that starts after ``reference`` (the article's date): a day, or a
    week, month or year that begins after it ("in mid-January" in a paper of 29 December)."""
    return (
        RULES["status_planned"]
        and reference is not None
        and date.value is not None
        and not date.implied
        and date.precision is not Precision.unknown
        and date.value > reference
    )


def _same_happening(a: Event, b: Event) -> bool:
    if a.type != b.type:
        return False
    agents_a = {x.canonical for x in a.actors if x.role is Role.agent}
    agents_b = {x.canonical for x in b.actors if x.role is Role.agent}
    places_a = {x.canonical for x in a.locations}
    places_b = {x.canonical for x in b.locations}
    same_sentence = a.evidence[0].sentence_id == b.evidence[0].sentence_id
    if same_sentence:
        # Two readings of one sentence: the same happening unless they name different places or agents.
        return (
            (places_a == places_b or not places_a or not places_b)
            and (agents_a == agents_b or not agents_a or not agents_b)
            and fuzz.token_set_ratio(a.description, b.description) >= 60
        )
    if not places_a or places_a != places_b or agents_a != agents_b or a.historical != b.historical:
        return False
    if a.date.value is not None:
        return a.date.value == b.date.value  # the same day
    # Neither dated: a restatement only if it is also worded alike ("withdraw from Deir Ezzor" and "withdrawn
    # from Deir Ezzor and other areas", not "is relocating forces" and "consolidating its remaining forces").
    return b.date.value is None and fuzz.token_set_ratio(a.description, b.description) >= 60


def build_events(
    drafts: list[EventDraft], article: Article, reference: dt.date | None, names: NameTable
) -> list[Event]:
    """Turn validated drafts into numbered, de-duplicated events in sentence order."""
    # The article's own words name its actors too: definitions, and the fullest form of each name.
    names = names.scoped(article.original, [n for d in drafts for n in (d.who, d.whom) if n])
    events: list[Event] = []
    # (sentence, who, its kind, its event's date) of the events kept so far: what a pronoun can stand for.
    subjects: list[tuple[int, str, str, EventDate]] = []
    places = PlaceAntecedents(names)  # the places named by kind so far ("the island of Qeshm")
    read = 0  # sentences read into ``places``, in order
    # Sentences inside a direct quote of a private witness ('"I saw an injured person ...," one woman told AFP'):
    # LABELLING.md §4/§15.11 keeps quoted private witnesses out; what they saw is told by the report itself.
    witness = (
        {n + 1 for n, said in quote_attributions([s.text for s in article.sentences]).items() if private_witness(said)}
        if RULES["drop_witness_quote"]
        else set()
    )
    body = [s.text for s in article.sentences if s.kind == "body"]
    english = reads_as_english(" ".join(body))  # the cue words of both checks below are English
    # No hazard or accident told anywhere in the article: no event of it is a disaster (classify.tells_of_hazard).
    no_disaster = RULES["disaster_needs_hazard"] and english and _no_hazard_told(body)
    # No forces named anywhere in the article (a takeover bid, a product launch): no event of it is a movement
    # of forces or a battle (classify.tells_of_forces).
    no_forces = RULES["movement_needs_forces"] and english and not any(tells_of_forces(text) for text in body)

    def ruled_out(kind: EventType) -> bool:
        """A type the article-level checks rule out for every event of this article."""
        return (no_disaster and kind is EventType.disaster) or (no_forces and kind in FORCE_TYPES)

    # The act a court or police step is about, told only inside its sentence, is an event of its own; its
    # time is only the clause's own (offences.offence_drafts).
    offences = [
        o
        for d in drafts
        if not is_prediction(_REPORTING.sub("", d.what, count=1))  # "could be jailed for assaulting": no case
        for o in offence_drafts(d, article.sentence(d.s).text)
    ]
    # A company's dated disclosure of a figure in a sentence the model gave no event for (disclosures).
    drafts = [*drafts, *disclosure_drafts(article, (d.s for d in drafts))]
    derived = {id(o): accused for o, accused in offences}  # the name the accused's wording stands for
    for draft in sorted([*drafts, *(o for o, _ in offences)], key=lambda d: d.s):
        offence = id(draft) in derived
        accused = derived.get(id(draft))
        own_time_only = offence and draft.when is None  # no time in the act's clause: none of the court's
        if is_prediction(_REPORTING.sub("", draft.what, count=1)):
            continue  # a forecast or expectation states no happening
        if draft.s in witness:
            continue
        if not offence or (draft.who or "").casefold() in PRONOUNS:
            draft, refers_to = _with_subject(_subject_of_clause(draft), article, names, subjects)
        else:
            refers_to = accused  # "a 16-year-old Palestinian girl" is the step's "Ahed Tamimi"
        event = _draft_to_event(draft, article, reference, names, refers_to)
        if offence:
            # the accused did the act, whatever the passive around it says ("after she was filmed slapping")
            actors = [
                a.model_copy(update={"role": Role.agent}) if a.name == draft.who and a.role is Role.target else a
                for a in event.actors
            ]
            event = event.model_copy(update={"actors": actors})
            if own_time_only:
                event = event.model_copy(update={"date": resolve_date(None, reference), "historical": False})
        if states_no_happening(event):
            continue
        if ruled_out(event.type):
            # Read again as the model's `other`, so the other cues still apply ("suffered huge losses",
            # typed disaster in a story of no hazard, is finance); what the checks ruled out stays out.
            retyped = EventType.other
            if RULES["retype_with_cues"]:
                retyped = event_type(EventType.other, event.description, None, event.evidence[0].text)
                retyped = EventType.other if ruled_out(retyped) else retyped
            event = event.model_copy(update={"type": retyped})
        happening = next((d for _, n, k, d in reversed(subjects) if n == refers_to and k == "happening"), None)
        if happening is not None and event.date.value is None:
            # "The last major quake hit in February 2005. It killed 612 people": "it" is that quake, and
            # its time is the quake's (so the toll never joins today's quake).
            event = event.model_copy(update={"date": happening, "historical": is_historical(happening, reference)})
        if RULES["place_coreference"] and not event.locations:
            # "Residents of the island slept outside": the island the article named before (LABELLING §5).
            places.read(s.text for s in article.sentences if read < s.id <= draft.s)
            read = max(read, draft.s)
            found = places.locations(event.evidence[0].text)
            if not found and event.type in (EventType.takeover, EventType.withdrawal):
                found = places.changed_hands(event.evidence[0].text)  # "It first fell into the hands of ..."
            event = event.model_copy(update={"locations": found})
        if not event.locations:
            # "a jewellery store in Dubai", "in the northern countryside of Aleppo, the army launched ...": the
            # sentence says where although the model did not
            sentence = event.evidence[0].text
            found = places_in_clause(sentence, event.description, names)
            event = event.model_copy(update={"locations": _not_who_acted_or_told(found, event.actors, sentence)})
        said = next((a for a in event.actors if a.name == draft.who), None)
        if said is not None:
            # Who only reported it ("a police source said") is a source, "the quake" a happening: neither is
            # what "they" in the next sentence stands for.
            kind = "actor"
            if _names_a_happening(said):
                kind = "happening"
            elif said.role is Role.other:
                kind = "source"
            subjects.append((draft.s, refers_to or said.name, kind, event.date))
            doer = next((a for a in event.actors if a.role is Role.agent and a is not said), None)
            if doer is not None and said.role is Role.target:
                # "The court indicted Tamimi" told as "Tamimi was indicted": the court is what "It" stands for next
                subjects.append((draft.s, doer.name, "actor", event.date))
        for index, kept in enumerate(events):
            if _same_happening(kept, event):
                events[index] = join_events(kept, event, numbers=False)
                break
        else:
            events.append(event)
    events = fold_disaster_restatements(numbers_to_their_events(numbers_of_their_clause(events)))
    events = fold_disclosures(fold_figure_parts(fold_act_restatements(fold_setting_restatements(events))))
    return [event.model_copy(update={"id": f"e{number}"}) for number, event in enumerate(events, start=1)]


def _no_hazard_told(body: list[str]) -> bool:
    """An article (its body sentences) that names no natural hazard or accident (classify.tells_of_hazard; a
    fire or explosion counts only when the article tells of no deliberate violence)."""
    violent = any(tells_of_violence(text) for text in body)
    return not any(tells_of_hazard(text, violent) for text in body)


# A pronoun takes an antecedent from its own sentence or the two before it, as a reader would.
_ANTECEDENT_SENTENCES = 2


# A "who" that is a whole clause: "The violence was a blow to Prime Minister George Papandreou's plans" with
# what "was", "It was the worst violence to hit Greece since riots in 2008". The verb in lower case only: "Will
# Smith" is a name.
_CLAUSE_WHO = re.compile(r"^(?P<subject>\S.{0,60}?)\s+(?P<verb>(?-i:is|was|were|are|has|have|had|will|would)\s+\S.*)$")


def _subject_of_clause(draft: EventDraft) -> EventDraft:
    """The draft with a "who" that is a whole clause cut to its subject (rule ``who_clause``); what the model
    gave as "what" is kept unless it is only a piece of that clause ("was"), then the clause's predicate is
    what ("was a blow to Prime Minister George Papandreou's plans")."""
    clause = _CLAUSE_WHO.match(draft.who or "") if RULES["who_clause"] else None
    if clause is None:
        return draft
    predicate = clause.group("verb")
    what = predicate if draft.what.strip().casefold() in predicate.casefold() else draft.what
    return draft.model_copy(update={"who": clause.group("subject"), "what": what[:100]})


def _with_subject(
    draft: EventDraft, article: Article, names: NameTable, subjects: list[tuple[int, str, str, EventDate]]
) -> tuple[EventDraft, str | None]:
    """The draft with "who" filled from its sentence's subject when the model left it empty, and, for a
    personal pronoun ("They then set fire to the vehicle"), what it stands for (``subjects``: the sentence
    and "who" of the events before it): the pronoun stays the actor's name as written, the antecedent gives
    its canonical name. Unchanged, and None, when neither applies (rule ``who_from_subject``)."""
    if not RULES["who_from_subject"]:
        return draft, None
    sentence = article.sentence(draft.s).text
    who = sentence_case(draft.who, sentence, article.text) if draft.who else None
    if who and find_words(who, sentence) is None and who.casefold() not in PRONOUNS:
        # "Israel" for "An Israeli military court indicted ...": a "who" the sentence does not say yields to the
        # subject it does say (rule ``who_as_written``)
        said = (
            subject_of(draft.what, sentence, names, article.text)
            or subject_of(draft.what.split()[0], sentence, names, article.text)  # the verb alone: "indicted"
            if RULES["who_as_written"] and draft.what.split()
            else None
        )
        who = said if said and said.casefold() not in PRONOUNS else who
    who = who or subject_of(draft.what, sentence, names, article.text)
    refers_to = None
    if who and who.casefold() in PRONOUNS:
        near = [(name, kind) for s, name, kind, _ in subjects if draft.s - _ANTECEDENT_SENTENCES <= s <= draft.s]
        refers_to = fronted_antecedent(who, sentence) or resolve_pronoun(who, near, article.text)
        who = who if refers_to else None  # a pronoun that stands for nothing found is no actor
    elif who:
        # "The firm made a similar move in 2012": the company the article named (its words stay the name)
        refers_to = company_named(who, [name for _, name, kind, _ in subjects if kind != "happening"], article.text)
    return (draft if who == draft.who else draft.model_copy(update={"who": who})), refers_to


# A comparison's own time ("down from 67 pct in 2021", "compared with $4 billion a year earlier") comes
# within a few words after its comparative.
_COMPARED = re.compile(
    # "than" before a number is a bound ("more than 3 percent on Tuesday"), not a comparison.
    r"\b(?:(?:up|down)\s+from|compared\s+(?:with|to)|than(?!\s+(?:US)?[$€£¥]?\d)|versus|vs\.?)"
    r"(?:\s+[^\s,;]+){0,6}\s*$",
    re.I,
)


def _before(sentence: str, words: str) -> str:
    """The sentence up to where ``words`` stand in it (nothing when they do not)."""
    at = sentence.find(words)
    return sentence[:at] if at >= 0 else ""


def without_dateline(events: list[Event], article: Article, reference: dt.date | None) -> list[Event]:
    """A dateline ("GENEVA (Jan. 9, 2025) —") says where the desk is and when it filed: neither is where or
    when anything happened. A place or time the model quoted from it is dropped (the time is looked for in
    the rest of the sentence), and the dateline's place everywhere unless the body names it again."""
    if article.dateline_place is None:
        return events
    place = article.dateline_place.casefold()
    named_again = article.text.casefold().count(place) > 1
    first = next((s for s in article.sentences if s.kind == "body"), None)
    line = find_dateline(first.text) if first else None
    out = []
    for event in events:
        locations = [loc for loc in event.locations if named_again or loc.name.casefold() != place]
        date = event.date
        if first and line and event.evidence[0].sentence_id == first.id:
            head, rest = first.text[: line.end], first.text[line.end :]
            locations = [loc for loc in locations if loc.name in rest or loc.name not in head]
            if date.text and date.text in head and date.text not in rest:
                words = find_time_words(rest)
                date = resolve_date(words, reference, sentence=rest, planned=event.status is Status.planned)
        out.append(event.model_copy(update={"locations": locations, "date": date}))
    return out
