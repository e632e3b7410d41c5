"""Briefs and pitches: every move, who may make it, what is refused and what it keeps."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.exceptions import Conflict
from core.models import AuditEntry, Notification
from scouting.models import Brief, BriefStatus, Pitch, PitchStatus
from scouting.services.briefs import (
    PitchFields,
    brief_close,
    brief_create,
    brief_publish,
    brief_update,
    pitch_create,
    pitch_decline,
    pitch_shortlist,
    pitch_submit,
    pitch_update,
    pitch_withdraw,
)
from tests.scouting.briefs_support import a_brief, a_pitch, brief_fields, scout_of
from tests.scouting.support import english_series, heritage_series, studio_scout
from tests.support.factories import (
    OrganisationFactory,
    UserFactory,
    add_collaborator,
    admin_of,
    make_series,
)

pytestmark = pytest.mark.django_db

EPISODE_1 = "阿竹把竹篾一根根理顺"
EPISODE_2 = "白天送外卖，晚上学竹编"


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def _past(brief):
    Brief.objects.filter(pk=brief.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    brief.refresh_from_db()


# Briefs --------------------------------------------------------------------------------


def test_a_scout_writes_a_draft_and_publishes_it():
    brief = a_brief(publish=False)
    assert brief.status == BriefStatus.DRAFT
    assert brief.title_en == "Heritage short dramas wanted"
    brief = brief_publish(actor=scout_of(brief), brief=brief)
    assert brief.status == BriefStatus.OPEN
    assert brief.published_at is not None
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"scouting.brief.create", "scouting.brief.publish"} <= actions


def test_the_studios_admin_writes_briefs_too():
    studio = OrganisationFactory(kind="studio")
    brief = brief_create(actor=admin_of(studio), studio=studio, fields=brief_fields())
    assert brief.studio == studio


@pytest.mark.parametrize("who", ["member", "other_scout", "stranger"])
def test_nobody_else_writes_a_studios_brief(who):
    studio = OrganisationFactory(kind="studio")
    from tests.support.factories import member_of

    person = {
        "member": lambda: member_of(studio),
        "other_scout": lambda: studio_scout(),
        "stranger": UserFactory,
    }[who]()
    with pytest.raises(PermissionDenied):
        brief_create(actor=person, studio=studio, fields=brief_fields())
    brief = a_brief(publish=False)
    with pytest.raises(PermissionDenied):
        brief_update(actor=person, brief=brief, fields=brief_fields(title_zh="改"))
    with pytest.raises(PermissionDenied):
        brief_publish(actor=person, brief=brief)
    with pytest.raises(PermissionDenied):
        brief_close(actor=person, brief=brief)


def test_a_brief_needs_a_title_a_description_and_sensible_numbers():
    scout = studio_scout()
    studio = scout.memberships.get().organisation
    with pytest.raises(ValidationError) as error:
        brief_create(
            actor=scout,
            studio=studio,
            fields=brief_fields(
                title_zh=" ", description_zh="", episodes=0, budget_tier="huge",
                target_episode_seconds=5,
            ),
        )  # fmt: skip
    assert set(error.value.message_dict) == {
        "title_zh", "description_zh", "episodes", "budget_tier", "target_episode_seconds",
    }  # fmt: skip
    assert not Brief.objects.exists()


def test_a_brief_whose_deadline_passed_is_not_published():
    brief = a_brief(publish=False, deadline=timezone.now() - timedelta(days=1))
    with pytest.raises(Conflict):
        brief_publish(actor=scout_of(brief), brief=brief)
    brief.refresh_from_db()
    assert brief.status == BriefStatus.DRAFT


def test_an_open_brief_is_edited_but_keeps_a_deadline_ahead_and_a_closed_one_is_not():
    brief = a_brief()
    scout = scout_of(brief)
    brief = brief_update(actor=scout, brief=brief, fields=brief_fields(title_zh="新标题"))
    assert Brief.objects.get(pk=brief.pk).title_zh == "新标题"
    with pytest.raises(ValidationError) as error:
        brief_update(
            actor=scout, brief=brief,
            fields=brief_fields(deadline=timezone.now() - timedelta(days=1)),
        )  # fmt: skip
    assert "deadline" in error.value.message_dict
    brief = brief_close(actor=scout, brief=brief)
    assert brief.status == BriefStatus.CLOSED
    with pytest.raises(Conflict):
        brief_update(actor=scout, brief=brief, fields=brief_fields())
    with pytest.raises(Conflict):
        brief_close(actor=scout, brief=brief)


# Pitches -------------------------------------------------------------------------------


def test_a_writer_pitches_and_the_studio_is_told_with_the_sample_cut_at_submission(
    run_on_commit,
):
    brief = a_brief()
    colleague = studio_scout(brief.studio)
    series = heritage_series()
    with run_on_commit():
        pitch = a_pitch(brief=brief, series=series, sample_episodes=1)
    assert pitch.status == PitchStatus.SUBMITTED
    assert pitch.submitted_at is not None
    assert EPISODE_1 in pitch.sample_text
    assert EPISODE_2 not in pitch.sample_text
    assert pitch.revision == series.head
    assert "scouting_pitch_submitted" in _kinds(scout_of(brief))
    assert "scouting_pitch_submitted" in _kinds(colleague)
    assert "scouting_pitch_submitted" not in _kinds(series.owner)
    assert AuditEntry.objects.filter(action="scouting.pitch.submit").count() == 1


def test_a_draft_has_no_sample_yet_and_two_episodes_give_two():
    pitch = a_pitch(submit=False, sample_episodes=2)
    assert pitch.sample_text == ""
    pitch = pitch_submit(actor=pitch.author, pitch=pitch)
    assert EPISODE_1 in pitch.sample_text and EPISODE_2 in pitch.sample_text


def test_a_cowriter_pitches_the_series_they_write():
    series = heritage_series()
    cowriter = add_collaborator(series)
    pitch = a_pitch(series=series, author=cowriter)
    assert pitch.author == cowriter


@pytest.mark.parametrize("role", ["stranger", "reader", "commenter"])
def test_nobody_pitches_a_series_they_do_not_write(role):
    series = heritage_series()
    person = UserFactory() if role == "stranger" else add_collaborator(series, role=role)
    with pytest.raises(ValidationError) as error:
        a_pitch(series=series, author=person)
    assert "series" in error.value.message_dict
    assert not Pitch.objects.exists()


def test_the_revision_must_be_of_the_pitched_series():
    series = heritage_series()
    other = english_series(owner=series.owner)
    with pytest.raises(ValidationError) as error:
        pitch_create(
            actor=series.owner, brief=a_brief(),
            fields=PitchFields(logline="一句话", series=series, revision=other.head),
        )  # fmt: skip
    assert "revision" in error.value.message_dict


def test_the_sample_is_no_longer_than_the_revision():
    series = heritage_series()  # three episodes
    with pytest.raises(ValidationError) as error:
        a_pitch(series=series, sample_episodes=4)
    assert "sample_episodes" in error.value.message_dict
    assert a_pitch(series=series, sample_episodes=3).sample_episodes == 3


def test_an_idea_without_a_series_is_a_pitch_but_a_sample_needs_a_series():
    brief = a_brief()
    writer = UserFactory()
    pitch = pitch_create(actor=writer, brief=brief, fields=PitchFields(logline="一个点子"))
    assert pitch_submit(actor=writer, pitch=pitch).sample_text == ""
    with pytest.raises(ValidationError) as error:
        pitch_create(
            actor=writer, brief=brief, fields=PitchFields(logline="又一个", sample_episodes=1)
        )
    assert "sample_episodes" in error.value.message_dict


def test_a_series_is_pitched_once_to_a_brief():
    pitch = a_pitch()
    with pytest.raises(ValidationError) as error:
        a_pitch(brief=pitch.brief, series=pitch.series)
    assert "series" in error.value.message_dict


def test_a_pitch_needs_a_logline():
    with pytest.raises(ValidationError) as error:
        a_pitch(logline="  ")
    assert "logline" in error.value.message_dict


def test_a_submission_after_the_deadline_is_refused_and_the_draft_is_kept():
    pitch = a_pitch(submit=False, logline="我的好点子")
    _past(pitch.brief)
    with pytest.raises(Conflict):
        pitch_submit(actor=pitch.author, pitch=pitch)
    pitch.refresh_from_db()
    assert pitch.status == PitchStatus.DRAFT
    assert pitch.logline == "我的好点子"
    assert pitch.submitted_at is None


def test_a_closed_brief_takes_no_submission_and_no_new_pitch():
    pitch = a_pitch(submit=False)
    brief_close(actor=scout_of(pitch.brief), brief=pitch.brief)
    with pytest.raises(Conflict):
        pitch_submit(actor=pitch.author, pitch=pitch)
    assert Pitch.objects.get(pk=pitch.pk).status == PitchStatus.DRAFT
    pitch.brief.refresh_from_db()
    with pytest.raises(Conflict):
        a_pitch(brief=pitch.brief)


def test_a_draft_is_changed_by_its_author_only_and_a_submitted_pitch_not_at_all():
    pitch = a_pitch(submit=False)
    fields = PitchFields(logline="改过的", series=pitch.series, revision=pitch.revision)
    with pytest.raises(PermissionDenied):
        pitch_update(actor=UserFactory(), pitch=pitch, fields=fields)
    assert pitch_update(actor=pitch.author, pitch=pitch, fields=fields).logline == "改过的"
    pitch_submit(actor=pitch.author, pitch=pitch)
    with pytest.raises(Conflict):
        pitch_update(actor=pitch.author, pitch=pitch, fields=fields)


def test_only_the_author_submits_and_withdraws():
    pitch = a_pitch(submit=False)
    with pytest.raises(PermissionDenied):
        pitch_submit(actor=scout_of(pitch.brief), pitch=pitch)
    pitch = pitch_submit(actor=pitch.author, pitch=pitch)
    with pytest.raises(PermissionDenied):
        pitch_withdraw(actor=scout_of(pitch.brief), pitch=pitch)
    pitch = pitch_withdraw(actor=pitch.author, pitch=pitch)
    assert pitch.status == PitchStatus.WITHDRAWN
    with pytest.raises(Conflict):
        pitch_shortlist(actor=scout_of(pitch.brief), pitch=pitch)


def test_the_studio_shortlists_then_declines_with_a_note_and_the_writer_hears(run_on_commit):
    pitch = a_pitch()
    scout = scout_of(pitch.brief)
    with run_on_commit():
        pitch = pitch_shortlist(actor=scout, pitch=pitch, note="很有意思。")
    assert pitch.status == PitchStatus.SHORTLISTED
    assert "scouting_pitch_shortlisted" in _kinds(pitch.author)
    with run_on_commit():
        pitch = pitch_decline(actor=scout, pitch=pitch, note="预算不合适。")
    assert pitch.status == PitchStatus.DECLINED
    assert pitch.answer_note == "预算不合适。"
    assert pitch.answered_by == scout
    assert "scouting_pitch_declined" in _kinds(pitch.author)
    with pytest.raises(Conflict):
        pitch_decline(actor=scout, pitch=pitch)
    assert AuditEntry.objects.filter(action="scouting.pitch.decline").count() == 1


@pytest.mark.parametrize("who", ["writer", "other_scout", "stranger", "staff"])
def test_nobody_but_the_studio_answers_a_pitch(who):
    pitch = a_pitch()
    person = {
        "writer": lambda: pitch.author,
        "other_scout": lambda: studio_scout(),
        "stranger": UserFactory,
        "staff": lambda: UserFactory(is_staff=True),
    }[who]()
    with pytest.raises(PermissionDenied):
        pitch_shortlist(actor=person, pitch=pitch)
    with pytest.raises(PermissionDenied):
        pitch_decline(actor=person, pitch=pitch)
    assert Pitch.objects.get(pk=pitch.pk).status == PitchStatus.SUBMITTED


def test_a_draft_pitch_is_not_the_studios_to_answer():
    pitch = a_pitch(submit=False)
    with pytest.raises(Conflict):
        pitch_shortlist(actor=scout_of(pitch.brief), pitch=pitch)


def test_a_revision_saved_after_submission_does_not_change_the_sample():
    from scripts_app.services.revisions import revision_save

    series = make_series(text="第1集 开始\n△旧的开场。\n\n第2集 继续\n△其他。\n")
    pitch = a_pitch(series=series, sample_episodes=1)
    revision_save(
        actor=series.owner, series=series, text="第1集 开始\n△新的开场。\n", base=series.head
    )
    pitch.refresh_from_db()
    assert "旧的开场" in pitch.sample_text


def test_publishing_tells_the_writers_of_matching_listed_series_once(run_on_commit):
    from scouting.services.briefs import brief_tell_matching_writers
    from tests.scouting.support import listed, themes

    matching = listed(heritage_series(themes=themes("intangible-heritage")))
    other = listed(english_series(themes=themes("cultural-tourism")))
    unlisted_writer = heritage_series(themes=themes("intangible-heritage")).owner
    brief = a_brief(publish=False, terms=themes("intangible-heritage"))
    with run_on_commit():
        brief_publish(actor=scout_of(brief), brief=brief)
    assert _kinds(matching.series.owner) == ["scouting_brief_matches"]
    assert _kinds(other.series.owner) == []
    assert _kinds(unlisted_writer) == []
    with run_on_commit():
        assert brief_tell_matching_writers(brief_id=brief.pk) == 0
    assert _kinds(matching.series.owner) == ["scouting_brief_matches"]
