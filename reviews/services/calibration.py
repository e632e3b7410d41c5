from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.services.audit import audit_record
from reviews import scoring
from reviews.models import CalibrationAttempt, CalibrationExemplar, Rubric
from reviews.services.reputation import reputation_refresh


def needs_calibration(user: User, rubric: Rubric) -> bool:
    """True until the user has scored one of the rubric's exemplars (if it has any)."""
    if not CalibrationExemplar.objects.filter(rubric=rubric, is_active=True).exists():
        return False
    return not CalibrationAttempt.objects.filter(reviewer=user, exemplar__rubric=rubric).exists()


@transaction.atomic
def calibration_submit(
    *, actor: User, exemplar: CalibrationExemplar, scores: dict[str, int]
) -> CalibrationAttempt:
    """Score an exemplar; the distance from the staff scores is shown and feeds reputation."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    version = exemplar.rubric.versions.order_by("-number").first()
    if version is None:
        raise ValidationError(
            _("This rubric has no published version yet, so there is nothing to calibrate against.")
        )
    keys = set(exemplar.reference_scores)
    errors = {}
    for key in keys:
        value = scores.get(key)
        if value is None:
            errors[f"scores.{key}"] = [_("Give this criterion a score.")]
        elif not version.scale_min <= value <= version.scale_max:
            errors[f"scores.{key}"] = [
                _("Score between %(low)s and %(high)s.")
                % {"low": version.scale_min, "high": version.scale_max}
            ]
    if errors:
        raise ValidationError(errors)
    gap = scoring.calibration_gap(
        {k: float(scores[k]) for k in keys},
        {k: float(v) for k, v in exemplar.reference_scores.items()},
        version.scale,
    )
    attempt = CalibrationAttempt.objects.create(
        reviewer=actor, exemplar=exemplar, scores={k: scores[k] for k in keys}, gap=gap
    )
    profile = reputation_refresh(user=actor)
    audit_record(
        actor=actor,
        action="review.calibrated",
        target=exemplar,
        data={
            "attempt": attempt.pk,
            "gap": round(gap, 4),
            "reputation": round(profile.reputation, 4),
        },
    )
    return attempt
