"""Memberships with roles: a person holds one role in a container (an organisation, a
series; later a cohort, a fund panel, a studio).

A concrete membership model names its container and gives `role` its choices::

    class CohortMember(AbstractMembership):
        container_field = "cohort"
        # A cohort always keeps at least one educator.
        protected_roles = frozenset({CohortRole.EDUCATOR})
        last_holder_cannot_change_role = _("A cohort needs at least one educator.")
        last_holder_cannot_leave = _("The only educator cannot leave. Add another first.")

        cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="members")
        role = models.CharField(_("role"), max_length=16, choices=CohortRole.choices)

        class Meta:
            constraints = [
                models.UniqueConstraint(fields=["cohort", "user"], name="cohortmember_unique_user")
            ]

Its services check who may act (that stays the app's rule), then call one helper::

    member = member_add(CohortMember, actor=actor, container=cohort, user=student,
                        role=CohortRole.STUDENT, audit_action="cohort.member_added")
    member_change_role(member, actor=actor, role=CohortRole.MENTOR,
                       audit_action="cohort.member_role_changed")
    member_remove(member, actor=actor, audit_action="cohort.member_removed")

Each helper locks the container's row (so concurrent changes to one container happen one
after the other: two admins cannot demote each other and leave none), refuses an unknown
role, a second membership of the same person, and a change that would leave a protected
role without anyone, each with one ValidationError, and writes the audit row on the
container in the same transaction. Notifications stay with the app: their kinds and
words are its own. `members_of` reads a container's members with their users in one
query, and `core/partials/member_table.html` shows them with role and remove controls.
"""

from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.i18n import in_both_languages
from core.services.audit import audit_record

M = TypeVar("M", bound="AbstractMembership")


class AbstractMembership(models.Model):
    """A person holds a role in a container.

    Concrete models add the foreign key to their container and name it in
    `container_field`, override `role` with its choices (a TextChoices), and declare
    `UniqueConstraint(fields=[container_field, "user"])` (a test holds every membership
    model to this). They may override `user` to give it their own related name.
    """

    # The name of the foreign key to the container.
    container_field: ClassVar[str] = ""
    # Roles the container must never be left without: their last holder can neither
    # leave nor take another role. Models that protect a role give the two refusals.
    protected_roles: ClassVar[frozenset[str]] = frozenset()
    last_holder_cannot_change_role: ClassVar[Any] = None
    last_holder_cannot_leave: ClassVar[Any] = None
    # Refusal of a second membership of the same person.
    already_member: ClassVar[Any] = gettext_lazy("This person is already a member.")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        verbose_name=gettext_lazy("person"),
    )
    role = models.CharField(gettext_lazy("role"), max_length=16)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(gettext_lazy("added at"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.user} · {self.container}"

    @property
    def container(self) -> models.Model:
        return getattr(self, self.container_field)

    def role_in_both_languages(self) -> dict[str, str]:
        """The role's label as {"zh": ..., "en": ...}, for notifications stored now and
        read later in the reader's language."""
        labels = dict(type(self)._meta.get_field("role").flatchoices)
        return in_both_languages(labels.get(self.role, self.role))


def members_of(model: type[M], container: models.Model) -> QuerySet[M]:
    """The container's members with their users, by role then seniority: one query
    however many there are."""
    return (
        model._default_manager.filter(**{model.container_field: container})
        .select_related("user")
        .order_by("role", "created_at", "pk")
    )


def member_add(
    model: type[M],
    *,
    actor: Any,
    container: models.Model,
    user: Any,
    role: str,
    audit_action: str,
    person_field: str = "user",
    **fields: Any,
) -> M:
    """Give `user` a role in `container`, recorded as added by `actor`.

    Args:
        audit_action: the audit row's action ("organisation.member_added").
        person_field: the input field that named the person, for the duplicate's error
            (the e-mail address people type, say).
        fields: the model's own further fields (an organisation member's title).

    Returns:
        The new membership.

    Raises:
        ValidationError: the role is unknown (under "role"), or the person already holds a
            role here (under `person_field`, in the model's `already_member` words).
    """
    _check_role(model, role)
    with transaction.atomic():
        _lock(container)
        is_member = model._default_manager.filter(
            **{model.container_field: container}, user=user
        ).exists()
        if is_member:
            raise ValidationError({person_field: [model.already_member]})
        member = model(
            **{model.container_field: container},
            user=user,
            role=role,
            added_by=actor if getattr(actor, "is_authenticated", False) else None,
            **fields,
        )
        # Who added is ours to set, not input; the duplicate was checked above.
        member.full_clean(exclude=["added_by"], validate_constraints=False)
        try:
            with transaction.atomic():
                member.save()
        except IntegrityError as error:  # joined at the same moment elsewhere
            raise ValidationError({person_field: [model.already_member]}) from error
        audit_record(
            actor=actor,
            action=audit_action,
            target=container,
            data={"user_id": user.pk, "role": role},
        )
    return member


def member_change_role(member: M, *, actor: Any, role: str, audit_action: str) -> bool:
    """Give a member another role. The last holder of a protected role keeps it.

    Returns:
        Whether the role changed (asking for the role someone holds writes nothing).
        `member.role` is the new role either way.

    Raises:
        ValidationError (under "role"): the role is unknown, or the member is the last
            holder of a protected role (in the model's words).
    """
    model = type(member)
    _check_role(model, role)
    with transaction.atomic():
        container = _lock(member.container)
        current = model._default_manager.get(pk=member.pk)
        old_role = current.role
        if old_role == role:
            member.role = role
            return False
        if _is_last_holder(current):
            raise ValidationError({"role": [model.last_holder_cannot_change_role]})
        current.role = role
        current.save(update_fields=["role"])
        audit_record(
            actor=actor,
            action=audit_action,
            target=container,
            data={"user_id": current.user_id, "from": old_role, "to": role},
        )
    member.role = role
    return True


def member_remove(member: AbstractMembership, *, actor: Any, audit_action: str) -> None:
    """End a membership (the member leaves, or someone removes them). The last holder of
    a protected role cannot go.

    Raises:
        ValidationError (not tied to a field): the member is the last holder of a
            protected role (in the model's words).
    """
    model = type(member)
    with transaction.atomic():
        container = _lock(member.container)
        current = model._default_manager.get(pk=member.pk)
        if _is_last_holder(current):
            raise ValidationError(model.last_holder_cannot_leave)
        current.delete()
        audit_record(
            actor=actor, action=audit_action, target=container, data={"user_id": current.user_id}
        )


def _lock(container: models.Model) -> models.Model:
    # FOR NO KEY UPDATE on PostgreSQL: serialises membership changes of this container
    # without blocking the writes of other rows that merely point at it by a foreign key.
    list(
        type(container)
        ._default_manager.select_for_update(no_key=True)
        .filter(pk=container.pk)
        .values_list("pk", flat=True)
    )
    return container


def _check_role(model: type[AbstractMembership], role: str) -> None:
    choices = model._meta.get_field("role").flatchoices
    if not choices or role not in {value for value, _label in choices}:
        raise ValidationError({"role": [_("Choose a valid role.")]})


def _is_last_holder(member: AbstractMembership) -> bool:
    if member.role not in member.protected_roles:
        return False
    model = type(member)
    container_id = getattr(member, model._meta.get_field(model.container_field).attname)
    others = model._default_manager.filter(
        **{f"{model.container_field}_id": container_id}, role=member.role
    ).exclude(pk=member.pk)
    return not others.exists()
