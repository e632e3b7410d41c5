from django.urls import path

from incubator.views import applications, calls, concept, filing, manage, panel, projects

app_name = "fund"

urlpatterns = [
    # Public.
    path("", calls.call_list, name="call_list"),
    path("calls/<slug:slug>/", calls.call_detail, name="call_detail"),
    path("calls/<slug:slug>/apply/", calls.application_start_view, name="application_start"),
    path("awards/", projects.awards_public, name="awards"),
    # Funded projects (their applicants and the fund's managers).
    path("projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projects/<int:pk>/action/", projects.project_action, name="project_action"),
    path("projects/<int:pk>/agreement.txt", projects.agreement_download, name="agreement"),
    path(
        "projects/<int:pk>/agreement.docx",
        projects.agreement_download,
        {"kind": "docx"},
        name="agreement_docx",
    ),
    path(
        "projects/<int:pk>/agreement.pdf",
        projects.agreement_download,
        {"kind": "pdf"},
        name="agreement_pdf",
    ),
    path("applications/<int:pk>/project/new/", projects.project_create, name="project_create"),
    path("manage/funds/<slug:slug>/ledger/", projects.fund_ledger, name="fund_ledger"),
    # Applicants.
    path("applications/", applications.my_applications, name="my_applications"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/preview/",
        applications.application_preview,
        name="application_preview",
    ),
    path("applications/<int:pk>/field/", applications.application_field, name="application_field"),
    path("applications/<int:pk>/answers/<slug:key>/", applications.answer_save, name="answer_save"),
    path(
        "applications/<int:pk>/answers/<slug:key>/file/",
        applications.answer_file,
        name="answer_file",
    ),
    path("applications/<int:pk>/budget/", applications.budget_add, name="budget_add"),
    path(
        "applications/<int:pk>/budget/<int:line_pk>/",
        applications.budget_line,
        name="budget_line",
    ),
    path(
        "applications/<int:pk>/submit/", applications.application_submit, name="application_submit"
    ),
    path(
        "applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "applications/<int:pk>/coapplicants/",
        applications.coapplicant_invite,
        name="coapplicant_invite",
    ),
    path(
        "applications/<int:pk>/coapplicants/<int:coapplicant_pk>/remove/",
        applications.coapplicant_remove,
        name="coapplicant_remove",
    ),
    path("invitations/<int:pk>/", applications.invitation_detail, name="invitation_detail"),
    # The NRTA filing tier, dossier and number (incubator/views/filing.py).
    path("applications/<int:pk>/filing/", filing.application_filing, name="application_filing"),
    path(
        "applications/<int:pk>/filing/dossier.docx",
        filing.filing_dossier,
        {"kind": "docx"},
        name="filing_dossier_docx",
    ),  # fmt: skip
    path(
        "applications/<int:pk>/filing/dossier.pdf",
        filing.filing_dossier,
        {"kind": "pdf"},
        name="filing_dossier_pdf",
    ),  # fmt: skip
    # Fund managers.
    path("manage/", manage.manage_home, name="manage"),
    path("manage/funds/new/", manage.fund_create, name="fund_create"),
    path("manage/funds/<slug:slug>/", manage.fund_manage, name="fund_manage"),
    path("manage/funds/<slug:slug>/managers/", manage.fund_manager_add, name="fund_manager_add"),
    path(
        "manage/funds/<slug:slug>/managers/<int:member_pk>/remove/",
        manage.fund_manager_remove,
        name="fund_manager_remove",
    ),
    path("manage/funds/<slug:slug>/calls/new/", manage.call_create, name="call_create"),
    path("manage/calls/<slug:slug>/", manage.call_manage, name="call_manage"),
    path("manage/calls/<slug:slug>/priorities/", manage.call_priorities, name="call_priorities"),
    path("manage/calls/<slug:slug>/rules/", manage.call_rule_add, name="call_rule_add"),
    path(
        "manage/calls/<slug:slug>/rules/<int:rule_pk>/delete/",
        manage.call_rule_delete,
        name="call_rule_delete",
    ),
    path("manage/calls/<slug:slug>/questions/", manage.call_questions, name="call_questions"),
    path("manage/calls/<slug:slug>/publish/", manage.call_publish, name="call_publish"),
    path("manage/calls/<slug:slug>/cancel/", manage.call_cancel, name="call_cancel"),
    path(
        "manage/calls/<slug:slug>/applications/",
        manage.call_applications,
        name="call_applications",
    ),
    path(
        "manage/applications/<int:pk>/screening/",
        manage.application_screening,
        name="application_screening",
    ),
    # The concept-note variant's second stage.
    path(
        "manage/applications/<int:pk>/invite-proposal/",
        concept.proposal_invite,
        name="proposal_invite",
    ),
    path(
        "manage/applications/<int:pk>/proposal-deadline/",
        concept.proposal_deadline_change,
        name="proposal_deadline_change",
    ),
    path(
        "manage/applications/<int:pk>/decline-concept/",
        concept.concept_decline,
        name="concept_decline",
    ),
    path(
        "applications/<int:pk>/submit-proposal/",
        concept.proposal_submit,
        name="proposal_submit",
    ),
    # The panel stage: the manager's panel, ranking and determinations.
    path("manage/calls/<slug:slug>/panel/", panel.panel_manage, name="panel_manage"),
    path("manage/calls/<slug:slug>/panel/assign/", panel.panel_assign, name="panel_assign"),
    path(
        "manage/panel-members/<int:pk>/remove/",
        panel.panel_member_remove,
        name="panel_member_remove",
    ),
    path("manage/calls/<slug:slug>/ranking/", panel.call_ranking, name="call_ranking"),
    path(
        "manage/calls/<slug:slug>/ranking.<str:fmt>",
        panel.ranking_export,
        name="ranking_export",
    ),
    path(
        "manage/applications/<int:pk>/determination/",
        panel.application_determination,
        name="application_determination",
    ),
    path(
        "manage/applications/<int:pk>/fact-check/",
        panel.fact_check_assign,
        name="fact_check_assign",
    ),
    path(
        "applications/<int:pk>/resubmit/",
        panel.application_resubmit,
        name="application_resubmit",
    ),
    # Reviewers and fact-checkers.
    path("panel/", panel.panel_dashboard, name="panel_dashboard"),
    path("panel/reviews/<int:pk>/", panel.panel_review, name="panel_review"),
    path(
        "panel/reviews/<int:pk>/conflict/",
        panel.panel_review_conflict,
        name="panel_review_conflict",
    ),
    path("fact-checks/<int:pk>/", panel.fact_check_detail, name="fact_check_detail"),
    path("expertise/", panel.my_expertise, name="my_expertise"),
]
