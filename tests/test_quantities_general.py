"""Numbers and tolls in news sentences, by kind of wording rather than by instance: a denied count, one person
named with "a", the verb over the noun, ages, multipliers and vague multiples, word ranges, toll changes, asides,
and money written with other scales, separators and currency names."""

from __future__ import annotations

import pytest

from summarizer.core.schema import QuantityKind, QuantityQualifier
from summarizer.text.quantities import find_quantities

K, Q = QuantityKind, QuantityQualifier


def counts(sentence: str) -> list[tuple]:
    return [(q.kind, q.value, q.upper, q.qualifier) for q in find_quantities(sentence) if q.kind is not K.money]


def money(sentence: str) -> list[tuple]:
    return [(q.value, q.upper, q.qualifier, q.unit) for q in find_quantities(sentence) if q.kind is K.money]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("No one was killed.", []),
        ("No one was injured in the fire.", []),
        ("Not one passenger was hurt.", []),
        ("None of the 40 passengers was hurt.", []),
        ("Neither of the two pilots was injured.", []),
        ("All 40 passengers were not hurt, the airline said.", []),
        ("The strike has not killed 3 people, the army said.", []),
        # a denial stays with its own clause
        ("No one was killed, but 12 people were injured.", [(K.injured, 12, None, Q.exact)]),
    ],
)
def test_a_denied_count_is_no_count(sentence: str, expected: list[tuple]) -> None:
    assert counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A child was killed in the blast.", [(K.killed, 1, None, Q.exact)]),
        ("A man was shot dead outside his home.", [(K.killed, 1, None, Q.exact)]),
        ("A 54-year-old woman was found dead.", [(K.killed, 1, None, Q.exact)]),
        ("A police officer was seriously wounded.", [(K.injured, 1, None, Q.exact)]),
        ("A fisherman is missing.", [(K.missing, 1, None, Q.exact)]),
        ("Police arrested a 20-year-old man.", [(K.arrested, 1, None, Q.exact)]),
        ("The blast killed a child.", [(K.killed, 1, None, Q.exact)]),
        (
            "Two people were killed and a child was injured.",
            [(K.killed, 2, None, Q.exact), (K.injured, 1, None, Q.exact)],
        ),
        # what he did is not what happened to him; two people are two, not one; no verb, no count
        ("A gunman killed 3 people.", [(K.killed, 3, None, Q.exact)]),
        ("A man and a woman were killed.", [(K.killed, 2, None, Q.exact)]),
        ("The blast killed a man and a woman.", [(K.killed, 2, None, Q.exact)]),
        ("A man was not hurt.", []),
        ("A number of people were injured.", []),
        ("A spokesman said the talks failed.", []),
    ],
)
def test_one_person_named_with_a_is_one(sentence: str, expected: list[tuple]) -> None:
    assert counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Three protesters were killed by police.", [(K.killed, 3, None, Q.exact)]),
        ("Dozens of demonstrators were detained.", [(K.arrested, 12, None, Q.vague)]),
        ("Hundreds of strikers were injured.", [(K.injured, 100, None, Q.vague)]),
        (
            "Two soldiers were killed and five protesters wounded.",
            [(K.killed, 2, None, Q.exact), (K.injured, 5, None, Q.exact)],
        ),
        ("Forty refugees drowned off the coast.", [(K.killed, 40, None, Q.exact)]),
        # with no verb saying what happened, the noun still says who they are
        ("The 2,000 protesters were dispersed by police.", [(K.participants, 2000, None, Q.exact)]),
    ],
)
def test_the_verb_says_what_happened_not_the_noun(sentence: str, expected: list[tuple]) -> None:
    assert counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two people aged 70 were killed.", [(K.killed, 2, None, Q.exact)]),
        ("Four men, aged 18, 19, 22 and 40, were arrested.", [(K.arrested, 4, None, Q.exact)]),
        ("Two children aged 5 and 7 were injured.", [(K.injured, 2, None, Q.exact)]),
        ("The 12 victims, aged between 20 and 35, were killed.", [(K.killed, 12, None, Q.exact)]),
    ],
)
def test_an_age_is_no_count(sentence: str, expected: list[tuple]) -> None:
    assert counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Three dozen people were arrested.", [(K.arrested, 36, None, Q.exact)]),
        ("At least two dozen people were killed.", [(K.killed, 24, None, Q.at_least)]),
        ("Nearly four dozen people were injured.", [(K.injured, 48, None, Q.about)]),
        ("Half a dozen soldiers were killed.", [(K.killed, 6, None, Q.exact)]),
        ("Half a million people fled the city.", [(K.displaced, 500000, None, Q.exact)]),
        ("A million people fled the fighting.", [(K.displaced, 1000000, None, Q.exact)]),
        ("The storm killed a hundred and twenty people.", [(K.killed, 120, None, Q.exact)]),
        ("Several hundred people were arrested.", [(K.arrested, 100, None, Q.vague)]),
        ("A few dozen protesters gathered.", [(K.participants, 12, None, Q.vague)]),
        ("Several thousand people marched.", [(K.participants, 1000, None, Q.vague)]),
        ("Several hundred thousand people fled.", [(K.displaced, 100000, None, Q.vague)]),
        # words with no number in them are still not recorded (LABELLING.md §15.7)
        ("Several people were killed.", []),
    ],
)
def test_multipliers_and_vague_multiples(sentence: str, expected: list[tuple]) -> None:
    assert counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Thirty to forty people were killed.", [(K.killed, 30, 40, Q.range)]),
        ("Two or three people were killed.", [(K.killed, 2, 3, Q.range)]),
        ("30 or 40 people were killed.", [(K.killed, 30, 40, Q.range)]),
        ("Two to three hundred people were arrested.", [(K.arrested, 200, 300, Q.range)]),
        ("Five to six thousand people marched.", [(K.participants, 5000, 6000, Q.range)]),
        ("Between two and three hundred people fled.", [(K.displaced, 200, 300, Q.range)]),
        ("Between 1.5 million and 2 million people were displaced.", [(K.displaced, 1.5e6, 2e6, Q.range)]),
        ("Between 500,000 and 1 million people were displaced.", [(K.displaced, 5e5, 1e6, Q.range)]),
        ("The number of dead was between 30 and 40.", [(K.killed, 30, 40, Q.range)]),
        ("Twenty-three people were killed.", [(K.killed, 23, None, Q.exact)]),  # a compound is no range
    ],
)
def test_word_ranges_read_as_digit_ranges(sentence: str, expected: list[tuple]) -> None:
    assert counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The toll rose from 24 to 31.", [(K.killed, 31, None, Q.exact)]),
        ("The death toll climbed from twenty-four to thirty-one overnight.", [(K.killed, 31, None, Q.exact)]),
        ("The toll fell from 31 to 24 after a recount.", [(K.killed, 24, None, Q.exact)]),
        ("Officials revised the toll down to 18 from 25.", [(K.killed, 18, None, Q.exact)]),
        ("The toll was revised up to 40.", [(K.killed, 40, None, Q.exact)]),
        ("The toll reached 1,000.", [(K.killed, 1000, None, Q.exact)]),
        ("The death toll has hit 52.", [(K.killed, 52, None, Q.exact)]),
        ("The toll is 12, police said.", [(K.killed, 12, None, Q.exact)]),
        # a range without a change is still a range
        ("From 30 to 40 people were killed.", [(K.killed, 30, 40, Q.range)]),
    ],
)
def test_a_changed_toll_is_its_new_figure(sentence: str, expected: list[tuple]) -> None:
    assert counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Seventy-five people, including 12 children, were killed.", [(K.killed, 75, None, Q.exact)]),
        ("Some 40 people, most of them women, were injured.", [(K.injured, 40, None, Q.about)]),
        ("At least 30 people (mostly miners) were missing.", [(K.missing, 30, None, Q.at_least)]),
    ],
)
def test_an_aside_between_count_and_verb(sentence: str, expected: list[tuple]) -> None:
    assert counts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The firm paid $3.4 bln.", [(3.4e9, None, Q.exact, "USD")]),
        ("The firm paid $3.4B.", [(3.4e9, None, Q.exact, "USD")]),
        ("Output was worth 7.2 mln dollars.", [(7.2e6, None, Q.exact, "USD")]),
        ("The contract is worth Rs 500 crore.", [(5e9, None, Q.exact, "INR")]),
        ("The grant of 60 000 euros was approved.", [(60000, None, Q.exact, "EUR")]),
        ("The grant of 60\u202f000 euros was approved.", [(60000, None, Q.exact, "EUR")]),
        ("The grant of 60\u00a0000 euros was approved.", [(60000, None, Q.exact, "EUR")]),
        ("The fund holds 60.000 euros.", [(60000, None, Q.exact, "EUR")]),
        ("It paid 1.234.567 euros.", [(1234567, None, Q.exact, "EUR")]),
        ("The council approved a grant of 2.5 million EUR.", [(2.5e6, None, Q.exact, "EUR")]),
        ("The prize was 10,000 USD.", [(10000, None, Q.exact, "USD")]),
        ("The firm paid 3.4 billion US dollars.", [(3.4e9, None, Q.exact, "USD")]),
        ("The bridge will cost 12 million Swiss francs.", [(12e6, None, Q.exact, "CHF")]),
        ("The fine was 5 million Hong Kong dollars.", [(5e6, None, Q.exact, "HKD")]),
        ("The firm was fined a million pounds.", [(1e6, None, Q.exact, "GBP")]),
        ("The firm was fined half a million pounds.", [(5e5, None, Q.exact, "GBP")]),
        # a decimal point stays one where the amount is scaled or the sign comes first
        ("The bond raised 1.125 billion euros.", [(1.125e9, None, Q.exact, "EUR")]),
        ("It paid $1.125 per share.", [(1.125, None, Q.exact, "USD")]),
    ],
)
def test_money_scales_separators_and_currency_names(sentence: str, expected: list[tuple]) -> None:
    assert money(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("A tsunami killed 170,000 people in the province and tens of thousands more around the ocean.", True),
        ("The blast killed 3 soldiers and 12 others.", True),
        ("The bombing killed 12 people and wounded 30 more.", False),  # "more" of another kind
        ("The quake killed 10 people and left hundreds more homeless.", False),
        ("The tsunami killed 230,000 people in 14 countries.", False),
    ],
)
def test_a_toll_the_sentence_goes_on_with_is_a_part_of_it(sentence: str, part: bool) -> None:
    from summarizer.core.schema import QuantityBasis

    first = find_quantities(sentence)[0]
    assert (first.basis is QuantityBasis.component) is part


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("12 of the 40 passengers were killed.", [("killed", 12)]),
        ("Half of the 40 passengers were injured.", []),
        ("One of the 12 miners died.", [("killed", 1)]),
        # a whole that is a toll itself: 80 wounded, of whom 30 are in hospital (a part, no toll of its own)
        ("He said 30 of the 80 wounded remained in hospital.", [("injured", 80)]),
        ("Two of the 12 dead were children.", [("killed", 12)]),
        ("Police said 1.5 million people took part in the march.", [("participants", 1_500_000)]),
        ("Some 2,000 dock workers walked off the job.", [("participants", 2000)]),
        ("More than 10,000 teachers went on strike on Monday.", [("participants", 10_000)]),
    ],
)
def test_a_group_a_part_is_taken_from_is_no_count_and_strikers_are_participants(
    sentence: str, counts: list[tuple[str, float]]
) -> None:
    assert [(q.kind.value, q.value) for q in find_quantities(sentence)] == counts


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("An earthquake measuring 4.6 rattled two counties early Thursday.", [("other", 4.6)]),
        ("It was followed by a 2.9 aftershock at 2:12 a.m.", [("other", 2.9)]),
        ("Two quakes killed 12 people.", [("killed", 12)]),
        ("Three blasts killed 20 people.", [("killed", 20)]),
    ],
)
def test_a_quakes_magnitude_in_other_words_and_happenings_counted_are_no_toll(
    sentence: str, counts: list[tuple[str, float]]
) -> None:
    found = find_quantities(sentence)
    assert [(q.kind.value, q.value) for q in found] == counts
    assert all(q.unit == "magnitude" for q in found if q.kind is QuantityKind.other)


def test_no_one_hyphenated_is_no_count() -> None:
    assert find_quantities("Luckily no-one has been hurt.") == []
    assert find_quantities("No-one was killed in the blast.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A petrol bomb killed two women and a man who worked there.", [(K.killed, 3, None, Q.exact)]),
        ("The three bank workers - a man and two women - died in the fire.", [(K.killed, 3, None, Q.exact)]),
        ("Two soldiers and three civilians were killed in the blast.", [(K.killed, 5, None, Q.exact)]),
        ("Police arrested 12 men and two women.", [(K.arrested, 14, None, Q.exact)]),
        ("Two policemen and a protester were injured.", [(K.injured, 3, None, Q.exact)]),
        # the verb between the counts: two counts; a number of a group: no sum
        (
            "Two soldiers were killed and three civilians wounded.",
            [(K.killed, 2, None, Q.exact), (K.injured, 3, None, Q.exact)],
        ),
        ("None of the two pilots and 40 passengers was hurt.", []),
        ("A woman and her son were injured.", []),
    ],
)
def test_two_groups_of_people_joined_by_and_are_one_count_of_their_sum(sentence: str, expected: list[tuple]) -> None:
    assert counts(sentence) == expected


def test_who_tells_counted_is_no_toll(monkeypatch) -> None:
    """Held-out quake news: "One report said six children were killed ..." gave a toll of 1 beside 6, and the
    story summary read "BBC News says 1 / 6" killed. A number counting the reports, witnesses or officials who
    tell is no toll; a number of people it befell still is."""
    from summarizer.text.names import RULES

    def killed(sentence: str) -> list[float]:
        return [q.value for q in find_quantities(sentence) if q.kind.value == "killed"]

    assert killed("One report said six children were killed when a mosque collapsed.") == [6]
    assert killed("Two witnesses told AFP that 12 people died in the blast.") == [12]
    assert killed("Two residents were killed when the roof fell.") == [2]
    monkeypatch.setitem(RULES, "teller_not_toll", False)
    assert killed("One report said six children were killed when a mosque collapsed.") == [1, 6]
