"""Classroom copying guidelines: brevity formulas, spontaneity, cumulative effect, prohibitions."""
import pytest

from app.tools import classroom_copying as cc
from app.tools.result import OUTSIDE, WITHIN


def copying(**kw):
    base = dict(genre="prose", whole_work=False, total_words=5000, copied_words=500, copies=25, pupils=25,
                notice_on_copies=True, teachers_own_decision=True, no_time_for_permission=True)
    base.update(kw)
    return cc.CopyingInputs(**base)


@pytest.mark.parametrize("total, limit", [(2400, 500), (2500, 500), (5000, 500), (20000, 1000), (8000, 800), (400, 500)])
def test_prose_excerpt_formula(total, limit):
    assert cc.prose_excerpt_limit(total) == limit


@pytest.mark.parametrize("total, whole, copied, outcome, rule", [
    (2400, True, None, WITHIN, "CC-PROSE-WHOLE"),      # complete work under 2,500 words
    (2500, True, None, OUTSIDE, "CC-PROSE-WHOLE"),     # "less than 2,500": 2,500 is not less
    (2400, False, 500, WITHIN, "CC-PROSE-EXCERPT"),    # 10% is 240, but the 500-word minimum applies
    (2500, False, 501, OUTSIDE, "CC-PROSE-EXCERPT"),
    (5000, False, 500, WITHIN, "CC-PROSE-EXCERPT"),
    (5000, False, 501, OUTSIDE, "CC-PROSE-EXCERPT"),
    (20000, False, 1000, WITHIN, "CC-PROSE-EXCERPT"),  # 10% is 2,000 but the cap is 1,000
    (20000, False, 1001, OUTSIDE, "CC-PROSE-EXCERPT"),
])
def test_prose_brevity_at_2400_2500_5000_20000(total, whole, copied, outcome, rule):
    result = cc.check(copying(total_words=total, whole_work=whole, copied_words=total if whole else copied))
    assert result.outcome == outcome
    assert rule in result.rule_ids


@pytest.mark.parametrize("kw, outcome, rule", [
    (dict(genre="poetry", whole_work=True, total_words=249, pages_copied=2), WITHIN, "CC-POETRY-WHOLE"),
    (dict(genre="poetry", whole_work=True, total_words=250, pages_copied=1), OUTSIDE, "CC-POETRY-WHOLE"),
    (dict(genre="poetry", whole_work=True, total_words=200, pages_copied=3), OUTSIDE, "CC-POETRY-WHOLE"),
    (dict(genre="poetry", whole_work=False, total_words=2000, copied_words=250), WITHIN, "CC-POETRY-EXCERPT"),
    (dict(genre="poetry", whole_work=False, total_words=2000, copied_words=251), OUTSIDE, "CC-POETRY-EXCERPT"),
    (dict(genre="illustration", illustrations_from_source=1), WITHIN, "CC-ILLUS"),
    (dict(genre="illustration", illustrations_from_source=2), OUTSIDE, "CC-ILLUS"),
    (dict(genre="special", total_words=2000, copied_words=200, pages_copied=2), WITHIN, "CC-SPECIAL"),
    (dict(genre="special", total_words=2000, copied_words=201, pages_copied=2), OUTSIDE, "CC-SPECIAL"),
    (dict(genre="special", total_words=2000, copied_words=100, pages_copied=3), OUTSIDE, "CC-SPECIAL"),
    (dict(genre="special", whole_work=True, total_words=800, copied_words=800, pages_copied=1), OUTSIDE, "CC-SPECIAL"),
    (dict(copies=26, pupils=25), OUTSIDE, "CC-COPIES"),
    (dict(genre="single", copies=1, pupils=0, notice_on_copies=False, no_time_for_permission=False), WITHIN, "CC-SINGLE"),
    (dict(genre="single", copies=2, pupils=0), OUTSIDE, "CC-SINGLE"),
    (dict(notice_on_copies=False), OUTSIDE, "CC-NOTICE"),
    (dict(teachers_own_decision=False), OUTSIDE, "CC-SPONT-1"),
    (dict(no_time_for_permission=False), OUTSIDE, "CC-SPONT-2"),
    (dict(one_course=False), OUTSIDE, "CC-CUM-COURSE"),
    (dict(same_author_excerpts_before=1), WITHIN, "CC-CUM-AUTHOR"),
    (dict(same_author_excerpts_before=2), OUTSIDE, "CC-CUM-AUTHOR"),
    (dict(same_author_works_before=1), OUTSIDE, "CC-CUM-AUTHOR"),
    (dict(same_collective_before=2), WITHIN, "CC-CUM-COLLECTIVE"),
    (dict(same_collective_before=3), OUTSIDE, "CC-CUM-COLLECTIVE"),
    (dict(instances_before=8), WITHIN, "CC-CUM-NINE"),
    (dict(instances_before=9), OUTSIDE, "CC-CUM-NINE"),
    (dict(current_news=True, instances_before=20, same_collective_before=5, same_author_excerpts_before=4), WITHIN, "CC-CUM-NEWS"),
] + [(dict(prohibited=(key,)), OUTSIDE, rule_id) for key, (rule_id, _) in cc.PROHIBITIONS.items()])
def test_rule_rows(kw, outcome, rule):
    result = cc.check(copying(**kw))
    assert result.outcome == outcome, [c for c in result.failed_checks]
    assert rule in result.rule_ids
    if outcome == OUTSIDE:
        assert rule in {c.rule_id for c in result.failed_checks}


def test_every_rule_row_is_tested():
    tested = {"CC-SINGLE", "CC-PROSE-WHOLE", "CC-PROSE-EXCERPT", "CC-POETRY-WHOLE", "CC-POETRY-EXCERPT", "CC-ILLUS", "CC-SPECIAL",
              "CC-COPIES", "CC-NOTICE", "CC-SPONT-1", "CC-SPONT-2", "CC-CUM-COURSE", "CC-CUM-AUTHOR", "CC-CUM-COLLECTIVE",
              "CC-CUM-NINE", "CC-CUM-NEWS"} | {rule_id for rule_id, _ in cc.PROHIBITIONS.values()}
    assert set(cc.RULES) == tested


def test_always_labelled_a_safe_harbour():
    for kw in ({}, {"copied_words": 900}):
        result = cc.check(copying(**kw))
        assert any("safe harbour" in w for w in result.warnings)
    assert "not a finding of infringement" in cc.check(copying(copied_words=900)).headline
