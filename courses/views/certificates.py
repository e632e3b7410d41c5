"""Certificates: a cohort's list (issue, issue to all who completed, revoke), the
student's own certificates (PDF, profile choice), and the public verification page that
anyone reaches by the certificate's code or its QR code, without signing in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from core.files import generated_download
from courses import permissions, selectors
from courses.certificate_pdf import certificate_pdf as render_pdf
from courses.forms import CertificateIssueForm, CertificateLookupForm, CertificateRevokeForm
from courses.models import CohortRole
from courses.services import certificates as services
from courses.workflows import CERTIFICATE_FLOW


@login_required
@require_GET
def cohort_certificates(request, slug: str, pk: int):
    cohort = permissions.get_cohort_for(request.user, slug, pk, action="roster")
    runs = permissions.can_issue_certificates(request.user, cohort, role=cohort.viewer_role)
    rows = selectors.cohort_certificate_rows(cohort)
    return render(
        request,
        "courses/certificates/cohort.html",
        {
            "cohort": cohort,
            "course": cohort.course,
            "rows": rows,
            "ready": sum(1 for row in rows if row.in_cohort and row.completed
                         and row.certificate is None),
            "runs": runs,
            "issue_form": CertificateIssueForm(),
            "revoke_form": CertificateRevokeForm(),
            "shows_grade": cohort.course.certificate_shows_grade,
        },
    )  # fmt: skip


def _messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
@require_POST
def certificate_action(request, slug: str, pk: int):
    """Issue to one student, issue to all who completed, or revoke one certificate."""
    cohort = permissions.get_cohort_for(request.user, slug, pk, action="run")
    action = request.POST.get("action", "")
    back = reverse("courses:cohort_certificates", args=[slug, pk])
    try:
        if action == "issue":
            member = (
                cohort.members.filter(role=CohortRole.STUDENT, user_id=_int(request, "student"))
                .select_related("user")
                .first()
            )
            if member is None:
                raise Http404
            form = CertificateIssueForm(request.POST)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            services.certificate_issue(actor=request.user, cohort=cohort, student=member.user,
                                       **form.cleaned_data)  # fmt: skip
            messages.success(request, _("The certificate was issued."))
        elif action == "issue_all":
            result = services.certificate_issue_all(actor=request.user, cohort=cohort)
            issued = len(result.issued)
            messages.success(
                request,
                ngettext(
                    "%(count)s certificate was issued.",
                    "%(count)s certificates were issued.",
                    issued,
                )
                % {"count": issued},
            )
        elif action == "revoke":
            certificate = cohort.certificates.filter(pk=_int(request, "certificate")).first()
            if certificate is None:
                raise Http404
            form = CertificateRevokeForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Say why the certificate is revoked."))
            services.certificate_revoke(
                actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("The certificate was revoked."))
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as error:
        messages.error(request, _messages_of(error))
    return redirect(back)


def _int(request, name: str) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else 0


@login_required
@require_GET
def my_certificates(request):
    return render(
        request,
        "courses/certificates/mine.html",
        {"certificates": selectors.certificates_held_by(request.user)},
    )


@login_required
@require_GET
def certificate_detail(request, pk: int):
    """The student's own certificate (and, read-only, the cohort's staff's view of it)."""
    certificate = permissions.get_certificate_for(request.user, pk)
    return render(
        request,
        "courses/certificates/detail.html",
        {
            "certificate": certificate,
            "verdict": selectors.certificate_verdict(certificate),
            "verify_url": certificate.verify_url,
            "is_owner": permissions.can_choose_certificate_visibility(request.user, certificate),
            "can_revoke": CERTIFICATE_FLOW.can(request.user, certificate, "revoke"),
        },
    )


@login_required
@require_GET
def certificate_download(request, pk: int):
    certificate = permissions.get_certificate_for(request.user, pk)
    pdf = render_pdf(
        certificate, verify_url=certificate.verify_url, site_name=str(settings.SITE_NAME)
    )
    return generated_download(
        pdf, filename=f"certificate-{certificate.code}.pdf", content_type="application/pdf"
    )


@login_required
@require_POST
def certificate_visibility(request, pk: int):
    certificate = permissions.get_certificate_for(request.user, pk, action="choose_visibility")
    show = request.POST.get("show") == "1"
    services.certificate_set_visibility(
        actor=request.user, certificate=certificate, show_on_profile=show
    )
    messages.success(
        request,
        _("Your profile shows this certificate.")
        if show
        else _("Your profile no longer shows this certificate."),
    )
    return redirect("courses:certificate_detail", pk=certificate.pk)


@require_GET
def certificate_lookup(request):
    """Type a code to check a certificate (public)."""
    form = CertificateLookupForm(request.GET or None)
    if request.GET and form.is_valid():
        certificate = selectors.certificate_by_code(form.cleaned_data["code"])
        if certificate is not None:
            return redirect(certificate.get_absolute_url())
        form.add_error("code", _("No certificate has this code. Check it and try again."))
    return render(request, "courses/certificates/lookup.html", {"form": form})


@require_GET
def certificate_verify(request, code: str):
    """The public verification page: genuine, revoked, or not genuine, and what the
    certificate states. No sign-in; the unguessable code is what grants access."""
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        return render(
            request,
            "courses/certificates/lookup.html",
            {
                "form": CertificateLookupForm(),
                "missing": _("No certificate has this code. Check it and try again."),
            },
            status=404,
        )
    if certificate.code != code:
        return redirect(certificate.get_absolute_url())
    return render(
        request,
        "courses/certificates/verify.html",
        {
            "certificate": certificate,
            "verdict": selectors.certificate_verdict(certificate),
            "verify_url": certificate.verify_url,
        },
    )
