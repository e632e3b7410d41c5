from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role, RoleGrant, User
from accounts.permissions import can_change_role, can_edit_profile
from core.services.audit import audit_record
from taxonomy.models import Term, TermKind

PROFILE_FIELDS = (
    "display_name_zh",
    "display_name_en",
    "bio",
    "language",
    "large_text",
    "email_notifications",
)


@transaction.atomic
def user_profile_update(
    *,
    actor: User,
    user: User,
    expertise_themes: Iterable[Term] | None = None,
    **changes: Any,
) -> User:
    """Update a profile. People edit their own; staff may edit anyone's.

    Raises:
        PermissionDenied: the actor is neither the user nor staff.
        ValidationError: a field is invalid (field-keyed messages).
    """
    if not can_edit_profile(actor, user):
        raise PermissionDenied
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    for field, value in changes.items():
        setattr(user, field, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(changes) or None)
    if expertise_themes is not None:
        themes = list(expertise_themes)
        if any(theme.kind != TermKind.THEME for theme in themes):
            raise ValidationError(
                {"expertise_themes": [_("Choose themes, not genres or audiences.")]}
            )
        user.expertise_themes.set(themes)
    audit_record(
        actor=actor,
        action="user.profile_updated",
        target=user,
        data={
            "fields": sorted(changes)
            + (["expertise_themes"] if expertise_themes is not None else [])
        },
    )
    return user


def _sync_staff_flag(user: User) -> None:
    is_staff = user.role_grants.filter(role=Role.STAFF).exists()
    if user.is_staff != is_staff and not user.is_superuser:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])


@transaction.atomic
def user_roles_set(*, actor: User, user: User, roles: Iterable[str]) -> set[str]:
    """Make the user's roles exactly `roles`, role by role checking the actor may.

    Writers and mentors choose those roles themselves; the other roles are granted
    and removed by platform staff. The "staff" role also sets Django's is_staff.

    Returns:
        The user's roles after the change.

    Raises:
        ValidationError: an unknown role.
        PermissionDenied: a role the actor may not grant or remove.
    """
    wanted = set(roles)
    unknown = wanted - set(Role.values)
    if unknown:
        raise ValidationError(
            {"roles": [_("Unknown role: %(role)s") % {"role": sorted(unknown)[0]}]}
        )
    current = set(user.role_grants.values_list("role", flat=True))
    for role in (wanted - current) | (current - wanted):
        if not can_change_role(actor, target=user, role=role):
            raise PermissionDenied(_("Only platform staff can change this role."))
    if not user.is_active and wanted - current:
        raise ValidationError(
            {"roles": [_("This account is deactivated: roles can be taken off it, not given.")]}
        )
    added, removed = sorted(wanted - current), sorted(current - wanted)
    RoleGrant.objects.bulk_create([RoleGrant(user=user, role=r, granted_by=actor) for r in added])
    RoleGrant.objects.filter(user=user, role__in=removed).delete()
    if Role.STAFF in added or Role.STAFF in removed:
        _sync_staff_flag(user)
    if added or removed:
        audit_record(
            actor=actor,
            action="user.roles_changed",
            target=user,
            data={"added": added, "removed": removed},
        )
    return wanted
