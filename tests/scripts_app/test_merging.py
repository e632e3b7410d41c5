import pytest
from django.core.exceptions import ValidationError

from scripts_app.merging import merge_texts, resolve
from scripts_app.models import MergeConflict
from scripts_app.selectors import revision_text
from scripts_app.services.revisions import conflict_resolve, revision_save
from tests.support.factories import ZH_TWO_EPISODES, add_collaborator, make_series

BASE = "甲：一\n乙：二\n丙：三\n丁：四\n戊：五\n"


def test_changes_far_apart_merge_cleanly():
    ours = BASE.replace("甲：一", "甲：壹")
    theirs = BASE.replace("戊：五", "戊：伍")

    result = merge_texts(BASE, ours, theirs)

    assert result.conflicts == []
    assert result.text == "甲：壹\n乙：二\n丙：三\n丁：四\n戊：伍\n"


def test_the_same_line_changed_twice_is_a_conflict_with_both_versions():
    result = merge_texts(BASE, BASE.replace("丙：三", "丙：叁"), BASE.replace("丙：三", "丙：仨"))

    [hunk] = result.conflicts
    assert hunk.ours == ["丙：叁\n"] and hunk.theirs == ["丙：仨\n"] and hunk.base == ["丙：三\n"]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [("ours", "丙：叁\n"), ("theirs", "丙：仨\n"), ("both", "丙：叁\n丙：仨\n")],
)
def test_resolving_builds_the_text_from_the_choice(choice, expected):
    result = merge_texts(BASE, BASE.replace("丙：三", "丙：叁"), BASE.replace("丙：三", "丙：仨"))

    assert resolve(result, [choice]) == BASE.replace("丙：三\n", expected)


def test_keeping_both_never_glues_lines_without_a_final_newline():
    base, ours, theirs = "a\nb", "a\nB", "a\nβ"

    assert resolve(merge_texts(base, ours, theirs), ["both"]) == "a\nB\nβ"


def test_resolve_refuses_a_missing_choice():
    result = merge_texts(BASE, BASE.replace("丙：三", "丙：叁"), BASE.replace("丙：三", "丙：仨"))

    with pytest.raises(ValueError):
        resolve(result, [])


@pytest.mark.django_db
def test_resolving_a_conflict_saves_the_chosen_text_as_the_head():
    series = make_series()
    base = series.head
    cowriter = add_collaborator(series)
    revision_save(
        actor=cowriter,
        series=series,
        text=ZH_TWO_EPISODES.replace("林晚：能。", "林晚：一定能。"),
        base=base,
    )
    series.refresh_from_db()
    saved = revision_save(
        actor=series.owner,
        series=series,
        text=ZH_TWO_EPISODES.replace("林晚：能。", "林晚：很难。"),
        base=base,
    )

    result = conflict_resolve(actor=series.owner, conflict=saved.conflict, choices=["ours"])

    assert "林晚：很难。" in revision_text(result.head) and "一定能" not in revision_text(
        result.head
    )
    conflict = MergeConflict.objects.get()
    assert conflict.status == "resolved" and conflict.resolution == result.head
    with pytest.raises(ValidationError):
        conflict_resolve(actor=series.owner, conflict=conflict, choices=["ours"])
