"""The scorer on small hand-made cases, edge cases included."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.core.schema import Actor, Event, EventDate, EventType, Evidence, Location, Precision, Role, Status
from summarizer.eval.gold import GoldEvent
from summarizer.eval.score import bcubed, match_events, pairwise, prf, score_article

TEXT = "Rebels seized Hama on Thursday. Troops left Deir ez-Zor. Analysts worry."
S1 = "Rebels seized Hama on Thursday."
S2 = "Troops left Deir ez-Zor."
DAY = EventDate(value=dt.date(2024, 12, 5), precision=Precision.day, text="on Thursday")
NONE = EventDate(value=None, precision=Precision.unknown, text=None)


def gold(
    event_id: str, sentence: str, type_: EventType, place: str, actor: str, date: EventDate = NONE, core: bool = False
) -> GoldEvent:
    return GoldEvent(
        id=event_id,
        type=type_,
        description="d",
        core=core,
        status=Status.asserted,
        historical=False,
        actors=[Actor(name=actor, canonical=actor, role=Role.agent)],
        locations=[Location(name=place, canonical=place, country="Syria")],
        date=date,
        evidence=[sentence],
    )


def pred(event_id: str, sentence: str, type_: EventType, place: str, actor: str, date: EventDate = NONE) -> Event:
    start = TEXT.index(sentence)
    return Event(
        id=event_id,
        type=type_,
        description="d",
        status=Status.asserted,
        historical=False,
        quantities=[],
        actors=[Actor(name=actor, canonical=actor, role=Role.agent)],
        locations=[Location(name=place, canonical=place, country=None)],
        date=date,
        evidence=[Evidence(sentence_id=1, start=start, end=start + len(sentence), text=sentence)],
    )


GOLDS = [
    gold("g1", S1, EventType.takeover, "Hama", "Rebels", DAY, core=True),
    gold("g2", S2, EventType.withdrawal, "Deir ez-Zor", "Troops"),
]


def test_perfect_prediction_scores_one() -> None:
    preds = [
        pred("e1", S1, EventType.takeover, "Hama", "Rebels", DAY),
        pred("e2", S2, EventType.withdrawal, "Deir ez-Zor", "Troops"),
    ]
    score = score_article("a", preds, GOLDS, TEXT)
    assert (score.precision, score.recall, score.f1, score.strict_f1) == (1.0, 1.0, 1.0, 1.0)
    assert score.core_recall == 1.0 and score.grounding_rate == 1.0 and score.date_accuracy == 1.0


def test_wrong_sentence_never_matches_however_well_named() -> None:
    preds = [pred("e1", S2, EventType.takeover, "Hama", "Rebels", DAY)]
    score = score_article("a", preds, GOLDS[:1], TEXT)
    assert score.matches == [] and score.f1 == 0.0 and score.core_recall == 0.0


def test_relaxed_counts_a_wrong_type_strict_does_not() -> None:
    preds = [pred("e1", S1, EventType.fighting, "Hama", "Rebels", DAY)]
    score = score_article("a", preds, GOLDS[:1], TEXT)
    assert score.f1 == 1.0 and score.strict_f1 == 0.0 and score.type_accuracy == 0.0


def test_one_to_one_assignment_prefers_the_better_pair() -> None:
    golds = [gold("g1", S1, EventType.takeover, "Hama", "Rebels"), gold("g2", S1, EventType.fighting, "Hama", "Army")]
    preds = [pred("e1", S1, EventType.fighting, "Hama", "Army"), pred("e2", S1, EventType.takeover, "Hama", "Rebels")]
    matches = {m.pred_id: m.gold_id for m in match_events(preds, golds, TEXT)}
    assert matches == {"e1": "g2", "e2": "g1"}


def test_duplicates_cost_precision() -> None:
    preds = [
        pred("e1", S1, EventType.takeover, "Hama", "Rebels", DAY),
        pred("e2", S1, EventType.takeover, "Hama", "Rebels", DAY),
    ]
    score = score_article("a", preds, GOLDS[:1], TEXT)
    assert score.precision == 0.5 and score.recall == 1.0


def test_empty_sides() -> None:
    assert score_article("a", [], GOLDS, TEXT).recall == 0.0
    empty = score_article("a", [], [], TEXT)
    assert empty.f1 == 0.0 and empty.core_recall is None and empty.grounding_rate is None


def test_ungrounded_prediction_lowers_grounding_rate() -> None:
    bad = pred("e1", S1, EventType.takeover, "Damascus", "Rebels", DAY)
    assert score_article("a", [bad], GOLDS, TEXT).grounding_rate == 0.0


def test_prf_and_clustering_metrics() -> None:
    assert prf(1, 2, 4) == pytest.approx((0.5, 0.25, 1 / 3))
    truth = {"a": "X", "b": "X", "c": "Y"}
    assert bcubed(truth, truth) == (1.0, 1.0, 1.0)
    assert pairwise(truth, truth) == (1.0, 1.0, 1.0)
    lumped = {"a": "1", "b": "1", "c": "1"}
    p, r, _ = bcubed(lumped, truth)
    assert r == 1.0 and p == pytest.approx((2 / 3 * 2 + 1 / 3) / 3)
    pp, pr, _ = pairwise(lumped, truth)
    assert (pp, pr) == (pytest.approx(1 / 3), 1.0)


def test_a_pair_under_the_threshold_never_buys_its_place_in_the_matching(monkeypatch) -> None:
    """Raw totals would pair A with g2 (0.44, no match) and B with g1 (0.46) for 0.90 against A-g1's 0.80:
    the strong match lost to a non-match. Only matches count towards the total."""
    import summarizer.eval.score as score

    table = {("A", "g1"): 0.80, ("A", "g2"): 0.44, ("B", "g1"): 0.46, ("B", "g2"): 0.0}
    monkeypatch.setattr(score, "similarity", lambda p, g, spans: table[(p.id, g.id)])
    preds = [pred("A", S1, EventType.takeover, "Hama", "Rebels"), pred("B", S1, EventType.other, "x", "y")]
    matches = match_events(preds, GOLDS, TEXT)
    assert [(m.pred_id, m.gold_id, m.similarity) for m in matches] == [("A", "g1", 0.8)]


def test_a_similarity_at_the_threshold_is_a_match_whatever_its_last_bit(monkeypatch) -> None:
    import summarizer.eval.score as score

    at = 0.35 + 0.10  # 0.44999999999999996 in floating point, the threshold in words
    monkeypatch.setattr(score, "similarity", lambda p, g, spans: at if g.id == "g1" else 0.0)
    matches = match_events([pred("A", S1, EventType.takeover, "Hama", "Rebels")], GOLDS, TEXT)
    assert [(m.pred_id, m.gold_id) for m in matches] == [("A", "g1")]


def test_an_actor_named_as_the_gold_writes_it_is_right_whatever_the_labellers_canonical() -> None:
    """The gold's canonical of an unnamed group is the labeller's own label ("Hama attackers" for "Rebels");
    the tool that names the same mention found the actor. Another mention of that group is not enough."""
    labelled = GOLDS[0].model_copy(
        update={"actors": [Actor(name="Rebels", canonical="Hama attackers", role=Role.agent)]}
    )
    same_mention = pred("p1", S1, EventType.takeover, "Hama", "Rebels", DAY)
    other_mention = pred("p1", S1, EventType.takeover, "Hama", "Gunmen", DAY)
    assert score_article("a", [same_mention], [labelled], TEXT).actor_accuracy == 1.0
    assert score_article("a", [other_mention], [labelled], TEXT).actor_accuracy == 0.0
    canonical_only = same_mention.model_copy(
        update={"actors": [Actor(name="the rebel fighters", canonical="Hama attackers", role=Role.agent)]}
    )
    assert score_article("a", [canonical_only], [labelled], TEXT).actor_accuracy == 1.0
