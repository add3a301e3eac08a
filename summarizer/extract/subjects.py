"""Who did it when the model did not say: the subject the sentence gives, and what a pronoun stands for.

The small model leaves "who" empty for about one event in eight although the sentence names the doer
right before the words it quoted ("Thieves pulled off a heist", "In July, a masked jewel thief stole ...",
"Goldman on Friday became ..."), and it never resolves a pronoun ("They then set fire to the vehicle") or a
description of a company ("The firm made a similar move"). Here the subject is read as the noun phrase that
stands just left of the quoted words in their clause; a personal pronoun takes the nearest fitting earlier
subject of the same article, and "the firm" / "the company" the company the article named (a
one-antecedent coreference, the way a reader takes "they" for the robbers of the sentence before).

Hand-written, switchable as ``RULES["who_from_subject"]`` (measured in docs/rules.md): no English parser is
a dependency of this project (spaCy and its models would add hundreds of megabytes to an install that must
stay small), and the cases are narrow: the words left of a verb phrase the model itself chose.
"""

from __future__ import annotations

import re

from ..text.names import RULES, NameTable, is_description

__all__ = ["PRONOUNS", "company_named", "find_words", "resolve_pronoun", "sentence_case", "subject_of", "verb_stem"]

PRONOUNS = frozenset({"they", "he", "she", "it"})

# A clause starts after punctuation or a subordinating word: what stands before it is another clause.
_CLAUSE_START = re.compile(
    r".*(?:[,;:\u2013\u2014]|\s-\s|\b(?:that|when|after|before|while|because|since|until|as|if|where|which|who|"
    r"whom|whose|once|though|although)\s)",
    re.I | re.S,
)
_LEADING = re.compile(r"^(?:(?:but|and|yet|so|however|meanwhile|now|then|also|later|still|even|thus)(?:\s+|$))+", re.I)
# Between a subject and its verb: adverbs and the auxiliaries the model left out of its quote.
_TRAILING = re.compile(
    r"(?:\s+(?:then|also|later|now|reportedly|allegedly|apparently|typically|usually|often|still|already|just|"
    r"quickly|finally|eventually|have|has|had|was|were|is|are|will|would|could|can|may|might|must|should|been|"
    r"be|being|did|does|do|not|never))+$",
    re.I,
)
# "Goldman on Friday", "Police early on Monday": the time said after the subject.
_TRAILING_TIME = re.compile(
    r"\s+(?:(?:early|late)\s+)?(?:on|last|this|in)\s+(?:(?:early|late)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year|morning|afternoon|evening|"
    r"night|january|february|march|april|may|june|july|august|september|october|november|december|\d{4})\b.*$",
    re.I,
)
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
# Words no subject noun phrase of up to six words holds: verbs of saying and being, prepositions that
# start a phrase of place or time (an "of" is part of a noun phrase: "the governor of Hormozgan").
_NOT_IN_SUBJECT = frozenset(
    """
    by into in on at from with to for over under after before during since about against between through
    said says say told tells reported is are was were has have had will would could can may might must
    should be been being did does do not no there here this these those which who whom whose what how why
    """.split()
)
_MAX_WORDS = 6
_COORDINATORS = frozenset({"and", "or", "but", "nor", "then"})
_SPEAKERS = frozenset({"i", "we", "you", "us", "me"})
# A happening after "by" is no doer: "was hit by a quake", "was paralysed by the strike".
_HAPPENING_NOUNS = frozenset(
    "quake earthquake tremor aftershock tsunami flood floods flooding landslide storm hurricane typhoon cyclone "
    "tornado fire blaze blast explosion bomb bombing attack strike crash collision eruption".split()
)


def subject_of(what: str, sentence: str, names: NameTable, text: str = "") -> str | None:
    """The noun phrase that stands just before ``what`` in its clause of ``sentence``: "Four men" for
    "rammed their car" in "Four men rammed their car into the store", "They" in "They then set fire to the
    vehicle". None when ``what`` is not found word for word, the clause has no words before it, or those
    words are no subject (a verb or preposition among them, a possessive, a place the gazetteer knows).
    ``text``, the article, tells a capital that only starts the sentence (``sentence_case``)."""
    words = what.split()
    if not words:
        return None
    head = " ".join(words[:3])
    at = find_words(head, sentence)
    if at is None:
        return _subject_of_participle(words[0], sentence, names, text) or _doer_of_passive(words[0], sentence)
    before = _PARENTHESIS.sub("", sentence[:at])
    clause = _CLAUSE_START.match(before)
    candidate = (before[clause.end() :] if clause else before).strip()
    candidate = _LEADING.sub("", candidate)
    candidate = _TRAILING_TIME.sub("", candidate)
    candidate = _TRAILING.sub("", candidate).strip(" \"'“”‘’")
    return _as_subject(candidate, sentence, names, text)


def _as_subject(candidate: str, sentence: str, names: NameTable, text: str) -> str | None:
    """``candidate`` (words before a verb) as the subject it names, or None when those words are no subject:
    a verb or preposition among them, a possessive, the speaker of a quote, a place the gazetteer knows."""
    if not candidate:
        return None
    tokens = candidate.split()
    if len(tokens) > _MAX_WORDS or any(t.casefold().strip(",.") in _NOT_IN_SUBJECT for t in tokens):
        return None
    if tokens[-1].casefold() in _COORDINATORS or candidate.casefold() in _SPEAKERS:
        return None  # "shut shops and" (verbs side by side), "we" / "I" (the speaker of a quote)
    if re.search(r"['’]s?$", candidate):  # "Goldman's shares were down": the owner, not the subject
        return None
    candidate = sentence_case(candidate, sentence, text)
    if tokens[0].casefold() not in PRONOUNS and names.place(candidate)[1] is not None:
        return None  # "Deir el-Zour serves as a link", "the city of Bam was razed": a place, not an actor
    return candidate


# "Thieves pulled off a heist ... after smashing their car through the window": the model's "smashed their car"
# is the participle's deed, and a participle's doer is the subject of its sentence.
_PARTICIPLE_AFTER = r"\b(?:after|before|while|by|when|then)\s+{stem}\w*ing\b"
_MAIN_SUBJECT = re.compile(
    r"^\W*(?P<subject>(?:(?:the|a|an|two|three|four|five|six|several|some)\s+)?[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}?)"
    r"\s+(?:[a-z]+ed|took|stole|made|broke|drove|fled|struck|hit|shot|threw|set|ran|went|got|held)\b"
)


def _subject_of_participle(verb: str, sentence: str, names: NameTable, text: str) -> str | None:
    """The subject of ``sentence`` when ``verb`` (the first word of the model's description, in any form)
    stands in it as a participle after "after", "before", "while", "by" or "when"."""
    stem = verb_stem(verb)
    if len(stem) < 3 or not re.search(_PARTICIPLE_AFTER.format(stem=re.escape(stem)), sentence, re.I):
        return None
    found = _MAIN_SUBJECT.match(sentence)
    return _as_subject(found.group("subject"), sentence, names, text) if found else None


def verb_stem(verb: str) -> str:
    """A verb without its ending ("smashed", "smashing" -> "smash"), to find it in another form."""
    return re.sub(r"(?:ed|es|s|ing|d)$", "", verb.casefold())


# "a $2.5 million necklace was lifted by a crook at a party", told by the model as "lifted a $2.5 million
# necklace": the doer is who the passive names after "by" (a noun phrase, up to a preposition or a clause).
_PASSIVE_DOER = (
    r"\b(?:was|were|is|are|has\s+been|had\s+been|have\s+been)\s+{stem}\w*\s+by\s+"
    r"(?P<doer>(?:(?:an?|the|its|their)\s+)?(?:[A-Za-z][\w'’.-]*\s+){{0,3}}?[A-Za-z][\w'’.-]*)"
    r"(?=\s+(?:after|before|for|in|on|at|over|when|while|during|last|this|with|as|because|to|from|since|until|"
    r"who|which|that|and)\b|\s*[,;.]|\s*$)"
)


def _doer_of_passive(verb: str, sentence: str) -> str | None:
    """Who ``sentence`` says did the deed in the passive ("was lifted by a crook"), when ``verb`` (the
    model's description's first word, active) stands there as the passive's participle."""
    stem = verb_stem(verb)
    if len(stem) < 3:
        return None
    found = re.search(_PASSIVE_DOER.format(stem=re.escape(stem)), sentence, re.I)
    doer = found.group("doer").rstrip(".") if found else ""
    if not doer or doer.split()[-1].casefold() in _HAPPENING_NOUNS:
        return None
    return doer


def find_words(words: str, sentence: str, *, ignore_case: bool = True) -> int | None:
    """Where ``words`` start in ``sentence`` as whole words (case aside unless ``ignore_case`` is False), or
    None when they do not stand there."""
    found = re.search(rf"(?<![\w'’-]){re.escape(words)}(?![\w'’-])", sentence, re.I if ignore_case else 0)
    return found.start() if found else None


# "An Israeli military court", "the U.S. Justice Department's lawyers": a determiner and a common noun at the
# head, whatever proper adjectives stand between: a description "it" may stand for.
_COMMON_HEAD = re.compile(r"^(?:[Aa]n?|[Tt]he)\s+(?:\S+\s+)*[a-z][\w-]*$")


# "Even as it made the adjustments, however, Goldman was working to ...": a pronoun in a clause set before the
# main one stands for the main clause's subject (a name: capitalised words, then its verb).
_FRONTED_PRONOUN = re.compile(
    r"^\W*(?:even\s+)?(?:as|while|when|after|before|although|though|because|since|once|until)\s+"
    r"(?P<pronoun>it|he|she|they)\b[^,;]*,\s*(?:(?:however|meanwhile|then|still),\s*)?"
    r"(?P<subject>(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})\s+"
    r"(?:was|were|is|are|has|have|had|will|would|could|said|says|[a-z]+ed)\b",
    re.I,
)


def fronted_antecedent(pronoun: str, sentence: str) -> str | None:
    """The main clause's subject a pronoun of a fronted clause stands for ("Even as it made ..., Goldman was
    working"), or None."""
    found = _FRONTED_PRONOUN.match(sentence)
    if not RULES["who_from_subject"] or found is None or found.group("pronoun").casefold() != pronoun.casefold():
        return None
    subject = found.group("subject")
    return None if subject.split()[0].casefold() in PRONOUNS else subject


def is_company(name: str, text: str) -> bool:
    """``name`` is a company's: it carries a corporate suffix, or the article ``text`` writes it with one
    ("Goldman Sachs Group Inc.") or calls a company by its business ("the bank", "the firm")."""
    if _CORPORATE.search(name):
        return True
    if re.search(rf"\b{re.escape(name)}\s+(?:\w+\s+){{0,2}}(?:Inc|Corp|Co|Ltd|plc|LLC|Holdings|Group)\b", text):
        return True
    return bool(
        re.search(r"\bthe\s+(?:company|firm|bank|lender|carrier|airline|insurer|retailer|chipmaker)\b", text, re.I)
    )


# Heads of a description that name a body, not a person: "he" or "she" never stands for one ("the court",
# "the army", "the ministry"). Written by hand: a closed class of English collective nouns.
_BODY_HEAD = frozenset(
    """court tribunal army military government ministry department police company firm bank agency council
    committee parliament party group regime administration authority office union board commission
    organisation organization force forces state country city team club prosecution embassy cabinet
    coalition alliance movement network newspaper channel station""".split()
)


def _not_a_person(name: str) -> bool:
    """``name`` is a body (a description whose head is a collective noun, or a company's name), which "he" or
    "she" never stands for."""
    words = name.split()
    head = words[-1].casefold() if words else ""
    return bool(_CORPORATE.search(name)) or (
        head in _BODY_HEAD and (is_description(name) or bool(_COMMON_HEAD.match(name)))
    )


def resolve_pronoun(pronoun: str, antecedents: list[tuple[str, str]], text: str = "") -> str | None:
    """What a personal pronoun stands for: the nearest earlier subject (last in ``antecedents``, each with
    its kind: "actor", "source" of a report as in "a police source said", or "happening" as in "the quake")
    that fits.

    "They" takes any (a group, a company, a force); "he"/"she" a name or a singular noun, never a plural
    ("thieves") nor a body ("the court", a company: rule ``person_pronoun``); "it" only a singular
    description ("the quake", "the court") or a company's name (``is_company`` in the article ``text``):
    another proper name may be a person's ("It extended her remand" is not Tamimi). A source is taken only
    by "he"/"she" ("He said 30 were hurt"): "Four men rammed the store, a police source said. They then set
    fire to the car" means the men; a happening only by "it" ("It killed 612 people"). None when nothing
    fits."""
    pronoun = pronoun.casefold()
    if not RULES["who_from_subject"] or pronoun not in PRONOUNS:
        return None
    takes = {"they": ("actor",), "he": ("actor", "source"), "she": ("actor", "source"), "it": ("actor", "happening")}
    for name, kind in reversed(antecedents):
        if name.split()[0].casefold() in PRONOUNS or kind not in takes[pronoun]:
            continue
        last = name.split()[-1]
        plural = last.islower() and last.endswith("s") and not last.endswith("ss")
        if pronoun in ("he", "she", "it") and plural:
            continue
        if pronoun == "it" and not (is_description(name) or _COMMON_HEAD.match(name) or is_company(name, text)):
            continue
        if pronoun in ("he", "she") and RULES["person_pronoun"] and _not_a_person(name):
            continue  # "She was filmed ..." after "The court indicted Tamimi. It extended her remand": Tamimi
        return name
    return None


def sentence_case(name: str, sentence: str, text: str) -> str:
    """``name`` with its first word in lower case when that word is capitalised only because it begins
    the sentence ("Thieves pulled off a heist", "Police said") and the article writes it in lower case
    elsewhere ("the thieves"); a proper name ("Goldman said") is never written so, and stays, as does a
    name with a capital after its first word ("The Associated Press", German "Der Stadtrat")."""
    words = name.split()
    first = words[0] if words else ""
    if not first[:1].isupper() or first.isupper() or not sentence.lstrip(" \"'“‘(").startswith(first):
        return name
    if any(w[:1].isupper() for w in words[1:]):
        return name  # "The Associated Press", "Der Stadtrat": a name, whatever its first word
    lower = first[0].lower() + first[1:]
    if find_words(lower, text, ignore_case=False) is not None:
        return lower + name[len(first) :]
    return name


# "the company", "the bank", "the firm": a business named before by its name. Which one: the last subject
# of the article written as a company's name (a corporate suffix, or the same kind word in capitals, "X
# Bank"), else the name the article writes with a corporate suffix ("Goldman Sachs Group Inc.").
_BUSINESS = re.compile(
    r"^(?:the\s+)?(?P<kind>company|firm|bank|lender|group|carrier|airline|insurer|retailer|automaker|carmaker|"
    r"chipmaker|miner|manufacturer|conglomerate|broker|operator)$",
    re.I,
)
_CORPORATE = re.compile(
    r"\b(?:Inc|Corp|Corporation|Co|Ltd|plc|PLC|LLC|Group|Holdings|AG|SA|NV|SE|Bank|Airlines|Motors)\b\.?"
)
_NAMED_WITH_SUFFIX = re.compile(
    r"\b((?:[A-Z][\w&'’.-]*\s+){0,3}[A-Z][\w&'’.-]*)\s+(?:Group\s+)?(?:Inc|Corp|Co|Ltd|plc|LLC|Holdings)\b"
)


def company_named(who: str, subjects: list[str], text: str) -> str | None:
    """The company a description such as "the firm" stands for (``subjects``: the article's earlier subjects,
    nearest last; ``text``: the article), or None when ``who`` is no such description or no company was named."""
    found = _BUSINESS.match(who.strip())
    if found is None or not RULES["who_from_subject"]:
        return None
    kind = found.group("kind").capitalize()
    for name in reversed(subjects):
        if _CORPORATE.search(name) or re.search(rf"\b{kind}\b", name):
            return name
    named = _NAMED_WITH_SUFFIX.search(text)
    return named.group(0) if named else None
