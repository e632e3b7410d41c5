"""Panels, conflicts of interest, the fair assignment and the sealed review."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Membership
from core.exceptions import Conflict
from core.models import AuditEntry
from courses.models import CohortMember
from incubator.models import (
    CoApplicant,
    ConflictSource,
    PanelConflict,
    PanelMember,
    PanelReview,
    PanelReviewStatus,
    PanelRole,
)
from incubator.ranking import ranking
from incubator.services.panels import (
    conflict_declare,
    conflicts_detect,
    panel_assign,
    panel_member_add,
    panel_review_save,
)
from scripts_app.models import Collaborator, CollaboratorRole
from tests.incubator.panel_support import in_panel_review, mentor, panel_call, seat
from tests.incubator.support import make_call
from tests.support.factories import OrganisationFactory, UserFactory, make_series

pytestmark = pytest.mark.django_db


def full_scores(review, score=7):
    criteria = review.application.call.rubric_version.criteria.all()
    return {c.key: {"score": score, "comment": "节奏紧凑"} for c in criteria}


def submit(review, score=7, recommendation="yes"):
    return panel_review_save(
        actor=review.reviewer, review=review, scores=full_scores(review, score),
        recommendation=recommendation, comment="值得资助", submit=True,
    )  # fmt: skip


# --- members ------------------------------------------------------------------------------


def test_a_manager_seats_mentors_staff_and_experts_by_email():
    call = make_call()
    person = mentor()
    member = panel_member_add(actor=call.manager, call=call, email=person.email.upper(),
                              role=PanelRole.MENTOR)  # fmt: skip
    assert member.user == person
    expert = UserFactory()
    panel_member_add(actor=call.manager, call=call, email=expert.email, role=PanelRole.EXPERT)
    with pytest.raises(ValidationError) as error:
        panel_member_add(actor=call.manager, call=call, email=expert.email, role=PanelRole.EXPERT)
    assert "email" in error.value.message_dict
    with pytest.raises(ValidationError):  # not a mentor
        panel_member_add(actor=call.manager, call=call, email=UserFactory().email,
                         role=PanelRole.MENTOR)  # fmt: skip
    with pytest.raises(ValidationError):  # not staff
        panel_member_add(actor=call.manager, call=call, email=UserFactory().email,
                         role=PanelRole.STAFF)  # fmt: skip
    with pytest.raises(ValidationError):
        panel_member_add(actor=call.manager, call=call, email="nobody@example.com",
                         role=PanelRole.EXPERT)  # fmt: skip
    with pytest.raises(PermissionDenied):
        panel_member_add(actor=UserFactory(), call=call, email=UserFactory().email,
                         role=PanelRole.EXPERT)  # fmt: skip
    assert AuditEntry.objects.filter(action="fund.panel_member_added").count() == 2


# --- assignment ---------------------------------------------------------------------------


def test_assignment_gives_k_reviewers_each_balanced_and_deterministic():
    call, apps, people = panel_call(applications=6, reviewers=4, panel_size=2)
    result = panel_assign(actor=call.manager, call=call)
    assert result == {"assigned": 12, "short": 0}
    loads = [PanelReview.objects.filter(reviewer=p).count() for p in people]
    assert sorted(loads) == [3, 3, 3, 3]
    for application in apps:
        assert application.panel_reviews.count() == 2
    # Run again: nothing more to do.
    assert panel_assign(actor=call.manager, call=call)["assigned"] == 0
    assert AuditEntry.objects.filter(action="fund.panel_assigned", target_id=call.pk).exists()


def test_assignment_is_the_same_for_the_same_input():
    call, apps, people = panel_call(applications=5, reviewers=5, panel_size=2)

    def run():
        PanelReview.objects.filter(application__call=call).delete()
        panel_assign(actor=call.manager, call=call)
        return sorted(
            PanelReview.objects.filter(application__call=call).values_list(
                "application_id", "reviewer_id"
            )
        )

    first = run()
    assert len(first) == 10
    assert run() == first


def test_a_conflicted_reviewer_is_never_assigned():
    call, apps, people = panel_call(applications=3, reviewers=3, panel_size=2)
    # people[0] shares an organisation with the first applicant.
    organisation = OrganisationFactory()
    Membership.objects.create(organisation=organisation, user=people[0], role="member")
    Membership.objects.create(organisation=organisation, user=apps[0].lead, role="member")
    # people[1] co-writes another series with the second applicant.
    other = make_series(owner=apps[1].lead)
    Collaborator.objects.create(series=other, user=people[1], role=CollaboratorRole.COWRITER,
                                added_by=apps[1].lead)  # fmt: skip
    panel_assign(actor=call.manager, call=call)
    assert not PanelReview.objects.filter(application=apps[0], reviewer=people[0]).exists()
    assert not PanelReview.objects.filter(application=apps[1], reviewer=people[1]).exists()
    sources = set(PanelConflict.objects.values_list("application_id", "reviewer_id", "source"))
    assert (apps[0].pk, people[0].pk, ConflictSource.ORGANISATION) in sources
    assert (apps[1].pk, people[1].pk, ConflictSource.COWRITER) in sources
    # Applicants are never their own reviewers.
    assert apps[2].panel_reviews.count() == 2


def test_course_instructor_and_earlier_co_applicant_are_conflicts():
    from tests.courses.support import make_cohort

    call, apps, people = panel_call(applications=2, reviewers=3, panel_size=1)
    cohort, _teacher = make_cohort()
    CohortMember.objects.create(cohort=cohort, user=people[0], role="instructor")
    CohortMember.objects.create(cohort=cohort, user=apps[0].lead, role="student")
    # people[1] applied with the second applicant to an earlier call.
    earlier = make_call()
    from tests.incubator.support import make_application

    old = make_application(earlier, owner=people[1])
    # (Set directly: inviting goes through the series' co-writers, which is a conflict of
    # its own; here only the earlier application joins them.)
    CoApplicant.objects.create(application=old, user=apps[1].lead, status="accepted")
    conflicts_detect(actor=call.manager, call=call)
    sources = set(PanelConflict.objects.values_list("application_id", "reviewer_id", "source"))
    assert (apps[0].pk, people[0].pk, ConflictSource.INSTRUCTOR) in sources
    assert (apps[1].pk, people[1].pk, ConflictSource.COLLABORATOR) in sources


# --- sealed review ------------------------------------------------------------------------


def test_a_reviewer_saves_a_draft_then_submits_with_everything_listed_at_once():
    call, apps, people = panel_call(applications=1, reviewers=2, panel_size=2)
    panel_assign(actor=call.manager, call=call)
    review = PanelReview.objects.filter(application=apps[0]).first()
    key = call.rubric_version.criteria.first().key
    panel_review_save(actor=review.reviewer, review=review,
                      scores={key: {"score": 8, "comment": "好"}})  # fmt: skip
    assert review.scores.get().score == 8
    with pytest.raises(ValidationError) as error:
        panel_review_save(actor=review.reviewer, review=review, submit=True)
    missing = error.value.message_dict
    assert "recommendation" in missing and "comment" in missing
    assert len([k for k in missing if k.startswith("scores.")]) == (
        call.rubric_version.criteria.count() - 1
    )
    with pytest.raises(ValidationError):
        panel_review_save(actor=review.reviewer, review=review,
                          scores={key: {"score": 99}})  # fmt: skip
    with pytest.raises(PermissionDenied):
        panel_review_save(actor=people[0] if review.reviewer != people[0] else people[1],
                          review=review, recommendation="no")  # fmt: skip
    done = submit(review)
    assert done.status == PanelReviewStatus.SUBMITTED and done.total is not None
    with pytest.raises(Conflict):
        panel_review_save(actor=review.reviewer, review=review, recommendation="no")


def test_a_declared_conflict_takes_the_reviewer_off_and_excludes_a_given_review():
    call, apps, people = panel_call(applications=1, reviewers=2, panel_size=2)
    panel_assign(actor=call.manager, call=call)
    first, second = PanelReview.objects.filter(application=apps[0]).order_by("pk")
    submit(first, score=9)
    submit(second, score=3)
    before = ranking(call).rows[0]
    assert before.reviews_counted == 2
    with pytest.raises(ValidationError):
        conflict_declare(actor=first.reviewer, review=first, reason="  ")
    conflict_declare(actor=first.reviewer, review=first, reason="他是我表弟")
    first.refresh_from_db()
    assert first.excluded and first.status == PanelReviewStatus.SUBMITTED  # kept, flagged
    after = ranking(call).rows[0]
    assert after.reviews_counted == 1 and after.reviews_excluded == 1
    assert after.score == 3


def test_a_conflict_found_later_excludes_the_review_from_the_ranking():
    call, apps, people = panel_call(applications=1, reviewers=2, panel_size=2)
    panel_assign(actor=call.manager, call=call)
    for review in PanelReview.objects.filter(application=apps[0]):
        submit(review)
    reviewer = people[0]
    organisation = OrganisationFactory()
    Membership.objects.create(organisation=organisation, user=reviewer, role="member")
    Membership.objects.create(organisation=organisation, user=apps[0].lead, role="member")
    assert conflicts_detect(actor=call.manager, call=call) == 1
    review = PanelReview.objects.get(application=apps[0], reviewer=reviewer)
    assert review.excluded
    assert ranking(call).rows[0].reviews_excluded == 1


def test_removing_a_member_drops_their_open_reviews():
    from incubator.services.panels import panel_member_remove

    call, apps, people = panel_call(applications=2, reviewers=2, panel_size=2)
    panel_assign(actor=call.manager, call=call)
    member = PanelMember.objects.get(call=call, user=people[0])
    panel_member_remove(actor=call.manager, member=member)
    assert not PanelReview.objects.filter(reviewer=people[0]).exists()


def test_seat_helper_and_in_panel_review_make_real_rows():
    call = make_call()
    application = in_panel_review(call)
    seat(call, [mentor()])
    assert application.status == "panel_review"
    assert call.panel.count() == 1
