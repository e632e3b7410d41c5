import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command

from accounts.models import Membership, Organisation, Role, RoleGrant, User
from seeds.world.people import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_demo_world_has_the_promised_shape():
    call_command("seed_demo", stdout=io.StringIO())

    kinds = list(Organisation.objects.values_list("kind", flat=True))
    assert kinds.count("university") >= 2
    assert kinds.count("studio") >= 3
    assert kinds.count("fund_body") >= 1
    assert User.objects.count() >= 30
    roles = set(RoleGrant.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert all(u.display_name_zh and u.display_name_en for u in User.objects.all())
    assert (
        Membership.objects.filter(role="admin").values("organisation").distinct().count()
        == Organisation.objects.count()
    )


def test_seeding_twice_changes_nothing():
    call_command("seed_demo", stdout=io.StringIO())
    before = _row_counts()

    call_command("seed_demo", stdout=io.StringIO())

    assert _row_counts() == before


def test_demo_logins_work(client):
    call_command("seed_demo", stdout=io.StringIO())

    assert client.login(username="writer.chen@demo.microdrama.cn", password=DEMO_PASSWORD)
    assert client.login(username="admin@demo.microdrama.cn", password=DEMO_PASSWORD)


def test_seeding_never_mails_the_made_up_addresses():
    call_command("seed_demo", stdout=io.StringIO())

    assert mail.outbox == []


def test_demo_series_cover_both_formats_the_favoured_themes_and_have_history():
    from scripts_app.models import Series

    call_command("seed_demo", stdout=io.StringIO())

    series = Series.objects.prefetch_related("themes", "audiences", "collaborators", "revisions")
    assert {s.format for s in series} == {"zh", "fountain"}
    themes = {t.slug for s in series for t in s.themes.all()}
    assert {"rule-of-law", "intangible-heritage", "health-wellness"} <= themes
    assert any(a.slug == "silver-haired" for s in series for a in s.audiences.all())
    assert any(s.language == "en" and s.format == "fountain" for s in series)
    # The planted copy (for the originality report) is a first draft by one writer.
    for one in (s for s in series if s.title != "窗口的秘密"):
        assert one.revisions.count() >= 3
        assert one.collaborators.count() >= 2
        assert one.revisions.exclude(name="").exists()
        assert one.head.stats["warnings"] == 0
        assert one.line_comments.exists()


def test_demo_mentors_are_verified_and_a_series_is_offered_only_mentors_who_may_review_it():
    from accounts.selectors import mentors_verified
    from reviews.selectors import mentors_for
    from scripts_app.models import Series

    call_command("seed_demo", stdout=io.StringIO())

    mentors = set(RoleGrant.objects.filter(role=Role.MENTOR).values_list("user_id", flat=True))
    assert mentors and set(mentors_verified().values_list("pk", flat=True)) == mentors
    window = Series.objects.get(title="三号窗口")
    offered = set(mentors_for(window).values_list("email", flat=True))
    assert "mentor.qian@demo.microdrama.cn" not in offered  # a reader of the series
    assert "mentor.song@demo.microdrama.cn" in offered


def test_the_demo_has_the_review_states_the_readme_promises(client):
    """README, "In the demo": writer.chen has a finished double-blind peer review, a
    finished open mentor review and an open (not yet submitted) mentor review of 《三号窗口》;
    writer.sun a half-written draft; moderator a divergent request in the staff queue,
    with the decision recorded so far."""
    from reviews.models import ReviewRequest
    from reviews.selectors import requests_divergent

    call_command("seed_demo", stdout=io.StringIO())

    chen = ReviewRequest.objects.filter(
        series__title="三号窗口", requested_by__email="writer.chen@demo.microdrama.cn"
    )
    assert chen.filter(kind="peer", blindness="double", status="completed").exists()
    assert chen.filter(kind="mentor", blindness="open", status="completed").exists()
    waiting = chen.get(kind="mentor", status="open")
    assert not waiting.assignments.filter(status="submitted").exists()
    assert waiting.assignments.get().reviewer.email == "mentor.song@demo.microdrama.cn"
    assert ReviewRequest.objects.filter(
        assignments__reviewer__email="writer.sun@demo.microdrama.cn",
        assignments__review__status="draft",
    ).exists()

    divergent = list(requests_divergent())
    assert [r.series.title for r in divergent] == ["锦官绣"]
    assert divergent[0].staff_decision
    client.login(username="moderator@demo.microdrama.cn", password=DEMO_PASSWORD)
    queue = client.get("/reviews/staff/").content.decode()
    assert "锦官绣" in queue and "结构与反转" in queue
    client.login(username="writer.chen@demo.microdrama.cn", password=DEMO_PASSWORD)
    report = client.get(waiting.get_absolute_url()).content.decode()
    assert "已收到 0 / 1 份评审" in report


def test_the_demo_registers_each_original_series_and_the_chain_verifies():
    from registry.models import RegistrationStatus, RegistryEntry
    from registry.selectors import chain_verify
    from scripts_app.models import Series

    call_command("seed_demo", stdout=io.StringIO())

    registered = set(RegistryEntry.objects.values_list("series__title", flat=True))
    assert registered == set(
        Series.objects.exclude(title="窗口的秘密").values_list("title", flat=True)
    )
    assert not RegistryEntry.objects.filter(registration__status=RegistrationStatus.PENDING)
    assert all(len(entry.authors) == 2 for entry in RegistryEntry.objects.all())
    assert chain_verify() is None


def test_the_readmes_registry_example_holds():
    from pathlib import Path

    from registry.matching import check_text

    call_command("seed_demo", stdout=io.StringIO())
    text = (
        Path(__file__).resolve().parents[2] / "seeds/world/series/window-three/r3.txt"
    ).read_text()

    assert [entry.number for entry in check_text(text).entries] == [1]
    assert check_text(text.replace("三号窗口", "三号窗囗", 1)).entries == []


def test_the_demos_planted_copy_is_found_by_the_originality_report(run_on_commit):
    from registry.models import OriginalityReport
    from registry.selectors import originality_report_view
    from registry.services.originality import originality_report_request
    from scripts_app.models import Series

    with run_on_commit():
        call_command("seed_demo", stdout=io.StringIO())
    copy = Series.objects.get(title="窗口的秘密")
    with run_on_commit():
        report = originality_report_request(actor=copy.owner, revision=copy.head)

    report = OriginalityReport.objects.get(pk=report.pk)
    matches = originality_report_view(report, copy.owner)
    # writer.gao may not read 三号窗口: the report names its entry, not its title or text.
    assert [match.entry_number for match in matches][:1] == [1]
    assert not matches[0].readable and matches[0].title is None
    assert matches[0].passages and matches[0].exact >= 0.3


def test_the_demo_course_has_a_cohort_lessons_grades_and_a_verifiable_certificate(client):
    from courses.models import Certificate, Course, Grade, GraderNote
    from reviews.models import ReviewAssignment

    call_command("seed_demo", stdout=io.StringIO())

    course = Course.objects.get(slug="writing-the-micro-drama")
    cohort = course.cohorts.get()
    assert cohort.members.filter(role="student").count() == 12
    assert Grade.objects.filter(submission__assignment__cohort=cohort).count() == 10
    # The finished assignment's peer review: most handed in and rated, some still owed.
    peer = ReviewAssignment.objects.filter(request__course_submission__assignment__cohort=cohort)
    handed_in = peer.filter(status="submitted")
    assert handed_in.count() >= peer.count() // 2 and peer.filter(status="assigned").exists()
    for review_assignment in handed_in:
        assert review_assignment.review.line_notes.exists()
        assert review_assignment.review.helpfulness is not None
    assert GraderNote.objects.filter(submission__assignment__cohort=cohort).count() == 5
    certificate = Certificate.objects.get()
    page = client.get(f"/courses/certificates/{certificate.code}/").content.decode()
    assert certificate.student_name_zh == "陈思远" and "陈思远" in page
    assert client.get("/courses/").status_code == 200
    assert "出海改编工作坊" in client.get("/courses/").content.decode()


def test_the_demo_fund_has_a_decided_closed_call_and_an_open_call_with_drafts(client):
    """README, "In the demo": 精品微短剧扶持基金 has a closed call whose two applications went
    through the panel (sealed reviews, a lawyer's and a doctor's fact-check) to an award
    and a wait-list, and an open call on heritage and tourism with two drafts; fund.ye
    manages the fund as a member given the role."""
    from incubator.models import Call, CoApplicantStatus

    call_command("seed_demo", stdout=io.StringIO())

    closed = Call.objects.get(slug="rule-of-law-and-health-2026")
    opened = Call.objects.get(slug="heritage-and-travel-2026")
    assert closed.phase() == "closed" and opened.is_open()
    # Through the panel stage: sealed reviews, fact-checks, determinations.
    assert dict(closed.applications.values_list("series_title", "status")) == {
        "三号窗口": "in_progress",  # awarded, contracted: the project runs
        "老两口不上当": "waitlisted",
    }
    window = closed.applications.get(series_title="三号窗口")
    assert window.award_amount == Decimal("250000.00")
    assert window.fact_checks.get().checker.email.startswith("mentor.qian")
    assert window.fact_checks.get().notes.exists()
    assert window.panel_reviews.filter(status="submitted").count() >= 2
    from incubator.models import Expertise

    assert Expertise.objects.filter(
        user__email__startswith="mentor.qian", area="law", verified_at__isnull=False
    ).exists()
    assert set(opened.applications.values_list("status", flat=True)) == {"draft"}
    window = closed.applications.get(series_title="三号窗口")
    assert window.coapplicants.filter(
        organisation__slug="galaxy-shorts", status=CoApplicantStatus.ACCEPTED
    ).exists()
    bowls = opened.applications.get(series_title="Three Bowls")
    assert bowls.coapplicants.get().status == CoApplicantStatus.INVITED
    client.login(username="fund.ye@demo.microdrama.cn", password=DEMO_PASSWORD)
    page = client.get(f"/fund/manage/calls/{closed.slug}/applications/").content.decode()
    assert "三号窗口" in page and "老两口不上当" in page
    drafts = client.get(f"/fund/manage/calls/{opened.slug}/applications/")
    assert len(drafts.context["page"].object_list) == 0  # drafts stay with their applicants
    # The award's project: agreement accepted by both sides, the first tranche paid.
    project = window.project
    assert project.grantee_accepted_at and project.fund_accepted_at
    assert list(project.disbursements.values_list("status", flat=True)) == ["paid", "scheduled"]
    assert project.milestones.filter(status="accepted").count() == 1
    assert "三号窗口" in client.get("/fund/awards/").content.decode()
    assert client.get(project.get_absolute_url()).status_code == 200


def test_the_demo_scout_finds_the_listed_series_and_not_the_private_one(client):
    """scout.zhao (admin of 星河短剧工作室) searches the four listed series; 《窗口的秘密》
    stays private; a shown score is the median of completed reviews."""
    from scouting.models import Listing

    call_command("seed_demo", stdout=io.StringIO())
    listings = {
        listing.series.title: listing for listing in Listing.objects.select_related("series")
    }
    assert set(listings) == {"三号窗口", "老两口不上当", "锦官绣", "Three Bowls"}
    assert {listing.status for listing in listings.values()} == {"listed"}
    assert listings["三号窗口"].score is not None and listings["锦官绣"].score is None

    client.login(username="scout.zhao@demo.microdrama.cn", password=DEMO_PASSWORD)
    assert 'href="/scouting/"' in client.get("/").content.decode()
    page = client.get("/scouting/", {"q": "窗口"}).content.decode()
    assert "三号<mark>窗口</mark>" in page and "的秘密" not in page


def test_the_demo_studio_has_a_shortlist_and_a_read_under_nda_with_its_trail(client):
    from scouting.models import ReadEventKind, ReadRequest, ReadStatus, Shortlist

    call_command("seed_demo", stdout=io.StringIO())
    shortlist = Shortlist.objects.get(studio__slug="galaxy-shorts")
    assert {e.listing.title: e.status for e in shortlist.entries.select_related("listing")} == {
        "三号窗口": "reading",
        "锦官绣": "discussing",
    }
    read = ReadRequest.objects.get(series__title="三号窗口")
    assert read.status == ReadStatus.OPEN and read.is_open
    assert read.nda_accepted_sha256 == read.nda_sha256 != ""
    kinds = sorted(read.events.values_list("kind", flat=True))
    assert kinds == sorted([ReadEventKind.VIEW, ReadEventKind.DOWNLOAD])
    code = read.events.get(kind=ReadEventKind.DOWNLOAD).code

    client.login(username="writer.chen@demo.microdrama.cn", password=DEMO_PASSWORD)
    trail = client.get(f"/scouting/series/{read.series_id}/reads/").content.decode()
    assert "星河短剧工作室" in trail and code in trail


def test_the_demo_has_an_option_in_force_an_open_brief_and_a_register_figure(client):
    from scouting.models import Brief, Deal, DealStatus, Listing
    from scouting.terms_register import terms_register

    call_command("seed_demo", stdout=io.StringIO())
    option = Deal.objects.get(kind="option")
    assert option.status == DealStatus.ACTIVE and option.offer.versions.count() == 3
    assert [v.proposed_by_side for v in option.offer.versions.order_by("version")] == [
        "studio",
        "writers",
        "studio",
    ]
    hidden = Listing.objects.get(series__title="老两口不上当")
    assert hidden.hidden_until == option.option_ends_on  # exclusive: out of search for its term

    brief = Brief.objects.get(status="open", studio__slug="galaxy-shorts")
    assert brief.pitches.filter(status="submitted").count() == 2

    commissions = next(s for s in terms_register().sections if s.kind == "commission")
    assert commissions.rows[0].guarantee is not None
    page = client.get("/scouting/terms/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "55,000" in page
