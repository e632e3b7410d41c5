"""Awards: an awarded application becomes a project with an agreement both sides accept,
milestones with deliverables, disbursements in tranches, and progress reports."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.files import PrivateUploadTo, private_storage
from incubator.models.applications import Application
from incubator.models.funds import MONEY


class Project(models.Model):
    """The project an awarded application becomes. The agreement's text is generated once,
    frozen with its hash, and accepted by the lead applicant and by a fund manager."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="project", verbose_name=_("application")
    )
    amount = models.DecimalField(
        _("award (yuan)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    conditions = models.TextField(_("conditions (markdown)"), max_length=10_000, blank=True)
    agreement_text = models.TextField(_("agreement"))
    agreement_hash = models.CharField(_("agreement hash"), max_length=64)
    grantee_accepted_at = models.DateTimeField(null=True, blank=True)
    grantee_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fund_accepted_at = models.DateTimeField(null=True, blank=True)
    fund_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The grantee's choice: the public list of awarded projects shows this one.
    is_public = models.BooleanField(_("shown on the public list of awards"), default=False)
    end_reason = models.CharField(_("reason"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("funded project")
        verbose_name_plural = _("funded projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="incubator_project_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application.series_title} · {self.amount}"

    def get_absolute_url(self) -> str:
        return reverse("fund:project_detail", args=[self.pk])


class MilestoneKind(models.TextChoices):
    REVISION = "revision", _("A registered revision")
    FILE = "file", _("A file")
    REPORT = "report", _("A written report")
    FILING_NUMBER = "filing_number", _("The filing or licence number")


class MilestoneStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUBMITTED = "submitted", _("Delivered, awaiting the fund")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for changes")


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("milestone"), max_length=200)
    kind = models.CharField(_("deliverable"), max_length=16, choices=MilestoneKind.choices)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=MilestoneStatus.choices,
        default=MilestoneStatus.PENDING,
    )  # fmt: skip
    # What was delivered (one of them, by kind).
    entry = models.ForeignKey(
        "registry.RegistryEntry", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("registered revision"),
    )  # fmt: skip
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=PrivateUploadTo("fund/deliverables"),
        max_length=300, blank=True,
    )  # fmt: skip
    report = models.TextField(_("report (markdown)"), max_length=20_000, blank=True)
    filing_number = models.CharField(_("filing or licence number"), max_length=80, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_reason = models.CharField(_("what to change"), max_length=2000, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class DisbursementStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class Disbursement(models.Model):
    """A tranche of the award in the fund's ledger. No payment is made here: the fund
    records its own payment and its reference. Amounts never exceed the award, nor the
    fund's budget (checked under row locks by incubator.services.awards)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="disbursements")
    milestone = models.ForeignKey(
        Milestone, on_delete=models.PROTECT, null=True, blank=True, related_name="tranches",
        verbose_name=_("paid on the milestone"),
    )  # fmt: skip
    amount = models.DecimalField(
        _("amount (yuan)"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DisbursementStatus.choices,
        default=DisbursementStatus.SCHEDULED,
    )  # fmt: skip
    scheduled_on = models.DateField(_("planned for"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["scheduled_on", "pk"]
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="incubator_disbursement_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id} · {self.amount} · {self.status}"


class ProgressReport(models.Model):
    """A progress report the fund asks for by a date; the grantees write it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    due_on = models.DateField(_("due on"))
    body = models.TextField(_("report (markdown)"), max_length=20_000, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return f"{self.project_id} · {self.due_on}"
