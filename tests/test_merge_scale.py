"""The merge at scale gives the same story events as before it was made faster: counts on a synthetic feed.

The corpus is the benchmark's (``benchmarks/merge_scaling.py``): stories of several outlets sharing places,
actors and a week, which is where the merge does most of its work. The pinned counts were taken from the
merge before its clustering, feature building and story building were vectorised or trimmed; a change that
moves them changes what the merge decides, not only how fast it decides it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from summarizer.merge import merge_summaries

_BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def synthetic_corpus():
    sys.path.insert(0, str(_BENCHMARKS))
    try:
        from merge_scaling import synthetic_corpus
    finally:
        sys.path.remove(str(_BENCHMARKS))
    return synthetic_corpus


def test_synthetic_feed_merges_to_the_pinned_story_events(synthetic_corpus):
    summaries, texts, outcomes = synthetic_corpus(300, seed=0)
    report = merge_summaries(summaries, texts, outcomes)
    counts = (
        len(report.story_events),
        sum(len(s.sources) > 1 for s in report.story_events),
        len(report.conflicts),
    )
    assert counts == (927, 454, 263)
    assert sum(len(s.sources) for s in report.story_events) == sum(len(s.events) for s in summaries)
