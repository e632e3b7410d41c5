from django.urls import path

from incubator.api import filing, panel_views, views
from incubator.api import project_views as projects

urlpatterns = [
    path("fund/calls/", views.CallListView.as_view(), name="api-fund-calls"),
    path("fund/open-calls/", views.OpenCallsFeedView.as_view(), name="api-fund-open-calls"),
    path("fund/calls/<slug:slug>/", views.CallDetailView.as_view(), name="api-fund-call"),
    path(
        "fund/calls/<slug:slug>/eligibility/",
        views.CallEligibilityView.as_view(),
        name="api-fund-call-eligibility",
    ),
    path(
        "fund/calls/<slug:slug>/applications/",
        views.CallApplicationsView.as_view(),
        name="api-fund-call-applications",
    ),
    path("fund/applications/", views.ApplicationListView.as_view(), name="api-fund-applications"),
    path(
        "fund/applications/<int:pk>/",
        views.ApplicationDetailView.as_view(),
        name="api-fund-application",
    ),
    path(
        "fund/applications/<int:pk>/budget-lines/",
        views.BudgetLinesView.as_view(),
        name="api-fund-budget-lines",
    ),
    path(
        "fund/applications/<int:pk>/budget-lines/<int:line_pk>/",
        views.BudgetLineDetailView.as_view(),
        name="api-fund-budget-line",
    ),
    path(
        "fund/applications/<int:pk>/answers/<slug:key>/",
        views.AnswerView.as_view(),
        name="api-fund-answer",
    ),
    path(
        "fund/applications/<int:pk>/submit/",
        views.SubmitView.as_view(),
        name="api-fund-application-submit",
    ),
    path(
        "fund/applications/<int:pk>/withdraw/",
        views.WithdrawView.as_view(),
        name="api-fund-application-withdraw",
    ),
    path(
        "fund/applications/<int:pk>/co-applicants/",
        views.CoApplicantsView.as_view(),
        name="api-fund-coapplicants",
    ),
    path(
        "fund/applications/<int:pk>/co-applicants/<int:coapplicant_pk>/",
        views.CoApplicantDetailView.as_view(),
        name="api-fund-coapplicant",
    ),
    path(
        "fund/applications/<int:pk>/screening/",
        views.ScreeningView.as_view(),
        name="api-fund-application-screening",
    ),
    path(
        "fund/applications/<int:pk>/invite-proposal/",
        views.ProposalInviteView.as_view(),
        name="api-fund-application-invite-proposal",
    ),
    path(
        "fund/applications/<int:pk>/decline-concept/",
        views.ConceptDeclineView.as_view(),
        name="api-fund-application-decline-concept",
    ),
    path(
        "fund/applications/<int:pk>/submit-proposal/",
        views.ProposalSubmitView.as_view(),
        name="api-fund-application-submit-proposal",
    ),
    path("fund/invitations/", views.InvitationListView.as_view(), name="api-fund-invitations"),
    path(
        "fund/invitations/<int:pk>/answer/",
        views.InvitationAnswerView.as_view(),
        name="api-fund-invitation-answer",
    ),
    path("fund/awards/", projects.PublicProjectsView.as_view(), name="api-fund-awards"),
    path(
        "fund/applications/<int:pk>/project/",
        projects.ProjectCreateView.as_view(),
        name="api-fund-project-create",
    ),
    path("fund/projects/<int:pk>/", projects.ProjectDetailView.as_view(), name="api-fund-project"),
    path(
        "fund/projects/<int:pk>/agreement/accept/",
        projects.AgreementAcceptView.as_view(),
        name="api-fund-agreement-accept",
    ),
    path(
        "fund/projects/<int:pk>/milestones/",
        projects.MilestonesView.as_view(),
        name="api-fund-milestones",
    ),
    path(
        "fund/projects/<int:pk>/milestones/<int:milestone_pk>/deliver/",
        projects.MilestoneDeliverView.as_view(),
        name="api-fund-milestone-deliver",
    ),
    path(
        "fund/projects/<int:pk>/milestones/<int:milestone_pk>/accept/",
        projects.MilestoneAcceptView.as_view(),
        name="api-fund-milestone-accept",
    ),
    path(
        "fund/projects/<int:pk>/milestones/<int:milestone_pk>/return/",
        projects.MilestoneReturnView.as_view(),
        name="api-fund-milestone-return",
    ),
    path(
        "fund/projects/<int:pk>/tranches/",
        projects.TranchesView.as_view(),
        name="api-fund-tranches",
    ),
    path(
        "fund/projects/<int:pk>/tranches/<int:tranche_pk>/",
        projects.TrancheMoveView.as_view(),
        name="api-fund-tranche",
    ),
    path(
        "fund/projects/<int:pk>/reports/", projects.ReportsView.as_view(), name="api-fund-reports"
    ),
    path(
        "fund/projects/<int:pk>/reports/<int:report_pk>/",
        projects.ReportSubmitView.as_view(),
        name="api-fund-report",
    ),
    # The panel stage.
    path(
        "fund/calls/<slug:slug>/panel/",
        panel_views.PanelMembersView.as_view(),
        name="api-fund-panel",
    ),
    path(
        "fund/calls/<slug:slug>/panel/assign/",
        panel_views.PanelAssignView.as_view(),
        name="api-fund-panel-assign",
    ),
    path(
        "fund/calls/<slug:slug>/ranking/",
        panel_views.RankingView.as_view(),
        name="api-fund-ranking",
    ),
    path(
        "fund/calls/<slug:slug>/determinations/",
        panel_views.BulkDeterminationView.as_view(),
        name="api-fund-determinations",
    ),
    path(
        "fund/applications/<int:pk>/determination/",
        panel_views.DeterminationView.as_view(),
        name="api-fund-application-determination",
    ),
    path(
        "fund/applications/<int:pk>/fact-check/",
        panel_views.FactCheckAssignView.as_view(),
        name="api-fund-fact-check-assign",
    ),
    path(
        "fund/panel/reviews/",
        panel_views.MyPanelReviewsView.as_view(),
        name="api-fund-panel-reviews",
    ),
    path(
        "fund/panel/reviews/<int:pk>/",
        panel_views.PanelReviewView.as_view(),
        name="api-fund-panel-review",
    ),
    path(
        "fund/panel/reviews/<int:pk>/conflict/",
        panel_views.PanelReviewConflictView.as_view(),
        name="api-fund-panel-review-conflict",
    ),
    path(
        "fund/fact-checks/<int:pk>/",
        panel_views.FactCheckView.as_view(),
        name="api-fund-fact-check",
    ),
    path(
        "fund/fact-checks/<int:pk>/notes/",
        panel_views.FactCheckNotesView.as_view(),
        name="api-fund-fact-check-notes",
    ),
    path("fund/expertise/", panel_views.ExpertiseView.as_view(), name="api-fund-expertise"),
]

# The NRTA filing tier, record and dossier (incubator/api/filing.py).
urlpatterns += filing.urlpatterns
