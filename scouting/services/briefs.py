"""Open briefs and pitches: a studio writes and publishes a brief; writers pitch to it
with a logline, a synopsis and optionally one of their series at a revision, whose first
episodes are copied as a sample when the pitch is submitted; the studio shortlists or
declines, and may ask to read the pitched series (scouting.services.reads).

Every change of state is a move of BRIEF_FLOW or PITCH_FLOW (scouting.workflows),
performed by core.workflows.workflow_move (row lock, audit row, effects on commit).
Notifications: the studio's scouts hear of a submitted pitch; the writer hears that their
pitch was shortlisted or declined (the studio's note is on the pitch's page).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core.exceptions import Conflict
from core.models import Notification
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.services.outbox import task_enqueue
from core.text import single_line
from core.workflows import workflow_move
from scouting.models import (
    Brief,
    BriefStatus,
    BudgetTier,
    Listing,
    ListingConsent,
    ListingConsentStatus,
    ListingStatus,
    OfferKind,
    Pitch,
    PitchStatus,
)
from scouting.models.briefs import MAX_BRIEF_EPISODES, MAX_PITCH_SAMPLE_EPISODES
from scouting.permissions import can_manage_brief, scouting_studio_ids, studio_scouts
from scouting.services.snapshot import sample_of
from scouting.workflows import BRIEF_FLOW, PITCH_FLOW
from scripts_app.document import parse
from scripts_app.models import Revision, Series
from scripts_app.permissions import WRITERS, series_role
from scripts_app.selectors import revision_text
from taxonomy.models import Term

# Briefs --------------------------------------------------------------------------------


@dataclass
class BriefFields:
    """What a studio writes in a brief (all of it, on create and on update)."""

    title_zh: str
    deadline: datetime | None
    episodes: int
    budget_tier: str
    title_en: str = ""
    description_zh: str = ""
    description_en: str = ""
    terms_on_offer_zh: str = ""
    terms_on_offer_en: str = ""
    target_episode_seconds: int | None = None
    offer_kind: str = OfferKind.COMMISSION
    terms: list[Term] = field(default_factory=list)


def _clean_brief(fields: BriefFields) -> dict[str, object]:
    errors: dict[str, str] = {}
    title_zh = single_line(fields.title_zh or "").strip()
    title_en = single_line(fields.title_en or "").strip()
    if not title_zh:
        errors["title_zh"] = _("Give the brief a title.")
    if len(title_zh) > 160 or len(title_en) > 160:
        errors["title_zh" if len(title_zh) > 160 else "title_en"] = _(
            "A title of at most 160 characters, please."
        )
    if not (fields.description_zh or "").strip():
        errors["description_zh"] = _("Say what you are looking for.")
    if not 1 <= (fields.episodes or 0) <= MAX_BRIEF_EPISODES:
        errors["episodes"] = _("Between 1 and %(max)s episodes.") % {"max": MAX_BRIEF_EPISODES}
    seconds = fields.target_episode_seconds
    if seconds is not None and not 30 <= seconds <= 1800:
        errors["target_episode_seconds"] = _("Between 30 and 1800 seconds.")
    if fields.budget_tier not in BudgetTier.values:
        errors["budget_tier"] = _("Choose a budget.")
    if fields.offer_kind not in OfferKind.values:
        errors["offer_kind"] = _("Choose what you offer.")
    if fields.deadline is None:
        errors["deadline"] = _("Give the date pitches close.")
    if errors:
        raise ValidationError(errors)
    return {
        "title_zh": title_zh,
        "title_en": title_en,
        "description_zh": fields.description_zh.strip(),
        "description_en": (fields.description_en or "").strip(),
        "terms_on_offer_zh": (fields.terms_on_offer_zh or "").strip(),
        "terms_on_offer_en": (fields.terms_on_offer_en or "").strip(),
        "episodes": fields.episodes,
        "target_episode_seconds": seconds,
        "budget_tier": fields.budget_tier,
        "offer_kind": fields.offer_kind,
        "deadline": fields.deadline,
    }


def brief_create(*, actor: User, studio: Organisation, fields: BriefFields) -> Brief:
    """A new draft brief of the studio.

    Raises:
        PermissionDenied: the actor neither administers nor scouts for the studio.
        ValidationError: by field (title, description, episodes, length, budget, deadline).
    """
    if studio.pk not in scouting_studio_ids(actor):
        raise PermissionDenied
    values = _clean_brief(fields)
    with transaction.atomic():
        brief = Brief.objects.create(studio=studio, created_by=actor, **values)
        brief.terms.set(fields.terms)
        audit_record(
            actor=actor, action="scouting.brief.create", target=brief,
            data={"studio": studio.pk},
        )  # fmt: skip
    return brief


def brief_update(*, actor: User, brief: Brief, fields: BriefFields) -> Brief:
    """Change a brief (draft or open; a closed brief stays as it was).

    Raises:
        PermissionDenied: not a scout of its studio. Conflict: the brief is closed.
        ValidationError: by field.
    """
    if not can_manage_brief(actor, brief):
        raise PermissionDenied
    values = _clean_brief(fields)
    with transaction.atomic():
        locked = Brief.objects.select_for_update().get(pk=brief.pk)
        if locked.status == BriefStatus.CLOSED:
            raise Conflict(_("A closed brief cannot be changed."))
        if locked.status == BriefStatus.OPEN and values["deadline"] <= timezone.now():  # type: ignore[operator]
            raise ValidationError({"deadline": _("The deadline of an open brief must be ahead.")})
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(values))
        locked.terms.set(fields.terms)
        audit_record(actor=actor, action="scouting.brief.update", target=locked, data={})
    for name, value in values.items():
        setattr(brief, name, value)
    return locked


def _enqueue_matching(brief: Brief) -> None:
    from scouting.tasks import tell_writers_of_brief

    task_enqueue(tell_writers_of_brief, brief_id=brief.pk)


def brief_publish(*, actor: User, brief: Brief) -> Brief:
    """Open a draft brief for pitches (its deadline must be ahead). Once committed, the
    writers of listed series sharing one of its terms are told (a task).

    Raises: Conflict (not a draft, or the deadline has passed); PermissionDenied.
    """
    return workflow_move(
        BRIEF_FLOW, brief, "publish", actor=actor, changes={"published_at": timezone.now()},
        effects=[_enqueue_matching],
    )  # fmt: skip


def brief_tell_matching_writers(*, brief_id: int) -> int:
    """Tell the writers of listed series that share a theme, genre or audience with an
    open brief that it is open (once each: a writer already told is skipped, so the task
    may run twice). The studio's own scouts are not told. Returns how many were told.
    """
    brief = Brief.objects.filter(pk=brief_id, status=BriefStatus.OPEN).select_related("studio")
    found = brief.first()
    if found is None:
        return 0
    url = reverse("scouting:brief", args=[found.pk])
    matching = Listing.objects.filter(
        status=ListingStatus.LISTED, terms__in=found.terms.values("pk")
    ).values("pk")
    writers = (
        User.objects.filter(
            pk__in=ListingConsent.objects.filter(
                listing__in=matching, consent=ListingConsentStatus.GIVEN
            ).values("user_id"),
            is_active=True,
        )
        .exclude(pk__in=studio_scouts(found.studio).values("pk"))
        .exclude(
            pk__in=Notification.objects.filter(kind="scouting_brief_matches", url=url).values(
                "recipient_id"
            )
        )
        .order_by("pk")
    )
    params = {"studio": _studio_name(found), "brief": _brief_title(found)}
    told = 0
    with transaction.atomic():
        for writer in writers:
            notification_send(
                recipient=writer, kind="scouting_brief_matches", params=params, url=url
            )
            told += 1
    return told


def brief_close(*, actor: User, brief: Brief) -> Brief:
    """Close a brief: it takes no more pitches (those made stay, and can still be answered).

    Raises: Conflict (already closed); PermissionDenied.
    """
    return workflow_move(BRIEF_FLOW, brief, "close", actor=actor)


# Pitches -------------------------------------------------------------------------------


@dataclass
class PitchFields:
    logline: str
    synopsis: str = ""
    series: Series | None = None
    revision: Revision | None = None
    sample_episodes: int = 0


def revision_episode_count(revision: Revision) -> int:
    return len(parse(revision_text(revision), revision.format).episodes)


def _clean_pitch(actor: User, fields: PitchFields) -> dict[str, object]:
    errors: dict[str, str] = {}
    logline = single_line(fields.logline or "").strip()
    if not logline:
        errors["logline"] = _("Give your pitch a logline.")
    elif len(logline) > 300:
        errors["logline"] = _("A logline of at most 300 characters, please.")
    synopsis = (fields.synopsis or "").strip()
    if len(synopsis) > 10_000:
        errors["synopsis"] = _("The synopsis is too long (at most 10,000 characters).")
    series, revision, sample = fields.series, fields.revision, fields.sample_episodes or 0
    if series is not None and series_role(actor, series) not in WRITERS:
        errors["series"] = _("Choose a series you write.")
    elif series is not None:
        if revision is None:
            revision = series.head
        if revision is None or revision.series_id != series.pk:
            errors["revision"] = _("Choose a revision of this series.")
    elif revision is not None:
        errors["series"] = _("Choose the series of the revision.")
    if not 0 <= sample <= MAX_PITCH_SAMPLE_EPISODES:
        errors["sample_episodes"] = _("At most %(max)s episodes.") % {
            "max": MAX_PITCH_SAMPLE_EPISODES
        }
    elif sample and series is None:
        errors["sample_episodes"] = _("A sample needs a series.")
    elif sample and revision is not None and "revision" not in errors and "series" not in errors:
        count = revision_episode_count(revision)
        if sample > count:
            errors["sample_episodes"] = _(
                "This revision has %(count)s episodes: the sample cannot have more."
            ) % {"count": count}
    if errors:
        raise ValidationError(errors)
    return {
        "logline": logline,
        "synopsis": synopsis,
        "series": series,
        "revision": revision if series is not None else None,
        "sample_episodes": sample,
    }


def _series_taken() -> ValidationError:
    return ValidationError({"series": _("This series is already pitched to this brief.")})


def pitch_create(*, actor: User, brief: Brief, fields: PitchFields) -> Pitch:
    """A draft pitch to an open brief by any signed-in person.

    Raises:
        PermissionDenied: signed out. Conflict: the brief takes no pitches now.
        ValidationError: by field (logline, synopsis, a series the actor does not write,
            a revision of another series, a sample longer than the revision).
    """
    if not actor.is_authenticated:
        raise PermissionDenied
    if not brief.accepts_pitches:
        raise Conflict(_("The brief takes no pitches now."))
    values = _clean_pitch(actor, fields)
    try:
        with transaction.atomic():
            pitch = Pitch.objects.create(brief=brief, author=actor, **values)
            audit_record(
                actor=actor, action="scouting.pitch.create", target=pitch,
                data={"brief": brief.pk, "series": pitch.series_id},
            )  # fmt: skip
    except IntegrityError:
        raise _series_taken() from None
    return pitch


def pitch_update(*, actor: User, pitch: Pitch, fields: PitchFields) -> Pitch:
    """Change a draft pitch (its author only; a submitted pitch is as the studio saw it).

    Raises: PermissionDenied; Conflict (no longer a draft); ValidationError (by field).
    """
    if pitch.author_id != actor.pk:
        raise PermissionDenied
    values = _clean_pitch(actor, fields)
    try:
        with transaction.atomic():
            locked = Pitch.objects.select_for_update().get(pk=pitch.pk)
            if locked.status != PitchStatus.DRAFT:
                raise Conflict(_("Only a draft pitch can be changed."))
            for name, value in values.items():
                setattr(locked, name, value)
            locked.save(update_fields=list(values))
            audit_record(actor=actor, action="scouting.pitch.update", target=locked, data={})
    except IntegrityError:
        raise _series_taken() from None
    for name, value in values.items():
        setattr(pitch, name, value)
    return locked


def _pitch_url(pitch: Pitch) -> str:
    return reverse("scouting:studio_pitch", args=[pitch.pk])


def _brief_title(brief: Brief) -> dict[str, str]:
    return {"zh": brief.title_zh, "en": brief.title_en or brief.title_zh}


def _studio_name(brief: Brief) -> dict[str, str]:
    studio = brief.studio
    return {"zh": studio.name_zh, "en": studio.name_en or studio.name_zh}


def _tell_studio(pitch: Pitch, actor: User) -> None:
    brief = Brief.objects.select_related("studio").get(pk=pitch.brief_id)
    params = {"actor": actor.name_pair, "pitch": pitch.logline, "brief": _brief_title(brief)}
    for scout in studio_scouts(brief.studio):
        notification_send(
            recipient=scout, kind="scouting_pitch_submitted", actor=actor, params=params,
            url=_pitch_url(pitch),
        )  # fmt: skip


def _tell_writer(pitch: Pitch, kind: str, actor: User) -> None:
    brief = Brief.objects.select_related("studio").get(pk=pitch.brief_id)
    notification_send(
        recipient=pitch.author,
        kind=kind,
        actor=actor,
        params={
            "studio": _studio_name(brief),
            "pitch": pitch.logline,
            "brief": _brief_title(brief),
        },
        url=reverse("scouting:my_pitch", args=[pitch.pk]),
    )


def pitch_submit(*, actor: User, pitch: Pitch) -> Pitch:
    """Send a draft pitch to the studio. The sample is copied now from the chosen
    revision's first episodes: the studio sees that text, whatever is written later.

    Raises:
        Conflict: the brief is closed or past its deadline (the draft stays as it is), or
            the pitch is not a draft.
        ValidationError: the actor no longer writes the pitched series.
        PermissionDenied: not the pitch's author.
    """
    if pitch.author_id != actor.pk:
        raise PermissionDenied
    sample = ""
    if pitch.series is not None:
        if series_role(actor, pitch.series) not in WRITERS:
            raise ValidationError({"series": _("Choose a series you write.")})
        if pitch.revision is not None and pitch.sample_episodes:
            revision = pitch.revision
            sample = sample_of(revision_text(revision), revision.format, pitch.sample_episodes)
    return workflow_move(
        PITCH_FLOW,
        pitch,
        "submit",
        actor=actor,
        changes={"sample_text": sample, "submitted_at": timezone.now()},
        data={"brief": pitch.brief_id},
        effects=[lambda p: _tell_studio(p, actor)],
    )


def pitch_withdraw(*, actor: User, pitch: Pitch) -> Pitch:
    """The writer takes back a submitted or shortlisted pitch."""
    return workflow_move(PITCH_FLOW, pitch, "withdraw", actor=actor)


def _answer(actor: User, pitch: Pitch, move: str, note: str, kind: str) -> Pitch:
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError({"note": _("A message of at most 2,000 characters, please.")})
    return workflow_move(
        PITCH_FLOW,
        pitch,
        move,
        actor=actor,
        changes={"answered_by": actor, "answered_at": timezone.now(), "answer_note": note},
        data={"brief": pitch.brief_id},
        effects=[lambda p: _tell_writer(p, kind, actor)],
    )


def pitch_shortlist(*, actor: User, pitch: Pitch, note: str = "") -> Pitch:
    """The studio shortlists a submitted pitch, with an optional message to the writer.

    Raises: Conflict (not submitted); PermissionDenied (not a scout of the studio).
    """
    return _answer(actor, pitch, "shortlist", note, "scouting_pitch_shortlisted")


def pitch_decline(*, actor: User, pitch: Pitch, note: str = "") -> Pitch:
    """The studio declines a submitted or shortlisted pitch, with a message to the writer.

    Raises: Conflict (withdrawn or already declined); PermissionDenied.
    """
    return _answer(actor, pitch, "decline", note, "scouting_pitch_declined")
