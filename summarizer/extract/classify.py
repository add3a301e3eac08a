"""The type and status of an event from its sentence's cues: code overrules the small model where it slips.

An armed-conflict type is overruled by an unambiguous phrase ("seized the key city of Hama" is a
takeover whatever the model said); the status (denied, planned, claimed, asserted) is read from the
sentence. Every rule can be switched off in ``summarizer.text.names.RULES`` (docs/rules.md). Pure
functions; hand-written because the cues are ours. The cue words are English: ``reads_as_english`` tells
whether an article is, and the article-level checks (``tells_of_hazard``, ``tells_of_violence``: is there a
disaster to speak of at all) apply only then.
"""

from __future__ import annotations

import re

from ..core.schema import EventType, Status
from ..text.names import RULES
from ..text.quotes import without_quotes
from .subjects import verb_stem

__all__ = [
    "event_type",
    "event_status",
    "tells_of_accident",
    "tells_of_hazard",
    "tells_of_violence",
    "reads_as_english",
]


# Lexical cues, checked in this order, that decide the type of an armed-conflict event whatever the small
# model said: "seized the city after heavy fighting" is a takeover, not fighting. Every cue is a phrase
# that means the same in any domain; single words that cross domains ("left" office, "evacuated"
# residents, police "cleared" a square, shares "advanced", a business "operation") are not cues.
# What a military move is made on: a named place or a kind of place ("seized the key city of Hama",
# "broke through the Albu Kamal border crossing"), never goods, people or a square ("police seized drugs",
# "police cleared the square").
_ON_PLACE = (
    r"\s+(?:(?:the|a|key|strategic|major|northern|southern|eastern|western|central|most|of|several)\s+)*"
    r"(?:[A-Z]|cit(?:y|ies)|towns?|villages?|bases?|airports?|provinces?|regions?|districts?|territor|areas?|"
    r"borders?|crossings?|positions?|lines?)"
)
_TYPE_CUES: tuple[tuple[str, EventType, re.Pattern[str]], ...] = (
    (
        "cue_economic",
        EventType.economic,
        # A market move ("Qualcomm shares fell 4.3 percent") is economic in every story.
        re.compile(
            r"\b(shares?|stocks?|index|prices?|futures|bonds?|yields?|currency|earnings|revenue|profits?)\b"
            r".{0,40}\b(fell|fall|rose|rise|dropp|gain|climb|slid|slump|jump|plung|rall|percent|%)",
            re.I,
        ),
    ),
    (
        "cue_deal",
        EventType.economic,
        # A company bought, sold or merged ("agreed to buy rival chipmaker Astrix for $4.1 billion") is an
        # economic event in any story; the model types it political, takeover or diplomatic.
        re.compile(
            r"\b(?:acquisition|merger|buyout|takeover (?:bid|offer)|"
            r"(?:buy|buys|bought|buying|acquire[sd]?|acquiring|purchase[sd]?|purchasing|sell|sells|sold|selling|"
            r"merge[sd]?|merging|bid|bids)\b(?:\s+[\w.'’&-]+){0,6}?\s+"
            r"(?:for\s+(?:about\s+|nearly\s+|some\s+)?(?:US)?[$€£¥]|(?:a\s+)?stake\b|shares\b|rival\b|"
            r"(?:company|firm|maker|chipmaker|carmaker|bank|insurer|retailer|airline|group|unit|division|"
            r"business|brand|corp\.?|inc\.?|ltd\.?|plc)\b))",
            re.I,
        ),
    ),
    (
        "cue_legal",
        EventType.legal,
        # An arrest, a charge, a trial step or a ruling is a legal event whoever made it and in any story
        # ("Police arrested 14 protesters" is no protest of the police).
        re.compile(
            r"^(?:[\w'-]+\s+){0,3}?(arrest(ed|s|ing)?|detain(ed|s|ing)?|charg(ed|es|ing)|indict(ed|s|ing)?|"
            r"convict(ed|s|ing)?|sentenc(ed|es|ing)|acquit(ted|s)?|jail(ed|s)?|su(ed|es|ing)|prosecut\w+|"
            r"ruled|overturned|upheld|plead(ed|s)?|pled|remand(ed|s)?|fined|testif(ied|ies|y)|adjourn(ed|s)?|"
            r"(?:granted|denied|refused|set)\s+(?:\w+\s+)?bail|"
            # "extended her remand for eight days", "extended his detention"
            r"extend(ed|s)?\s+(?:\w+\s+)?(?:remand|detention|custody)|"
            # An appeal of a court's decision, not an appeal for calm or for aid.
            r"appeal(ed|s|ing)?\s+(?:against\s+)?(?:the|his|her|their|its|a|this)\s+"
            r"(?:[\w'’]+\s+)?(?:ruling|verdict|sentence|conviction|decision|judg(e)?ment|acquittal))\b",
            re.I,
        ),
    ),
    (
        "cue_attack",
        EventType.attack,
        # A strike from the air, a bombing, shelling or a shooting is one-sided violence in every story (a
        # small model types "a drone strike killed four people" as a disaster). "strike" alone is a labour
        # strike too, so only a weapon's strike counts.
        re.compile(
            r"\b((air|drone|missile|rocket|artillery)[ -]?strikes?|air ?raids?|bomb(ing|ings|ed|s)?|car bomb|"
            r"suicide (attack|bomb\w*)|shell(ing|ed)|gunm[ae]n|shooting|shot dead|stabb(ing|ed)|"
            # force used on a crowd and what a crowd throws (LABELLING.md §15.6): tear gas, rubber bullets,
            # water cannon, a baton charge; petrol bombs, Molotov cocktails
            r"tear ?gas|rubber bullets|water cannons?|baton[- ]charg\w*|stun grenades?|petrol[- ]bombs?|"
            r"molotov cocktails?|firebomb\w*)\b",
            re.I,
        ),
    ),
    (
        "cue_assault",
        EventType.attack,
        # Blows to a person are one-sided violence (LABELLING.md: an assault is an attack): "pushing, kicking and
        # slapping the soldiers", "biting a soldier", "punched a soldier in the face", "was beaten by police".
        # The acts only, with a person hit: "charges including assault" names a charge (legal); "kicked off",
        # "slapped with a fine", "biting sanctions", "beat the estimates" are no blows.
        re.compile(
            r"\b(?:(?:punch|kick)(?:ed|es|s|ing)?|slap(?:ped|s|ping)?|bit(?:e|es|ing|ten)?|assault(?:ed|ing)|"
            r"stabb(?:ed|ing)|strangl(?:ed|ing)|lynch(?:ed|ing))\s+"
            r"(?:(?!(?:with|off|on|out|in|into|up|down|back|over|at|for|to|through)\b)\w+\s+)?"
            r"(?:a|an|the(?!\s+dust\b)|him|her|them|his|their|two|three|several|soldiers?|troops|police(?:man|men)?|officers?|"
            r"protesters?|students?|journalists?)\b"
            r"|\b(?:pushing|kicking|slapping|punching|biting|hitting)(?:,\s+\w+ing)*\s*,?\s+and\s+\w+ing\b"
            r"|\b(?:was|were|been|being|got)\s+(?:\w+ly\s+)?(?:beaten|punched|kicked|slapped|bitten|stabbed|assaulted)\b"
            r"|\bbeat(?:en|ing)?\s+(?:up\s+)?(?:him|her|them|\w+\s+to\s+death)\b",
            re.I,
        ),
    ),
    (
        "cue_relief",
        EventType.humanitarian,
        # Rescue, evacuation of people, taking the injured to hospital, aid delivered (LABELLING.md §15.3) is
        # humanitarian in every story: "Helicopters ferried the injured to hospital" typed deployment,
        # "evacuated several buildings" disaster. The event must be that act (its description opens with
        # it), so "the quake forced the evacuation of ..." stays the quake; troops leaving a base stay theirs.
        re.compile(
            r"^(?:[\w'-]+\s+){0,3}?(?:rescu\w*|evacuat\w*(?!\s+(?:\w+\s+)?(?:base|bases|positions?|troops|forces|"
            r"soldiers|garrison))|search(?:ed|ing)?\s+for\s+(?:the\s+)?(?:missing|survivors|bodies|victims)|"
            r"(?:ferr\w*|airlift\w*|fl[eo]wn?|mov\w*|transport\w*|carr\w*|took|taken|tak\w*|brought)\s+"
            r"(?:\w+\s+)?(?:injured|wounded|victims|survivors|casualties|patients)|"
            r"(?:distribut\w*|deliver\w*|provid\w*|sen[dt]\w*|hand\w* out|airdrop\w*)\s+(?:\w+\s+){0,2}?"
            r"(?:aid|food|water|tents|blankets|supplies|relief|medicine|shelter)|"
            # people without a home for the night: "slept outside", "spent the night in the open", "left homeless"
            r"(?:slept|sleeping|sleep|spent the night|spending the night)\s+(?:outside|outdoors|in the open|"
            r"in tents|in (?:their )?cars|in the streets)|(?:left|made|were|are) homeless|"
            r"(?:housed|sheltering|sheltered)\s+in|"
            # people driven from their homes (LABELLING.md §3: displacement, refugee flows)
            r"displac\w*|fle[de]\s+(?:from\s+)?(?:their|the|his|her)\s+homes?|fleeing\s+(?:their|the)\s+homes?|"
            r"(?:forc\w*|driv\w*)\s+(?:\S+\s+){0,3}?(?:to flee|from their homes))\b",
            re.I,
        ),
    ),
    (
        "cue_toll",
        EventType.humanitarian,
        # A casualty toll stated on its own ("50 were injured", "the death toll rose to 14", "20 of the injured
        # remain in hospital") is humanitarian (LABELLING.md §15.3), never a political statement.
        re.compile(
            r"^(?:(?:said|says|that)\s+)?(?:(?:the\s+)?(?:death\s+)?toll\b|"
            r"(?:(?:a total of|at least|about|some|more than|nearly|around|another|only)\s+)?"
            r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
            r"fifty|dozens|scores|hundreds|thousands|several)\b(?:\s+[\w,]+){0,4}?\s+"
            r"(?:were|was|have been|had been|are|remain\w*)\s+(?:killed|injured|wounded|hurt|dead|missing|"
            r"in hospital|hospitali[sz]ed))",
            re.I,
        ),
    ),
    (
        "cue_disaster",
        EventType.disaster,
        # A natural hazard or an accident is a disaster in every story ("a fire broke out at a fuel depot"
        # typed attack). "opened fire" is not a fire: only a fire that broke out, spread or burned counts.
        re.compile(
            r"\b(earthquakes?|quakes?|tremors?|floods?|flooding|landslides?|mudslides?|avalanches?|storms?|"
            r"hurricanes?|typhoons?|cyclones?|tornado(es)?|wildfires?|bushfires?|blaze|tsunamis?|eruptions?|"
            r"erupted|droughts?|aftershocks?|fire (broke out|spread|swept|raged|burned|gutted|destroyed))\b",
            re.I,
        ),
    ),
    (
        "cue_accident",
        EventType.disaster,
        # A crash, a collision, a derailment or a sinking is an accident (a disaster in this vocabulary), not
        # an attack: "Two buses collided on the highway, killing 12" typed attack.
        re.compile(
            r"\b(?:(?:plane|train|bus|car|road|helicopter|air|boat|ferry)\s+crash(?:es|ed)?|crash(?:ed)?\s+(?:into|"
            r"on|near|shortly|after|while)|collid(?:ed|es|ing)|collisions?|derail(?:ed|ment|s)?|capsiz(?:ed|es)|"
            r"(?:ferry|boat|ship|vessel)\s+(?:sank|capsized)|ran aground|went off the road|plunged into|"
            # a fall: "after falling about 150 metres", "fell 30 feet", "fell to his death"
            r"f(?:e|a)ll(?:ing)?\s+(?:about\s+|some\s+|nearly\s+|more than\s+)?\d[\d,.]*\s*(?:metres|meters|feet|ft|m)|"
            r"fell to (?:his|her|their) deaths?)\b",
            re.I,
        ),
    ),
    (
        "cue_election",
        EventType.political,
        # An election, a vote or an office taken is political, whatever the model said when it said `other`.
        re.compile(
            r"\b(?:(?:won|wins?|winning|lost|loses?|losing)\s+(?:\w+\s+){0,3}?(?:election|elections|vote|runoff|"
            r"primary|referendum|seats?|majority|presidency)|(?:re-?)?elected|conceded(?: defeat)?|sworn in|"
            r"inaugurated|voted (?:to|for|against|in favou?r)|went to the polls|cast (?:their )?ballots|"
            r"turnout)\b",
            re.I,
        ),
    ),
    (
        "cue_protest",
        EventType.protest,
        # A strike or a march is a protest, never a withdrawal ("walked off the job") or a deployment.
        re.compile(
            r"\b(walk(ed|s|ing)? off the job|walk-?outs?|(went|go|goes|going) on strike|strike again|"
            r"(staged?|held|hold) (a |an )?(strike|walkout|protest|rally|demonstration|sit-in)|downed tools|"
            r"industrial action|picket\w*|took to the streets|march(ed|es)? (from|to|through|on)|rallied|"
            r"demonstrat(ed|ing) (against|outside|in)|riot(s|ed|ing|ers)?|(?:violence|unrest) "
            r"(?:broke out|erupted|flared|spread))\b",
            re.I,
        ),
    ),
    (
        "cue_diplomatic",
        EventType.diplomatic,
        # Talks, a truce or a ceasefire between parties are diplomatic, not a movement of forces.
        re.compile(
            r"\b(talks|negotiations?|truce|cease-?fire|peace (deal|agreement|plan|accord)|summit|mediat\w+)\b",
            re.I,
        ),
    ),
    (
        "cue_takeover",
        EventType.takeover,
        re.compile(
            r"\b((?i:seiz|captur|recaptur|liberat|overr[au]n|broke through|clear)\w*" + _ON_PLACE + r"|"
            r"(?i:(took|taken|take|takes|taking|gain(ed)?|seiz\w*|los(t|e|es|ing)) control|"
            r"hand(ed|s|ing)? over control|cede[ds]?|ceding|relinquish|under .{0,20}control)|"
            r"(?i:fell to|fall of)\s+(the\s+)?[A-Z])"
        ),
    ),
    (
        "cue_deployment",
        EventType.deployment,
        re.compile(
            r"\b((?i:redeploy|deploy|(relocat|mov|consolidat|mobili[sz])\w* (its |their )?(troops|forces)|"
            r"sen(t|d|ds|ding) (troops|forces|reinforcements)|reinforcements)|"
            r"(?i:head(ed|ing|s)? (to|toward|towards|for))" + _ON_PLACE + r")"
        ),
    ),
    (
        "cue_fighting",
        EventType.fighting,
        re.compile(
            r"\b((?i:clash|fighting|fought|offensive|military operation)|Operation [A-Z]|"
            r"(?i:advanc\w*)\s+(?i:in|on|into|to|toward|towards)" + _ON_PLACE + r")"
        ),
    ),
    (
        "cue_finance",
        EventType.economic,
        # A firm's money matters ("reports earnings in mid-January", "delivered shares to its top executives",
        # "moving overseas funds back could cost $20 billion") are economic; the model types them `other`. Only
        # words of corporate finance count (not a sum of money: "stole jewellery worth 2m euros" is a theft),
        # and only `other` and the movements of forces are overruled.
        re.compile(
            r"\b(?:earnings|profits?|revenues?|dividends?|taxe?s?|taxable|write-?downs?|(?:deferred )?tax assets|"
            r"buybacks?|share price|shares?\s+(?:to|in|of|were|was|fell|rose)|stock (?:awards?|options?|price)|"
            r"(?:overseas|foreign) (?:funds|earnings|cash|profits)|quarterly|fiscal|per share|balance sheet|"
            r"(?:huge|heavy|big|large|steep|net|quarterly|annual|trading|record)\s+loss(?:es)?)\b",
            re.I,
        ),
    ),
)
_CUE = {rule: cue for rule, _, cue in _TYPE_CUES}  # each cue by its rule, for the article-level checks
# The model's type is overruled only inside these: "disaster" for "lost control of Aleppo" is one of the small
# model's slips, as are "political" and "protest" for an offensive. The cues are phrases of armed conflict,
# so they leave a strike, a resignation or an evacuation alone whatever type the model gave.
_CONFLICT_FAMILY = {
    EventType.fighting,
    EventType.attack,
    EventType.takeover,
    EventType.withdrawal,
    EventType.deployment,
    EventType.protest,
    EventType.disaster,
    EventType.political,
    EventType.other,
}
# The cues that cross into other domains overrule only the types a small model confuses them with: clashes
# "despite the ceasefire" stay fighting, a police raid that "arrested" stays what the model said if it is an
# attack.
_OVERRIDES = {
    # A firm's money does not march: "accelerated the delivery of previously granted stock awards" typed
    # deployment is a finance matter too.
    "cue_finance": {EventType.other, EventType.deployment, EventType.withdrawal},
    "cue_deal": {EventType.political, EventType.other, EventType.takeover, EventType.diplomatic},
    "cue_legal": {
        EventType.protest,
        EventType.political,
        EventType.other,
        EventType.humanitarian,
        EventType.disaster,  # "Police arrested 14 protesters" typed disaster
        EventType.diplomatic,  # "his lawyers said they would appeal the ruling" typed diplomatic
    },
    # One-sided violence and hazards overrule only types that cannot be right for them.
    "cue_attack": {EventType.disaster, EventType.other, EventType.political, EventType.protest},
    "cue_assault": {EventType.other, EventType.political, EventType.disaster},
    "cue_disaster": {
        EventType.attack,
        EventType.fighting,
        EventType.takeover,
        EventType.withdrawal,
        EventType.deployment,
        EventType.protest,
        EventType.political,
        EventType.other,
    },
    "cue_protest": {
        EventType.withdrawal,
        EventType.deployment,
        EventType.other,
        EventType.political,
        EventType.disaster,
        EventType.humanitarian,
        EventType.legal,  # "Teachers went on strike over pay" typed legal
        EventType.economic,  # "Dock workers staged a strike" typed economic
    },
    "cue_accident": {EventType.attack, EventType.other, EventType.political, EventType.fighting},
    "cue_election": {EventType.other, EventType.withdrawal, EventType.deployment, EventType.disaster},
    "cue_diplomatic": {EventType.deployment, EventType.withdrawal, EventType.other, EventType.political},
    "cue_toll": {EventType.political, EventType.diplomatic, EventType.other},
    "cue_relief": {
        EventType.deployment,
        EventType.withdrawal,
        EventType.other,
        EventType.political,
        EventType.diplomatic,
        EventType.disaster,
    },
}
# Every type some cue may overrule: the conflict family and those named in _OVERRIDES (diplomatic, for a
# deal or an appeal).
_OVERRIDABLE = frozenset(_CONFLICT_FAMILY).union(*_OVERRIDES.values())
# A court's spokesman speaking is not a court acting: "said", "told reporters" stay what the model said.
_SPEECH_ONLY = re.compile(r"^\W*(?:said|says|told|stated|added|noted|confirmed)\b", re.I)
_DENIED = re.compile(r"\b(den(y|ies|ied)|rejected claims)\b", re.I)
# Planned: the event itself is to come, not any "will" in the sentence.
_PLANNED = re.compile(
    r"\b(plan(s|ned|ning)? to|intend(s|ed)? to|aim(s|ed)? to|(is|are|was|were) (set|due|scheduled|expected) to)\b",
    re.I,
)
_CLAIMED = re.compile(
    # "reported", not "report": "the company will report earnings" attributes nothing.
    r"\b(said|says|say|according to|reported|claim(s|ed)?|told|(sources?|reports?) (said|say|says)|"
    r"confirmed|stated|"
    # an allegation (LABELLING.md §15.5): "for allegedly assaulting", "is accused of", "on suspicion of"
    r"allegedly|(?:is|are|was|were|been)\s+accused\s+of|on\s+suspicion\s+of)\b",
    re.I,
)


# A crime against property or money (theft, robbery, burglary, a ram-raid, a heist, looting, fraud,
# smuggling, vandalism) is `other` in every story (evals/LABELLING.md §15.6): a small model types a ram-raid
# "attack", the getaway "withdrawal", the loot "disaster". Read from the description and its sentence ("drove
# a 4x4 through the window, before making off with the jewellery"); not when the sentence tells of violence
# against people (that is an attack) or of a court or police step (legal stays legal).
_PROPERTY_CRIME = re.compile(
    r"\b(?:st[eo]l(?:e|en|ing)|steals|robb(?:ed|ery|eries|ers?|ing)|robs?|heists?|burglar\w*|ram-raid\w*|"
    r"smash-and-grab|thie(?:f|ves)|loot(?:ed|ing)?|(?:made|make|makes|making) off with|escaped with|haul|"
    r"shoplift\w*|embezzl\w*|smuggl\w*|vandali[sz]\w*)\b",
    re.I,
)
_VIOLENCE = re.compile(
    r"\b(?:kill\w*|dead|died|shot|shoot\w*|stabb\w*|wound\w*|injur\w*|hurt|hostages?|kidnap\w*|bomb\w*|"
    r"explo\w*|assault\w*|beat(?:en|ing)?|murder\w*|rap(?:e|ed))\b",
    re.I,
)
# The police investigation of a crime, a forensic examination of the scene, a manhunt: `legal` in every
# story (LABELLING.md §15.6), never the crime itself ("Forensic teams were examining the crime scene" typed
# diplomatic, "Forensic policemen are going through the site of the robbery" other).
_INVESTIGATION = re.compile(
    r"\b(?:forensic\w*|investigat\w*|manhunt|crime scene|(?:examin|search|comb)\w* the (?:scene|site))\b", re.I
)
# A fire someone set is no disaster (an accident, LABELLING.md §15.3): arson of a building is an attack
# (§15.6), a fire set as a step of a crime ("They then set fire to the vehicle and escaped") is that step.
_SET_FIRE = re.compile(
    r"\b(?:set (?:fire to|alight|ablaze|on fire)|torch(?:ed|es|ing)|firebomb\w*|petrol[- ]bomb\w*|arson\w*|"
    r"molotov cocktails?)\b",
    re.I,
)
_BUILDING = re.compile(
    r"\b(?:house|houses|homes?|buildings?|offices?|station|church|mosque|synagogue|temple|school|shops?|"
    r"stores?|headquarters|embassy|bank|hotel|hospital|market)\b",
    re.I,
)
_PROPERTY_CRIME_OVERRIDES = {
    EventType.attack,
    EventType.fighting,
    EventType.takeover,
    EventType.withdrawal,
    EventType.deployment,
    EventType.disaster,
    EventType.diplomatic,
    EventType.political,
    EventType.humanitarian,
    EventType.protest,
}


# A description that is a market move and nothing else ("fell 1 percent", "were down about 1 percent", "rose
# slightly before the opening bell"): what moved is in its sentence ("fell into the river" is no move).
_MOVE_VERB = re.compile(
    r"^(?:were |was |have |has |had )?(?:fell|fall|falls|rose|rise|rises|dropped|slid|slumped|jumped|climbed|"
    r"gained|plunged|rallied|tumbled|surged|soared|down|up)\b",
    re.I,
)
_MOVE_WORDS = frozenset(
    "about nearly some almost slightly sharply by to at in early late trading before after the opening closing "
    "bell percent per cent points cents a share on".split()
)


def _bare_move(what: str) -> bool:
    found = _MOVE_VERB.match(what.strip())
    if not found:
        return False
    rest = re.findall(r"[^\s,.;]+", what.strip()[found.end() :])
    return all(w.casefold() in _MOVE_WORDS or re.fullmatch(r"[$€£]?[\d.,]+%?[mbk]?", w) for w in rest)


# Who acts in a court's name: what they do is a legal step ("The military court gave her lawyer more time
# to study the charges"), whatever the verb.
_COURT_ACTOR = re.compile(
    r"\b(?:court|courts|tribunal|judge|judges|magistrate|prosecutors?|prosecution|jury|justices?)$", re.I
)


# What a `disaster` is (LABELLING.md §15.3): a natural hazard, or an accident (a crash, a collapse, an
# accidental explosion, fire or spill) and what it caused. An article that tells of none has no disaster in
# it, whatever the small model typed: riot damage, a strike's grounded flights, a bank's "huge losses", an
# arrest ("12 people had been arrested" typed disaster in a strike story). Read over the whole article, as a
# power cut or a collapsed bridge is the quake's even in a sentence that does not name the quake.
_ACCIDENT = re.compile(
    r"\b(?:crash(?:es|ed|ing)?|collid\w*|collisions?|derail\w*|capsiz\w*|sank|sunk|sinking|shipwreck\w*|"
    r"run aground|ran aground|(?:gas|chemical|oil|fuel|toxic)\s+(?:leak|spill|cloud)s?|spill(?:ed|s)?|"
    r"outbreaks?|epidemics?|famine|heat ?waves?|cold snap|blizzards?|hailstorms?|lightning|"
    r"mines? (?:disaster|accident)|accidents?|accidental\w*)\b",
    re.I,
)
# A fire or an explosion is an accident only in an article that tells of no deliberate violence: in one about a
# bombing, an arson or a riot ("the burnt bank", "Athens burned", "three further explosions") it is the violence's.
_FIRE_OR_BLAST = re.compile(
    r"\b(?:fires?|caught fire|burn(?:ed|t|ing)?|flames|blaze|explosions?|exploded|blasts?)\b", re.I
)
# Something built that fell down; "the collapse of the economy" or of talks is no accident.
_STRUCTURE_COLLAPSED = re.compile(
    r"\b(?:buildings?|hous(?:e|es)|homes?|bridges?|roofs?|walls?|dams?|tunnels?|mines?|towers?|stands?|"
    r"schools?|hospitals?|blocks?|structures?|cranes?|stages?|ceilings?)\b(?:\s+\S+){0,4}?\s+collaps\w*|"
    r"\bcollaps\w*\s+of\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+)?(?:buildings?|hous(?:e|es)|bridges?|roofs?|"
    r"walls?|dams?|tunnels?|mines?|towers?|stands?|schools?|hospitals?|blocks?|structures?|cranes?)\b",
    re.I,
)
# Words of the hazards that are also something else: a fire someone opened, "to storm parliament", clashes
# that "erupted".
_NOT_HAZARD = re.compile(
    r"\b(?:open(?:ed|s|ing)?\s+fire|cease-?fire|under fire|fire(?:d|s)?\s+(?:at|on|shots|rockets?|missiles?|"
    r"shells?|tear gas)|(?:to|would|will|tried to)\s+storm|storm(?:ed|ing|s)?\s+(?:the|a|an|into|through|"
    r"its|their|his|her|[A-Z])|(?:clashes|violence|fighting|protests?|riots?|unrest|anger|fury|row|war|"
    r"battles?|scuffles?|demonstrations?)\s+(?:\w+\s+){0,2}erupt(?:ed|s|ing)?)\b",
    re.I,
)


# The commonest English function words: in English news they are about a third of the words, in French, German
# or Spanish a few percent (shared spellings such as "a", "in", "on"), in Chinese none.
_ENGLISH_WORDS = frozenset(
    "the of and to in a is was were that for on with as by at from it its he she they has had have are be said "
    "this which".split()
)


def reads_as_english(text: str) -> bool:
    """Whether ``text`` is English by its function words (at least 12% of its words among the commonest
    ones): the cue words of this module are English and say nothing about an article in another language."""
    words = re.findall(r"\w+", text.casefold())
    return bool(words) and sum(w in _ENGLISH_WORDS for w in words) >= 0.12 * len(words)


# Any word of a protest, a strike or a riot: without one, "protest" is the model's slip for a crowd's reaction.
_PROTEST_WORD = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march\w*|strik(?:e|es|ers?|ing)|walk-?outs?|walked off|"
    r"riot\w*|sit-ins?|boycott\w*|picket\w*|petition\w*|chant\w*|placards?|banners?|occup(?:y|ied|ation)|"
    r"tear ?gas|unrest|dissent\w*|activists?|industrial action|downed tools)\b",
    re.I,
)


def tells_of_hazard(text: str, violent: bool = False) -> bool:
    """Whether ``text`` names a natural hazard or an accident (the cue of ``cue_disaster``, an accident word, a
    structure that collapsed, or a fire or explosion when ``violent`` is False, i.e. when the article tells of
    no bombing, arson or attack). An English article without one has no ``disaster`` event (rule
    ``disaster_needs_hazard``)."""
    text = _NOT_HAZARD.sub(" ", text)
    if violent:
        text = _FIRE_OR_BLAST.sub(" ", text)
    return bool(
        _CUE["cue_disaster"].search(text)
        or _ACCIDENT.search(text)
        or _STRUCTURE_COLLAPSED.search(text)
        or (not violent and _FIRE_OR_BLAST.search(text))
    )


def tells_of_accident(text: str) -> bool:
    """Whether ``text`` tells of an accident: a crash, a collision, a sinking, a fall (the cue of ``cue_accident``)."""
    return bool(RULES["cue_accident"] and _CUE["cue_accident"].search(text))


def tells_of_violence(text: str) -> bool:
    """Whether ``text`` tells of deliberate violence: a bombing, an air strike, shelling, a shooting, force on
    a crowd, arson (the cues of ``cue_attack`` and ``cue_set_fire``)."""
    return bool(_CUE["cue_attack"].search(text) or _SET_FIRE.search(text))


# Who can be deployed, withdrawn or fight (LABELLING.md §3: deployment and withdrawal are movements of
# forces, fighting is between armed groups): armed forces, police, rescuers, and what carries them. Words that
# are also business words ("units", "divisions", "fleet", "officers", "columns") are left out; "military"
# covers "military columns".
_FORCES = re.compile(
    r"\b(?:troops?|forces|soldiers?|army|armies|militar(?:y|ies)|militias?|militiamen|fighters|"
    r"rebels?|insurgents?|guerrillas?|jihadists?|gunmen|police|policemen|gendarm\w*|guards?|guardsmen|marines?|"
    r"navy|naval|warships?|battalions?|brigades?|regiments?|convoys?|tanks|jets|aircraft|helicopters?|"
    r"drones?|peacekeepers?|commandos?|paramilitar\w*|rescuers?|rescue (?:teams?|workers?)|firefighters?|"
    r"reinforcements?|armed)\b",
    re.I,
)
# The types that need forces: a company "battling" a rival or "moving" its headquarters is not one of them.
FORCE_TYPES = frozenset({EventType.deployment, EventType.withdrawal, EventType.fighting})


def tells_of_forces(text: str) -> bool:
    """Whether ``text`` names armed forces, police, rescuers or what carries them (``_FORCES``). An English
    article without any has no deployment, withdrawal or fighting (rule ``movement_needs_forces``)."""
    return bool(_FORCES.search(text))


def event_type(model_type: EventType, what: str, who: str | None = None, sentence: str = "") -> EventType:
    """The model's type, unless the description carries an unambiguous cue of another type.

    ``who`` is read with the description when it names a happening rather than an actor ("The bombing"
    in "The bombing ... killed 24 people"), for the cues of violence and hazards only; ``sentence`` (the
    evidence sentence) only for the property-crime cue. Words the sentence quotes ("demonstrators chanted
    'Thieves, thieves!'") are someone's words, not what happened: the sentence is read without them."""
    if RULES["quotes_are_words"]:
        sentence = without_quotes(sentence)
    crime_overrides = _PROPERTY_CRIME_OVERRIDES | {EventType.other}
    if (
        RULES["cue_property_crime"]
        and model_type in crime_overrides
        and _INVESTIGATION.search(f"{what} {sentence}")
        and not _VIOLENCE.search(f"{what} {sentence}")
    ):
        return EventType.legal
    if (
        RULES["cue_property_crime"]
        and model_type in _PROPERTY_CRIME_OVERRIDES
        and _PROPERTY_CRIME.search(f"{what} {sentence}")
        and not _VIOLENCE.search(f"{what} {sentence}")
    ):
        return EventType.other
    if RULES["cue_set_fire"] and model_type is EventType.disaster:
        if _SET_FIRE.search(what):
            said = f"{who or ''} {what}"  # "Two other buildings" / "were set on fire"
            return EventType.attack if _BUILDING.search(said) or _VIOLENCE.search(said) else EventType.other
        if _SET_FIRE.search(sentence) and (_BUILDING.search(sentence) or _VIOLENCE.search(sentence)):
            # "three bank workers were killed when their branch went up in flames after a protester threw a
            # petrol bomb": the deaths and the fire are the arson's, an attack (§15.3: deliberate, not a disaster)
            return EventType.attack
    if (
        RULES["protest_needs_protest"]
        and model_type is EventType.protest
        and not _PROTEST_WORD.search(f"{what} {sentence}")
        and tells_of_hazard(sentence)
    ):
        # "People ran outside in Banda Aceh as the quake shook houses", "We've been able to prevent it
        # spreading": people fleeing or fighting a hazard, in a sentence that names no protest of any kind
        return EventType.disaster
    if model_type not in _OVERRIDABLE:
        return model_type
    if (
        RULES["cue_court_actor"]
        and who
        and model_type in _OVERRIDES["cue_legal"]
        and _COURT_ACTOR.search(who.strip())
        and not _SPEECH_ONLY.match(what)
    ):
        return EventType.legal
    bare_move = _bare_move(what)  # read by the market-move cue and by the protest cue's exception
    for rule, candidate, cue in _TYPE_CUES:
        if not RULES[rule] or model_type not in _OVERRIDES.get(rule, _CONFLICT_FAMILY):
            continue
        text = f"{who} {what}" if who and rule in ("cue_attack", "cue_disaster") else what
        if rule == "cue_disaster":
            text = _NOT_HAZARD.sub(" ", text)  # "tried to storm parliament", "opened fire": no hazard
        if rule == "cue_economic" and bare_move:
            text = sentence or what  # "fell 1 percent" of "Shares of Goldman Sachs fell 1 percent to $254"
        if rule == "cue_protest" and _CUE["cue_economic"].search(
            sentence or what if bare_move else f"{who or ''} {what}"
        ):
            continue  # "bank stocks have rallied": a market's rally, not a crowd's
        if cue.search(text):
            return candidate
    return model_type


def event_status(sentence: str, what: str = "") -> Status:
    """How the sentence presents what it states: denied, planned, claimed (attributed) or asserted.

    Planned only when the event is: a plan phrase ("set to", "due to", "plans to"), or "will"/"would"
    before the event's own verb ("will withdraw" for "withdraw from Homs", not "will report earnings")."""
    if RULES["status_denied"] and _DENIED.search(sentence):
        return Status.denied
    if RULES["status_planned"] and _planned(sentence, what):
        return Status.planned
    if RULES["status_claimed"] and _attributed(sentence, what):
        return Status.claimed
    return Status.asserted


# An attribution that closes the sentence: "..., police said.", "..., the agency reported on Monday.",
# "... (AP) quoted by IRNA", "according to ..." anywhere after the event's words.
_TAIL_CLAIM = re.compile(
    r"(?:\baccording to\b|[,(]\s*(?:[\w'’.&-]+\s+){0,7}?(?:said|says|say|told|reported|reports|confirmed|stated|"
    r"claimed|claims|added)"
    # then only its time ("on Monday", "late Tuesday") or, inverted, who said it ("said police spokesman Ali")
    r"(?:\s+(?:(?:on|late|early|last|this)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"yesterday|today|tonight)(?:\s+(?:morning|afternoon|evening|night))?|"
    # (a name with its office: "said Sutopo Purwo Nugroho of the National Disaster Mitigation Agency", "said
    # Ema Suryani, a doctor at a health clinic in Lampahan")
    r"(?:\s+(?!(?:had|has|have|was|were|is|are|would|will|could|that|nothing|it|they|he|she)\b)[\w'’.&-]+){1,12}"
    r"(?:,[^,]{1,80})?)?"
    r"\s*[.!\"”’)]*\s*$)",
    re.I,
)


def _attributed(sentence: str, what: str) -> bool:
    """Whether the sentence attributes the event to a source: an attribution before the event's words
    ("Police said the man ..."), or one closing the sentence after them ("..., police said."); a "said" of
    another clause after them ("Turkmenistan voted Sunday ..., but Western observers said nothing had
    changed") is another statement. When the words are not found, any attribution in the sentence counts."""
    at = sentence.casefold().find(what.casefold()) if what and RULES["claimed_by_its_clause"] else -1
    if at < 0:
        return bool(_CLAIMED.search(sentence))
    return bool(
        _CLAIMED.search(sentence[: at + len(what)])  # before the words, or in them ("said the villages were hit")
        or _TAIL_CLAIM.search(sentence[at + len(what) :])
    )


_PLAN_CUE = (
    r"(?:will|would|shall|'ll|(?:is|are|was|were)\s+(?:set|due|scheduled|expected|going|poised)\s+to|"
    # "is to be held", "yet to be decided"; not "the eighth person to be convicted" (a state, told in the past)
    r"plans?\s+to|planned\s+to|planning\s+to|intends?\s+to|aims?\s+to|agreed\s+to|(?:is|are|was|were|yet)\s+to\s+be)"
)


def _planned(sentence: str, what: str) -> bool:
    """The event itself is to come: a plan phrase in its own words, or one just before its verb in the
    sentence ("are set to vote", "would resume"), not any "due to" elsewhere ("a truce agreed on Dec. 20 is
    due to expire": the agreement happened)."""
    if _PLANNED.search(what) or re.search(rf"(?:^|\s){_PLAN_CUE}\s+\w", what, re.I):
        return True
    verbs = [w for w in re.findall(r"[a-z]+", what.lower()) if len(w) > 3][:2]
    stems = [verb_stem(w)[:5] for w in verbs]
    return any(re.search(rf"\b{_PLAN_CUE}\s+(?:\w+\s+){{0,2}}{re.escape(stem)}", sentence, re.I) for stem in stems)
