"""Briefs and pitches test data, made through the services as the app makes it."""

from datetime import timedelta

from django.utils import timezone

from scouting.services.briefs import (
    BriefFields,
    PitchFields,
    brief_create,
    brief_publish,
    pitch_create,
    pitch_submit,
)
from tests.scouting.support import heritage_series, studio_scout
from tests.support.factories import OrganisationFactory


def brief_fields(**overrides):
    values = {
        "title_zh": "寻找非遗题材短剧",
        "title_en": "Heritage short dramas wanted",
        "description_zh": "我们在找**非遗**题材。",
        "description_en": "We look for *heritage* stories.",
        "terms_on_offer_zh": "委托创作，稿酬面议。",
        "deadline": timezone.now() + timedelta(days=30),
        "episodes": 60,
        "budget_tier": "small",
    }
    values.update(overrides)
    return BriefFields(**values)


def a_brief(*, scout=None, publish=True, **overrides):
    """A brief of a studio (open by default), written by one of its scouts."""
    if scout is None:
        studio = OrganisationFactory(
            kind="studio", name_zh="星河短剧工作室", name_en="Galaxy Shorts"
        )
        scout = studio_scout(studio)
    from scouting.permissions import scouting_studios

    studio = scouting_studios(scout).order_by("pk").first()
    brief = brief_create(actor=scout, studio=studio, fields=brief_fields(**overrides))
    if publish:
        brief = brief_publish(actor=scout, brief=brief)
    return brief


def a_pitch(*, brief=None, series=None, submit=True, sample_episodes=1, **overrides):
    """A writer pitches their heritage series (its first episode as the sample)."""
    brief = brief or a_brief()
    series = series or heritage_series()
    fields = PitchFields(
        logline=overrides.pop("logline", "外卖小哥学竹编。"),
        synopsis=overrides.pop("synopsis", "一个关于传承的故事。"),
        series=series,
        revision=series.head,
        sample_episodes=sample_episodes,
    )
    pitch = pitch_create(actor=overrides.pop("author", series.owner), brief=brief, fields=fields)
    if submit:
        pitch = pitch_submit(actor=pitch.author, pitch=pitch)
    return pitch


def scout_of(brief):
    """A scout of the brief's studio (the one who wrote it)."""
    return brief.created_by
