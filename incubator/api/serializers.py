"""The fund's API: input serializers parse, output serializers show; neither makes domain
objects (the services do). Component names start with "Fund" so they never collide with
other apps' in the OpenAPI schema."""

from decimal import Decimal
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import BoundedIntegerField, SingleLineCharField
from core.limits import MAX_EPISODES
from incubator.models import (
    Application,
    BudgetCategory,
    BudgetLine,
    Call,
    CoApplicant,
    Question,
)
from incubator.services.applications import APPLICATION_FIELDS, value_hash


class FundRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    body = serializers.CharField(source="body.slug")
    body_name_zh = serializers.CharField(source="body.name_zh")
    body_name_en = serializers.CharField(source="body.name_en")


class FundPrioritySerializer(serializers.Serializer):
    theme = serializers.CharField(source="theme.slug")
    name_zh = serializers.CharField(source="theme.name_zh")
    name_en = serializers.CharField(source="theme.name_en")
    bonus = serializers.DecimalField(max_digits=4, decimal_places=2)


class FundCallSerializer(serializers.ModelSerializer):
    fund = FundRefSerializer()
    phase = serializers.SerializerMethodField()
    priorities = FundPrioritySerializer(many=True)
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Call
        fields = [
            "slug", "title_zh", "title_en", "fund", "status", "phase", "opens_at", "closes_at",
            "awards_count", "award_max", "budget", "variant", "priorities", "url",
        ]  # fmt: skip

    def get_phase(self, call: Call) -> str:
        return call.phase(self.context.get("now") or timezone.now())


class FundRuleSerializer(serializers.Serializer):
    kind = serializers.CharField()
    params = serializers.DictField()
    description = serializers.CharField()


class FundQuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = [
            "key", "kind", "stage", "label_zh", "label_en", "help_zh", "help_en", "required",
            "choices", "max_length", "min_value", "max_value",
        ]  # fmt: skip


class FundCallDetailSerializer(FundCallSerializer):
    guidance_zh = serializers.CharField()
    guidance_en = serializers.CharField()
    rubric = serializers.CharField(source="rubric_version.rubric.slug")
    rubric_version = serializers.IntegerField(source="rubric_version.number")
    rules = serializers.SerializerMethodField()
    form_version = serializers.SerializerMethodField()
    questions = serializers.SerializerMethodField()

    class Meta(FundCallSerializer.Meta):
        fields = [
            *FundCallSerializer.Meta.fields, "guidance_zh", "guidance_en", "rubric",
            "rubric_version", "anonymous", "rules", "form_version", "questions",
        ]  # fmt: skip

    @extend_schema_field(FundRuleSerializer(many=True))
    def get_rules(self, call: Call) -> Any:
        return FundRuleSerializer(self.context["rules"], many=True).data

    def get_form_version(self, call: Call) -> int | None:
        form = self.context["form"]
        return form.number if form else None

    @extend_schema_field(FundQuestionSerializer(many=True))
    def get_questions(self, call: Call) -> Any:
        form = self.context["form"]
        questions = list(form.questions.all()) if form else []
        return FundQuestionSerializer(questions, many=True).data


class FundOpenCallSerializer(serializers.Serializer):
    """The open-calls feed: one open call, with both languages and its public address."""

    slug = serializers.CharField()
    title_zh = serializers.CharField()
    title_en = serializers.CharField()
    fund_zh = serializers.CharField(source="fund.name_zh")
    fund_en = serializers.CharField(source="fund.name_en")
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    awards_count = serializers.IntegerField()
    award_max = serializers.DecimalField(max_digits=14, decimal_places=2)
    themes = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def get_themes(self, call: Call) -> list[str]:
        return [priority.theme.slug for priority in call.priorities.all()]

    def get_url(self, call: Call) -> str:
        request = self.context.get("request")
        path = call.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class FundEligibilityInputSerializer(serializers.Serializer):
    series = BoundedIntegerField(help_text="One of your series (id).")


class FundRuleResultSerializer(serializers.Serializer):
    rule = serializers.IntegerField(allow_null=True)
    kind = serializers.CharField()
    description = serializers.CharField()
    met = serializers.BooleanField(
        allow_null=True, help_text="null: not known yet (the reason says what is missing)."
    )
    reason = serializers.CharField()


class FundEligibilitySerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    rules = FundRuleResultSerializer(many=True)


class FundApplicationCreateSerializer(serializers.Serializer):
    call = serializers.SlugField(max_length=64)
    series = BoundedIntegerField()
    entry = BoundedIntegerField(help_text="The registry entry number of the revision applied with.")


class FundApplicationUpdateSerializer(serializers.Serializer):
    """Any of the draft's own fields; each is saved on its own. `base` holds, per field, the
    `field_hashes` value the client started from, to detect a co-applicant's save in between
    (409 under that field)."""

    entry = BoundedIntegerField(required=False)
    episodes_from = BoundedIntegerField(required=False, allow_null=True, max_value=MAX_EPISODES)
    episodes_to = BoundedIntegerField(required=False, allow_null=True, max_value=MAX_EPISODES)
    plan_episodes = BoundedIntegerField(required=False, allow_null=True, max_value=MAX_EPISODES)
    plan_minutes = BoundedIntegerField(required=False, allow_null=True, max_value=10_000)
    plan_shooting_days = BoundedIntegerField(required=False, allow_null=True, max_value=365)
    lead_birth_year = BoundedIntegerField(
        required=False, allow_null=True, min_value=1900, max_value=2100
    )
    plan_team = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    base = serializers.DictField(
        child=serializers.CharField(max_length=64), required=False, default=dict
    )


class FundBudgetLineInputSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=BudgetCategory.choices)
    description = SingleLineCharField(max_length=200)
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0.01"),
        max_value=Decimal("9999999999.99"), help_text="Yuan, as a decimal string.",
    )  # fmt: skip


class FundBudgetLineUpdateSerializer(FundBudgetLineInputSerializer):
    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class FundBudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["id", "category", "description", "amount", "position"]


class FundAnswerInputSerializer(serializers.Serializer):
    value = serializers.CharField(
        allow_blank=True, max_length=40_000, help_text="Text, a number, or a choice's value."
    )
    base = serializers.CharField(required=False, max_length=64)


class FundAnswerUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class FundAnswerSerializer(serializers.Serializer):
    key = serializers.CharField()
    text = serializers.CharField()
    number = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    file_name = serializers.CharField()
    file_size = serializers.IntegerField()
    hash = serializers.SerializerMethodField()

    def get_hash(self, answer) -> str:  # type: ignore[no-untyped-def]
        return value_hash(answer.number if answer.number is not None else answer.text)


class FundCoApplicantSerializer(serializers.ModelSerializer):
    user = serializers.IntegerField(source="user_id", allow_null=True)
    name = serializers.SerializerMethodField()
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = CoApplicant
        fields = ["id", "user", "organisation", "name", "status", "answered_at"]

    def get_name(self, coapplicant: CoApplicant) -> str:
        return str(coapplicant.user or coapplicant.organisation)


class FundCoApplicantInviteSerializer(serializers.Serializer):
    user = BoundedIntegerField(required=False, help_text="A co-writer of the series (user id).")
    organisation = serializers.SlugField(
        required=False, max_length=64, help_text="A studio (its address name)."
    )


class FundInvitationAnswerSerializer(serializers.Serializer):
    accept = serializers.BooleanField()


class FundInvitationSerializer(serializers.ModelSerializer):
    application = serializers.IntegerField(source="application_id")
    call = serializers.CharField(source="application.call.slug")
    series_title = serializers.CharField(source="application.series_title")
    lead = serializers.CharField(source="application.lead")
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = CoApplicant
        fields = ["id", "application", "call", "series_title", "lead", "organisation", "status"]


class FundEntrySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    revision = serializers.IntegerField(source="revision.number")
    content_sha256 = serializers.CharField()
    episode_count = serializers.IntegerField()


class FundPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class FundApplicationListSerializer(serializers.ModelSerializer):
    call = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    budget_total = serializers.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        model = Application
        fields = [
            "id", "call", "status", "series", "series_title", "budget_total", "submitted_at",
            "proposal_due_at", "updated_at",
        ]  # fmt: skip


class FundApplicationSerializer(serializers.ModelSerializer):
    call = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    entry = FundEntrySerializer()
    lead = FundPersonSerializer()
    budget_lines = serializers.SerializerMethodField()
    budget_total = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField()
    coapplicants = serializers.SerializerMethodField()
    form_version = serializers.SerializerMethodField()
    field_hashes = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id", "call", "status", "series", "series_title", "entry", "lead", "episodes_from",
            "episodes_to", "plan_episodes", "plan_minutes", "plan_shooting_days", "plan_team",
            "lead_birth_year", "ai_assistance", "ai_note", "budget_lines", "budget_total",
            "answers", "coapplicants", "form_version", "submitted_at", "withdrawn_at",
            "screening_reason", "proposal_due_at", "proposal_message", "proposal_submitted_at",
            "created_at", "updated_at", "field_hashes",
        ]  # fmt: skip

    @extend_schema_field(FundBudgetLineSerializer(many=True))
    def get_budget_lines(self, application: Application) -> Any:
        return FundBudgetLineSerializer(self.context["lines"], many=True).data

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_budget_total(self, application: Application) -> str:
        # A string, as every money figure of the API: JSON numbers are floats.
        total = sum((line.amount for line in self.context["lines"]), start=Decimal("0.00"))
        return f"{total:.2f}"

    @extend_schema_field(FundAnswerSerializer(many=True))
    def get_answers(self, application: Application) -> Any:
        return FundAnswerSerializer(self.context["answers"], many=True).data

    @extend_schema_field(FundCoApplicantSerializer(many=True))
    def get_coapplicants(self, application: Application) -> Any:
        return FundCoApplicantSerializer(self.context["coapplicants"], many=True).data

    def get_form_version(self, application: Application) -> int | None:
        return application.form.number if application.form_id else None  # type: ignore[union-attr]

    def get_field_hashes(self, application: Application) -> dict[str, str]:
        return {
            field: value_hash(getattr(application, "entry_id" if field == "entry" else field))
            for field in sorted(APPLICATION_FIELDS)
        }


class FundManagerApplicationSerializer(serializers.ModelSerializer):
    lead = FundPersonSerializer()
    entry = serializers.IntegerField(source="entry.number")
    budget_total = serializers.DecimalField(max_digits=14, decimal_places=2)
    coapplicants = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id", "status", "series", "series_title", "entry", "lead", "coapplicants",
            "budget_total", "ai_assistance", "submitted_at", "screened_at", "screening_reason",
            "proposal_due_at", "proposal_submitted_at",
        ]  # fmt: skip

    def get_coapplicants(self, application: Application) -> list[str]:
        return [str(c.user or c.organisation) for c in application.accepted_coapplicants]  # type: ignore[attr-defined]


class FundScreeningInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["start", "eligible", "out_of_remit"])
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")


class FundProposalInviteInputSerializer(serializers.Serializer):
    due_at = serializers.DateTimeField(
        help_text="When the full proposal is due (ISO 8601 with its offset); after now."
    )
    message = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, default="",
        help_text="Sent to the applicants with the invitation.",
    )  # fmt: skip


class FundConceptDeclineInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000, help_text="Sent to the applicants.")
