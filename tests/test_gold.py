"""The gold file passes its own checks: verbatim evidence, resolving references, one story per event."""

from __future__ import annotations

from summarizer.eval.gold import gold_problems, load_gold

from .conftest import ROOT

SUITE = ROOT / "evals" / "seeds"


def test_gold_loads_and_has_no_problems() -> None:
    suite = load_gold(SUITE)
    assert gold_problems(suite, SUITE) == []
    assert len(suite.articles) == 5 and all(a.events for a in suite.articles)


def test_every_evidence_string_is_a_whole_sentence_of_its_article() -> None:
    suite = load_gold(SUITE)
    for article in suite.articles:
        text = (SUITE / suite.articles_dir / article.file).read_text(encoding="utf-8")
        for event in article.events:
            for evidence in event.evidence:
                assert evidence in text, event.id
                assert not evidence.lstrip().startswith("date 2024"), event.id


def test_required_disagreements_are_labelled() -> None:
    suite = load_gold(SUITE)
    fields = {c.field for c in suite.conflicts}
    assert {"who", "where", "when", "label"} <= fields
    assert any(c.scope == "within_article" for c in suite.conflicts)


def test_gold_problems_catch_a_broken_file(tmp_path) -> None:
    text = (
        (SUITE / "gold.yaml")
        .read_text(encoding="utf-8")
        .replace("articles_dir: ../../seeds", f"articles_dir: {SUITE / '../../seeds'}")
    )
    broken = text.replace('"The Assad regime is relocating forces', '"The Assad regime is NOT relocating forces', 1)
    (tmp_path / "gold.yaml").write_text(broken, encoding="utf-8")
    problems = gold_problems(load_gold(tmp_path), tmp_path)
    assert any("not verbatim" in p for p in problems)
