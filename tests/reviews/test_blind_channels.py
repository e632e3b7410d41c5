"""Blind review stays blind on every channel, found by walking the URL conf and the API schema.

Six blind scenarios, each in Chinese and in English: the blind reviewers and the writer side
open every page and every API operation of the site (filled in from the scenario's own
objects), and the names the request hides (both display names, the e-mail address and the
account name) must appear in none of them, nor in notifications, e-mails or exports. A URL
pattern or schema operation the walker cannot fill fails the test, unless it is listed in
EXEMPT with its reason, so a new page or endpoint is covered the day it is added.
"""

import functools
import html
import io
import json
import re
import zipfile
from dataclasses import dataclass, field

import pypdf
import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone, translation
from drf_spectacular.generators import SchemaGenerator

from accounts.models import RoleGrant
from accounts.services.organisations import invitation_create, organisation_create
from core.models import AuditEntry, Notification
from registry.services.originality import originality_report_request
from registry.services.record import record_export_request
from registry.services.registration import (
    AuthorChoice,
    registration_answer,
    registration_request,
)
from reviews.models import ConflictOfInterest, Rubric
from reviews.services.reviewing import (
    line_note_add,
    note_reply,
    note_set_resolved,
    review_rate,
    review_save,
)
from scripts_app.models import Collaborator, CollaboratorRole, MergeConflict
from scripts_app.services.comments import comment_create
from scripts_app.services.revisions import revision_save
from scripts_app.services.transfer import export_request
from taxonomy.models import Term
from tests.courses.certificate_support import certified
from tests.support.factories import UserFactory, full_scores, make_series, review_request

pytestmark = pytest.mark.django_db

# Who is who. Reviewers' and writers' names are distinctive, so a hit is a leak.
WRITER = ("陈思远", "Chen Siyuan", "chen.siyuan@example.com")
COWRITERS = [("杨柳青", "Yang Liuqing", "yang.liuqing@example.com"),
             ("苏明月", "Su Mingyue", "su.mingyue@example.com")]  # fmt: skip
PEERS = [("赵远帆", "Zhao Yuanfan", "zhao.yuanfan@example.com"),
         ("钱晓峰", "Qian Xiaofeng", "qian.xiaofeng@example.com")]  # fmt: skip
MENTOR = ("孙立华", "Sun Lihua", "sun.lihua@example.com")

PLAIN_ZH = """《第三扇窗》

第1集 开端
1-1 日 内 法律援助中心
人物：林晚、王桂兰
△林晚把一摞案卷放在桌上。
王桂兰：林律师，我的工钱到底能不能要回来？
林晚：能。
【卡点】考勤表上，签名全是同一个人的笔迹。
"""

# Every variant the audit found: a space inside the key, 署名 with the English name, names in
# action and note lines near the title and in the body, an address, a co-writer.
NAMED_ZH = """《第三扇窗》
编 剧：陈思远
署名：Chen Siyuan
联 系 人：陈 思 远（chen.siyuan@example.com）
△本剧由陈思远与杨柳青共同创作。
[[初稿：Yang Liuqing 改于周三]]

第1集 开端
1-1 日 内 法律援助中心
人物：林晚、王桂兰
△林晚把一摞案卷放在桌上，封面写着：陈思远 工作室。
王桂兰：林律师，我的工钱到底能不能要回来？
林晚：能。这是 chen.siyuan 的案子。
【卡点】考勤表上，签名全是同一个人的笔迹。
"""

NAMED_FOUNTAIN = """Title: The Third Window
Credit: Written by
Author: Chen Siyuan
Contact:
    chen.siyuan@example.com
    Yang Liuqing

# Episode 1

INT. LEGAL AID OFFICE - DAY

Lin puts a stack of files on the desk. The cover reads SIYUAN CHEN.

LIN
Ask Chen Siyuan. Or yang.liuqing, she knows.

[[Draft by Su Mingyue]]
"""


@dataclass(frozen=True)
class Scenario:
    kind: str
    blindness: str
    cowriters: int = 0
    script: str = PLAIN_ZH
    format: str = "zh"


SCENARIOS = {
    "single_blind_peer": Scenario("peer", "single"),
    "double_blind_peer": Scenario("peer", "double"),
    "double_blind_mentor": Scenario("mentor", "double"),
    "double_blind_with_cowriters": Scenario("peer", "double", cowriters=2),
    "names_in_title_page_and_lines": Scenario("peer", "double", cowriters=1, script=NAMED_ZH),
    "names_in_fountain_title_page": Scenario(
        "peer", "double", cowriters=2, script=NAMED_FOUNTAIN, format="fountain"
    ),
}
LANGUAGES = ("zh-hans", "en")

# Patterns the walker does not open, each with its reason. Anything else it cannot fill fails.
EXEMPT = {
    "admin/": "the Django admin is staff-only (others are sent to its login page), and staff "
    "stand outside blind review (docs/reviews.md)",
    "accounts/logout/": "ends the session; the page holds only a sign-out button",
    "api/schema/": "describes the operations (walked below, one by one); holds no data",
}
# Pages that name people by design, without tying them to this request: not name-checked.
NAMING_BY_DESIGN = {
    "reviews/series/{series_pk}/request/": "the request form offers every mentor by name to "
    "choose from, before anyone is assigned; it marks none as a reviewer",
}
# Member directories name every member by design; they must not tie anyone to the series.
DIRECTORIES = ("people/", "api/v1/users/")


def _person(names, language, **kwargs):
    zh, en, email = names
    return UserFactory(
        display_name_zh=zh, display_name_en=en, email=email, language=language, **kwargs
    )


def identities(user) -> list[str]:
    return [user.display_name_zh, user.display_name_en, user.email, user.email.split("@")[0]]


@dataclass
class World:
    scenario: Scenario
    series: object
    request: object
    writer: object
    cowriters: list
    reader: object
    reviewers: list
    objects: dict = field(default_factory=dict)

    def assignment_of(self, viewer):
        mine = [a for a in self.request.assignments.all() if a.reviewer_id == viewer.pk]
        return (mine or list(self.request.assignments.order_by("position")))[0]

    def writer_side(self):
        return [self.writer, *self.cowriters]

    def hidden_from(self, viewer) -> list[str]:
        hidden = []
        if self.request.hides_reviewers:
            hidden += [r for r in self.reviewers if r.pk != viewer.pk]
        if self.request.hides_writer and viewer in self.reviewers:
            hidden += self.writer_side()
        return [term for person in hidden for term in identities(person)]


def build_world(name: str, language: str, run_on_commit) -> World:
    spec = SCENARIOS[name]
    writer = _person(WRITER, language)
    cowriters = [_person(names, language) for names in COWRITERS[: spec.cowriters]]
    reader = UserFactory(roles=["scout"], display_name_zh="读者", display_name_en="A Reader")
    series = make_series(
        owner=writer,
        text=spec.script,
        title="第三扇窗",
        format=spec.format,
        language="en" if spec.format == "fountain" else "zh-hans",
    )
    for person in cowriters:
        Collaborator.objects.create(
            series=series, user=person, role=CollaboratorRole.COWRITER, added_by=writer
        )
    reading = Collaborator.objects.create(
        series=series, user=reader, role=CollaboratorRole.READER, added_by=writer
    )
    if spec.kind == "mentor":
        reviewers = [_person(MENTOR, language, roles=["mentor"])]
        RoleGrant.objects.filter(user=reviewers[0], role="mentor").update(
            verified_at=timezone.now()
        )
    else:
        reviewers = [_person(names, language, roles=["writer"]) for names in PEERS]
    with run_on_commit():
        request = review_request(
            series,
            kind=spec.kind,
            blindness=spec.blindness,
            reviews_needed=len(reviewers),
            mentor=reviewers[0] if spec.kind == "mentor" else None,
        )
    assignments = list(request.assignments.select_related("reviewer").order_by("position"))
    assert {a.reviewer_id for a in assignments} == {r.pk for r in reviewers}
    lines = spec.script.split("\n")
    named = next((i + 1 for i, line in enumerate(lines) if "陈思远" in line or "Chen" in line), 9)
    with run_on_commit():
        first = assignments[0]
        note = line_note_add(actor=first.reviewer, assignment=first, line=named, body="这一行？")
        review_save(
            actor=first.reviewer, assignment=first, scores=full_scores(7),
            overall_comment="整体不错。", submit=True,
        )  # fmt: skip
        for person in [writer, *cowriters]:
            note_reply(actor=person, note=note, body="谢谢，我再改改。")
        note_reply(actor=first.reviewer, note=note, body="不客气。")
        note_set_resolved(actor=writer, note=note, resolved=True)
        review_rate(actor=writer, review=first.review, helpfulness=4, comment="有用")
        for later in assignments[1:]:  # still reviewing: an open desk with a draft note
            line_note_add(actor=later.reviewer, assignment=later, line=named, body="草稿")
        comment = comment_create(actor=reader, revision=series.head, line=named, body="读后感")
        # Two saves from the same base on the same line: a merge conflict to open.
        base = series.head
        last = len(spec.script.rstrip("\n").split("\n"))
        for variant in ("甲", "乙"):
            text = spec.script.rstrip("\n").split("\n")
            text[last - 1] += variant
            revision_save(actor=writer, series=series, text="\n".join(text) + "\n", base=base)
        job = export_request(actor=writer, series=series, revision=series.head, format="fountain")
        organisation = organisation_create(
            actor=None, kind="studio", slug=f"walk-{name[:20]}", name_zh="星河", name_en="Galaxy",
            admin=reader,
        )  # fmt: skip
        invitation = invitation_create(
            actor=reader, organisation=organisation, email="invitee@example.com"
        )
        # The revision under review is registered, its writers' names kept off public pages
        # (the default): a reviewer who checks the text finds the entry, not who wrote it.
        registration = registration_request(
            actor=writer,
            series=series,
            revision=request.revision,
            authors=[AuthorChoice(user=person) for person in cowriters],
        )
        for person in cowriters:
            registration_answer(actor=person, registration=registration, consent=True)
        report = originality_report_request(actor=writer, revision=request.revision)
        # A course with a cohort and a certificate (none of them tied to the series).
        certificate, _instructor, _student = certified()
    series.refresh_from_db()
    registration.refresh_from_db()
    world = World(spec, series, request, writer, cowriters, reader, reviewers)
    world.objects = {
        "note": note,
        "review": first.review,
        "comment": comment,
        "collaborator": reading,
        "merge_conflict": MergeConflict.objects.filter(series=series).first(),
        "job": job,
        "organisation": organisation,
        "membership": organisation.memberships.first(),
        "invitation": invitation,
        "coi": ConflictOfInterest.objects.create(reviewer=reviewers[0], writer=reader),
        "rubric": Rubric.objects.get(is_default=True),
        "term": Term.objects.filter(kind="theme").first(),
        "audit": AuditEntry.objects.order_by("pk").first(),
        "registration": registration,
        **_course_world(writer, series),
        "originality_report": report,
        "certificate": certificate,
    }
    with run_on_commit():
        world.objects.update(_fund_world(writer, series, cowriters, organisation, registration))
    assert world.objects["merge_conflict"] is not None
    # Each person's whole record, made now that the review exists: its zip is walked too.
    with run_on_commit():
        world.objects["record_exports"] = {
            person.pk: record_export_request(actor=person)
            for person in [*world.writer_side(), *reviewers]
        }
    return world


def _course_world(writer, series) -> dict:
    """A running cohort, by people outside the review, with the writer as a student: a
    lesson with a file and an excerpt, an announcement, and the writer's submission of the
    reviewed series. Its pages name people by role and must not tie them to the review."""
    from datetime import timedelta

    from courses.services.assignments import submit
    from courses.services.cohorts import cohort_create, cohort_move, enrol_self
    from courses.services.lessons import (
        announcement_post,
        attachment_add,
        exemplar_add,
        lesson_create,
        module_create,
    )
    from tests.courses.lesson_support import pdf_upload
    from tests.courses.support import make_assignment, make_course

    course, teacher = make_course()
    today = timezone.localdate()
    cohort = cohort_create(
        actor=teacher, course=course, name_zh="冬季", starts_on=today - timedelta(days=7),
        ends_on=today + timedelta(days=30), capacity=10,
    )  # fmt: skip
    cohort_move(actor=teacher, cohort=cohort, move="open")
    enrolment = enrol_self(actor=writer, cohort=cohort)
    module = module_create(actor=teacher, cohort=cohort, title_zh="单元")
    lesson = lesson_create(
        actor=teacher, module=module, title_zh="课", body="正文",
        release_at=timezone.now() - timedelta(hours=1),
    )  # fmt: skip
    announcement_post(actor=teacher, cohort=cohort, title="通知", body="正文")
    assignment = make_assignment(cohort, teacher)
    return {
        "course": course,
        "cohort": cohort,
        "cohort_member": cohort.members.get(user=writer),
        "enrolment": enrolment,
        "lesson": lesson,
        "attachment": attachment_add(actor=teacher, lesson=lesson, upload=pdf_upload()),
        "exemplar": exemplar_add(actor=teacher, lesson=lesson, caption_zh="例", text=PLAIN_ZH),
        "assignment": assignment,
        "submission": submit(actor=writer, assignment=assignment, revision=series.head),
    }


def _fund_world(writer, series, cowriters, studio, registration) -> dict:
    """A fund's open call, run by people outside the review, with the writer's application
    of the reviewed series (its registered revision, a budget line, a file answer, the
    co-writers as co-applicants, a studio invited). Its pages and API name the applicants to
    the applicants alone, and none of it may tie a reviewer to the series."""
    from incubator.services.applications import answer_save, application_start, budget_line_add
    from incubator.services.calls import form_publish, rule_add
    from incubator.services.coapplicants import coapplicant_answer, coapplicant_invite
    from incubator.services.funds import fund_manager_add
    from tests.courses.lesson_support import pdf_upload
    from tests.incubator.support import make_call, make_fund
    from tests.support.factories import member_of

    fund, manager = make_fund()
    member = fund_manager_add(actor=manager, fund=fund, user=member_of(fund.body))
    call = make_call(fund, manager)
    rule = rule_add(actor=manager, call=call, kind="writer_role", params={})
    form_publish(
        actor=manager, call=call,
        questions=[{"key": "letter", "kind": "file", "label_zh": "意向书", "required": False}],
    )  # fmt: skip
    application = application_start(
        actor=writer, call=call, series=series, entry=registration.entry
    )
    line = budget_line_add(
        actor=writer, application=application, category="cast", description="演员", amount="100"
    )
    answer_save(
        actor=writer, application=application, key="letter",
        upload=pdf_upload("letter.pdf"),
    )  # fmt: skip
    for person in cowriters:
        invited = coapplicant_invite(actor=writer, application=application, user=person)
        coapplicant_answer(actor=person, coapplicant=invited, accept=True)
    invitation = coapplicant_invite(actor=writer, application=application, organisation=studio)
    return {
        "fund": fund, "fund_member": member, "call": call, "rule": rule,
        "application": application, "budget_line": line, "fund_invitation": invitation,
        "project": _funded_project(writer, series, registration, fund, manager),
    }  # fmt: skip


def _funded_project(writer, series, registration, fund, manager):
    """The same series funded by an earlier call: its running project, with a milestone, a
    tranche, a report asked for and the accepted agreement that names the writers."""
    from datetime import timedelta

    from django.utils import timezone

    from core.workflows import workflow_move
    from incubator.services.applications import application_start, application_submit
    from incubator.services.awards import (
        agreement_accept,
        agreement_issue,
        disbursement_schedule,
        milestone_add,
        project_create,
        report_schedule,
    )
    from incubator.workflows import APPLICATION_FLOW
    from tests.incubator.support import complete, make_call

    call = make_call(fund, manager)
    application = complete(
        application_start(actor=writer, call=call, series=series, entry=registration.entry)
    )
    application_submit(actor=writer, application=application)
    for move in ("start_screening", "confirm_eligible", "to_determination", "award"):
        workflow_move(APPLICATION_FLOW, application, move, actor=manager)
    project = project_create(actor=manager, application=application, amount="1000")
    milestone_add(actor=manager, project=project, title="修订稿", kind="revision",
                  due_on=timezone.localdate() + timedelta(days=9))  # fmt: skip
    disbursement_schedule(actor=manager, project=project, amount="500",
                          scheduled_on=timezone.localdate())  # fmt: skip
    project = agreement_issue(actor=manager, project=project)
    for side in (writer, manager):
        agreement_accept(actor=side, project=project, agreement_hash=project.agreement_hash)
    report_schedule(actor=manager, project=project, due_on=timezone.localdate())
    return project


# --- the channels ------------------------------------------------------------------------


def _template(route: str) -> str | None:
    """A URL pattern as a template with {param} holes, or None if it is not fillable."""
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", route)
    route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
    route = route.replace("^", "").replace("$", "")
    return None if re.search(r"[()\[\]*+?\\|]", route) else route


@functools.cache
def url_templates() -> list[str]:
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                found.append(route)

    walk(get_resolver().url_patterns, "")
    return found


@functools.cache
def schema_operations() -> list[tuple[str, list[dict]]]:
    """(path template, query parameters) of every GET operation in the OpenAPI schema."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, methods in document["paths"].items():
        if "get" in methods:
            query = [p for p in methods["get"].get("parameters", []) if p.get("in") == "query"]
            operations.append((path.lstrip("/"), query))
    return operations


def _fillers(world: World, viewer) -> list[tuple[str, str, object]]:
    """(route regex, parameter, value): where each path parameter comes from."""
    o, request = world.objects, world.request
    series = world.series
    return [
        (r"^people/|^api/v1/users/", "pk", viewer.pk),
        (r"^orgs/|^api/v1/organisations/", "slug", o["organisation"].slug),
        (r"^orgs/\{slug\}/members/", "pk", o["membership"].pk),
        (r"^orgs/\{slug\}/invitations/", "pk", o["invitation"].pk),
        (r"^api/v1/organisations/", "member_id", o["membership"].pk),
        (r"^api/v1/organisations/", "invitation_id", o["invitation"].pk),
        (r"invitations/\{token\}", "token", o["invitation"].token),
        (r"^themes/", "kind", o["term"].kind),
        (r"^themes/", "slug", o["term"].slug),
        (r"^api/v1/terms/", "pk", o["term"].pk),
        (r"^api/v1/audit/", "pk", o["audit"].pk),
        (r"^scripts/\{pk\}|^api/v1/series/\{pk\}", "pk", series.pk),
        (r"^reviews/series/", "series_pk", series.pk),
        (r"/people/|/collaborators/", "collaborator_pk", o["collaborator"].pk),
        (r"/comments/", "comment_pk", o["comment"].pk),
        (r"/revisions/", "number", request.revision.number),
        (r"^scripts/\{pk\}/conflicts/|^api/v1/series/\{pk\}/conflicts/", "conflict_pk",
         o["merge_conflict"].pk),
        (r"/exports/", "job_pk", o["job"].pk),
        (r"^registry/record/|^api/v1/record/", "pk", o["record_exports"][viewer.pk].pk),
        (r"^registry/entries/|^api/v1/registry/entries/", "number",
         o["registration"].entry.number),
        (r"^registry/registrations/|^api/v1/registry/registrations/", "pk",
         o["registration"].pk),
        (r"^registry/series/", "pk", series.pk),
        (r"^courses/|^api/v1/courses/", "slug", o["course"].slug),
        (r"^courses/\{slug\}/cohorts/|^api/v1/courses/\{slug\}/cohorts/|^api/v1/cohorts/", "pk",
         o["cohort"].pk),
        (r"^courses/\{slug\}/cohorts/\{pk\}/assignments/|^api/v1/cohorts/\{pk\}/assignments/",
         "assignment_pk",
         o["assignment"].pk),
        (r"^api/v1/cohorts/\{pk\}/members/", "member_pk", o["cohort_member"].pk),
        (r"^api/v1/cohorts/\{pk\}/enrolments/", "enrolment_pk", o["enrolment"].pk),
        (r"^courses/submissions/|^api/v1/submissions/", "pk", o["submission"].pk),
        (r"^registry/originality/|^api/v1/originality-reports/", "pk",
         o["originality_report"].pk),
        (r"^reviews/conflicts/", "pk", o["coi"].pk),
        (r"^api/v1/reviews/conflicts/", "conflict_pk", o["coi"].pk),
        (r"rubrics/", "slug", o["rubric"].slug),
        (r"^reviews/requests/|^api/v1/reviews/requests/|^reviews/staff/requests/", "pk",
         request.pk),
        (r"/reviews/", "review_pk", o["review"].pk),
        (r"^reviews/assignments/|^api/v1/reviews/assignments/", "pk",
         world.assignment_of(viewer).pk),
        (r"notes/", "note_pk", o["note"].pk),
        (r"^courses/certificates/|^api/v1/certificates/", "pk", o["certificate"].pk),
        (r"^courses/certificates/|^api/v1/certificates/", "code", o["certificate"].code),
        (r"lessons/modules/|^api/v1/cohorts/\{pk\}/modules/", "module_pk",
         o["lesson"].module_id),
        (r"lessons/|^api/v1/cohorts/", "lesson_pk", o["lesson"].pk),
        (r"/files/|/attachments/", "attachment_pk", o["attachment"].pk),
        (r"/excerpts/|/exemplars/", "exemplar_pk", o["exemplar"].pk),
        (r"^fund/manage/funds/", "slug", o["fund"].slug),
        (r"^fund/calls/|^api/v1/fund/calls/|^fund/manage/calls/", "slug", o["call"].slug),
        (r"^fund/applications/|^api/v1/fund/applications/|^fund/manage/applications/", "pk",
         o["application"].pk),
        (r"^fund/invitations/|^api/v1/fund/invitations/", "pk", o["fund_invitation"].pk),
        (r"^fund/applications/|^api/v1/fund/applications/", "key", "letter"),
        (r"/budget", "line_pk", o["budget_line"].pk),
        (r"coapplicants/|co-applicants/", "coapplicant_pk", o["fund_invitation"].pk),
        (r"/managers/", "member_pk", o["fund_member"].pk),
        (r"/rules/", "rule_pk", o["rule"].pk),
        (r"^fund/projects/|^api/v1/fund/projects/", "pk", o["project"].pk),
        (r"projects/", "milestone_pk", o["project"].milestones.get().pk),
        (r"projects/", "tranche_pk", o["project"].disbursements.get().pk),
        (r"projects/", "report_pk", o["project"].reports.get().pk),
        # The fund's panel stage: these viewers hold no panel review, fact-check or seat,
        # so the pages answer 404 (tests/incubator/test_panel_pages.py walks the panel's
        # own blindness with a reviewer of an anonymous call).
        (r"^fund/panel/reviews/|^api/v1/fund/panel/reviews/", "pk", o["application"].pk),
        (r"^fund/fact-checks/|^api/v1/fund/fact-checks/", "pk", o["application"].pk),
        (r"^fund/manage/panel-members/", "pk", o["fund_member"].pk),
        (r"ranking", "fmt", "csv"),
        # Scouting: a series' Discovery section (its writers); a studio's scouts, shortlists
        # and saved searches (none of these viewers scouts for a studio: they answer 404
        # whatever the id, and the walker holds that they name nobody doing so).
        (r"^scouting/series/|^api/v1/scouting/series/", "pk", series.pk),
        (r"^scouting/studios/|^api/v1/scouting/studios/", "slug", o["organisation"].slug),
        (r"^scouting/studios/|^api/v1/scouting/studios/\{slug\}/scouts/", "pk", o["membership"].pk),
        (r"^scouting/shortlists/|^api/v1/scouting/shortlists/", "pk", 1),
        (r"^scouting/shortlists/|^api/v1/scouting/shortlists/", "entry_pk", 1),
        (r"^scouting/searches/|^api/v1/scouting/searches/", "pk", 1),
        # A writer's public portfolio: off in this world (404); it never names a series
        # that is not listed for discovery.
        (r"^scouting/writers/|^api/v1/scouting/writers/", "pk", world.writer.pk),
        # Reads: no viewer here scouts for a studio, so a read, a listing to ask for and a
        # code answer 404 (tests/scouting walks their access).
        (r"^scouting/reads/|^api/v1/scouting/reads/", "pk", 0),
        (r"^scouting/listings/|^api/v1/scouting/listings/", "pk", 0),
        (r"^api/v1/scouting/codes/", "code", "RD-00000-00000"),
        # Briefs and pitches: none in this world (tests/scouting/test_briefs_access.py walks
        # their access); an absent brief or pitch answers 404.
        (r"^scouting/briefs/|^api/v1/scouting/briefs/", "pk", 0),
        (r"^scouting/pitches/|^api/v1/scouting/pitches/", "pk", 0),
        (r"^scouting/studio-pitches/", "pk", 0),
        # Offers and deals: no viewer here is a party to one (tests/scouting walks them).
        (r"^scouting/offers/|^api/v1/scouting/offers/", "pk", 0),
        (r"^scouting/deals/|^api/v1/scouting/deals/", "pk", 0),
        (r"^scouting/deals/|^api/v1/scouting/deals/", "delivery_pk", 0),
        (r"^scouting/deals/", "kind", "pdf"),
        # allauth's e-mail links: a stale token shows the "bad link" page.
        (r"^accounts/", "key", "0-stale"),
        (r"^accounts/", "uidb36", "0"),
    ]  # fmt: skip


QUERY_VALUES = {"a": 1, "b": 2, "from": 1, "to": 2, "page": 1, "episode": 1}


def fill(template: str, world: World, viewer) -> str | None:
    template = template.replace("{id}", "{pk}")  # the schema says {id} for <int:pk>
    url = template
    for param in re.findall(r"\{(\w+)\}", template):
        value = next(
            (v for where, name, v in _fillers(world, viewer)
             if name == param and re.search(where, template)),
            None,
        )  # fmt: skip
        if value is None:
            return None
        url = url.replace("{" + param + "}", str(value), 1)
    return "/" + url


def _text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    parts = [response.get("Location", ""), response.get("Content-Disposition", "")]
    if kind.startswith("application/pdf"):
        reader = pypdf.PdfReader(io.BytesIO(content))
        parts += [page.extract_text() or "" for page in reader.pages]
        parts += [str(value) for value in (reader.metadata or {}).values()]
    elif content[:2] == b"PK":  # .docx and other zipped formats
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    else:
        text = content.decode("utf-8", "replace")
        if kind.startswith("application/json") and text:
            text = json.dumps(json.loads(text), ensure_ascii=False)
        parts.append(html.unescape(text))
    return "\n".join(parts)


def _leaks(text: str, hidden: list[str]) -> list[str]:
    folded = text.casefold()
    return [term for term in hidden if term and term.casefold() in folded]


@dataclass
class Walk:
    checked: int = 0
    leaks: list[str] = field(default_factory=list)
    unfilled: set[str] = field(default_factory=set)


def walk_site(world: World, viewer, language: str, walk: Walk) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(viewer)
    hidden = world.hidden_from(viewer)
    urls: dict[str, str] = {}
    for template in url_templates():
        filled = _template(template)
        if any(template.startswith(prefix) for prefix in EXEMPT) or filled in NAMING_BY_DESIGN:
            continue
        url = fill(filled, world, viewer) if filled is not None else None
        if url is None:
            walk.unfilled.add(template)
            continue
        urls.setdefault(url, template)
    for path, query in schema_operations():
        if any(path.startswith(prefix) for prefix in EXEMPT):
            continue
        url = fill(path, world, viewer)
        if url is None:
            walk.unfilled.add("schema: " + path)
            continue
        wanted = {p["name"]: QUERY_VALUES.get(p["name"]) for p in query if p.get("required")}
        if None in wanted.values():
            walk.unfilled.add(f"schema: {path} ?{sorted(wanted)}")
            continue
        if wanted:
            url += "?" + "&".join(f"{k}={v}" for k, v in wanted.items())
        urls.setdefault(url, "schema: " + path)
    who = "writer side" if viewer in world.writer_side() else "reviewer"
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        text = _text_of(response)
        walk.checked += 1
        if any(url.startswith("/" + prefix) for prefix in DIRECTORIES):
            # A directory names everyone; it must not say who wrote or reviews what.
            if world.series.title in text:
                walk.leaks.append(f"{who} {language} {url}: the directory names the series")
            continue
        for term in _leaks(text, hidden):
            walk.leaks.append(f"{who} {language} {url}: {term}")


def walk_messages(world: World, walk: Walk) -> None:
    viewers = [*world.writer_side(), *world.reviewers]
    for viewer in viewers:
        hidden = world.hidden_from(viewer)
        for notification in Notification.objects.filter(recipient=viewer):
            for language in LANGUAGES:
                with translation.override(language):
                    walk.checked += 1
                    for term in _leaks(f"{notification.message} {notification.url}", hidden):
                        walk.leaks.append(f"notification {notification.kind} ({language}): {term}")
        for message in mail.outbox:
            if viewer.email in message.to:
                walk.checked += 1
                bodies = [message.subject, message.body]
                bodies += [content for content, _type in getattr(message, "alternatives", [])]
                for term in _leaks("\n".join(bodies), hidden):
                    walk.leaks.append(f"e-mail {message.subject!r}: {term}")


def _matrix():
    """Every scenario in both languages, each walked once per CI run: one language in the
    fast tier (alternating, so both are there; `fast_tier_only`, which the services tier
    leaves out), the other in the services tier, on PostgreSQL. The walks are the slowest
    tests of the suite (half a minute each)."""
    for index, scenario in enumerate(SCENARIOS):
        fast, slow = LANGUAGES if index % 2 == 0 else LANGUAGES[::-1]
        yield pytest.param(
            scenario, fast, id=f"{scenario}-{fast}", marks=pytest.mark.fast_tier_only
        )
        yield pytest.param(scenario, slow, id=f"{scenario}-{slow}", marks=pytest.mark.services)


@pytest.mark.parametrize(("scenario", "language"), list(_matrix()))
def test_no_channel_names_what_the_request_hides(scenario, language, run_on_commit, capsys):
    world = build_world(scenario, language, run_on_commit)
    walk = Walk()
    for viewer in [*world.writer_side(), *world.reviewers]:
        walk_site(world, viewer, language, walk)
    walk_messages(world, walk)

    summary = f"{scenario} {language}: {walk.checked} channels, {len(walk.leaks)} leaks"
    with capsys.disabled():
        print("\n[blind walk]", summary)  # noqa: T201 - figures for the closing note
    assert not walk.unfilled, (
        "The blind walker cannot fill these URL patterns or operations; teach it (_fillers) "
        f"or list them in EXEMPT with a reason: {sorted(walk.unfilled)}"
    )
    assert walk.leaks == [], "\n".join(walk.leaks)
    assert walk.checked > 100  # the walk really walked


def test_the_walker_would_see_a_leak(run_on_commit):
    """The walk is only worth its green if it turns red: a page that names the writer."""
    world = build_world("double_blind_peer", "zh-hans", run_on_commit)
    reviewer = world.reviewers[0]
    client = Client()
    client.force_login(reviewer)
    # The writer's public profile names the writer, as it should: the detector must say so.
    text = _text_of(client.get(f"/people/{world.writer.pk}/"))

    assert _leaks(text, world.hidden_from(reviewer)) != []
