"""What states no happening, although the model gave it as an event (evals/LABELLING.md §2.1, §15.2).

A forecast or an expectation ("Forecasters expect more rain", "the bank will likely report a loss"), a state
foretold ("will be among the largest beneficiaries", "will be 14.3 percent"), and a negation that denies no
one's claim ("did not immediately return messages", "cannot be sold for five years", "was not asked to
enter a plea") state nothing that happened. A denial stays: "The army said it did not fire on protesters"
is a claim that something did not happen, status denied or claimed, and an event.

Hand-written: the cues are English phrases of this project's choosing (each switchable in
``text.names.RULES``, measured in docs/rules.md); no library tells a forecast from a plan in news text.
"""

from __future__ import annotations

import re

from ..core.schema import Event, Status
from ..text.acts import CASUALTY
from ..text.names import RULES
from .subjects import find_words

__all__ = ["is_prediction", "states_no_happening"]

# A prediction, expectation or speculation is no happening: "Forecasters expect more rain", "prices could
# rise", "a teenage Palestinian girl could face up to 14 years", "suggest that if the rebels capture Homs".
_PREDICTION = re.compile(
    r"^(?:[\w'-]+\s+){0,4}?(?:expect(?:s|ed)?|forecasts?|predicts?|anticipates?|suggests?|could|(?-i:may)|might|"
    r"(?:is|are) likely to)\b",
    re.I,
)
# A plan in a hedged or estimating sentence is a forecast, not a plan (LABELLING.md §2.1, §15.2: analysts'
# estimates, expectations and predictions are no events): "the bank will likely report a loss", "the charge
# would be $3.2 billion, he estimated", "is expected to be positive". A reported "would" ("said talks would
# resume on Friday") is a plan told in the past tense and stays; "would have" is a counterfactual.
_HEDGED = re.compile(
    r"\b(?:could|might|(?-i:may)|(?:un)?likely|expect(?:s|ed|ing)?|estimat\w*|forecast\w*|predict\w*|projected|"
    r"anticipat\w*|would have|potentially|"
    # a plan with no time but a vague future ("plans to use the credits in the future"): no step is set
    r"in the (?:near |distant )?future|eventually|some ?day|at some point|in the long (?:run|term)|over time)\b",
    re.I,
)
# A state foretold: "will be the top beneficiary", "will be 14.3 percent"; never a planned step told in the
# passive ("talks will be held on Monday", "the plant will be shut").
_STATE_FORETOLD = re.compile(
    r"^(?:will|would)\s+(?:now\s+|also\s+|still\s+)?(?:(?:be|become|remain)\s+"
    r"(?!\w+(?:ed|en)\b|held|set|hit|shut|cut|put|made|sent|sold|built|brought|taken|given|seen|told|found|"
    r"kept|paid|won|lost|run|begun|done|gone)\S|have\s+(?:less|more|fewer|greater|lower|higher|no)\b|"
    # a situation compared with today's: "will operate in a much more favorable tax environment"
    r"\w+\s+(?:\w+\s+){0,2}?(?:in|into|under)\s+(?:a|an)\s+(?:much\s+|far\s+|even\s+)?(?:more|less|better|"
    r"worse|stronger|weaker|tougher|easier|harder|friendlier)\b)",
    re.I,
)
# A negated description ("did not say", "cannot be sold", "are not part of"), or a bare auxiliary left of one.
_NEGATED = re.compile(
    r"^(?:(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should)(?:\s+not|n't)\b|cannot\b|"
    r"never\b|declined to comment|(?:did|does|do)$|"
    # "there had been no reports of damage or injuries", "there were no immediate reports of casualties"
    r"(?:said\s+(?:that\s+)?)?there\s+(?:was|were|had\s+been|have\s+been|has\s+been|are|is)\s+no\s+"
    r"(?:\w+\s+)?(?:reports?|signs?|word)\s+of\b)",
    re.I,
)
# ... unless someone denies a claim: "said it did not fire", "denied", "rejected claims".
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied)|rejected|insist(?:s|ed)?|(?:said|says|maintained|claimed|stated)\s+(?:that\s+)?"
    r"(?:it|they|he|she|its|their|his|her)\b[^.]{0,30}?\b(?:did|does|had|has|was|were|is|are)(?:\s+not|n't))\b",
    re.I,
)


# A habit, a rule or a standing arrangement is no happening (LABELLING.md §2.1 "long-standing states",
# §15.2 "standing facts about a company", "what a law would allow"): a habitual adverb at the event's verb
# ("It typically delivers shares in January", "those companies tended to use the money"), a generic
# subject (a bare plural, no article or number before it) with a verb of ability or obligation
# ("Companies can make the payments in eight installments", "Public companies are required to account"),
# and a sentence that frames a rule ("Previously, companies had to pay 35 percent", "Under the new law, ...").
_HABITUAL = re.compile(
    r"\b(?:typically|usually|generally|normally|traditionally|routinely|customarily|tend(?:s|ed)?\s+to)\b", re.I
)
_ABILITY = re.compile(
    r"^(?:(?:also|still|now|then)\s+)?(?:can(?:not)?|must|(?-i:may)|might|have to|need to|"
    r"(?:are|were) (?:required|allowed|permitted|obliged|able) to|will (?:be able|have) to|"
    r"(?:would|could) be able to)\b",
    re.I,
)
_BARE_PLURAL = re.compile(
    r"^(?!(?:the|these|those|its|their|his|her|our|some|many|all|both|most|\d)\b)(?:[\w.'’-]+\s+){0,2}[a-z]+s$", re.I
)
# What a law, a rule or a tax regime does (§15.2: what a law would allow is no event; passing it is): its
# subject is the law ("The new tax overhaul", "The tax measure signed into law this month") and its verb is
# in the present ("imposes", "spreads"), or in the past for a law that no longer holds ("The old regime
# allowed ...").
_WHAT_A_LAW_DOES = re.compile(
    r"\b(?:law|laws|act|bill|measure|overhaul|regime|rules?|code|reform|policy|system|treaty|regulations?)\s*$", re.I
)
# The law as the clause's subject with what was done to it after it: "The tax measure signed into law by
# President Donald Trump this month", "The bill passed by the Senate on Tuesday".
_LAW_SUBJECT = re.compile(
    r"^(?:the|a|an|this|that|its|their|his|her)\s+(?:[\w'’.-]+\s+){0,3}?(?:law|act|bill|measure|overhaul|regime|"
    r"rules?|code|reform|policy|treaty|regulations?)\s+(?:signed|passed|approved|adopted|enacted|introduced|"
    r"proposed|unveiled|drafted|backed)\b[^,;]*$",
    re.I,
)
# A sentence that opens with what a law does to those it governs: "The old tax regime allowed companies to
# defer U.S. taxes until they brought back earnings held abroad", "The new rules require banks to hold more
# capital". Whatever the model drew from the rest of that clause is the rule, not a happening. A verb in the
# past counts only for a law that no longer holds ("old", "previous", "former"): "The law required ..." of
# today's law may be a ruling's account.
_LAW_OPENS = re.compile(
    r"^\W*(?:under\s+)?(?:the|a|an|this|that|its|their)\s+(?P<old>(?:old|previous|former|earlier)\s+)?"
    r"(?:[\w'’.-]+\s+){0,3}?(?:law|laws|act|bill|measure|overhaul|regime|rules?|code|reform|policy|system|treaty|"
    r"regulations?)\s+(?:(?:also|still|now)\s+)?(?:(?P<present>(?:allow|let|permit|require|force|oblige|impose|"
    r"bar|prohibit|exempt|give|grant)s?)|(?P<past>allowed|let|permitted|required|forced|obliged|imposed|barred|"
    r"prohibited|exempted|gave|granted))\b",
    re.I,
)
_PRESENT_OR_OLD = re.compile(
    # a verb in the present, never an auxiliary ("was signed") nor a step in a law's life ("takes effect",
    # "passes", "expires": those are happenings)
    r"^(?:(?:also|now|still)\s+)?(?!(?:is|was|has|does|takes|comes|passes|expires|enters|goes)\b)[a-z]+(?<!s)s\b"
    r"|^\w+ed\b.*\b(?:old|previous|former)\b",
    re.I,
)
# A standing fact about a company, a place or a person (§15.2: "the firm employs 900 people", "the town has
# 40,000 inhabitants"): a verb of having with a figure, never "has agreed" or "had taken" (an auxiliary).
_STANDING = re.compile(
    r"^(?:has|have|had|owns|employs|holds|is home to|gets|earns|counts)\s+(?!been\b|\w+(?:ed|en)\b)"
    r"(?=.*(?:\d|\bas of\b))",
    re.I,
)
_RULE_FRAME = re.compile(
    r"^\W*(?:previously|under (?:the |a )?(?:old|new|current|existing|previous|proposed)\b[^,]{0,40}),", re.I
)


def is_prediction(description: str) -> bool:
    """The model's description (without its reporting verb) forecasts rather than reports."""
    return RULES["drop_prediction"] and bool(_PREDICTION.match(description))


# Analysis told in the present: what developments "signal", "mark", "underscore" or what a place "serves as"
# (LABELLING.md §2.1: analysis is no event). The verb opens the description, after at most four words of its
# subject ("the latest developments signal a significant shift").
_ANALYSIS = re.compile(
    r"^(?:[\w'’-]+\s+){0,4}?(?:(?:signals|marks|underscores|highlights|illustrates|demonstrates|reflects|"
    r"represents|serves\s+as|epitomi[sz]es|exemplifies|symboli[sz]es)|"
    # a plural subject with the verb's plain form ("developments signal"), never "sent a signal"
    r"(?<=s\s)(?:signal|underscore|highlight|illustrate|demonstrate|reflect|represent|serve\s+as))\b",
    re.I,
)


# Where a happening stands in a series, not a happening: "Paris has also been the scene of high-profile
# robberies", "The heist ... is the latest to hit France", "the attack was the deadliest in a decade".
_IN_A_SERIES = re.compile(
    r"^(?:(?:has|have)\s+(?:also\s+|long\s+|often\s+|repeatedly\s+|previously\s+)?been\s+(?:the\s+)?"
    r"(?:scene|site|setting)\s+of|(?:is|was|are|were)\s+(?:also\s+)?the\s+(?:latest|\w+est)\s+"
    r"(?:(?:in|of)\s+a\b|to\b|since\b|in\s+(?:a|the|years|decades|recent))|(?:is|was)\s+the\s+latest\b)",
    re.I,
)


# The penalty the law sets for anyone convicted: "An adult found guilty of assaulting a soldier could be jailed
# for up to 10 years", "Anyone convicted of treason faces the death penalty" (what anyone of a kind may face).
_PENALTY = re.compile(
    r"^\W*(?:an?|any|anyone|anybody|those|people|someone|whoever)\b[^,;]{0,40}?\b(?:found guilty|convicted|"
    r"charged)\s+(?:of|with)\b[^;]*?\b(?:could|can|(?-i:may)|might|would|faces?|risks?)\b",
    re.I,
)


# An outlook judged ("But its future is bright", "the prospects look bleak") and analysts' estimates ("its own
# bank analysts estimated that ... would increase"): opinion and forecasts (LABELLING.md §2.1, §15.2).
_OUTLOOK = re.compile(
    r"^(?:(?:but|and|yet)\s+)?(?:its|their|his|her|the|our)\s+(?:\w+\s+)?(?:future|outlook|prospects?)\s+"
    r"(?:is|are|was|were|looks?|remains?|seems?)\b|"
    r"^(?:[\w'’-]+\s+){0,4}?analysts?\s+(?:\w+\s+)?(?:estimat|expect|forecast|predict|project)\w*",
    re.I,
)
# Only who someone is, no verb: "Brian Kleinhanzl, an analyst at investment bank Keefe, Bruyette & Woods."
_ROLE_ONLY = re.compile(
    r"^(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:analyst|spokes(?:man|woman|person)|official|executive|economist|"
    r"professor|lawyer|attorney|director|chief|manager|strategist|researcher|adviser|advisor)\s+(?:at|of|with|for)\b"
    r"(?!.*\b(?:said|says|told|was|were|is|are|has|have|had|will|would)\b)",
    re.I,
)


def _generic(description: str, sentence: str) -> bool:
    """The description, read in its sentence, tells a habit, a rule, what anyone of a kind may do, analysis,
    an outlook or an estimate, who someone is, or where a happening stands in a series."""
    if _RULE_FRAME.match(sentence):
        return True
    if _ANALYSIS.match(description) or _IN_A_SERIES.match(description) or _PENALTY.match(sentence):
        return True
    if _OUTLOOK.match(description) or _ROLE_ONLY.match(description):
        return True
    if _STANDING.match(description) and not CASUALTY.search(description):
        return True  # "has about 200,000 residents", "had $31.2 billion in earnings reinvested abroad"
    words = description.split()
    found = find_words(" ".join(words[:3]), sentence) if words else None
    law = _LAW_OPENS.match(sentence)
    if law and (law.group("present") or law.group("old")):
        # what the law does, and whatever the model drew from that clause (not from a later one)
        if found is None or (found >= law.start() and not re.search(r"[;:]|,\s+(?:and|but)\b", sentence[:found])):
            return True
    if found is None:  # the model's own words: any clause of the sentence that is a generic statement
        # (a habit told in another clause, "which usually floods", says nothing of this one)
        return any(_generic_clause(clause, "", habits=False) for clause in _CLAUSES.split(sentence))
    return _generic_clause(_CLAUSES.split(sentence[:found])[-1], description)


_CLAUSES = re.compile(r"[,;:]|\b(?:that|when|after|while|because|which|who)\b")


def _generic_clause(clause: str, description: str, habits: bool = True) -> bool:
    """``clause`` (the words before ``description``, or a whole clause) with ``description`` is a habit
    (``habits``) or what anyone of a kind may do."""
    clause = clause.strip()
    if habits and (_HABITUAL.search(clause) or _HABITUAL.match(description)):
        return True
    if (_WHAT_A_LAW_DOES.search(clause) or _LAW_SUBJECT.match(clause)) and _PRESENT_OR_OLD.match(
        description + " " + clause
    ):
        return True  # "The new tax overhaul imposes a levy", "The old regime allowed companies to defer"
    subject, verb = clause, description
    ability = re.search(
        r"\s+(?=(?:can|cannot|must|(?-i:may)|might|have|need|are|were|will|would|could)\b)", clause, re.I
    )
    if ability:  # "Companies can" before the model's "make the payments"
        subject, verb = clause[: ability.start()], clause[ability.end() :] + " " + description
    return bool(_BARE_PLURAL.match(subject.strip()) and _ABILITY.match(verb.strip()))


def states_no_happening(event: Event) -> str | None:
    """The rule by which ``event`` states no happening ("drop_hedged_plan", "drop_state_foretold",
    "drop_negated", "drop_generic"), or None when it is an event."""
    sentence = event.evidence[0].text
    description = event.description.strip()
    if RULES["drop_generic"] and event.status is not Status.denied and _generic(description, sentence):
        return "drop_generic"
    if RULES["drop_hedged_plan"] and event.status is Status.planned and _HEDGED.search(sentence):
        return "drop_hedged_plan"  # a forecast: nothing is planned by anyone
    if RULES["drop_state_foretold"] and event.status is Status.planned and _STATE_FORETOLD.match(description):
        return "drop_state_foretold"
    if (
        RULES["drop_negated"]
        and event.status is not Status.denied
        and _NEGATED.match(description)
        and not _DENIAL.search(sentence)
    ):
        return "drop_negated"
    if RULES["drop_empty_speech"] and _EMPTY_SPEECH.match(description) and not _SPEECH_VERB.search(sentence):
        # '"Power rests entirely with the president."' (a quote's own sentence) told as "said": nobody says
        # anything in this sentence, and what is quoted is no happening
        return "drop_empty_speech"
    return None


# A description that is only a verb of saying ("said", "said added", "says"), and the verbs that would make
# its sentence a statement.
_EMPTY_SPEECH = re.compile(r"^(?:(?:said|says|say|added|told|stated|noted|explained)\s*)+\W*$", re.I)
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|added|adds|told|tells|stated|states|noted|notes|explained|according)\b", re.I
)
