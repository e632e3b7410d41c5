import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from scripts_app.comments import comments_for_display
from scripts_app.reports import analysis_report
from scripts_app.selectors import revision_text
from scripts_app.services.comments import comment_create, comment_set_resolved
from scripts_app.services.revisions import revision_save
from taxonomy.models import Term
from tests.support.factories import ZH_TWO_EPISODES, UserFactory, add_collaborator, make_series

pytestmark = pytest.mark.django_db

DIALOGUE_LINE = ZH_TWO_EPISODES.split("\n").index("林晚：能。但我需要您把工地的考勤表找出来。") + 1


def test_a_resolved_comment_on_the_read_page_is_labelled_resolved(client):
    series = make_series()
    reader = add_collaborator(series, role="reader")
    comment = comment_create(actor=reader, revision=series.head, line=DIALOGUE_LINE, body="好句")
    comment_set_resolved(actor=series.owner, comment=comment, resolved=True)
    client.force_login(series.owner)

    html = client.get(f"/scripts/{series.pk}/read/").content.decode()

    item = html[html.index('<li class="comment resolved">') :]
    assert '<span class="tag tag-resolved">已解决</span>' in item[: item.index("</li>")]


def test_readers_comment_on_a_line_and_writers_are_told(run_on_commit):
    series = make_series()
    reader = add_collaborator(series, role="reader")

    with run_on_commit():
        comment = comment_create(
            actor=reader, revision=series.head, line=DIALOGUE_LINE, body="这句太快了。"
        )

    assert comment.anchor_text == "林晚：能。但我需要您把工地的考勤表找出来。"
    assert series.owner.notifications.filter(kind="series_comment").exists()


def test_strangers_and_platform_members_cannot_comment():
    series = make_series(visibility="platform")

    with pytest.raises(PermissionDenied):
        comment_create(actor=UserFactory(), revision=series.head, line=DIALOGUE_LINE, body="hi")


@pytest.mark.parametrize(("line", "body"), [(0, "x"), (999, "x"), (1, ""), (2, "x")])
def test_comments_need_a_real_line_and_a_body(line, body):
    series = make_series()

    with pytest.raises(ValidationError):
        comment_create(actor=series.owner, revision=series.head, line=line, body=body)


def test_a_comment_follows_its_line_into_later_revisions_and_goes_outdated_when_it_is_gone():
    series = make_series()
    comment = comment_create(actor=series.owner, revision=series.head, line=DIALOGUE_LINE, body="?")
    moved = revision_save(
        actor=series.owner, series=series, text="\n\n" + ZH_TWO_EPISODES, base=series.head
    ).head

    [placed] = comments_for_display(series, moved, revision_text(moved))
    assert placed.current_line == DIALOGUE_LINE + 2 and not placed.outdated

    series.refresh_from_db()
    gone = revision_save(
        actor=series.owner,
        series=series,
        text=ZH_TWO_EPISODES.replace("林晚：能。", "林晚：可以。"),
        base=moved,
    ).head
    [placed] = comments_for_display(series, gone, revision_text(gone))
    assert placed.outdated and placed.comment == comment


def test_only_writers_or_the_author_resolve_comments():
    series = make_series()
    reader, other_reader = (
        add_collaborator(series, role="reader"),
        add_collaborator(series, role="reader"),
    )
    comment = comment_create(actor=reader, revision=series.head, line=DIALOGUE_LINE, body="?")

    with pytest.raises(PermissionDenied):
        comment_set_resolved(actor=other_reader, comment=comment, resolved=True)
    assert comment_set_resolved(actor=series.owner, comment=comment, resolved=True).resolved


def test_report_flags_length_paywall_and_pace_for_older_viewers():
    series = make_series(target_episode_seconds=300, paywall_episode=2, planned_episodes=40)
    series.audiences.add(Term.objects.get(slug="silver-haired"))

    report = analysis_report(series, series.head, revision_text(series.head))

    assert {e["length_flag"] for e in report["episodes"]} == {"short"}
    assert report["paywall_notes"]  # episode 2 is planned as the paywall but not marked
    assert report["silver_audience"] is True
    assert report["production"]["locations"] == 2
    assert report["production"]["int"] == 2


def test_report_passes_when_the_plan_is_met():
    series = make_series(target_episode_seconds=30, planned_episodes=40)

    report = analysis_report(series, series.head, revision_text(series.head))

    assert report["paywall_notes"] == [] and report["pace_hint"] == ""
    assert report["episodes_without_hook"] == []


@pytest.mark.parametrize(
    ("fmt", "text", "marker", "other"),
    [
        ("zh", None, "【付费卡点】", "[[PAYWALL]]"),
        (
            "fountain",
            "# Episode 1\n\nINT. KITCHEN - DAY\n\nShe waits.\n\n# Episode 2\n\nEXT. STREET - NIGHT\n\nHe runs.\n",
            "[[PAYWALL]]",
            "【付费卡点】",
        ),
    ],
)
def test_the_paywall_hint_names_the_marker_of_the_series_own_format(fmt, text, marker, other):
    fields = {"format": fmt, "paywall_episode": 2, "planned_episodes": 40}
    series = make_series(text=text, **fields) if text else make_series(**fields)

    with translation.override("en"):
        [english] = analysis_report(series, series.head, revision_text(series.head))[
            "paywall_notes"
        ]
    with translation.override("zh-hans"):
        [chinese] = analysis_report(series, series.head, revision_text(series.head))[
            "paywall_notes"
        ]

    assert marker in english and other not in english
    assert marker in chinese and "Episode" not in chinese
