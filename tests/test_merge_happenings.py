"""Which article events the merge takes for one happening, and which disagreements it flags, for news of
any kind (disasters, business, courts, crime) on small hand-made summaries with no story pack."""

from __future__ import annotations

import datetime as dt

from summarizer.core.schema import (
    Actor,
    ArticleOutcome,
    ArticleSummary,
    Event,
    EventDate,
    EventType,
    Evidence,
    Location,
    Precision,
    Quantity,
    QuantityKind,
    QuantityQualifier,
    Role,
    Status,
)
from summarizer.merge import merge_summaries
from summarizer.text.names import RULES

from .factories import article_summary

DAY = dt.date(2021, 3, 14)


def when(day: dt.date | None = DAY, precision: Precision = Precision.day) -> EventDate:
    return EventDate(value=day, precision=precision if day else Precision.unknown, text="x" if day else None)


def place(name: str, country: str | None = None) -> Location:
    return Location(name=name, canonical=name, country=country)


def ev(
    eid: str,
    type_: EventType,
    text: str,
    *,
    places: list[Location] = (),  # type: ignore[assignment]
    actors: list[tuple[str, Role]] = (),  # type: ignore[assignment]
    date: EventDate | None = None,
    numbers: list[tuple[QuantityKind, float]] = (),  # type: ignore[assignment]
    description: str | None = None,
) -> Event:
    return Event(
        id=eid,
        type=type_,
        description=description or text,
        status=Status.asserted,
        historical=False,
        quantities=[
            Quantity(
                kind=k, value=v, upper=None, qualifier=QuantityQualifier.exact, unit="people", basis=None, text=f"{v:g}"
            )
            for k, v in numbers
        ],
        actors=[Actor(name=n, canonical=n, role=r) for n, r in actors],
        locations=list(places),
        date=date or when(),
        evidence=[Evidence(sentence_id=1, start=0, end=len(text), text=text)],
    )


def article(aid: str, events: list[Event], published: dt.date = DAY) -> ArticleSummary:
    return article_summary(aid, events, published=published, source=f"outlet-{aid}")


def merge(*summaries: ArticleSummary):
    outcomes = [
        ArticleOutcome(article_id=s.article.id, path=None, source=None, ok=True, error=None, events=1, cached=False)
        for s in summaries
    ]
    return merge_summaries(list(summaries), {s.article.id: "" for s in summaries}, outcomes)


def story_of(report, aid: str, eid: str):
    return next(s for s in report.story_events for x in s.sources if (x.article_id, x.event_id) == (aid, eid))


def test_a_vague_place_meets_the_place_it_names() -> None:
    # "southern Peru" is no place the gazetteer knows, but it lies in Peru; a quake there on the day of a
    # quake in Arequipa is the same quake.
    a = article(
        "a",
        [
            ev(
                "e1",
                EventType.disaster,
                "A strong earthquake hit southern Peru on Sunday.",
                places=[place("southern Peru")],
            )
        ],
    )
    b = article(
        "b",
        [
            ev(
                "e1",
                EventType.disaster,
                "The tremor shook Arequipa, damaging homes.",
                places=[place("Arequipa", "Peru")],
            )
        ],
    )
    report = merge(a, b)
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id
    assert not [c for c in report.conflicts if c.field == "where"]  # more detail, not a disagreement


def test_two_descriptions_of_one_unknown_spot_are_one_place() -> None:
    a = article(
        "a",
        [
            ev(
                "e1",
                EventType.attack,
                "Robbers rammed a van into the Lumen boutique near Plaza Soledad.",
                places=[place("Lumen boutique near Plaza Soledad")],
            )
        ],
    )
    b = article(
        "b",
        [
            ev(
                "e1",
                EventType.attack,
                "Thieves smashed a van through the window of a shop on Plaza Soledad.",
                places=[place("Plaza Soledad")],
            )
        ],
    )
    report = merge(a, b)
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id
    assert not [c for c in report.conflicts if c.field == "where"]  # neither is located: nothing to dispute


def test_a_disaster_counted_differently_is_one_disaster_with_a_toll_dispute() -> None:
    # Outlets count one flood's dead differently, and the count rises: not a second flood.
    a = article(
        "a",
        [
            ev(
                "e1",
                EventType.disaster,
                "The flood killed 12 people in Arequipa.",
                places=[place("Arequipa", "Peru")],
                numbers=[(QuantityKind.killed, 12)],
            )
        ],
    )
    b = article(
        "b",
        [
            ev(
                "e1",
                EventType.disaster,
                "Floodwaters left 31 dead across Arequipa.",
                places=[place("Arequipa", "Peru")],
                numbers=[(QuantityKind.killed, 31)],
            )
        ],
        published=DAY + dt.timedelta(days=1),
    )
    report = merge(a, b)
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id
    (toll,) = [c for c in report.conflicts if c.field == "how_many"]
    assert str(DAY) in toll.description and str(DAY + dt.timedelta(days=1)) in toll.description


def test_attacks_in_two_towns_of_one_country_stay_apart() -> None:
    a = article(
        "a",
        [ev("e1", EventType.attack, "A bomb exploded at a market in Arequipa.", places=[place("Arequipa", "Peru")])],
    )
    b = article(
        "b", [ev("e1", EventType.attack, "A bomb exploded at a market in Tacna.", places=[place("Tacna", "Peru")])]
    )
    report = merge(a, b)
    assert story_of(report, "a", "e1").id != story_of(report, "b", "e1").id


def test_an_arrest_and_a_charge_of_one_person_stay_apart() -> None:
    a = article(
        "a",
        [
            ev(
                "e1",
                EventType.legal,
                "Police said Maria Quispe was arrested.",
                actors=[("Maria Quispe", Role.target)],
                date=when(None),
                description="was arrested",
            )
        ],
    )
    b = article(
        "b",
        [
            ev(
                "e1",
                EventType.legal,
                "Prosecutors charged Quispe with fraud.",
                actors=[("Quispe", Role.target)],
                date=when(None),
                description="was charged",
            )
        ],
    )
    report = merge(a, b)
    assert story_of(report, "a", "e1").id != story_of(report, "b", "e1").id


def test_one_signing_by_one_person_under_two_names_is_one_happening() -> None:
    # No place, dates at different precisions (a week, a month): the signer's name joins them.
    a = article(
        "a",
        [
            ev(
                "e1",
                EventType.political,
                "President Arce signed the pension bill into law last week.",
                actors=[("President Luis Arce", Role.agent)],
                description="signed the pension bill into law",
                date=when(dt.date(2021, 3, 8), Precision.week),
            )
        ],
    )
    b = article(
        "b",
        [
            ev(
                "e1",
                EventType.political,
                "Arce signed the pension bill into law in March.",
                actors=[("Arce", Role.agent)],
                description="signed the bill into law",
                date=when(dt.date(2021, 3, 1), Precision.month),
            )
        ],
    )
    report = merge(a, b)
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id


def test_one_telling_figure_joins_reports_typed_differently() -> None:
    # One outlet types the charge as business news, another as politics; both state the same sum.
    money = [(QuantityKind.money, 3.2e9)]
    a = article(
        "a",
        [
            ev(
                "e1",
                EventType.economic,
                "The lender will book a $3.2 billion charge.",
                numbers=money,
                date=when(None),
                description="will book a charge",
            )
        ],
    )
    b = article(
        "b",
        [
            ev(
                "e1",
                EventType.political,
                "The tax law costs the lender $3.2 billion this year.",
                numbers=money,
                date=when(None),
                description="costs the lender",
            )
        ],
    )
    report = merge(a, b)
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id


def test_a_fall_and_a_rise_of_one_share_stay_apart() -> None:
    shares = [("Shares of Banco Andino", Role.agent)]
    a = article(
        "a",
        [
            ev(
                "e1",
                EventType.economic,
                "Shares of Banco Andino fell 2 percent.",
                actors=shares,
                date=when(None),
                description="fell 2 percent",
            )
        ],
    )
    b = article(
        "b",
        [
            ev(
                "e1",
                EventType.other,
                "Shares of Banco Andino rose slightly before the open.",
                actors=shares,
                date=when(None),
                description="rose slightly",
            )
        ],
    )
    report = merge(a, b)
    assert story_of(report, "a", "e1").id != story_of(report, "b", "e1").id


def test_who_compares_only_someone_who_acted() -> None:
    # One bombing: the bomb, the bus, the dead and a video are no answer to "who did it"; two named groups are.
    def bombing(aid: str, agent: str) -> ArticleSummary:
        return article(
            aid,
            [
                ev(
                    "e1",
                    EventType.attack,
                    "A bomb tore through a commuter bus in Arequipa on Sunday.",
                    places=[place("Arequipa", "Peru")],
                    actors=[(agent, Role.agent)],
                    description="bomb tore through a commuter bus",
                )
            ],
        )

    things = ["bomb and crowded commuter bus", "24 people and bombing", "widely shared video", "Sendero Rojo"]
    report = merge(*(bombing(f"a{n}", who) for n, who in enumerate(things)))
    assert len({story_of(report, f"a{n}", "e1").id for n in range(len(things))}) == 1
    assert not [c for c in report.conflicts if c.field == "who"]
    report = merge(bombing("a", "Sendero Rojo"), bombing("b", "Frente Azul"))
    assert [c.field for c in report.conflicts] == ["who"]
    # A country and its state's institutions are one actor (text.states): no dispute between "Peru" and
    # "the Peruvian government", one between Peru and Bolivia.
    report = merge(bombing("a", "Peru"), bombing("b", "the Peruvian government"), bombing("c", "Peruvian troops"))
    assert not [c for c in report.conflicts if c.field == "who"]
    report = merge(bombing("a", "Peru"), bombing("b", "the Bolivian army"))
    assert [c.field for c in report.conflicts] == ["who"]


def test_titles_name_the_happening_and_a_described_place_by_its_proper_name() -> None:
    # A ram-raid typed as an attack is a robbery; "the Lumen boutique near Plaza Soledad" is Plaza Soledad.
    raid = "Thieves rammed a van into the Lumen boutique near Plaza Soledad and stole jewels."
    a = article("a", [ev("e1", EventType.attack, raid, places=[place("Lumen boutique near Plaza Soledad")])])
    b = article(
        "b", [ev("e1", EventType.disaster, "Robbers stole watches on Plaza Soledad.", places=[place("Plaza Soledad")])]
    )
    report = merge(a, b)
    # The two reports stay two story events here (no shared located place, no shared agent), so their one
    # title is told apart by what each says happened.
    assert story_of(report, "a", "e1").description == (
        "robbery in Plaza Soledad: Thieves rammed a van into the Lumen boutique near Plaza Soledad and ..."
    )
    assert story_of(report, "b", "e1").description == (
        "robbery in Plaza Soledad: Robbers stole watches on Plaza Soledad."
    )


def test_the_summary_names_what_happened_who_reports_it_and_when_in_plain_words() -> None:
    quake = [
        article(
            aid,
            [
                ev(
                    "e1",
                    EventType.disaster,
                    "An earthquake struck Arequipa, killing 12.",
                    places=[place("Arequipa", "Peru")],
                    numbers=[(QuantityKind.killed, 12)],
                )
            ],
        )
        for aid in ("a", "b")
    ]
    lone = article("c", [ev("e1", EventType.humanitarian, "Aid arrived in Tacna.", places=[place("Tacna", "Peru")])])
    report = merge(*quake, lone)
    assert (
        "The most widely reported is the earthquake in Arequipa on 14 March 2021, with 12 killed, "
        "by outlet-a, outlet-b." in report.summary
    )
    assert "The sources do not contradict each other." in report.summary


def test_the_terminal_story_leads_with_disputes_and_happenings_several_sources_report() -> None:
    from rich.console import Console

    from summarizer.report.console import print_story

    def bombing(aid: str, killed: float, day: dt.date) -> ArticleSummary:
        return article(
            aid,
            [
                ev(
                    "e1",
                    EventType.attack,
                    "A bomb hit a bus in Arequipa.",
                    places=[place("Arequipa", "Peru")],
                    numbers=[(QuantityKind.killed, killed)],
                )
            ],
            published=day,
        )

    lone = article("c", [ev("e1", EventType.protest, "Students marched in Tacna.", places=[place("Tacna", "Peru")])])
    report = merge(bombing("a", 3, DAY), bombing("b", 24, DAY + dt.timedelta(days=1)), lone)
    console = Console(record=True, width=200)
    print_story(console, report)
    text = console.export_text()
    assert text.index("disagreements") < text.index("reported by several sources") < text.index("reported by one")
    assert "┃" in text
    # A pipe or a log (80 columns): the same order, one block per story event instead of folded cells.
    narrow = Console(record=True, width=80)
    print_story(narrow, report)
    text = narrow.export_text()
    assert text.index("disagreements") < text.index("reported by several sources") < text.index("reported by one")
    assert "┃" not in text and "what:  march in Tacna" in text and "where: Tacna" in text
    assert "killed: 3" in text and "killed: 24" in text


def test_one_indictment_worded_two_ways_is_one_happening() -> None:
    # "indicted" and "was charged" are one act; the name in one description is the target of the other.
    a = article(
        "a",
        [
            ev(
                "e1",
                EventType.legal,
                "Peru indicted Maria Quispe on Monday.",
                places=[place("Peru", "Peru")],
                actors=[("Peru", Role.agent)],
                description="indicted Maria Quispe",
            )
        ],
    )
    b = article(
        "b",
        [
            ev(
                "e1",
                EventType.legal,
                "Maria Quispe was charged this week by a court.",
                actors=[("Maria Quispe", Role.target)],
                description="was charged this week by a court",
                date=when(DAY, Precision.week),
            )
        ],
    )
    report = merge(a, b)
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id


def test_a_placeless_report_does_not_join_a_placed_one_on_its_actor_alone() -> None:
    army = [("Andean Army", Role.agent)]
    a = article(
        "a",
        [
            ev(
                "e1",
                EventType.withdrawal,
                "The Andean Army withdrew from key areas.",
                actors=army,
                date=when(None),
                description="withdrew from key areas",
            )
        ],
    )
    b = article(
        "b",
        [
            ev(
                "e1",
                EventType.withdrawal,
                "The Andean Army announced a pullout from Tacna.",
                actors=army,
                places=[place("Tacna", "Peru")],
                description="announced a temporary pullout",
            )
        ],
    )
    report = merge(a, b)
    assert story_of(report, "a", "e1").id != story_of(report, "b", "e1").id


def test_an_article_stating_two_tolls_disagrees_when_neither_meets_the_other_report() -> None:
    # A quotes its own toll and a much older disaster's in one event; the span of the two (40..5000) used
    # to swallow B's 43. One of A's numbers must meet one of B's; "dozens" meets 40.
    def flood(aid: str, *numbers: float) -> ArticleSummary:
        return article(
            aid,
            [
                ev(
                    "e1",
                    EventType.disaster,
                    "The flood killed people in Arequipa.",
                    places=[place("Arequipa", "Peru")],
                    numbers=[(QuantityKind.killed, n) for n in numbers],
                )
            ],
        )

    report = merge(flood("a", 40, 5000), flood("b", 43))
    (toll,) = [c for c in report.conflicts if c.field == "how_many"]
    assert {v.value for v in toll.values} == {"killed: 40 / 5,000", "killed: 43"}
    report = merge(flood("a", 40, 5000), flood("b", 40))
    assert not [c for c in report.conflicts if c.field == "how_many"]


FIRE = "They then set fire to the vehicle and fled."


def test_reports_naming_no_place_and_no_party_join_only_when_worded_alike() -> None:
    # Three outlets: "the thieves set fire to the vehicle", with no place, actor or figure: one happening.
    fire = [
        article(aid, [ev("e1", EventType.other, FIRE, description="set fire to the vehicle")])
        for aid in ("a", "b", "c")
    ]
    report = merge(*fire)
    assert story_of(report, "a", "e1").id == story_of(report, "b", "e1").id == story_of(report, "c", "e1").id

    # Worded differently, or typed differently: nothing says they are one.
    apart = merge(
        article("a", [ev("e1", EventType.other, FIRE, description="set fire to the vehicle")]),
        article(
            "b",
            [
                ev(
                    "e1",
                    EventType.other,
                    "Its shares rose slightly before the bell.",
                    description="shares rose slightly",
                )
            ],
        ),
        article("c", [ev("e1", EventType.disaster, FIRE, description="set fire to the vehicle")]),
    )
    assert len({story_of(apart, aid, "e1").id for aid in ("a", "b", "c")}) == 3


def test_numbers_read_as_a_reader_writes_them() -> None:
    from summarizer.core.schema import Quantity, QuantityBasis, QuantityKind, QuantityQualifier
    from summarizer.merge.checks import quantity_text

    def money(value: float, qualifier: QuantityQualifier = QuantityQualifier.exact) -> Quantity:
        return Quantity(
            kind=QuantityKind.money,
            value=value,
            upper=None,
            qualifier=qualifier,
            unit="USD",
            basis=QuantityBasis.total,
            text="x",
        )

    assert quantity_text(money(38e9)) == "38 billion USD"
    assert quantity_text(money(1.21e11, QuantityQualifier.at_least)) == "at least 121 billion USD"
    assert quantity_text(money(1400)) == "1,400 USD"


def test_share_moves_quoted_at_different_hours_are_two_readings_not_a_dispute() -> None:
    """'fell 1.5 percent to $65.09 at 9:34 a.m.' and 'fell 4.3 percent to $63.20 at mid-afternoon' (issue 14)."""
    from summarizer.text.quantities import find_quantities

    def move(aid: str, text: str) -> ArticleSummary:
        event = ev("e1", EventType.economic, text, actors=[("Qualcomm", Role.agent)], description="shares fell")
        return article(aid, [event.model_copy(update={"quantities": find_quantities(text)})])

    morning = "Qualcomm shares fell 1.5 percent to $65.09 at 9:34 a.m."
    afternoon = "Qualcomm shares fell 4.3 percent to $63.20 at mid-afternoon."
    assert not [c for c in merge(move("a", morning), move("b", afternoon)).conflicts if c.field == "how_many"]
    undated = "Qualcomm shares fell 4.3 percent to $63.20."
    assert [
        c.field for c in merge(move("a", "Qualcomm shares fell 1.5 percent to $65.09."), move("b", undated)).conflicts
    ]


def test_a_price_per_named_share_is_per_share() -> None:
    from summarizer.core.schema import QuantityBasis
    from summarizer.text.quantities import find_quantities

    (bid, before) = [q for q in find_quantities("The bid represents $82 per Qualcomm share, up from $70 a share.")]
    assert bid.basis is before.basis is QuantityBasis.per_share


def test_a_dispute_over_a_verb_phrase_title_is_asked_as_a_clause_with_its_subject() -> None:
    """'Whether has accused Peru of arming rebels happened' read wrongly; the side that acted is the subject."""
    text = "Bolivia has accused Peru of arming rebels in Arequipa."

    def accusation(aid: str, status: Status) -> ArticleSummary:
        event = ev(
            "e1",
            EventType.diplomatic,
            text,
            actors=[("Bolivia", Role.agent), ("Peru", Role.target)],
            places=[place("Arequipa", "Peru")],
            description="has accused Peru of arming rebels",
        )
        return article(aid, [event.model_copy(update={"status": status})])

    report = merge(accusation("a", Status.asserted), accusation("b", Status.denied))
    (outcome,) = [c for c in report.conflicts if c.field == "outcome"]
    assert outcome.description.startswith("Whether Bolivia has accused Peru of arming rebels")
    assert "happened" not in outcome.description


def test_the_summary_leads_with_a_happening_before_a_statement_reported_as_widely() -> None:
    """Two story events each reported by both outlets: the deal leads, not the description of the company."""

    def story(aid: str) -> ArticleSummary:
        return article(
            aid,
            [
                ev(
                    "e1",
                    EventType.political,
                    "Lumen has a proven technology.",
                    actors=[("Lumen", Role.agent)],
                    description="has a proven technology",
                    date=when(DAY - dt.timedelta(days=1)),  # told first: the story event numbered first
                ),
                ev(
                    "e2",
                    EventType.economic,
                    "Arco agreed to buy Lumen for $300 million.",
                    actors=[("Arco", Role.agent)],
                    description="agreed to buy Lumen",
                ),
            ],
        )

    summary = merge(story("a"), story("b")).summary
    assert summary.index("agreed to buy Lumen") < summary.index("has a proven technology")


def test_a_denial_of_another_deed_is_no_dispute_over_this_one(monkeypatch) -> None:
    """Held-out raid news: "Sudan has denied striking South Sudanese territory" (one outlet) and "Sudan has
    accused South Sudan of arming pro-South Sudan groups" (another) in one story event were flagged as a
    dispute over whether the accusation happened. Only a denial of the same deed disputes it."""

    def statement(aid: str, status: Status, description: str) -> ArticleSummary:
        event = ev(
            "e1",
            EventType.diplomatic,
            f"Sudan {description}.",
            actors=[("Sudan", Role.agent), ("South Sudan", Role.target)],
            places=[place("Yida", "South Sudan")],
            description=description,
        )
        return article(aid, [event.model_copy(update={"status": status})])

    accused = statement("a", Status.asserted, "has accused South Sudan of arming rebel groups")
    other_deed = statement("b", Status.denied, "has denied striking South Sudanese territory")
    same_deed = statement("c", Status.denied, "has denied accusing South Sudan of arming rebel groups")
    # a deed of no act the tables know: it meets the denial in one story event
    bombed = statement("d", Status.asserted, "has bombed a refugee camp near Yida")

    def outcome_disputed(*articles: ArticleSummary) -> bool:
        report = merge(*articles)
        return any(c.field == "outcome" for c in report.conflicts) if len(report.story_events) == 1 else None

    # a denial and an accusation are two statements (text.acts): not one story event, so no dispute at all
    assert outcome_disputed(accused, other_deed) is None
    assert not any(c.field == "outcome" for c in merge(accused, other_deed).conflicts)
    assert outcome_disputed(accused, same_deed) is True
    assert outcome_disputed(bombed, other_deed) is False
    monkeypatch.setitem(RULES, "denied_needs_the_deed", False)
    assert outcome_disputed(bombed, other_deed) is True


def test_a_place_the_tables_do_not_know_meets_the_reports_of_the_region_its_article_put_it_in() -> None:
    # "the Carlton Hotel in Cannes" (the hotel unknown to the gazetteer, put in Cannes by its own words) and
    # another outlet's heist "in Cannes": one happening, as a city and its region would be.
    hotel = Location(name="Carlton Hotel in Cannes", canonical="Carlton Hotel", country="France", admin1="Cannes")
    cannes = Location(name="Cannes", canonical="Cannes", country="France", admin1=None)

    def heist(aid: str, where: Location, text: str) -> ArticleSummary:
        return article(aid, [ev("e1", EventType.other, text, places=[where], description="stole jewels worth $136m")])

    report = merge(
        heist("a", hotel, "A robber stole jewels worth $136m from the Carlton Hotel in Cannes in July."),
        heist("b", cannes, "In July a gunman stole jewels worth $136m in Cannes."),
    )
    assert len(report.story_events) == 1


def test_a_year_counted_back_from_the_paper_may_be_the_year_next_to_it() -> None:
    # "made news two years ago when she was pictured biting a soldier" (a paper of January 2018: 2016) and
    # "bit a soldier's hand in 2015": one happening, whose year the outlets give differently.
    def bite(aid: str, year: int, text: str, words: str) -> ArticleSummary:
        date = EventDate(value=dt.date(year, 1, 1), precision=Precision.year, text=words)
        return article(
            aid,
            [
                ev(
                    "e1",
                    EventType.attack,
                    text,
                    actors=[("Ahed Tamimi", Role.agent)],
                    date=date,
                    description="bit a soldier",
                )
            ],
            published=dt.date(2018, 1, 1),
        )

    report = merge(
        bite("a", 2016, "Tamimi made news two years ago when she bit a soldier.", "two years ago"),
        bite("b", 2015, "In 2015 Tamimi bit a soldier.", "In 2015"),
    )
    assert len(report.story_events) == 1
    (when,) = [c for c in report.story_events[0].checks if c.field == "when"]
    assert when.verdict == "conflict"  # the years still differ as told, and the reader sees both
    # Two years stated outright are two happenings' years.
    apart = merge(
        bite("a", 2014, "In 2014 Tamimi bit a soldier.", "In 2014"),
        bite("b", 2015, "In 2015 Tamimi bit a soldier.", "In 2015"),
    )
    assert len(apart.story_events) == 2


def test_an_officer_and_their_organisation_are_one_side_of_who_acted() -> None:
    from summarizer.merge.checks import same_actor
    from summarizer.text.names import load_names

    texts = [
        "In a letter to Qualcomm board members, Broadcom chief executive Hock Tan called the offer compelling.",
        "Lloyd C. Blankfein, Goldman's chief executive, received shares.",
        "Cristiano Amon, the president of Qualcomm, declined to comment.",
    ]
    names = load_names().with_officers(texts)
    assert same_actor("Tan", "Broadcom", names) and same_actor("Broadcom", "Hock Tan", names)
    assert same_actor("Blankfein", "Goldman", names)
    assert same_actor("Cristiano Amon", "Qualcomm", names)
    assert not same_actor("Tan", "Qualcomm", names)  # the other side's board, to whom he wrote


def titled(kind: EventType, text: str, description: str, **fields) -> str:
    """The title of the one story event an article with one event of ``kind`` gives."""
    return merge(article("a", [ev("e1", kind, text, description=description, **fields)])).story_events[0].description


def test_a_title_noun_is_a_word_of_its_own() -> None:
    # "who share the euro currency" names no share price; "industrial action" no trial; "in March" no march.
    loans = "Greece will receive loans from the 15 countries who share the euro currency."
    assert "share price" not in titled(EventType.economic, loans, "will receive loans")
    pay = "Unions called industrial action in March over pay."
    assert not titled(EventType.legal, pay, "called industrial action").startswith("trial")
    assert titled(EventType.protest, pay, "called a strike in March").startswith("strike")


def test_only_a_price_that_moved_is_titled_a_share_price_move() -> None:
    # Shares handed over or stock awards are no price move; shares that fell are.
    handed = "Ostra Bank delivered shares to its chief executive and other managers on Thursday."
    assert "share price" not in titled(EventType.economic, handed, "delivered shares to managers")
    awards = "Ostra Bank accelerated the delivery of stock awards to its managers."
    assert titled(EventType.economic, awards, "accelerated stock awards").startswith("stock awards")
    hit = "Ostra Bank said the new tax law means a $2 billion hit to its profit."
    # a hit to profit is a charge, not earnings
    assert titled(EventType.economic, hit, "said the law cuts its profit").startswith("charge")
    fell = "Ostra Bank shares fell 4 percent on Friday."
    assert titled(EventType.economic, fell, "shares fell 4 percent").startswith("share price move")


def test_a_step_of_a_robbery_is_titled_by_its_deed_and_the_theft_by_the_crime() -> None:
    # Every outlet's "After Monday's robbery, the thieves set fire to the van" made the fire the most widely
    # reported "robbery", beside the theft itself with another title.
    fire = "After Monday's robbery, the thieves set fire to the van."
    thieves = [("thieves", Role.agent)]
    theft = "Thieves made off with jewels worth 3m euros from the Lumen boutique."
    report = merge(
        *(
            article(
                aid,
                [
                    ev("e1", EventType.other, fire, description="set fire to the van", actors=thieves),
                    ev("e2", EventType.other, theft, description="made off with jewels worth 3m euros"),
                ],
            )
            for aid in ("a", "b")
        )
    )
    assert story_of(report, "a", "e1").description == "robbery: thieves set fire to the van"
    assert story_of(report, "a", "e2").description == "robbery"


def test_an_operation_is_not_who_a_title_names() -> None:
    # "The operation cleared the town of Villa Sur": the undertaking stands for whoever ran it.
    cleared = "The operation cleared the town of Villa Sur."
    report = merge(
        article(
            "a",
            [
                ev(
                    "e1",
                    EventType.takeover,
                    cleared,
                    places=[place("Villa Sur", "Peru")],
                    actors=[("the operation", Role.agent)],
                    description="cleared the town of Villa Sur",
                )
            ],
        )
    )
    assert report.story_events[0].description == "takeover of Villa Sur"


def test_a_passive_wording_is_titled_with_what_it_was_done_to_not_its_doer() -> None:
    # "The school was evacuated by the army": not "the army was evacuated".
    text = "The Rio Claro school was evacuated by the army on Monday."
    actors = [("the army", Role.agent), ("the Rio Claro school", Role.target)]
    assert titled(EventType.other, text, "was evacuated", actors=actors) == "the Rio Claro school was evacuated"


def test_a_reported_clause_is_titled_by_what_it_reports_unless_it_is_a_forecast() -> None:
    said = "Local sources said that officials in Lima have urged the mayor to resign."
    reported = "said that officials in Lima have urged the mayor to resign"
    assert (
        titled(EventType.other, said, reported, actors=[("Local sources", Role.other)])
        == "officials in Lima have urged the mayor to resign"
    )
    cost = "Banco Andino said the merger could cost 2,000 jobs."
    forecast = "said the merger could cost 2,000 jobs"
    assert (
        titled(EventType.other, cost, forecast, actors=[("Banco Andino", Role.agent)])
        == "Banco Andino: said the merger could cost 2,000 jobs"
    )


def test_a_chanted_or_quoted_word_does_not_name_the_happening() -> None:
    chant = 'On the streets of Athens, demonstrators chanted "Thieves, thieves!" as they tried to reach Parliament.'
    report = merge(article("a", [ev("e1", EventType.other, chant, description="chanted 'Thieves, thieves!'")]))
    assert not report.story_events[0].description.startswith("robbery")


def test_a_part_against_the_whole_of_a_place_taken_is_a_dispute_over_the_outcome() -> None:
    aleppo = place("Aleppo", "Syria")

    def took(aid: str, what: str) -> ArticleSummary:
        text = f"Rebels {what}."
        return article(
            aid,
            [ev("e1", EventType.takeover, text, places=[aleppo], actors=[("rebels", Role.agent)], description=what)],
        )

    report = merge(took("a", "took control of most of Aleppo's city center"), took("b", "took control of Aleppo"))
    (dispute,) = [c for c in report.conflicts if c.field == "outcome"]
    assert {v.value.split(":")[0] for v in dispute.values} == {"part", "whole"}
    assert dispute.description.startswith("How far")
    agreed = merge(took("a", "took control of Aleppo"), took("b", "seized Aleppo"))
    assert not [c for c in agreed.conflicts if c.field == "outcome"]
