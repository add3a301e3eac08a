"""Where a sentence ends after an abbreviation, and after a Chinese or Japanese quote (summarizer/text/sentences.py).

pysbd keeps "in the U.S. Its envoy arrived" as one sentence and the former repair cut only before a
capitalised word and a verb from a list, which also cut "U.S. Steel said" and "C.D. Jones were arrested".
The case 06-sbd-abbrev-at-sentence-end holds the eval instance; these are the rest of the kind.
"""

from __future__ import annotations

import pytest

from summarizer.text.sentences import split_sentences
from summarizer.text.textnorm import normalise


def _sentences(text: str) -> list[str]:
    spans = split_sentences(text)
    assert all(text[span.start : span.end] == span.text for span in spans)
    return [span.text for span in spans]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "The rally was in Washington, D.C. Three people were hurt.",
            ["The rally was in Washington, D.C.", "Three people were hurt."],
        ),
        (
            "The aid came from the U.S. Its envoy arrived on Monday.",
            ["The aid came from the U.S.", "Its envoy arrived on Monday."],
        ),
        (
            "Thousands have moved to the U.K. Residents fear more violence.",
            ["Thousands have moved to the U.K.", "Residents fear more violence."],
        ),
        (
            "Ambassador Linda Thomas-Greenfield spoke at the U.N. The council then voted.",
            ["Ambassador Linda Thomas-Greenfield spoke at the U.N.", "The council then voted."],
        ),
        (
            "The firm was founded in the U.S. But it moved to London.",
            ["The firm was founded in the U.S.", "But it moved to London."],
        ),
        (
            "The plan came from the E.U. However, it was dropped.",
            ["The plan came from the E.U.", "However, it was dropped."],
        ),
        (
            "The group is based in the U.S. Police on Monday arrested 14 people.",
            ["The group is based in the U.S.", "Police on Monday arrested 14 people."],
        ),
        (
            "The group is in Washington, D.C. Rescue teams searched the rubble.",
            ["The group is in Washington, D.C.", "Rescue teams searched the rubble."],
        ),
        (
            "The envoy left the U.K. China condemned the decision.",
            ["The envoy left the U.K.", "China condemned the decision."],
        ),
        (
            "The summit was in Washington, D.C. Ukraine's foreign minister welcomed the move.",
            ["The summit was in Washington, D.C.", "Ukraine's foreign minister welcomed the move."],
        ),
        (
            "The march ended on Main St. Police then dispersed the crowd.",
            ["The march ended on Main St.", "Police then dispersed the crowd."],
        ),
        (
            "The fire destroyed a house on Elm St. No one was hurt.",
            ["The fire destroyed a house on Elm St.", "No one was hurt."],
        ),
        (
            "He lived at 12 Elm St. His neighbours said he was quiet.",
            ["He lived at 12 Elm St.", "His neighbours said he was quiet."],
        ),
    ],
)
def test_an_abbreviation_ends_the_sentence_when_a_new_one_follows(text: str, sentences: list[str]) -> None:
    assert _sentences(text) == sentences


@pytest.mark.parametrize(
    "text",
    [
        # A name that goes on after the abbreviation, at the start of the sentence or after "the".
        "U.S. Steel said it would cut 1,000 jobs.",
        "The U.S. Fed raised interest rates on Wednesday.",
        "U.S. Marshals arrested the suspect on Friday.",
        "U.S. Customs seized the shipment.",
        "U.N. Women said the figures were alarming.",
        "The E.U. Commission said it would respond.",
        "Rates rose after the U.S. Fed raised its forecast.",
        "Officials said the U.S. Army said it had left.",
        "He was arrested by U.S. Marshals on Friday.",
        "She sold her stake in U.S. Steel last year.",
        "Analysts said the U.S. Navy band would play.",
        "He spoke to the U.N. Refugee agency staff.",
        "They toured the U.S. Capitol building on Monday.",
        "They joined the U.S. Women's team last year.",
        # A person's initials.
        "J.P. Morgan said profits rose.",
        "A.B. Smith and C.D. Jones were arrested.",
        "Inflation will peak in June, J.P. Morgan said.",
        "Analysts at the J.P. Morgan bank said rates would rise.",
        # A day after a place; a saint, not a street; a street in a name.
        "Police in Washington, D.C. Thursday arrested two men.",
        "He was born in St. Louis in 1960.",
        "The victim was taken to St. Mary's Hospital.",
        "Traffic on the Main St. Bridge was halted.",
        "Ft. Worth police said two people died.",
        # A company's legal form or its head after "Corp." / "Co.".
        "Samsung Electronics Co. Ltd. said it would cut jobs.",
        "Samsung Electronics Co. Ltd. Chairman Lee Jae-yong was questioned.",
        "Toyota Motor Corp. President Koji Sato said sales fell.",
        "Acme Corp. Chief Executive Jane Doe resigned.",
        "Barclays Plc. Chief Executive C.S. Venkatakrishnan resigned.",
    ],
)
def test_an_abbreviation_inside_a_sentence_is_not_cut(text: str) -> None:
    assert _sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Prices in the U.S. And Canada rose.", 1),
        ("A U.S. Navy ship was hit.", 1),
        ("He met the U.N. Security Council on Monday.", 1),
        ("Shares of Tesla Inc. fell 5% on Monday.", 1),
        ("The company is Acme Corp. Its shares fell 5%.", 2),
        ("The company is Acme Corp. Shares fell 5%.", 2),
        ("Martin Luther King Jr. said that in 1963.", 1),
        ("The attack came at about 2 a.m. Two people were killed.", 2),
        ("The quake struck at 3 a.m. Tuesday, officials said.", 1),
        ("The vote was held on Jan. 5, officials said.", 1),
        ("The vote was held in Jan. Turnout was low.", 2),
        ("Maj. Gen. Patrick Ryder said no troops were hurt.", 1),
        ("They moved to St. Petersburg in 1990.", 1),
        ("They met at No. 10. The talks lasted an hour.", 2),
        ("Officials cited several causes, e.g. heavy rain. Residents were evacuated.", 2),
        ("The J. R. R. Tolkien estate sued the studio.", 1),
        ("Prices rose 3.5%. Analysts expected 3.2%.", 2),
        ('He said: "We lost everything." Rescue work continues.', 2),
    ],
)
def test_what_was_right_stays_right(text: str, count: int) -> None:
    assert len(_sentences(text)) == count


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("村民说：“我们失去了一切。”救援仍在继续。", ["村民说：“我们失去了一切。”", "救援仍在继续。"]),
        ("他问：“政府在哪里？”没有人回答。", ["他问：“政府在哪里？”", "没有人回答。"]),
        ("她喊道：“快跑！”人们四散奔逃。", ["她喊道：“快跑！”", "人们四散奔逃。"]),
        ("“我们失去了一切。”一名村民说。", ["“我们失去了一切。”", "一名村民说。"]),
        (
            "「家が全部流された。」と住民は話した。救助活動は続いている。",
            ["「家が全部流された。」と住民は話した。", "救助活動は続いている。"],
        ),
        ("「家が流された。」住民は避難した。", ["「家が流された。」", "住民は避難した。"]),
    ],
)
def test_a_chinese_or_japanese_full_stop_inside_a_quote_ends_after_the_quote(text: str, sentences: list[str]) -> None:
    assert _sentences(text) == sentences
    # The articles are split after normalisation, which makes ！？：， ASCII.
    assert _sentences(normalise(text).text) == [normalise(sentence).text for sentence in sentences]


@pytest.mark.parametrize(
    "text",
    [
        "住民は「家が流された」と話した。",
        "「火事だ！」って叫んだ。",
        'He shouted "Run!" and fled.',
        "美国（U.S.）官员表示，3人死亡。",
    ],
)
def test_a_quote_that_goes_on_is_not_cut(text: str) -> None:
    assert _sentences(text) == [text]
