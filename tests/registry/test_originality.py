import random

import pytest

from registry.models import Fingerprint, OriginalityReport, ReportStatus
from registry.originality import synthetic
from registry.originality.shingling import fingerprint_text, story_lines, text_tokens
from registry.services.originality import (
    fingerprint_revision,
    originality_index,
    originality_reindex,
    originality_report_request,
)
from tests.support.factories import UserFactory, add_collaborator, make_series

pytestmark = pytest.mark.django_db

LAYOUT_A = """第1集
1-1 日 内 客厅
人物：林晚、王桂兰
△林晚推门进来。
林晚（OS）：今天的风好大。
2-1 夜 外 街头
人物：林晚
△雨。
"""
LAYOUT_B = LAYOUT_A.replace("林晚推门进来", "顾沉舟放下茶杯").replace(
    "今天的风好大", "案子有新线索"
)


def script(seed: int, **kwargs) -> str:
    return synthetic.make_script(random.Random(seed), **kwargs)


def best_similarity(a: str, b: str) -> float:
    fa, fb = fingerprint_text(a), fingerprint_text(b)
    return max(float((x == y).mean()) for x in fa.signatures for y in fb.signatures)


def test_shingling_leaves_out_scene_headings_cast_lines_cues_and_markers():
    lines = [text for _episode, _line, text in story_lines(LAYOUT_A, "zh")]

    assert lines == ["林晚推门进来。", "今天的风好大。", "雨。"]
    joined = "".join(lines)
    for boilerplate in ("日", "内", "人物", "△", "OS", "1-1"):
        assert boilerplate not in joined


def test_two_scripts_with_the_same_layout_and_other_words_do_not_match():
    a = text_tokens(LAYOUT_A, "zh")
    b = text_tokens(LAYOUT_B, "zh")

    shared = set(a.ids.tolist()) & set(b.ids.tolist())
    assert best_similarity(LAYOUT_A, LAYOUT_B) < 0.2
    assert "日" not in "".join(chr(c) for c in shared)


def test_english_is_shingled_by_words_without_scene_headings_or_cues():
    text = "INT. OFFICE - DAY\n\nMia reads the letter twice.\n\nMIA (V.O.)\nNot again.\n"

    tokens = text_tokens(text, "fountain")

    assert tokens.words
    assert [line for _e, _l, line in story_lines(text, "fountain")] == [
        "Mia reads the letter twice.",
        "Not again.",
    ]


def test_a_planted_copy_with_light_edits_is_estimated_as_similar_and_a_stranger_is_not():
    source, target, stranger = script(1), script(2), script(3)
    copied, _pasted = synthetic.plant(source, target, 0.15, random.Random(4))

    assert best_similarity(source, copied) > 0.5
    assert best_similarity(source, stranger) < 0.1


def report_on(series, actor=None, run_on_commit=None):
    actor = actor or series.owner
    with run_on_commit():
        report = originality_report_request(actor=actor, revision=series.head)
    report.refresh_from_db()
    return report


def test_the_report_finds_a_planted_copy_with_episode_and_line_numbers(run_on_commit):
    original = make_series(text=script(1), title="原作")
    fingerprint_revision(revision=original.head, reason="registered")
    copied_text, _ = synthetic.plant(script(1), script(2), 0.15, random.Random(4))
    copy = make_series(text=copied_text, title="抄袭")

    report = report_on(copy, run_on_commit=run_on_commit)

    assert report.status == ReportStatus.DONE
    assert report.progress == 100
    assert report.index_size == 2  # the original and the checked revision
    assert report.finished_at is not None
    [match] = report.results
    assert match["series_id"] == original.pk
    assert match["exact"] > 0.5 and match["estimated"] > 0.5
    longest = max(match["passages"], key=lambda p: p["ours"]["line_to"] - p["ours"]["line_from"])
    ours_lines = copied_text.split("\n")
    assert longest["ours"]["episode"] >= 1 and longest["theirs"]["episode"] >= 1
    assert longest["ours"]["text"].split("\n")[0] == ours_lines[longest["ours"]["line_from"] - 1]


def test_the_writers_own_series_and_earlier_revisions_are_never_reported(run_on_commit):
    writer = UserFactory()
    text = script(5)
    mine = make_series(owner=writer, text=text, title="旧作")
    fingerprint_revision(revision=mine.head, reason="registered")
    again = make_series(owner=writer, text=text, title="新作")

    report = report_on(again, run_on_commit=run_on_commit)

    assert report.status == ReportStatus.DONE
    assert report.results == []


def test_earlier_revisions_of_the_same_series_are_never_reported(run_on_commit):
    from scripts_app.services.revisions import revision_save

    text = script(6)
    series = make_series(text=text)
    fingerprint_revision(revision=series.head, reason="registered")
    revision_save(actor=series.owner, series=series, text=text + "\n△新的一行。", base=series.head)
    series.refresh_from_db()
    assert series.head.number == 2

    report = report_on(series, run_on_commit=run_on_commit)

    assert report.results == []
    assert Fingerprint.objects.filter(series=series).count() == 2


def test_a_report_request_refuses_someone_who_is_not_a_writer(run_on_commit):
    from django.core.exceptions import PermissionDenied

    series = make_series(text=script(7))
    reader = add_collaborator(series, role="reader")

    with pytest.raises(PermissionDenied):
        originality_report_request(actor=reader, revision=series.head)
    with pytest.raises(PermissionDenied):
        originality_report_request(actor=UserFactory(), revision=series.head)


def test_a_higher_app_can_grant_the_report_to_an_instructor(run_on_commit):
    from registry.extensions import register_originality_grant, unregister_originality_grant

    series = make_series(text=script(8))
    instructor = UserFactory()

    def grant(user, revision):
        return user.pk == instructor.pk and revision.series_id == series.pk

    register_originality_grant(grant)
    try:
        report = report_on(series, actor=instructor, run_on_commit=run_on_commit)
    finally:
        unregister_originality_grant(grant)
    assert report.status == ReportStatus.DONE
    assert report.requested_by == instructor


def test_registering_a_revision_fingerprints_it_on_commit(run_on_commit):
    from registry.services.registration import registration_request

    series = make_series(text=script(9))
    with run_on_commit():
        registration_request(actor=series.owner, series=series, revision=series.head, authors=[])

    fingerprint = Fingerprint.objects.get(revision=series.head)
    assert fingerprint.reason == "registered"
    assert fingerprint.windows > 1
    assert originality_index().size() == 1


def test_the_index_is_rebuilt_from_stored_signatures():
    for seed in (10, 11):
        fingerprint_revision(revision=make_series(text=script(seed)).head, reason="review")

    assert originality_reindex() == 2
    assert originality_index().size() == 2


def test_a_failed_check_ends_failed_not_stuck(run_on_commit, monkeypatch):
    from registry.services import originality

    series = make_series(text=script(12))

    def boom(*args, **kwargs):
        raise RuntimeError("index away")

    monkeypatch.setattr(originality, "rank_candidates", boom)
    with pytest.raises(RuntimeError), run_on_commit():
        originality_report_request(actor=series.owner, revision=series.head)
    report = OriginalityReport.objects.get(series=series)
    assert report.status == ReportStatus.FAILED
    assert "index away" in report.error
