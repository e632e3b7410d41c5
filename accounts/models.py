"""People, their roles, and the organisations (universities, studios, funds) they belong to."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.i18n import Bilingual
from core.memberships import AbstractMembership
from core.text import validate_single_line

INVITATION_LIFETIME = timedelta(days=14)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        user = self.create_user(email, password, **fields)
        # The admin signs in through allauth, which wants a verified address; the
        # operator typed this one on the server (createsuperuser), so it counts as verified.
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        return user


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    # Never falls back to the e-mail address: it is private.
    display_name = Bilingual(
        models.CharField,
        _("display name (Chinese)"),
        _("display name (English)"),
        max_length=60,
        blank=True,
        validators=[validate_single_line],
        fallback=_("Unnamed user"),
    )
    bio = models.TextField(_("biography"), blank=True, max_length=4000)
    expertise_themes = models.ManyToManyField(
        "taxonomy.Term",
        blank=True,
        related_name="experts",
        limit_choices_to={"kind": "theme"},
        verbose_name=_("expertise themes"),
    )
    language = models.CharField(
        _("interface language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    large_text = models.BooleanField(_("large text"), default=False)
    email_notifications = models.BooleanField(_("e-mail me notifications"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile", args=[self.pk])

    @property
    def name_pair(self) -> dict[str, str]:
        """Both names, for text stored now and shown later in the reader's language."""
        return {
            "zh": self.display_name_zh or self.display_name_en,
            "en": self.display_name_en or self.display_name_zh,
        }


class Role(models.TextChoices):
    WRITER = "writer", _("Writer")
    MENTOR = "mentor", _("Mentor")
    EDUCATOR = "educator", _("Educator")
    SCOUT = "scout", _("Studio scout")
    FUND_MANAGER = "fund_manager", _("Fund manager")
    STAFF = "staff", _("Platform staff")


# Anyone may take these on; the others carry power over other people's work and
# are granted by platform staff.
SELF_SERVICE_ROLES = frozenset({Role.WRITER, Role.MENTOR})


class RoleGrant(models.Model):
    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="role_grants",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("granted by"),
    )
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    # A mentor is offered to writers only once verified: by platform staff
    # (verified_for empty) or by an admin of an organisation vouching for its member,
    # which lasts while they remain a member. Taking the role off and on again starts over.
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_for = models.ForeignKey(
        "Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("vouching organisation"),
    )

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="rolegrant_unique_user_role"),
        ]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class OrganisationKind(models.TextChoices):
    UNIVERSITY = "university", _("University")
    STUDIO = "studio", _("Studio")
    FUND_BODY = "fund_body", _("Fund body")


class Organisation(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind.choices)
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name = Bilingual(
        models.CharField,
        _("name (Chinese)"),
        _("name (English)"),
        max_length=100,
        blank="en",
        validators=[validate_single_line],
    )
    # The columns Bilingual adds, spelled out for the type checker.
    name_zh: str
    name_en: str
    description = models.TextField(_("description"), blank=True, max_length=5000)
    website = models.URLField(_("website"), blank=True)
    city = models.CharField(_("city"), max_length=60, blank=True, validators=[validate_single_line])
    members = models.ManyToManyField(
        User,
        through="Membership",
        through_fields=("organisation", "user"),
        related_name="organisations",
        verbose_name=_("members"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "slug"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:organisation_detail", args=[self.slug])


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    MEMBER = "member", _("Member")


class Membership(AbstractMembership):
    container_field = "organisation"
    # An organisation always keeps at least one admin.
    protected_roles = frozenset({MembershipRole.ADMIN})
    last_holder_cannot_change_role = _("An organisation needs at least one administrator.")
    last_holder_cannot_leave = _(
        "The only administrator cannot leave. Make someone else an administrator first."
    )

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=MembershipRole.choices,
        default=MembershipRole.MEMBER,
    )
    title = models.CharField(
        pgettext_lazy("position held in an organisation", "title"),
        max_length=60,
        blank=True,
        validators=[validate_single_line],
    )
    created_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        ordering = ["organisation", "-role", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="membership_unique_org_user"
            ),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"

    @property
    def is_admin(self) -> bool:
        return self.role == MembershipRole.ADMIN


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REVOKED = "revoked", _("Revoked")


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=MembershipRole.choices,
        default=MembershipRole.MEMBER,
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    invited_by = models.ForeignKey(
        User,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    accepted_user = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One open invitation per address and organisation; a resend reuses it.
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_email",
            ),
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("accounts:invitation_detail", args=[self.token])

    @property
    def expires_at(self):
        return self.created_at + INVITATION_LIFETIME

    @property
    def is_open(self) -> bool:
        return self.status == InvitationStatus.PENDING and timezone.now() < self.expires_at
