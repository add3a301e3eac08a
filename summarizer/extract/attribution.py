"""Is an event drawn from the sentence it cites? Events whose description stands in another sentence, and
the sentences that deserve a second look.

A small model asked about several numbered sentences with the whole article in view often describes, for
one sentence, what a neighbouring one says ("the regional relief agency said" -> "said it had sent 30
tonnes of food", the next sentence's content). Replayed over every eval suite, 63 of 371 events (17%) had
a description whose content words stood in another sentence of the article and hardly in their own: a
wrong citation and, for the sentence itself, a missed event. The quote validators cannot see this: the
who/whom/where quotes may well stand in the cited sentence.

The measure is ours (written by hand, as there is no library for "is this paraphrase drawn from this
sentence"): the share of the description's content words, compared by Snowball stem (``snowballstemmer``),
that the sentence contains. An event is *misattributed* when its own sentence holds under a third of
them and another sentence of the article holds at least a third more: a description that matches no
sentence (a language the stemmer does not know, a free paraphrase) is left alone.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import snowballstemmer
from pydantic import BaseModel

from ..text.articles import Article
from ..text.time_words import has_time_words
from .drafts import STATES_EVENTS, EventDraft, kept_events

__all__ = ["drawn_from", "misattributed", "attributed_events"]

# Function words and reporting verbs say nothing about which sentence a description comes from.
_STOP = frozenset(
    "a an the of to and or in on at by for with from as that its their his her is are was were be been has have "
    "had will would said says say told reported added it they he she this these those who whom which into over "
    "after before about than then also not no".split()
)
_WORD = re.compile(r"[\w'’-]+")
_STEMMER = snowballstemmer.stemmer("english")
# The stemmer keeps the word it works on in itself, and a batch summarises articles on several threads:
# two threads in it at once get each other's stems or an IndexError, so they take turns.
_STEMMER_LOCK = threading.Lock()
_OWN = 1 / 3  # below this share of its content words in its own sentence, a description is suspect ...
_MARGIN = 1 / 3  # ... when another sentence holds at least this much more of them.


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """The Snowball stem of one word (kept: a batch meets the same words in article after article)."""
    with _STEMMER_LOCK:
        return _STEMMER.stemWord(word)


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    words = [w.strip("'’-") for w in _WORD.findall(text.lower())]
    return frozenset(_stem(w) for w in words if w and w not in _STOP)


def drawn_from(description: str, sentence: str) -> float:
    """The share (0-1) of ``description``'s content words that ``sentence`` contains, by stem; 1.0 for a
    description with no content word."""
    wanted = _stems(description)
    return len(wanted & _stems(sentence)) / len(wanted) if wanted else 1.0


def misattributed(description: str, sentence_id: int, article: Article) -> bool:
    """Whether ``description`` stands in another sentence of ``article`` rather than in sentence
    ``sentence_id`` (see the module docstring for the thresholds)."""
    own = drawn_from(description, article.sentence(sentence_id).text)
    if own >= _OWN:
        return False
    best = max((drawn_from(description, s.text) for s in article.sentences if s.id != sentence_id), default=0.0)
    return best >= own + _MARGIN


def attributed_events(answer: BaseModel, article: Article) -> tuple[list[EventDraft], list[int]]:
    """The events an answer states for the article's body sentences, and the sentences to look at again.

    Returns ``(drafts, doubtful)``: ``drafts`` are the kept events (see ``drafts.kept_events``) of body
    sentences whose description is not misattributed; ``doubtful`` lists, in order and once each, the body
    sentences that lost an event as misattributed, and those classed as stating no event although they
    date something: a "description" or a "comment" with time words that do not point forward ("A truce
    agreed on Dec. 20 is due to expire", "her lawyer said Wednesday she doubts ...", not "the law will boost
    earnings next year" or "Forecasters expect more rain over the weekend", a forecast). 7 of the 10 such
    sentences in the eval suites hold a gold event; in a replay of every suite, asking again about forecasts
    too cost the business suite 0.007 event F1 and gained nothing elsewhere.
    """
    drafts: list[EventDraft] = []
    doubtful: list[int] = []
    for draft in kept_events(answer):
        if article.sentence(draft.s).kind != "body":
            continue  # the title, headings and page furniture are shown for context only
        if misattributed(draft.what, draft.s, article):
            doubtful.append(draft.s)
        else:
            drafts.append(draft)
    for entry in getattr(answer, "sentences", []):
        sentence = article.sentence(entry.s)
        if entry.kind in STATES_EVENTS or sentence.kind != "body":
            continue
        if has_time_words(sentence.text, past_only=entry.kind in ("comment", "description")):
            doubtful.append(entry.s)
    return drafts, list(dict.fromkeys(doubtful))
