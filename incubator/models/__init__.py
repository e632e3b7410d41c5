"""The fund's models, one module per concern, re-exported here."""

from incubator.models.applications import (
    EDITABLE_STATES,
    Answer,
    Application,
    ApplicationStatus,
    BudgetCategory,
    BudgetLine,
    CoApplicant,
    CoApplicantStatus,
)
from incubator.models.calls import (
    FUND_TIME_ZONE,
    Call,
    CallForm,
    CallPhase,
    CallStatus,
    EligibilityRule,
    Question,
    QuestionKind,
    QuestionStage,
    ThemePriority,
    WorkflowVariant,
)
from incubator.models.filing import ApplicationFiling, FilingRuleSet, NumberKind, ReviewBody
from incubator.models.funds import MONEY, Fund, FundMember, FundRole

__all__ = [
    "EDITABLE_STATES",
    "FUND_TIME_ZONE",
    "MONEY",
    "Answer",
    "ApplicationFiling",
    "Application",
    "ApplicationStatus",
    "BudgetCategory",
    "BudgetLine",
    "Call",
    "CallForm",
    "CallPhase",
    "CallStatus",
    "CoApplicant",
    "CoApplicantStatus",
    "EligibilityRule",
    "FilingRuleSet",
    "Fund",
    "FundMember",
    "FundRole",
    "NumberKind",
    "Question",
    "QuestionKind",
    "QuestionStage",
    "ReviewBody",
    "ThemePriority",
    "WorkflowVariant",
]
