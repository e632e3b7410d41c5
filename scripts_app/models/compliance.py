import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import Bilingual
from core.text import validate_single_line


class ComplianceCategory(models.TextChoices):
    VIOLENCE = "violence", _("Violence and gore")
    SEXUAL = "sexual", _("Sexual or borderline content")
    GAMBLING = "gambling", _("Gambling")
    DRUGS = "drugs", _("Drugs")
    SELF_HARM = "self_harm", _("Self-harm and suicide")
    SUPERSTITION = "superstition", _("Superstition or pseudo-science")
    DISCRIMINATION = "discrimination", _("Discrimination")
    INDUCEMENT = "inducement", _("Inducement to pay")
    MINORS = "minors", _("Protection of minors")
    MISINFORMATION = "misinformation", _("Health or legal misinformation")
    SENSATIONAL = "sensational", _("Sensational or vulgar titles")
    ARCHETYPE = "archetype", _("Formulaic archetypes")
    OTHER = "other", _("Other")


class ComplianceSeverity(models.TextChoices):
    """How much a hit matters. Every level advises; none blocks anything."""

    ADVICE = "advice", _("Advice")
    CAUTION = "caution", _("Caution")
    SERIOUS = "serious", _("Serious")


class PatternKind(models.TextChoices):
    LITERAL = "literal", _("Literal term")
    REGEX = "regex", _("Regular expression")


class RuleLanguage(models.TextChoices):
    ZH = "zh", _("Chinese")
    EN = "en", _("English")


class AppliesTo(models.TextChoices):
    BODY = "body", _("Script text")
    TITLE = "title", _("Titles")
    BOTH = "both", _("Script text and titles")


class LineScope(models.TextChoices):
    ALL = "all", _("Every line")
    VIEWER = "viewer", _("Only lines addressed to the viewer")


class ComplianceRule(models.Model):
    """A term or pattern the regulator's guidance asks writers to reconsider. Advisory only.

    Matching is described in docs/compliance.md: text is normalised (full-width, case,
    traditional characters), filler between Chinese characters is allowed, Latin words
    match whole. A rule scoped to the viewer counts only in narration, voice-over, OS,
    captions and hook or paywall lines. An exception marks a phrase that is fine (赌博罪):
    hits of its category that overlap it are dropped.
    """

    pattern = models.CharField(
        _("pattern"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_(
            "A term as written (spacing, full-width and traditional forms are matched too), "
            "or a regular expression in lower case."
        ),
    )
    kind = models.CharField(
        _("kind"), max_length=8, choices=PatternKind.choices, default=PatternKind.LITERAL
    )
    language = models.CharField(
        _("language"), max_length=2, choices=RuleLanguage.choices, default=RuleLanguage.ZH
    )
    category = models.CharField(_("category"), max_length=16, choices=ComplianceCategory.choices)
    severity = models.CharField(
        _("severity"),
        max_length=8,
        choices=ComplianceSeverity.choices,
        default=ComplianceSeverity.CAUTION,
    )
    applies_to = models.CharField(
        _("applies to"), max_length=5, choices=AppliesTo.choices, default=AppliesTo.BODY
    )
    scope = models.CharField(
        _("lines"),
        max_length=6,
        choices=LineScope.choices,
        default=LineScope.ALL,
        help_text=_(
            "Lines addressed to the viewer: narration, voice-over, OS, captions, hook and "
            "paywall lines. Use it for pay prompts that are fine when a character says them."
        ),
    )
    is_exception = models.BooleanField(
        _("exception"),
        default=False,
        help_text=_(
            "A phrase that is fine (赌博罪, 紫砂壶): hits of the same category that overlap it "
            "are dropped."
        ),
    )
    explanation = Bilingual(
        models.TextField,
        _("explanation (Chinese)"),
        _("explanation (English)"),
        max_length=600,
        help_text=_("Why it matters, naming the regulation or guideline it reflects."),
    )
    suggestion = Bilingual(
        models.TextField,
        _("suggested fix (Chinese)"),
        _("suggested fix (English)"),
        max_length=600,
        blank=True,
    )
    example = models.TextField(
        _("example"),
        max_length=600,
        help_text=_("A line the rule finds (for an exception: a line it covers). Checked on save."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["category", "pattern"]
        constraints = [
            models.UniqueConstraint(
                fields=["pattern", "applies_to"], name="compliance_unique_pattern"
            )
        ]
        verbose_name = _("compliance rule")
        verbose_name_plural = _("compliance rules")

    def __str__(self) -> str:
        return self.pattern

    def spec(self):
        """What the matching engine needs of this rule."""
        from scripts_app.compliance.engine import RuleSpec

        return RuleSpec(
            id=self.pk or 0,
            pattern=self.pattern,
            kind=self.kind,
            language=self.language,
            category=self.category,
            severity=self.severity,
            applies_to=self.applies_to,
            scope=self.scope,
            is_exception=self.is_exception,
        )

    def clean(self) -> None:
        from scripts_app.compliance.engine import RuleError, rule_matches, rule_regex

        super().clean()
        errors: dict[str, list] = {}
        if self.pattern:
            try:
                rule_regex(self.spec())
            except RuleError as error:
                errors["pattern"] = [
                    ValidationError(
                        _("This pattern cannot be used: %(reason)s"),
                        params={"reason": str(error)},
                        code="bad_pattern",
                    )
                ]
            else:
                if self.example and not rule_matches(self.spec(), self.example):
                    errors["example"] = [
                        ValidationError(
                            _("The pattern does not find anything in its example."),
                            code="example_not_found",
                        )
                    ]
        if not self.is_exception:
            for name in ("suggestion_zh", "suggestion_en"):
                if not getattr(self, name).strip():
                    errors[name] = [
                        ValidationError(_("A rule needs a suggested fix."), code="required")
                    ]
        if errors:
            raise ValidationError(errors)


class ComplianceRuleSet(models.Model):
    """One row: a token that changes whenever any rule changes.

    Every process keeps the rules it compiled under the token it read, and compiles again
    when the database holds another one (``scripts_app.compliance.ruleset``). A random
    token, not a counter, so that a change rolled back and another made after it can never
    give the same value twice.
    """

    token = models.CharField(max_length=32, default="")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("compliance rule set")

    def __str__(self) -> str:
        return self.token

    @staticmethod
    def new_token() -> str:
        return uuid.uuid4().hex
