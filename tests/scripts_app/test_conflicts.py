"""Overlapping saves by co-writers: nothing either of them saved is lost, and both hear of it.

The story behind these tests: chen's save overlapped yang's and opened a conflict; chen's
editor, still holding his own text, saved again; that save was merged from his own
revision, so his side of the overlap looked unchanged and yang's version silently won.
"""

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEntry, Notification
from scripts_app.models import MergeConflict, Revision
from scripts_app.selectors import revision_text
from scripts_app.services.revisions import conflict_resolve, revision_save
from tests.support.factories import ZH_TWO_EPISODES, add_collaborator, make_series

pytestmark = pytest.mark.django_db

YANG_LINE = ZH_TWO_EPISODES.replace("林晚：能。", "林晚：一定能。")
CHEN_LINE = ZH_TWO_EPISODES.replace("林晚：能。", "林晚：恐怕很难。")


@pytest.fixture
def overlap():
    """chen (owner) and yang (co-writer) both edited the same line from revision 1;
    yang saved first, so chen's save opened a conflict."""
    series = make_series()
    base = series.head
    yang = add_collaborator(series)
    revision_save(actor=yang, series=series, text=YANG_LINE, base=base)
    series.refresh_from_db()
    result = revision_save(actor=series.owner, series=series, text=CHEN_LINE, base=base)
    assert result.status == "conflict"
    series.refresh_from_db()
    return series, yang, result


def _head_text(series) -> str:
    series.refresh_from_db()
    return revision_text(series.head)


def test_a_save_after_a_conflict_keeps_the_conflict_instead_of_merging_the_writers_side_away(
    overlap,
):
    series, yang, first = overlap
    # chen's editor keeps his text and saves against his own revision, as the editor does.
    more = CHEN_LINE.replace("门外传来敲门声。", "门外传来急促的敲门声。")

    second = revision_save(actor=series.owner, series=series, text=more, base=first.own)

    assert second.status == "conflict"
    assert MergeConflict.objects.count() == 1
    conflict = MergeConflict.objects.get()
    assert conflict.status == "open" and conflict.ours == second.own
    assert "恐怕很难" in revision_text(conflict.ours) and "急促" in revision_text(conflict.ours)
    assert "一定能" in _head_text(series)  # yang's saved text is untouched too


def test_a_later_save_that_takes_the_co_writers_line_resolves_the_conflict(overlap):
    series, yang, first = overlap
    also = YANG_LINE.replace("门外传来敲门声。", "门外传来急促的敲门声。")

    result = revision_save(actor=series.owner, series=series, text=also, base=first.own)

    assert result.status == "merged"
    conflict = MergeConflict.objects.get()
    assert conflict.status == "resolved" and conflict.resolution == result.head
    assert "急促" in _head_text(series) and "一定能" in _head_text(series)


def test_a_resolution_becomes_the_head(overlap):
    series, yang, first = overlap

    result = conflict_resolve(actor=series.owner, conflict=first.conflict, choices=["both"])

    assert result.status == "saved"
    text = _head_text(series)
    assert "恐怕很难" in text and "一定能" in text
    conflict = MergeConflict.objects.get()
    assert conflict.status == "resolved" and conflict.resolution == series.head


def test_a_resolution_made_while_the_head_moved_elsewhere_is_merged_into_the_head(overlap):
    series, yang, first = overlap
    revision_save(
        actor=yang,
        series=series,
        text=YANG_LINE.replace("△林晚对着台灯比对签名。", "△林晚对着台灯，一笔一笔比对签名。"),
        base=series.head,
    )

    result = conflict_resolve(actor=series.owner, conflict=first.conflict, choices=["ours"])

    assert result.status == "merged"
    text = _head_text(series)
    assert "恐怕很难" in text and "一笔一笔" in text and "一定能" not in text
    assert MergeConflict.objects.get().resolution == series.head


def test_a_resolution_that_overlaps_a_newer_save_keeps_the_same_conflict_open(overlap):
    series, yang, first = overlap
    newer = ZH_TWO_EPISODES.replace("林晚：能。", "林晚：能，一定能。")
    revision_save(actor=yang, series=series, text=newer, base=series.head)

    result = conflict_resolve(actor=series.owner, conflict=first.conflict, choices=["ours"])

    assert result.status == "conflict"
    assert MergeConflict.objects.count() == 1
    conflict = MergeConflict.objects.get()
    assert conflict.status == "open" and "恐怕很难" in revision_text(conflict.ours)
    assert "能，一定能" in _head_text(series)

    again = conflict_resolve(actor=series.owner, conflict=conflict, choices=["both"])

    assert again.status == "saved"
    assert "恐怕很难" in _head_text(series) and "能，一定能" in _head_text(series)
    assert MergeConflict.objects.get().status == "resolved"


def test_choices_made_on_versions_that_have_moved_on_are_refused(overlap):
    series, yang, first = overlap
    conflict = first.conflict
    seen = (conflict.ours.number, conflict.theirs.number)
    revision_save(
        actor=series.owner, series=series, text=CHEN_LINE + "\n△补一句。\n", base=first.own
    )

    with pytest.raises(ValidationError):
        conflict_resolve(actor=yang, conflict=conflict, choices=["ours"], seen=seen)
    assert MergeConflict.objects.get().status == "open"


@pytest.mark.django_db(transaction=True)  # notifications are sent when the save commits
def test_both_writers_hear_of_the_overlap_and_of_its_resolution(overlap):
    series, yang, first = overlap
    kinds = lambda person: set(  # noqa: E731
        Notification.objects.filter(recipient=person).values_list("kind", flat=True)
    )
    assert "series_conflict" in kinds(series.owner)
    assert "series_conflict_theirs" in kinds(yang)

    conflict_resolve(actor=yang, conflict=first.conflict, choices=["theirs"])

    assert "series_conflict_resolved" in kinds(series.owner)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"series.conflict_opened", "series.conflict_resolved"} <= actions


def test_every_text_either_writer_sent_stays_in_some_revision(overlap):
    series, yang, first = overlap
    revision_save(actor=series.owner, series=series, text=CHEN_LINE + "△一\n", base=first.own)
    texts = {revision_text(r) for r in Revision.objects.filter(series=series)}
    assert {YANG_LINE, CHEN_LINE, CHEN_LINE + "△一\n"} <= texts


def test_the_save_api_tells_each_editor_about_open_conflicts(overlap, api_client):
    series, yang, first = overlap
    api_client.force_authenticate(yang)
    answer = api_client.post(
        f"/api/v1/series/{series.pk}/revisions/",
        {"text": YANG_LINE + "△再补一句。\n", "base": series.head.number},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    [conflict] = answer.json()["open_conflicts"]
    assert conflict["mine"] is False and conflict["url"].endswith(
        f"/conflicts/{first.conflict.pk}/"
    )

    listed = api_client.get(f"/api/v1/series/{series.pk}/conflicts/")
    assert listed.status_code == 200
    assert [c["id"] for c in listed.json()["results"]] == [first.conflict.pk]


def test_the_conflict_page_resolves_into_the_head_and_says_so(overlap, client):
    series, yang, first = overlap
    conflict = first.conflict
    client.force_login(series.owner)
    url = f"/scripts/{series.pk}/conflicts/{conflict.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="ours"' in page.content.decode()

    answer = client.post(
        url,
        {"hunk-0": "both", "ours": conflict.ours.number, "theirs": conflict.theirs.number},
    )

    assert answer.status_code == 302
    assert "恐怕很难" in _head_text(series) and "一定能" in _head_text(series)
