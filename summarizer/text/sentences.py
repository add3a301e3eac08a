"""Sentence splitting with pysbd, paragraph by paragraph, keeping character spans.

Lines are paragraphs in news text (headlines, bylines and body paragraphs each stand on their own
line), so every line is segmented on its own; pysbd then handles abbreviations such as "Nov. 27" and
"U.S.", which a naive split on full stops gets wrong.

pysbd was measured against syntok, sentencex and blingfire on the case articles and the eval suites: it
was the best, and all four keep "in Washington, D.C. Police arrested 14 protesters" and "based in the U.S.
Organisers said" as one sentence (so the arrest's evidence starts at the march). What pysbd lacks is added
here, in one place, by hand (no library has it):

* a sentence may end with a dotted abbreviation (D.C., U.S., U.N.) or a street ("on Main St."); pysbd seldom
  cuts there, and the text is cut only on evidence from both sides. Before it, the abbreviation must close a
  clause the way a place or a body does: "the U.S." or a state after its city ("in Washington, D.C.") after at
  least three words, a street after a preposition or a house number. A person's initials take no "the" and are
  no state ("J.P. Morgan", "A.B. Smith and C.D. Jones", "in London, J.P. Morgan said"), and "The U.S. Fed" or
  "U.S. Steel said" opens its sentence, so none of these is ever cut. After it, the next words must read as a
  new sentence: a word that opens one and never goes on a name ("The", "Its", "But", "No", "Three",
  "However,"), or a capitalised word and then a lower-case word that is no preposition or article and looks
  like a verb ("China condemned", "Police then") or follows a plural ("Residents fear"). A capitalised word
  that goes on a name (institution words: "the U.S. Navy band", "U.N. Security Council", "E.U. Commission
  said") or a day or month ("D.C. Thursday arrested") opens none. Left alone: a title before a name ("the U.S.
  President Biden spoke"), which reads both ways;
* a title or rank before a name ("Gen.", "Lt. Col.", "Sen.", "Ft.") and a clock time before a day ("3 p.m.
  Monday") never end a sentence, nor does a company's "Co."/"Corp." before its legal form or its head's
  title and name ("Samsung Electronics Co. Ltd.", "Toyota Motor Corp. President Koji Sato said"): pysbd
  cuts there, and such pieces are joined again;
* Chinese and Japanese: a full stop (。！？) followed by a closing quote mark ends the sentence after the
  quote ("村民说：“我们失去了一切。”救援仍在继续。" is two sentences; pysbd keeps it one), unless the
  quote goes on as a quoted clause (Japanese 「…。」と住民は話した, which pysbd cuts inside the quote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

__all__ = ["Span", "split_sentences"]


@dataclass(frozen=True)
class Span:
    """One sentence: its [start, end) in the text it was split from, and its text."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


# --- a dotted abbreviation or a street at the end of a sentence -------------------------------------

# "U.S.", "D.C.", "U.N.", "E.U.", "U.S.A." (also a person's initials: the left-hand test tells them apart).
_ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}")
# A street: "Main St.", "Elm St." ("St. Louis", "St. Mary's" are saints and have no capitalised word before).
_STREET = re.compile(r"\b[A-Z][a-z]+ St\.")
# Where a city stands before its state ("in Washington, D.C.") and a street after ("on Main St.").
_PLACE_PREPOSITIONS = frozenset(
    "in on at to from near outside inside into onto across along off of around through throughout within "
    "toward towards via".split()
)
# A state after its city ("in Washington, D.C."); a person's initials after a comma ("in London, J.P. Morgan
# said") are not one of them.
_STATES = frozenset("D.C. N.Y. N.J. N.C. S.C. N.D. S.D. N.H. N.M. R.I.".split())
_DAYS_AND_MONTHS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
# Words that open a sentence and never go on a name: determiners, pronouns, conjunctions, number words,
# sentence adverbs and the prepositions that open a time or place phrase ("In 2010", "On Tuesday,").
_STARTERS = frozenset(
    "The A An This That These Those It Its He His She Her They Their We Our I There But Yet So However "
    "Meanwhile Still Moreover Nevertheless Instead Separately Elsewhere Later Earlier Then Now Also No Nobody "
    "None Some Several Many Most Few All Both Each Every Such Another About Around Nearly Almost Roughly "
    "Only More Dozens Hundreds Thousands Millions One Two Three Four Five Six Seven Eight Nine Ten Eleven "
    "Twelve Thirteen Fourteen Fifteen Sixteen Seventeen Eighteen Nineteen Twenty Thirty Forty Fifty Sixty "
    "Seventy Eighty Ninety On In At After Before During Since Until When While If As Although Though Despite "
    "According Last".split()
)
# Capitalised words that continue a name after an abbreviation: "U.S. Navy", "U.N. Security Council",
# "E.U. Commission", "U.S. Marshals", "the U.S. Open", "the U.S. Midwest".
_CONTINUES = frozenset(
    "Army Navy Air Force Forces Marine Marines Coast Guard Military Space Command Central Special Joint "
    "Embassy Consulate Mission Senate Congress House Parliament Government Administration Cabinet Department "
    "Ministry Office Agency Bureau Service Commission Council Assembly Court Supreme Security Treasury Fed "
    "Federal Reserve Capitol Constitution Census Geological Postal Customs Border Marshals Justice Defense "
    "Defence State National Attorney District Secretary Ambassador Envoy President Vice General "
    "Representative Senator Trade Olympic Open Steel Mint Chamber Bank Women Children Refugee Human "
    "Midwest Northeast Northwest Southeast Southwest Gulf Virgin".split()
)
# Lower-case words that cannot follow a sentence's first word as its verb or adverb.
_FUNCTION_WORDS = frozenset(
    "of in on at for to from with by and or nor but the a an as than that which who whom whose where near "
    "into onto over under after before between against during since about among across via per".split()
)
_AUXILIARIES = frozenset(
    "is are was were has have had will would can could may might must should shall did does do also then "
    "still now later again already never often soon once too".split()
)
_IRREGULAR_PAST = frozenset(
    "said told took began went made gave came left met ran fled held won lost hit cut set put shot sent spent "
    "kept found struck stole fell rose broke led saw threw drew grew knew fought bought brought caught sought "
    "thought built stood sat got paid laid sold beat hid shook woke flew blew drove rode wrote spoke chose "
    "froze dug hung stuck sank rang swam became withdrew arose upheld".split()
)
_NEXT_WORDS = re.compile(
    r"\s+(?P<first>[A-Z][a-z]*(?:-[A-Za-z]+)?(?P<possessive>['’]s)?)(?P<comma>,)?\s+"
    r"(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)?(?P<second>[a-z][a-z'’-]*)?"
)


def _verb_like(word: str) -> bool:
    """A finite verb or a sentence adverb by its form: 'arrested', 'says', 'was', 'then', 'reportedly'."""
    return (
        word in _AUXILIARIES
        or word in _IRREGULAR_PAST
        or (len(word) > 3 and word.endswith(("ed", "ly")))
        or (len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is")))
    )


def _plural(word: str) -> bool:
    """A plural subject that takes a bare verb ('Residents fear', 'Talks resume', 'Police say')."""
    return word in ("Police", "People") or (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")))


def _starts_sentence(after: str) -> bool:
    """Whether ``after`` (the text right after an abbreviation) opens a new sentence."""
    match = _NEXT_WORDS.match(after)
    if not match:
        return False
    first = match["first"].split("-")[0].removesuffix(match["possessive"] or "")
    if first in _STARTERS:
        return True
    second = match["second"]
    if match["comma"] or first in _CONTINUES or first in _DAYS_AND_MONTHS or not second:
        return False
    if second in _FUNCTION_WORDS:
        return False
    return bool(match["possessive"]) or _verb_like(second) or _plural(first)


def _closes_clause(before: str, abbreviation: str, street: bool) -> bool:
    """Whether ``before`` (the sentence up to ``abbreviation``) lets the abbreviation end it."""
    words = before.split()
    if street:
        return len(words) >= 2 and (words[-1] in _PLACE_PREPOSITIONS or words[-1].isdigit())
    if len(words) < 3:
        return False
    if words[-1] == "the":
        return True
    city = words[-1]
    return abbreviation in _STATES and city.endswith(",") and city[:1].isupper() and words[-2] in _PLACE_PREPOSITIONS


def _abbreviation_cuts(line: str, start: int, end: int) -> list[int]:
    """Offsets in ``line[start:end]`` right after an abbreviation that ends a sentence."""
    found = [(match, False) for match in _ACRONYM.finditer(line, start, end)]
    found += [(match, True) for match in _STREET.finditer(line, start, end)]
    cuts = []
    for match, street in sorted(found, key=lambda item: item[0].start()):
        sentence_start = cuts[-1] if cuts else start
        before = line[sentence_start : match.start()]
        if _closes_clause(before, match.group(), street) and _starts_sentence(line[match.end() : end]):
            cuts.append(match.end())
    return cuts


# --- titles, clock times -----------------------------------------------------------------------------

_TITLE_END = re.compile(
    r"\b(?:Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Pvt|Adm|Cmdr|Brig|Sen|Rep|Gov|Pres|Dr|Mr|Mrs|Ms|Prof|Rev|Hon|Insp|Supt|"
    r"Det|Fr|St|Mt|Ft|No)\.$"
)
# A company's name ends in "Corp." or "Co."; its legal form or its head's title goes on ("Samsung Electronics
# Co. Ltd.", "Toyota Motor Corp. President Koji Sato said").
_COMPANY_END = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Plc|PLC|LLC)\.$")
_COMPANY_GOES_ON = re.compile(
    r"^(?:(?:Inc|Corp|Co|Ltd|Plc|PLC|LLC)\.|(?:Chief\s+(?:Executive|Financial|Operating)(?:\s+Officer)?|Chairman|"
    r"Chairwoman|CEO|President|Managing\s+Director)\s+[A-Z][a-z.])"
)
_CLOCK_END = re.compile(r"\b\d{1,2}(?::\d\d)?\s*[ap]\.m\.$", re.IGNORECASE)
_DAY_START = re.compile(
    r"^(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|local|GMT|UTC|"
    r"[A-Z]{2,4}T)\b"
)

# --- Chinese and Japanese: a full stop inside a closing quote -------------------------------------------

_CJK_CHAR = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_CLOSING_QUOTES = '”」』"’）)﹂﹄'
# A full stop (or ！？, which the normaliser makes ASCII) and the quote marks that close after it.
_QUOTE_END = re.compile(rf"[。｡！？!?]+[{_CLOSING_QUOTES}]+")
_CJK_BEFORE = re.compile(rf"[{_CJK_CHAR}]")
# What may open the next sentence right after the quote: a letter, a digit or an opening quote, but not
# the Japanese quoting particles と / って that make the quote part of the sentence.
_AFTER_QUOTE = re.compile(r"(?![とっ_])[\w“「『（(]")


def _is_cjk_stop(line: str, stop_start: int) -> bool:
    """Whether the full stop run starting at ``stop_start`` is Chinese or Japanese punctuation."""
    if line[stop_start] in "。｡":
        return True
    return stop_start > 0 and bool(_CJK_BEFORE.match(line, stop_start - 1))


def _quote_cuts(line: str, start: int, end: int) -> list[int]:
    """Offsets in ``line[start:end]`` right after a closing quote that follows a Chinese/Japanese full stop."""
    return [
        match.end()
        for match in _QUOTE_END.finditer(line, start, end)
        if match.end() < end and _is_cjk_stop(line, match.start()) and _AFTER_QUOTE.match(line, match.end())
    ]


def _quote_cut_inside(line: str, previous: tuple[int, int], start: int) -> bool:
    """pysbd cut 「…。|」と: the piece at ``start`` opens with the closing quote of the one before."""
    text = line[previous[0] : previous[1]].rstrip()
    return (
        start < len(line)
        and line[start] in _CLOSING_QUOTES
        and bool(text)
        and text[-1] in "。｡！？!?"
        and _is_cjk_stop(line, previous[0] + len(text) - 1)
    )


def _pieces(line: str) -> list[tuple[int, int]]:
    """pysbd's sentences of one line as [start, end) offsets, with the repairs above."""
    joined: list[tuple[int, int]] = []
    for piece in _segmenter().segment(line):
        start, end = piece.start, piece.end
        if joined:
            previous = line[joined[-1][0] : joined[-1][1]].rstrip()
            if (
                _TITLE_END.search(previous)
                or (_CLOCK_END.search(previous) and _DAY_START.match(line[start:end].lstrip()))
                or (_COMPANY_END.search(previous) and _COMPANY_GOES_ON.match(line[start:end].lstrip()))
                or _quote_cut_inside(line, joined[-1], start)
            ):
                joined[-1] = (joined[-1][0], end)
                continue
        joined.append((start, end))
    pieces: list[tuple[int, int]] = []
    for start, end in joined:
        for cut in sorted(set(_abbreviation_cuts(line, start, end) + _quote_cuts(line, start, end))):
            pieces.append((start, cut))
            start = cut
        pieces.append((start, end))
    return pieces


def split_sentences(text: str) -> list[Span]:
    """Split text into sentences, each a trimmed span of ``text``."""
    spans: list[Span] = []
    line_start = 0
    for line in text.split("\n"):
        if line.strip():
            for piece_start, piece_end in _pieces(line):
                start = line_start + piece_start
                end = line_start + piece_end
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    spans.append(Span(start, end, text[start:end]))
        line_start += len(line) + 1
    return spans
