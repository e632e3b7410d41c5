"""Courses in a real browser: a student submits and sees the checks, an instructor notes a
line and grades in the grader view, and anyone verifies a certificate."""

import pytest
from django.core.management import call_command

from courses.models import Assignment, Certificate, Grade, GraderNote, Submission
from seeds.world.people import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, local: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(f"{local}@demo.microdrama.cn")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


@pytest.fixture
def demo(page):
    call_command("seed_demo", verbosity=0)
    return page


def test_a_student_checks_a_revision_against_the_brief_and_submits_it(
    demo, shoot, assert_accessible
):
    brief = Assignment.objects.get(studio__isnull=False)
    cohort = brief.cohort
    _log_in(demo, "writer.wang")

    demo.goto(f"/courses/{cohort.course.slug}/cohorts/{cohort.pk}/assignments/{brief.pk}/")
    demo.locator("#id_revision").select_option(index=0)
    demo.get_by_role("button", name="核对").click()
    demo.locator("ul.checks li").first.wait_for()
    shoot("50-assignment-checks")
    assert_accessible("the assignment checks")
    demo.get_by_label("允许合作制作公司的星探阅读我的提交").check()
    demo.get_by_role("button", name="提交这个版本").click()
    demo.get_by_text("你当前的提交").wait_for()

    submission = Submission.objects.get(
        assignment=brief, submitted_by__email__startswith="writer.wang"
    )
    assert submission.studio_may_read and submission.checks


def test_an_instructor_grades_in_the_grader_view_and_moves_on(demo, shoot, assert_accessible):
    first = Assignment.objects.get(studio__isnull=True, grades_released_at__isnull=False)
    submission = first.submissions.filter(replaced_at__isnull=True).order_by("submitted_at", "pk")[
        0
    ]
    _log_in(demo, "prof.lin")

    demo.goto(f"/courses/submissions/{submission.pk}/grade/")
    assert demo.locator(".script-page").inner_text()
    shoot("51-grader-view")
    assert_accessible("the grader view")
    line = demo.locator("#review-script [data-line]").nth(4)
    line.click()
    number = line.get_attribute("data-line")
    assert demo.locator("#note-line").input_value() == number
    demo.locator("#note-body").fill("这一场可以再短一点。")
    demo.get_by_role("button", name="添加批注").click()
    demo.locator("#note-list li", has_text="这一场可以再短一点。").wait_for()
    assert GraderNote.objects.filter(submission=submission, line=int(number)).exists()
    for field in demo.locator("form:not(#note-form) input[type=number]").all():
        field.fill("6")
    demo.locator("#feedback").fill("结构清楚，卡点可以更狠。")
    demo.get_by_role("button", name="保存并评下一份").click()
    demo.wait_for_url(lambda url: f"/courses/submissions/{submission.pk}/grade/" not in url)

    grade = Grade.objects.get(submission=submission, grader__email__startswith="prof.lin")
    assert grade.feedback == "结构清楚，卡点可以更狠。"


def test_anyone_verifies_a_certificate_without_signing_in(demo, shoot, assert_accessible):
    certificate = Certificate.objects.get()

    demo.goto("/courses/certificates/")
    demo.locator("input[name=code]").fill(certificate.code)
    demo.locator("main form button[type=submit]").first.click()
    demo.wait_for_url(lambda url: certificate.code.replace("-", "") in url.replace("-", ""))

    assert "陈思远" in demo.content()
    shoot("52-certificate-verified")
    assert_accessible("the certificate's public page")
