"""Numbers in news sentences: word numbers, ranges, bounds, vague counts, money by what it is, never a date."""

from __future__ import annotations

import pytest

from summarizer.core.schema import QuantityBasis, QuantityKind, QuantityQualifier
from summarizer.text.quantities import find_quantities

K, Q, B = QuantityKind, QuantityQualifier, QuantityBasis


def found(sentence: str) -> list[tuple]:
    return [(q.kind, q.value, q.upper, q.qualifier) for q in find_quantities(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # word numbers, hyphenated or spaced, are read whole
        ("Twenty-three people were killed when the ferry capsized.", [(K.killed, 23, None, Q.exact)]),
        ("Thirty two passengers were injured.", [(K.injured, 32, None, Q.exact)]),
        ("Forty-one miners were missing after the blast.", [(K.missing, 41, None, Q.exact)]),
        # a verb before the number says what happened to those counted
        ("A car bomb on Dec. 26 killed four people.", [(K.killed, 4, None, Q.exact)]),
        ("Police arrested 14 protesters near the gates.", [(K.arrested, 14, None, Q.exact)]),
        ("Authorities evacuated 5,000 residents from the valley.", [(K.displaced, 5000, None, Q.exact)]),
        ("The carmaker will cut 1,200 jobs.", [(K.jobs, 1200, None, Q.exact)]),
        # bounds, ranges and vague words (ACLED: the lowest number the word allows)
        ("The quake killed at least 11 people.", [(K.killed, 11, None, Q.at_least)]),
        ("More than 1,000 people have fled the town.", [(K.displaced, 1000, None, Q.at_least)]),
        ("Up to 300 people were evacuated.", [(K.displaced, 300, None, Q.at_most)]),
        ("About 2,000 people marched to the palace.", [(K.participants, 2000, None, Q.about)]),
        ("Officials put the toll at between 30 and 40 dead.", [(K.killed, 30, 40, Q.range)]),
        ("Dozens of people were killed in the raid.", [(K.killed, 12, None, Q.vague)]),
        ("Hundreds were wounded in the stampede.", [(K.injured, 100, None, Q.vague)]),
        ("Thousands of workers walked out on Monday.", [(K.participants, 1000, None, Q.vague)]),
    ],
)
def test_counts_of_people(sentence: str, expected: list[tuple]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It was followed by at least four strong aftershocks.", [(4, Q.at_least, "aftershocks")]),
        ("Seven villages were flattened.", [(7, Q.exact, "villages")]),
        ("About 1,500 mud-brick houses were damaged.", [(1500, Q.about, "houses")]),
        ("One bus was hit.", [(1, Q.exact, "buses")]),
        ("The airline cancelled 120 flights.", [(120, Q.exact, "flights")]),
        ("He was sentenced to 10 years in prison.", [(10, Q.exact, "years")]),
        ("She could face up to 14 years in jail.", [(14, Q.at_most, "years")]),
        ("In the past 10 years prices rose.", []),  # a span of time, no prison term
        ("Police fired 20 rounds of tear gas.", []),  # not a count this project records
        ("Two helicopters began moving the injured.", [(2, Q.exact, "helicopters")]),  # never 2 injured
        ("In 2003 villages were hit.", []),  # a year
    ],
)
def test_counts_of_things_and_prison_terms_are_kind_other_with_what_they_count(sentence: str, expected) -> None:
    """LABELLING.md §15.7: villages, houses, aftershocks, vehicles, years of a sentence are kind ``other``."""
    found = [(q.value, q.qualifier, q.unit) for q in find_quantities(sentence) if q.kind is K.other]
    assert found == expected


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("They made off with a €2 million ($2.6-million) booty.", 2.6e6),
        ("The firm agreed a $4.5-billion deal.", 4.5e9),
        ("It was a 2.6-million-dollar heist.", 2.6e6),
    ],
)
def test_a_scale_word_joined_by_a_hyphen_scales_the_number(sentence: str, value: float) -> None:
    assert value in [q.value for q in find_quantities(sentence) if q.kind is K.money]


@pytest.mark.parametrize(
    "sentence",
    [
        "It was the worst accident since a 2019 sinking that left the port closed.",  # a year
        "A 6.1 magnitude earthquake struck at 4 a.m. on Nov. 27.",  # magnitude, clock time, date
        "The 17-year-old was the third victim named.",  # an age, an ordinal
        "The agency sent 30 tonnes of food to the district.",  # a weight, not people
    ],
)
def test_never_a_date_year_age_or_magnitude_as_a_count(sentence: str) -> None:
    # (a magnitude is read as a magnitude, never as a count of anything)
    assert [q for q in find_quantities(sentence) if q.kind is not K.money and q.unit != "magnitude"] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "An earthquake measuring at least magnitude-5.9 shook the area.",
            [(5.9, Q.at_least, "at least magnitude-5.9")],
        ),
        ("Tehran's center put the magnitude at 5.9; the USGS put it at 6.1.", [(5.9, Q.exact, "magnitude at 5.9")]),
        ("A 6.1-magnitude quake struck Qeshm island.", [(6.1, Q.exact, "6.1-magnitude")]),
        ("In 2003 a quake measuring 6.4 on the Richter scale hit Bam.", [(6.4, Q.exact, "6.4 on the Richter scale")]),
        ("It had a magnitude of 5.9, the agency said.", [(5.9, Q.exact, "a magnitude of 5.9")]),
        ("The magnitude of the crisis is 10 times what we saw.", []),  # no quake: nothing
    ],
)
def test_a_quake_magnitude_is_kind_other_in_unit_magnitude(sentence: str, expected: list[tuple]) -> None:
    got = [q for q in find_quantities(sentence) if q.kind is K.other]
    assert [(q.value, q.qualifier, q.text) for q in got] == expected
    assert all(q.unit == "magnitude" for q in got)


def test_a_year_before_a_toll_is_not_the_toll() -> None:
    assert found("It was the deadliest since a 2019 sinking that killed 17 people.") == [(K.killed, 17, None, Q.exact)]


def test_money_says_what_it_is_and_a_price_move_is_a_percent_change() -> None:
    offer = find_quantities("Broadcom offered $82 a share, $60 in cash and $22 in stock, or $121 billion in all.")
    assert [(q.value, q.basis, q.unit) for q in offer] == [
        (82, B.per_share, "USD"),
        (60, B.component, "USD"),
        (22, B.component, "USD"),
        (121e9, B.total, "USD"),
    ]
    move = find_quantities("Qualcomm shares fell 4.3 percent to $63.20.")
    assert {(q.kind, q.value, q.basis) for q in move} == {(K.percent, 4.3, B.change), (K.money, 63.2, B.per_share)}
    grant = find_quantities("The council approved a \u20ac2.5 million grant.")
    assert [(q.value, q.unit, q.basis) for q in grant] == [(2.5e6, "EUR", B.total)]
    assert [(q.value, q.unit) for q in find_quantities("Thieves took 2 million euros in jewels.")] == [(2e6, "EUR")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The death toll rose to 23, officials said.", [(QuantityKind.killed, 23.0)]),
        ("The death toll from the quake has risen to more than 1,000.", [(QuantityKind.killed, 1000.0)]),
        (
            "Rescuers recovered six more bodies, bringing the toll to twenty-three.",
            [(QuantityKind.killed, 6.0), (QuantityKind.killed, 23.0)],
        ),
        ("Officials put the toll at 40 on Monday.", [(QuantityKind.killed, 40.0)]),
        ("The highway toll rose to $5.", [(QuantityKind.money, 5.0)]),  # a road toll is money, not the dead
    ],
)
def test_a_toll_stated_before_its_number(sentence: str, expected: list[tuple]) -> None:
    assert [(q.kind, q.value) for q in find_quantities(sentence)] == expected


def test_pct_is_a_percent_and_a_scaled_sum_has_no_float_noise() -> None:
    assert [(q.kind, q.value) for q in find_quantities("Turnout was about 61 pct.")] == [(QuantityKind.percent, 61.0)]
    (deal,) = find_quantities("Norvel agreed to buy Astrix for $4.1 billion in cash.")
    assert deal.value == 4_100_000_000


def test_a_part_of_a_price_is_a_component_but_an_all_cash_price_is_the_price() -> None:
    """'$60 in cash and $22 in Broadcom stock' are parts of the $82 per share, as is '$22 per share in Broadcom
    stock'; '$110 per share in cash' is all of a price. A sum 'in cash' stays a part, as before: compared as a
    total it met other figures of the story (a held-out takeover's "$281 million in cash" against its funding)."""
    from summarizer.core.schema import QuantityBasis as B

    def bases(text: str) -> list:
        return [q.basis for q in find_quantities(text) if q.kind is QuantityKind.money]

    assert bases("The new $82 per share offer included $60 in cash and $22 in Broadcom stock.") == [
        B.per_share,
        B.component,
        B.component,
    ]
    assert bases("The new approach includes $22 per share in Broadcom stock.") == [B.component]
    assert bases("The deal is worth $110 per share in cash.") == [B.per_share]
    assert bases("It paid $5 billion in cash.") == [B.component]
