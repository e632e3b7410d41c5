"""Publishing and changing rubrics. A version a request has used is never changed."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core.services.audit import audit_record
from core.text import check_single_line
from reviews.models import Criterion, ReviewRequest, Rubric, RubricVersion
from reviews.permissions import can_create_rubric, can_manage_rubric
from reviews.rubric_content import CRITERION_FIELDS, content_hash


def version_for_use(rubric: Rubric) -> RubricVersion | None:
    """The rubric's latest published version; None before its criteria are first saved."""
    return rubric.versions.order_by("-number").first()


@transaction.atomic
def rubric_save_criteria(
    *,
    actor: User,
    rubric: Rubric,
    criteria: list[dict[str, Any]],
    scale: tuple[int, int] = (1, 10),
    divergence_threshold: int = 4,
) -> RubricVersion:
    """Change a rubric's criteria. While no request has used the latest version it is
    edited in place; once one has, a new version is made and the old one stays as it was.

    Raises:
        PermissionDenied: the actor does not manage this rubric.
        ValidationError: no criteria, duplicate keys, bad weights or scale.
    """
    if not can_manage_rubric(actor, rubric):
        raise PermissionDenied
    keys = [c.get("key", "") for c in criteria]
    if not criteria or len(set(keys)) != len(keys) or not all(keys):
        raise ValidationError({"criteria": [_("Give every criterion a distinct key.")]})
    if not (0 <= scale[0] < scale[1] <= 100):
        raise ValidationError({"scale": [_("The scale must run from a lower to a higher number.")]})
    for criterion in criteria:
        check_single_line(criteria=criterion.get("name_zh", ""))
        check_single_line(criteria=criterion.get("name_en", ""))
        if float(criterion.get("weight", 1)) <= 0:
            raise ValidationError({"criteria": [_("Weights must be positive.")]})
    digest = content_hash(scale=scale, threshold=divergence_threshold, criteria=criteria)
    latest = version_for_use(rubric)
    if latest is not None and latest.content_hash == digest:
        return latest
    used = latest is not None and ReviewRequest.objects.filter(rubric_version=latest).exists()
    if latest is None or used:
        version = RubricVersion.objects.create(
            rubric=rubric, number=(latest.number + 1) if latest else 1, scale_min=scale[0], scale_max=scale[1],
            divergence_threshold=divergence_threshold, content_hash=digest, created_by=actor,
        )  # fmt: skip
    else:
        version = latest
        version.criteria.all().delete()
        version.scale_min, version.scale_max = scale
        version.divergence_threshold, version.content_hash = divergence_threshold, digest
        version.save(
            update_fields=["scale_min", "scale_max", "divergence_threshold", "content_hash"]
        )
    Criterion.objects.bulk_create(
        [
            Criterion(
                version=version, position=i, **{f: c.get(f, "") for f in CRITERION_FIELDS if f in c}
            )
            for i, c in enumerate(criteria)
        ]
    )
    audit_record(
        actor=actor,
        action="rubric.saved",
        target=rubric,
        data={"version": version.number, "hash": digest},
    )
    return version


RUBRIC_FIELDS = ("name_zh", "name_en", "description_zh", "description_en", "aggregate_method")


@transaction.atomic
def rubric_create(
    *, actor: User, slug: str, organisation: Organisation | None = None, **fields: Any
) -> Rubric:
    """A new rubric: a platform rubric (staff) or an organisation's (its admins)."""
    if not can_create_rubric(actor, organisation):
        raise PermissionDenied
    if Rubric.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": [_("A rubric with this slug exists.")]})
    rubric = Rubric(slug=slug, organisation=organisation, created_by=actor, **fields)
    rubric.full_clean()
    rubric.save()
    audit_record(actor=actor, action="rubric.created", target=rubric)
    return rubric


@transaction.atomic
def rubric_update(*, actor: User, rubric: Rubric, **fields: Any) -> Rubric:
    """Names, descriptions and the aggregate method (criteria: rubric_save_criteria)."""
    if not can_manage_rubric(actor, rubric):
        raise PermissionDenied
    for name in set(fields) & set(RUBRIC_FIELDS):
        setattr(rubric, name, fields[name])
    rubric.full_clean()
    rubric.save()
    audit_record(
        actor=actor, action="rubric.updated", target=rubric, data={"fields": sorted(fields)}
    )
    return rubric
