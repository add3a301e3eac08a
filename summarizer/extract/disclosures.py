"""A company's dated disclosure of a figure, in a sentence the model gave no event for (LABELLING.md §15.4).

"Goldman cautioned in its filing late Thursday that the actual earnings charge could differ significantly from
its $5 billion estimate", "The company said in a statement on Monday that it would take a $300 million
charge": a company making a figure known, in a filing, a statement or a release, on a day the sentence
gives. LABELLING.md §15.4 makes the disclosure the event, dated the day of the disclosure. A small model often
reads such a sentence as comment (a caution, an estimate, a forecast inside it) and gives nothing; another
outlet's "revealed in a filing early on Friday" is then never set against it, and their disagreement about
the day is never seen.

``disclosure_drafts`` reads, from each sentence the model gave no event for, a disclosure whose subject is
a company of the article (``subjects.is_company``), whose verb makes something known "in" a filing,
statement, release or report, whose time the sentence gives, and which states a sum of money. The draft goes
through the same reading as the model's drafts; the act of disclosing then folds with the figure it
discloses as any other (``restatements.fold_disclosures``).

Written by hand: the cue words are English of this project's choosing (rule ``dated_disclosure`` in
``text.names.RULES``, measured in docs/rules.md); no library finds a company's disclosure in news text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.schema import EventType, QuantityKind
from ..text.articles import Article
from ..text.names import RULES
from ..text.quantities import find_quantities
from ..text.time_words import find_time_words
from .drafts import EventDraft
from .subjects import is_company

__all__ = ["disclosure_drafts"]

# "<Company> cautioned in its filing late Thursday that ...", "The bank said in a regulatory filing on Friday".
_DISCLOSED = re.compile(
    r"^(?P<who>(?:[A-Z][\w&.'’-]*\s+){0,4}?[A-Z][\w&.'’-]*|[Tt]he\s+(?:company|firm|bank|lender|group))\s+"
    r"(?:also\s+|later\s+)?(?P<what>(?:said|disclosed|cautioned|warned|noted|revealed|reported|announced|"
    r"confirmed|estimated|stated)\s+in\s+(?:its|a|an|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:filings?|statements?|releases?|reports?)\b.*)$"
)


def disclosure_drafts(article: Article, drafted: Iterable[int]) -> list[EventDraft]:
    """Drafts of the dated disclosures of a figure by a company of ``article``, one per sentence, from the
    body sentences whose number is not in ``drafted`` (those the model gave an event for). Each: who the
    company as written, what the sentence from its verb (at most 100 characters, cut at a word), when the
    sentence's one time expression, type economic."""
    if not RULES["dated_disclosure"]:
        return []
    given = set(drafted)
    found = []
    for sentence in article.sentences:
        if sentence.id in given or sentence.kind != "body":
            continue
        match = _DISCLOSED.match(sentence.text.strip())
        if match is None or not is_company(match.group("who"), article.text):
            continue
        when = find_time_words(sentence.text)
        money = any(q.kind is QuantityKind.money for q in find_quantities(sentence.text))
        if when is None or not money:
            continue
        what = match.group("what").rstrip(" .")
        found.append(
            EventDraft(
                s=sentence.id,
                who=match.group("who"),
                what=what if len(what) <= 100 else what[:100].rsplit(" ", 1)[0],
                whom=None,
                where=None,
                when=when,
                type=EventType.economic,
            )
        )
    return found
