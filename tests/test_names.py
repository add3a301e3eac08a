"""Names without a story: the shipped table, the gazetteer, and the article's own words (issue 13)."""

from __future__ import annotations

import re

import yaml

from summarizer.core.resources import data_dir
from summarizer.text.gazetteer import gazetteer_country
from summarizer.text.names import RULES, load_names

from .conftest import SEEDS_PACK

SUDAN = (
    "Sudanese government forces bombed a market in Nyala on Monday. Government forces said the strike hit "
    "fighters of the Rapid Support Forces (RSF). The RSF denied it. M23 rebel forces were not involved."
)


def scoped(text: str, *names: str, pack=None):
    return load_names(pack).scoped(text, names)


def test_the_shipped_table_holds_no_story() -> None:
    data = yaml.safe_load((data_dir() / "aliases.yaml").read_text(encoding="utf-8"))
    for canonical, aliases in (data.get("actors") or {}).items():
        # A country, or a body of many countries: never "Syrian government forces" or a named armed group.
        assert gazetteer_country(canonical) or re.search(r"\b(Nations|Union|Organization)\b|^NATO$", canonical)
        for name in [canonical, *aliases]:
            assert not re.search(r"\b(forces|army|rebels?|militia|group|regime|opposition|troops)\b", name, re.I)
    assert not data.get("places"), "places come from the gazetteer"
    assert not data.get("part_of") and not data.get("labels")


def test_another_countrys_government_forces_stay_their_own() -> None:
    names = scoped(SUDAN, "Sudanese government forces", "Government forces", "government troops")
    assert names.actor("Sudanese government forces") == "Sudanese government forces"
    assert names.actor("Government forces") == "Sudanese government forces"  # the fullest form the story uses
    assert names.actor("government troops") == "government troops"
    assert names.actor("rebels") == "rebels" and names.actor("the opposition") == "opposition"


def test_a_description_capitalised_by_its_place_is_no_name(monkeypatch) -> None:
    from summarizer.merge.checks import _acting

    text = (
        "Thieves rammed a car into a jewellery store in Paris. Forensic teams were examining the scene. "
        "Forensic policemen searched the street. Syrian government forces left the city. Hamas fighters fired."
    )
    names = scoped(text, "Forensic teams", "Forensic policemen", "Syrian government forces", "Hamas fighters")
    assert names.actor("Forensic teams") == "forensic teams"  # "Forensic" only ever opens a sentence
    assert names.actor("Syrian government forces") == "Syrian government forces"  # a nationality
    assert names.actor("Paris police") == "Paris police"  # a place's word
    assert names.actor("Hamas fighters") == "Hamas fighters"  # no adjective, though it opens its sentence
    # two outlets' descriptions of an unnamed group cannot contradict each other in a "who" check
    assert not _acting(frozenset({names.actor("Forensic teams"), names.actor("Forensic policemen")}))
    monkeypatch.setitem(RULES, "description_opens_sentence", False)
    assert scoped(text, "Forensic teams").actor("Forensic teams") == "Forensic teams"


def test_a_story_pack_does_not_claim_other_countries_sides() -> None:
    names = load_names(SEEDS_PACK)
    assert names.actor("government forces") == "Syrian government forces"  # the pack's own story
    assert names.actor("Sudanese government forces") == "Sudanese government forces"
    assert names.actor("M23 rebel forces") == "M23 rebel forces"
    assert names.actor("US-backed Syrian Democratic Forces") == "Syrian Democratic Forces"


def test_an_in_text_definition_makes_one_actor() -> None:
    names = scoped(SUDAN, "RSF")
    assert names.actor("RSF") == "Rapid Support Forces" == names.actor("the Rapid Support Forces")


def test_no_fuzzy_match_against_a_table() -> None:
    names = load_names(SEEDS_PACK)
    assert names.place("Tartu")[0] == "Tartu" and names.place("Tartu")[1] == "Estonia"
    assert names.actor("Hamas") == "Hamas" and names.place("Hamas")[0] == "Hamas"


def test_places_come_from_the_gazetteer_with_their_region() -> None:
    names = load_names()
    for written in ("Aceh province", "Indonesia's Aceh province", "the northern Indonesian province of Aceh"):
        assert names.place_info(written) == ("Aceh", "Indonesia", "Aceh")
    assert names.place_info("Banda Aceh") == ("Banda Aceh", "Indonesia", "Aceh")
    assert "Aceh" in names.lineage("Banda Aceh") and "Indonesia" not in names.lineage("Banda Aceh")
    assert names.place_info("Juba")[1] == "South Sudan"


def test_a_place_lies_in_the_region_its_words_put_it_in() -> None:
    names = load_names()
    # describing words before the region, and what is said of the region after a comma
    assert names.place_info("Yida camp in oil-rich Unity State, which borders Sudan") == (
        "Yida camp",
        "South Sudan",
        "Unity",
    )
    # a region named only by its kind says nothing: the place keeps its own name
    assert names.place_info("Lampahan city in the district")[0] == "Lampahan"
    assert names.place_info("the city of Bam in central Iran")[:2] == ("Bam", "Iran")


def test_a_common_noun_that_opens_its_sentence_is_a_description_not_a_name() -> None:
    from summarizer.text.names import is_description

    text = "Ram-raiders hit a store.\nRam-raiders ploughed their car into it. Thieves fled. Police said thieves ran."
    story = load_names().scoped(text, ["Ram-raiders", "Thieves", "Police"])
    assert story.actor("Ram-raiders") == "ram-raiders" and is_description(story.actor("Ram-raiders"))
    assert story.actor("Thieves") == "thieves"
    named = load_names().scoped("Hamas fired rockets. Israel said Hamas fired.", ["Hamas"])
    assert named.actor("Hamas") == "Hamas"  # capitalised inside a sentence too: a name


def test_a_region_named_by_a_common_word_counts_only_in_a_country_the_story_names() -> None:
    names = load_names()
    assert names.place_info("the Gulf island")[1] is None  # not Papua New Guinea's Gulf province
    assert names.place_info("Central")[1] is None
    papua = names.scoped("Floods hit Gulf province in Papua New Guinea.", [])
    assert papua.place_info("Gulf")[1] == "Papua New Guinea"


def test_a_state_is_a_kind_of_place_but_never_part_of_another_name() -> None:
    names = load_names()
    for written in ("Unity state", "Unity State", "South Sudan's Unity State"):
        assert names.place_info(written) == ("Unity", "South Sudan", "Unity")
    assert names.place_info("Lagos State")[1] == "Nigeria"
    assert names.place_info("the state of Texas")[:2] == ("Texas", "United States")
    assert names.place_info("Islamic State") == ("Islamic State", None, None)


def test_a_kind_of_place_described_in_any_words_and_the_country_a_place_is_put_in() -> None:
    names = load_names()
    assert names.place_info("the Persian Gulf island of Qeshm")[:2] == ("Qeshm", "Iran")
    assert names.place_info("the Gulf island of Qeshm")[:2] == ("Qeshm", "Iran")
    assert names.place_info("the city of Bam in central Iran")[:2] == ("Bam", "Iran")  # not Bam, Burkina Faso
    assert names.place_info("the City of London")[0] == "City of London"  # a name, kept whole
    assert names.place_info("District of Columbia")[0] == "District of Columbia"


def test_a_persons_title_is_no_part_of_the_name() -> None:
    names = load_names()
    for written in ("President Donald Trump", "U.S. President Donald Trump", "Donald Trump"):
        assert names.actor(written) == "Donald Trump"
    assert names.actor("Qeshm Gov. Heidar Alishvandi") == "Heidar Alishvandi"
    assert names.actor("Chief Executive Officer Lloyd Blankfein") == "Lloyd Blankfein"
    assert names.actor("President Trump") == "Trump"
    assert names.actor("General Motors") == "General Motors"  # a company: one word after an army title
    assert names.actor("Pope Francis") == "Pope Francis"  # a pope's title stays with his one name
    assert names.place("the United Arab Emirates")[0] == "United Arab Emirates"  # places are never read so


def test_a_described_site_near_a_named_place_is_that_place() -> None:
    names = load_names()
    assert names.place_info("a village near Kabul")[:2] == ("Kābul", "Afghanistan")
    assert names.place_info("an upmarket store near the prestigious Place Vendome")[0] == "Place Vendome"
    assert names.place_info("Casty store near Place Vendome")[0] != "Place Vendome"  # a named site stays itself


def test_an_alternate_spelling_names_no_city_of_a_country_the_story_does_not_name() -> None:
    from summarizer.text.gazetteer import gazetteer_place

    # GeoNames lists "Yida" (a refugee camp in South Sudan) among Jeddah's alternate names.
    assert gazetteer_place("Yida", frozenset({"South Sudan", "Sudan"})) is None
    assert gazetteer_place("Kiev", frozenset({"Ukraine"})).canonical == "Kyiv"  # its own country named
    assert gazetteer_place("Kiev").canonical == "Kyiv"  # nothing named: the spelling still counts
    assert gazetteer_place("Russian Federation", frozenset({"Ukraine"})).canonical == "Russia"  # a country's own
    # A city under a million is known by its other spellings only in a country the story names.
    assert gazetteer_place("Hama", frozenset({"Syria"})).country == "Syria"  # GeoNames' main name is "Hamah"
    assert gazetteer_place("Hama") is None
    assert gazetteer_place("Hamas", frozenset({"Israel"})) is None  # never Hamm, Germany


def test_a_common_noun_is_never_a_town_of_the_gazetteer() -> None:
    names = load_names()
    assert names.place("the bank") == ("bank", None)  # GeoNames has a town "Bānk" in India
    assert names.place("police") == ("police", None)  # and one "Police" in Poland
    assert names.place("Police")[1] == "Poland"  # written as a proper name, it is that town


def test_a_place_the_gazetteer_lacks_lies_where_the_article_puts_it() -> None:
    names = load_names()
    assert names.place_info("Bener Meriah regency in Aceh") == ("Bener Meriah", "Indonesia", "Aceh")
    assert load_names().place_info("Bener Meriah") == ("Bener Meriah", None, None)  # not learnt by the shared table


def test_a_story_prefers_places_in_the_countries_it_names() -> None:
    plain = load_names().scoped("Heavy rain fell in Mozambique.")
    assert plain.place("Gaza")[1] == "Mozambique"


def test_a_lookup_never_changes_the_shared_table() -> None:
    # The table load_names returns is shared by every article of a run. place_info used to write what the
    # gazetteer found (country, region, "lies in") into it, so a later merge or article in the same process
    # saw answers that a fresh process did not.
    table = load_names(None)
    before = (dict(table.countries), dict(table.admin1), dict(table.parents))
    assert table.place_info("Banda Aceh")[1] == "Indonesia"
    assert table.place_info("the town of Qaryat al-Nour")[0]
    assert (table.countries, table.admin1, table.parents) == before
    scoped = table.scoped("Floods hit Banda Aceh.")
    scoped.place_info("Banda Aceh")  # a copy scoped to one story may learn
    assert (table.countries, table.admin1, table.parents) == before


def test_a_news_agency_the_sentence_cites_is_no_place_of_the_event() -> None:
    """'told AFP', 'quoted by IRNA', 'RAMALLAH, West Bank (AP)': the model sometimes gives the source as the
    event's place; the sentence names it as a source, so it is dropped. A real place stays."""
    from summarizer.text.names import load_names
    from summarizer.text.places import event_places

    names = load_names(None)
    told = "Qeshm island governor Heydar Alishbandi told AFP that a total of 10 people had been killed."
    found, _ = event_places(names, told, where="AFP", whom=None, words="10 people killed", description="killed")
    assert found == []
    found, _ = event_places(names, told, where="Qeshm", whom=None, words="10 people killed", description="killed")
    assert [loc.name for loc in found] == ["Qeshm"]
    dateline = "RAMALLAH, West Bank (AP) - An Israeli military court indicted a teenage girl on Monday."
    found, _ = event_places(names, dateline, where="AP", whom=None, words="indicted", description="indicted")
    assert found == []


def test_a_target_written_as_a_place_phrase_is_where_not_whom() -> None:
    """'opposition forces advanced in Idlib, Aleppo and Hama' answered as whom "in Idlib, Aleppo and Hama": the
    places, never a target; "from Peru" too, but "from the army" and "to the SDF" stay sides."""
    from summarizer.text.places import event_places

    names = load_names(None)
    advanced = "Rebels advanced in Cusco, Puno and Arequipa on Monday."
    found, is_place = event_places(
        names, advanced, where=None, whom="in Cusco, Puno and Arequipa", words="advanced", description="advanced"
    )
    assert [loc.canonical for loc in found] == ["Cusco", "Puno", "Arequipa"] and is_place
    moved = "The army moved troops from Peru to the border."
    found, is_place = event_places(names, moved, where=None, whom="from Peru", words="moved", description="moved")
    assert [loc.canonical for loc in found] == ["Peru"] and is_place
    took = "Rebels took the town from the army."
    _, is_place = event_places(names, took, where=None, whom="from the army", words="took", description="took")
    assert not is_place


def test_where_lists_places_but_not_a_country_named_with_and_nor_a_time() -> None:
    from summarizer.text.places import places_written

    names = load_names(None)

    def written(text: str) -> list[tuple[str, str | None]]:
        return [(loc.canonical, loc.country) for loc in places_written(text, names)]

    # A list of places, one of them written with its article.
    assert written("Oman and the United Arab Emirates") == [
        ("Oman", "Oman"),
        ("United Arab Emirates", "United Arab Emirates"),
    ]
    assert [c for c, _ in written("Idlib, Aleppo and Homs")] == ["Idlib", "Aleppo", "Homs"]
    # A word that picks places out of more is no part of them.
    assert [c for c, _ in written("including Cusco and Puno")] == ["Cusco", "Puno"]
    # One country whose name holds "and" is one place.
    assert written("Bosnia and Herzegovina") == [("Bosnia and Herzegovina", "Bosnia and Herzegovina")]
    assert written("Trinidad and Tobago") == [("Trinidad and Tobago", "Trinidad and Tobago")]
    # Time words in "where" are no place; a place named after a weekday stays.
    assert written("on Sunday night") == written("mid-January") == written("Nov. 3") == []
    assert [c for c, _ in written("Tuesday Market Place")] == ["Tuesday Market Place"]


def test_a_shop_is_the_business_robbed_not_a_place(monkeypatch) -> None:
    from summarizer.text.places import places_written

    names = load_names(None)
    # A shop named by its business is what was robbed (an actor), not where: LABELLING.md §4, §15.11.
    for where in ("the Casty store", "Harry Winston jewellery store", "an upmarket jewellery boutique"):
        assert places_written(where, names) == []
    # What stands around it still says where; a hotel or an airport is a site one stands in.
    assert [loc.name for loc in places_written("the Casty store near Place Vendome", names)]
    assert [loc.canonical for loc in places_written("the Carlton Hotel", names)]
    monkeypatch.setitem(RULES, "shop_is_business", False)
    assert [loc.name for loc in places_written("the Casty store", names)] == ["the Casty store"]


def test_the_state_a_name_stands_for() -> None:
    from summarizer.text.states import state_of

    assert state_of("Sudan") == state_of("the Sudanese government") == state_of("Sudan's army") == {"SD"}
    assert state_of("South Sudanese troops") == {"SS"} != state_of("Sudanese troops")
    assert state_of("U.S. forces") == state_of("US") == {"US"} and not state_of("us")
    assert state_of("Syrian government forces") == {"SY"}
    assert not state_of("rebels") and not state_of("the government") and not state_of("Kurdish forces")


def test_a_region_of_one_country_makes_that_country_preferred_for_its_towns(monkeypatch) -> None:
    text = "Crews tackled a blaze at a supermarket in a Somerset town. The store in High Street, Wellington, burned."
    assert load_names(None).scoped(text).place_info("Wellington")[1] == "United Kingdom"
    assert load_names(None).place_info("Wellington")[1] == "New Zealand"  # alone: the largest Wellington
    monkeypatch.setitem(RULES, "region_names_its_country", False)
    assert load_names(None).scoped(text).place_info("Wellington")[1] == "New Zealand"
