"""The rule kinds every call can use (see incubator/eligibility.py). Each reads the other
apps through their selectors: the review app's scores, courses' certificates, the
registry's entries."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import Role
from accounts.selectors import user_roles
from core.i18n import wants_english
from core.limits import MAX_EPISODES
from incubator.eligibility import (
    Context,
    RuleKind,
    Verdict,
    bounded_decimal,
    bounded_int,
    choice_list,
    register_rule_kind,
)
from taxonomy.models import Term


def _joined(names: list[str]) -> str:
    return (", " if wants_english() else "、").join(names)


def _language_names(codes: list[str]) -> str:
    names = dict(settings.LANGUAGES)
    return _joined([str(names.get(code, code)) for code in codes])


# --- the applicant ------------------------------------------------------------------------


def _writer_check(context: Context, params: dict[str, Any]) -> Verdict:
    if Role.WRITER in user_roles(context.user):
        return Verdict(True, _("You hold the writer role."))
    return Verdict(False, _("Take the writer role on your profile first."))


def _joined_describe(params: dict[str, Any]) -> str:
    years = params["years"]
    return ngettext(
        "The applicant joined the platform within the last %(years)s year.",
        "The applicant joined the platform within the last %(years)s years.",
        years,
    ) % {"years": years}


def _joined_check(context: Context, params: dict[str, Any]) -> Verdict:
    joined = context.user.date_joined
    limit = timezone.now() - timedelta(days=365 * params["years"])
    day = timezone.localtime(joined).strftime("%Y-%m-%d")
    if joined >= limit:
        return Verdict(True, _("You joined on %(day)s.") % {"day": day})
    return Verdict(False, _("You joined on %(day)s, earlier than this call allows.") % {"day": day})


def _age_check(context: Context, params: dict[str, Any]) -> Verdict:
    application = context.application
    year = getattr(application, "lead_birth_year", None)
    if year is None:
        return Verdict(
            None,
            _(
                "Give your year of birth in the application; the fund checks it with an "
                "identity document at screening."
            ),
        )
    age = context.call.closes_at.year - year
    if age < params["years"]:
        return Verdict(True, _("You are %(age)s in the year the call closes.") % {"age": age})
    return Verdict(False, _("You are %(age)s in the year the call closes.") % {"age": age})


# --- the series ---------------------------------------------------------------------------


def _episodes_check(context: Context, params: dict[str, Any]) -> Verdict:
    # With an application, what counts is the registered revision applied with.
    application = context.application
    count = (
        application.entry.episode_count
        if application is not None
        else context.series.episodes_written
    )
    verdict = count >= params["episodes"]
    return Verdict(
        verdict,
        ngettext("%(count)s episode is written.", "%(count)s episodes are written.", count)
        % {"count": count},
    )


def _score_describe(params: dict[str, Any]) -> str:
    return _(
        "The series has a median Boutique Standard score of at least %(score)s over at least "
        "%(reviews)s completed reviews."
    ) % {"score": params["score"], "reviews": params.get("reviews", 1)}


def _score_check(context: Context, params: dict[str, Any]) -> Verdict:
    from reviews.boutique_standard import SLUG
    from reviews.selectors import median_review_score

    median, count = median_review_score(context.series, rubric_slug=SLUG)
    wanted = params.get("reviews", 1)
    if median is None or count < wanted:
        return Verdict(
            False,
            ngettext(
                "%(count)s completed review so far; ask for a review first.",
                "%(count)s completed reviews so far; ask for more reviews first.",
                count,
            )
            % {"count": count},
        )
    shown = f"{median:.1f}"
    if Decimal(str(median)) >= Decimal(params["score"]):
        return Verdict(
            True, _("Median %(score)s over %(count)s reviews.") % {"score": shown, "count": count}
        )
    return Verdict(
        False, _("Median %(score)s over %(count)s reviews.") % {"score": shown, "count": count}
    )


def _certificate_clean(params: dict[str, Any]) -> dict[str, Any]:
    course = str(params.get("course") or "").strip()
    return {"course": course} if course else {}


def _certificate_describe(params: dict[str, Any]) -> str:
    if params.get("course"):
        return _("The applicant holds a certificate of the course “%(course)s”.") % {
            "course": params["course"]
        }
    return _("The applicant holds a course certificate.")


def _certificate_check(context: Context, params: dict[str, Any]) -> Verdict:
    from courses.selectors import certificates_of

    held = certificates_of(context.user)
    wanted = params.get("course")
    matching = [c for c in held if not wanted or c.cohort.course.slug == wanted]
    if matching:
        return Verdict(
            True, _("You hold a certificate of %(course)s.") % {"course": matching[0].cohort.course}
        )
    return Verdict(False, _("No valid certificate found on your account."))


def _registered_check(context: Context, params: dict[str, Any]) -> Verdict:
    from registry.selectors import registered_revisions_of

    if context.application is not None:
        return Verdict(
            True, _("Registry entry No. %(number)s.") % {"number": context.application.entry.number}
        )
    entry = registered_revisions_of(context.series).first()
    if entry is None:
        return Verdict(False, _("Register a revision of the series in the registry first."))
    return Verdict(True, _("Registry entry No. %(number)s.") % {"number": entry.number})


def _language_clean(params: dict[str, Any]) -> dict[str, Any]:
    codes = {code for code, _name in settings.LANGUAGES}
    return {"languages": choice_list(params, "languages", codes)}


def _language_check(context: Context, params: dict[str, Any]) -> Verdict:
    language = context.series.language
    met = language in params["languages"]
    return Verdict(met, _("The series is written in %(language)s.") % {
        "language": _language_names([language])
    })  # fmt: skip


def _audience_clean(params: dict[str, Any]) -> dict[str, Any]:
    slugs = set(Term.objects.filter(kind="audience").values_list("slug", flat=True))
    return {"audiences": choice_list(params, "audiences", slugs)}


def _audience_names(slugs: list[str]) -> str:
    terms = Term.objects.filter(kind="audience", slug__in=slugs).order_by("slug")
    return _joined([str(t.name) for t in terms])  # in the reader's language (Bilingual)


def _audience_check(context: Context, params: dict[str, Any]) -> Verdict:
    mine = set(context.series.audiences.values_list("slug", flat=True))
    shared = sorted(mine & set(params["audiences"]))
    if shared:
        return Verdict(True, _("The series is for %(audiences)s.") % {
            "audiences": _audience_names(shared)
        })  # fmt: skip
    return Verdict(False, _("The series names none of these audiences."))


def register_builtin_rules() -> None:
    kinds = [
        RuleKind(
            key="writer_role",
            label=gettext_lazy("The applicant is a writer"),
            clean=lambda params: {},
            describe=lambda params: _("The applicant holds the writer role."),
            check=_writer_check,
            needs_series=False,
        ),
        RuleKind(
            key="joined_within_years",
            label=gettext_lazy("In their first N years on the platform"),
            clean=lambda params: {"years": bounded_int(params, "years", 1, 50)},
            describe=_joined_describe,
            check=_joined_check,
            needs_series=False,
            params=(("years", "integer"),),
        ),
        RuleKind(
            key="age_under",
            label=gettext_lazy("Under a given age"),
            clean=lambda params: {"years": bounded_int(params, "years", 10, 100)},
            describe=lambda params: (
                _("The lead applicant is under %(years)s years old.") % {"years": params["years"]}
            ),
            check=_age_check,
            needs_series=False,
            params=(("years", "integer"),),
        ),
        RuleKind(
            key="min_episodes_written",
            label=gettext_lazy("At least N episodes written"),
            clean=lambda params: {"episodes": bounded_int(params, "episodes", 1, MAX_EPISODES)},
            describe=lambda params: (
                ngettext(
                    "The series has at least %(episodes)s episode written.",
                    "The series has at least %(episodes)s episodes written.",
                    params["episodes"],
                )
                % {"episodes": params["episodes"]}
            ),
            check=_episodes_check,
            params=(("episodes", "integer"),),
        ),
        RuleKind(
            key="median_score_at_least",
            label=gettext_lazy("A median Boutique Standard score of at least X"),
            clean=lambda params: {
                "score": bounded_decimal(params, "score", Decimal("1"), Decimal("10")),
                "reviews": bounded_int({"reviews": params.get("reviews", 1)}, "reviews", 1, 50),
            },
            describe=_score_describe,
            check=_score_check,
            params=(("score", "decimal"), ("reviews", "integer")),
        ),
        RuleKind(
            key="course_certificate",
            label=gettext_lazy("A course certificate"),
            clean=_certificate_clean,
            describe=_certificate_describe,
            check=_certificate_check,
            needs_series=False,
            params=(("course", "slug"),),
        ),
        RuleKind(
            key="registered_revision",
            label=gettext_lazy("A registered revision"),
            clean=lambda params: {},
            describe=lambda params: _("The series has a revision registered in the registry."),
            check=_registered_check,
        ),
        RuleKind(
            key="language",
            label=gettext_lazy("Written in a given language"),
            clean=_language_clean,
            describe=lambda params: (
                _("The series is written in %(languages)s.")
                % {"languages": _language_names(params["languages"])}
            ),
            check=_language_check,
            params=(("languages", "list"),),
        ),
        RuleKind(
            key="audience",
            label=gettext_lazy("For a given audience"),
            clean=_audience_clean,
            describe=lambda params: (
                _("The series is for %(audiences)s.")
                % {"audiences": _audience_names(params["audiences"])}
            ),
            check=_audience_check,
            params=(("audiences", "list"),),
        ),
    ]
    for kind in kinds:
        register_rule_kind(kind)
