"""Direct quotes and who they are attributed to: '"I saw an injured person ...," one woman in Qeshm told AFP.'

A quote may run over several sentences of the split ('"The earthquake was really strong, and people poured
into the streets in panic. My husband immediately rushed off to one of the stricken villages," said Sara
Sadeqi, 22, a homemaker'): every sentence inside it takes the attribution that follows the closing quote
mark. Written by hand: the libraries that find quotations (textacy's ``direct_quotations``) need a spaCy
parse, which this package does not install; quote marks and the words after them are enough here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["quote_attributions", "private_witness", "without_quotes"]

_OPEN = '"“«'
_CLOSE = '"”»'
# What follows a closing quote mark when it says who spoke: ', said X', ' X told AFP', ', according to X'.
_ATTRIBUTION = re.compile(
    r"^\s*[,.!?]?\s*(?P<who>.{0,160}?\b(?:said|says|told|added|adds|recalled|according to|explained|wrote)\b.{0,160})$",
    re.I,
)
# Someone who spoke only as a witness: an age and an occupation ("Sara Sadeqi, 22, a homemaker"), or an
# unnamed person of the street ("one woman in Qeshm", "a resident", "another villager").
_PRIVATE = re.compile(
    r",\s*\d{1,3},\s+(?:an?|the)\s+\w|"
    r"\b(?:one|a|an|another)\s+(?:[\w-]+\s+){0,2}?(?:woman|man|resident|witness|survivor|villager|homemaker|"
    r"housewife|shopkeeper|farmer|student|mother|father|neighbou?r|passer-?by|onlooker|bystander|eyewitness)s?\b",
    re.I,
)


# A quoted span: straight or curly double quotes, or single quotes around at least two words (so an apostrophe,
# "Goldman's", opens none).
_QUOTED = re.compile(r"\"[^\"\n]{2,}\"|“[^”\n]{2,}”|(?<!\w)['‘][^'‘’\n]{2,}\s[^'‘’\n]*['’](?!\w)")


def without_quotes(text: str) -> str:
    """``text`` with every quoted span (a chant, a quote: someone's words, not what happened) put as a space:
    'demonstrators chanted "Thieves, thieves!" as they ...' -> 'demonstrators chanted   as they ...'."""
    return _QUOTED.sub(" ", text)


def quote_attributions(sentences: Sequence[str]) -> dict[int, str]:
    """For each index of ``sentences`` (in article order) that lies inside a direct quote, the words after the
    quote's closing mark when they attribute it ("one woman in Qeshm told AFP."); sentences outside quotes,
    or in a quote with no attribution, are absent."""
    out: dict[int, str] = {}
    inside: list[int] = []
    for index, text in enumerate(sentences):
        stripped = text.strip()
        opens_here = not inside and stripped[:1] in _OPEN
        if not inside and not opens_here:
            continue
        inside.append(index)
        body = stripped[1:] if opens_here else stripped
        closing = max((body.rfind(c) for c in _CLOSE), default=-1)
        if closing < 0:
            if len(inside) > 4:  # an unclosed mark: no quote runs this long in news
                inside = []
            continue
        found = _ATTRIBUTION.match(body[closing + 1 :])
        if found:
            for member in inside:
                out[member] = found.group("who").strip()
        inside = []
    return out


def private_witness(attribution: str) -> bool:
    """Whether the attribution names a private witness (an age and occupation, or an unnamed person of the
    street) rather than an official, an agency or a named source."""
    return bool(_PRIVATE.search(attribution))
