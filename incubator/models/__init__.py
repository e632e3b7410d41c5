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
from incubator.models.funds import MONEY, Fund, FundMember, FundRole

__all__ = [
    "EDITABLE_STATES",
    "FUND_TIME_ZONE",
    "MONEY",
    "Answer",
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
    "Fund",
    "FundMember",
    "FundRole",
    "Question",
    "QuestionKind",
    "QuestionStage",
    "ThemePriority",
    "WorkflowVariant",
]
