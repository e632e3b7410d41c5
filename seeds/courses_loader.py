"""Demo courses: 微短剧编剧基础 by 华东影视学院 with 星河短剧工作室 (a running cohort of a dozen
demo writers with lessons, a finished and graded assignment, an open studio brief, a
gradebook and an issued certificate), and an English workshop by 西南传媒大学 with 海风出海传媒.

Dates are relative to the day the demo is loaded, so the cohort is always mid-term.
"""

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from accounts.models import Organisation, User
from courses.models import CohortRole, Course
from courses.services.assignments import assignment_create, submit
from courses.services.certificates import certificate_issue
from courses.services.cohorts import (
    cohort_create,
    cohort_move,
    course_create,
    enrol_self,
    staff_add,
)
from courses.services.grading import (
    grade_save,
    grader_note_add,
    grades_release,
    rubric_version_for,
)
from courses.services.lessons import (
    announcement_post,
    exemplar_add,
    lesson_create,
    lesson_mark,
    module_create,
)
from courses.services.peer_review import peer_review_start
from reviews.models import ReviewAssignment, RubricVersion
from reviews.services.calibration import needs_calibration
from reviews.services.reviewing import line_note_add, review_rate, review_save
from scripts_app.models import Series
from scripts_app.selectors import revision_text
from seeds.reviews_loader import calibrate_demo_reviewer
from seeds.world.series import SERIES
from taxonomy.models import Term

STUDENTS = [
    "writer.chen", "writer.yang", "writer.wang", "writer.zhou", "writer.zhang", "writer.xie",
    "writer.emma", "writer.daniel", "writer.gao", "writer.liu", "writer.hu", "writer.luo",
]  # fmt: skip
# (owner, scores the instructor gives, scores the mentor gives) for the finished assignment.
GRADED = {
    "writer.chen": (8, 9),
    "writer.wang": (8, 7),
    "writer.zhang": (7, 7),
    "writer.emma": (9, 8),
    "writer.gao": (5, 4),  # the planted copy: weak, and below the pass mark
}

COLD_OPEN = """1-1 日 内 法律援助中心大厅
人物：许青禾、罗满堂、田满仓
△等候区，一个老人抱着一卷塑料布打瞌睡。
田满仓：律师，我们十二个人做了大半年，工钱一分冇拿到。
许青禾（OS）：分包单位拖欠农民工工资的，由施工总承包单位先行清偿。
【卡点】身后等候区里，一部老人机响了。
"""
WEAK_HOOK = """3-2 夜 内 许青禾家
人物：许青禾、许桂芳
△祖孙俩吃饭。
许桂芳：早点睡。
许青禾：嗯。
【卡点】许青禾关了灯。
"""


def load_courses(log: Callable[[str], None], person: Callable[[str], User]) -> None:
    if Course.objects.filter(slug="writing-the-micro-drama").exists():
        log("courses: already there")
        return
    today = timezone.localdate()
    now = timezone.now()
    orgs = {o.slug: o for o in Organisation.objects.all()}
    themes = {t.slug: t for t in Term.objects.filter(kind="theme")}
    lin, qian, zhao = person("prof.lin"), person("mentor.qian"), person("scout.zhao")

    course = course_create(
        actor=lin, slug="writing-the-micro-drama", university=orgs["east-china-film-academy"],
        studio=orgs["galaxy-shorts"], title_zh="微短剧编剧基础", title_en="Writing the Micro-Drama",
        description_zh=(
            "从一分钟的开场到第十集的付费卡点：结构、钩子、人物与合规。由华东影视学院与"
            "星河短剧工作室联合开设，结课作品可直接投递星河的命题征集。"
        ),
        description_en=(
            "From the one-minute cold open to the episode-10 paywall: structure, hooks, "
            "character and compliance, taught with a working studio."
        ),
        language="zh-hans", level="intro", themes=[themes["rule-of-law"], themes["realistic"]],
    )  # fmt: skip
    cohort = cohort_create(
        actor=lin, course=course, name_zh="2026 秋季班", name_en="Autumn 2026",
        starts_on=today - timedelta(days=70), ends_on=today + timedelta(days=45), capacity=20,
    )  # fmt: skip
    cohort_move(actor=lin, cohort=cohort, move="open")
    staff_add(actor=lin, cohort=cohort, user=qian, role=CohortRole.MENTOR)
    students = {name: person(name) for name in STUDENTS}
    for student in students.values():
        enrol_self(actor=student, cohort=cohort)

    structure = module_create(
        actor=lin,
        cohort=cohort,
        title_zh="第一单元 结构与钩子",
        title_en="Unit 1: Structure and hooks",
    )
    lessons = [
        lesson_create(
            actor=lin, module=structure, title_zh="一分钟开场", title_en="The one-minute cold open",
            body="开场三十秒内交代人物处境，并抛出第一个问题。看下面的范例：谜团在第一场就出现。",
            release_at=now - timedelta(days=60),
        ),
        lesson_create(
            actor=lin, module=structure, title_zh="集尾钩子", title_en="The episode-end hook",
            body="钩子是**事件**，不是总结。对比两个卡点：一个让人必须看下一集，一个让人关灯睡觉。",
            release_at=now - timedelta(days=45),
        ),
    ]  # fmt: skip
    exemplar_add(
        actor=lin, lesson=lessons[0], caption_zh="好的开场：谜团在第一场出现",
        caption_en="A good cold open: the mystery arrives in scene one", text=COLD_OPEN,
    )  # fmt: skip
    exemplar_add(
        actor=lin, lesson=lessons[1], caption_zh="弱的卡点：没有事件", caption_en="A weak hook: nothing happens",
        note_zh="改写练习：让这一场以一个新信息结束。", text=WEAK_HOOK,
    )  # fmt: skip
    paywall = module_create(
        actor=lin,
        cohort=cohort,
        title_zh="第二单元 付费卡点与合规",
        title_en="Unit 2: Paywall and compliance",
    )
    lessons += [
        lesson_create(
            actor=lin, module=paywall, title_zh="第十集的付费卡点", title_en="The episode-10 paywall",
            body="付费卡点前要兑现一次情绪高潮，卡点本身要留下一个非看不可的问题。",
            release_at=now - timedelta(days=20),
        ),
        lesson_create(
            actor=lin, module=paywall, title_zh="分类分层审核与题材红线", title_en="Layered review and content lines",
            body="哪些写法会被判为低俗“擦边”或诱导付费，怎样在审核前自查。",
            release_at=now + timedelta(days=5),
        ),
    ]  # fmt: skip
    announcement_post(
        actor=lin, cohort=cohort, title="第一次作业成绩已发布",
        body="大家的前三集都看完了，评语在作业页。下周三的研讨课请带上修改稿。",
    )  # fmt: skip

    first = assignment_create(
        actor=lin, cohort=cohort, title_zh="作业一：前三集", title_en="Assignment 1: the first three episodes",
        brief="提交你的剧的**前三集**（附人物小传与大纲）。每集 60–180 秒，每集结尾留钩子。",
        due_at=now - timedelta(days=25), late_until=now - timedelta(days=20), episodes_to=3,
        min_episode_seconds=60, max_episode_seconds=180, hooks_required=True,
        character_list_required=True, synopsis_required=True, peer_reviewers=2,
        peer_weight_percent=20,
    )  # fmt: skip
    by_owner = {data["owner"]: data for data in SERIES}
    version = rubric_version_for(first)
    for owner, (lin_score, qian_score) in GRADED.items():
        series = Series.objects.get(owner=students[owner], title=by_owner[owner]["title"])
        submission = submit(
            actor=students[owner], assignment=first, revision=series.head,
            now=now - timedelta(days=26),
        )  # fmt: skip
        for grader, score in ((lin, lin_score), (qian, qian_score)):
            grade_save(
                actor=grader, submission=submission,
                scores={c.key: score for c in version.criteria.all()},
                feedback="开场有力；第三集的卡点可以更具体。" if score >= 7 else "先把每集的钩子立住。",
            )  # fmt: skip
        grader_note_add(
            actor=lin, submission=submission, line=_hook_line(submission),
            body="这个卡点只是“有人来了”：让来的人带来一个新信息。",
        )  # fmt: skip
    # Classmates review each other's first three episodes, double blind; most have handed
    # theirs in (and been rated by the writer), the rest are still owed, in their inbox.
    peer_review_start(actor=lin, assignment=first)
    reviewed = _peer_reviews_done(first, version)
    grades_release(actor=lin, assignment=first)

    brief = assignment_create(
        actor=zhao, cohort=cohort, title_zh="星河命题：银发观众的法治短剧",
        title_en="Galaxy brief: a rule-of-law series for older viewers",
        brief="一部面向银发观众的 60 集法治题材短剧的前 3 集。节奏放缓，家庭与反诈为核心。",
        due_at=now + timedelta(days=14), episodes_to=3, required=False,
    )  # fmt: skip
    chen = students["writer.chen"]
    chen_series = Series.objects.get(owner=chen, title=by_owner["writer.chen"]["title"])
    submit(actor=chen, assignment=brief, revision=chen_series.head, studio_may_read=True)

    for lesson in lessons[:3]:
        lesson_mark(actor=chen, lesson=lesson, done=True)
    certificate = certificate_issue(actor=lin, cohort=cohort, student=chen)
    log(
        f"courses: 微短剧编剧基础 with {len(students)} students, {reviewed} peer reviews done; "
        f"certificate {certificate.code}"
    )

    tang = person("prof.tang")
    overseas = course_create(
        actor=tang, slug="adapting-for-overseas", university=orgs["southwest-media-university"],
        studio=orgs["seabreeze-global"], title_zh="出海改编工作坊", title_en="Adapting for Overseas Audiences",
        description_en=(
            "Take a Chinese micro-drama to English-speaking viewers: what to keep, what to "
            "localise, and how hooks travel. Taught in English with SeaBreeze Global Media."
        ),
        description_zh="把中国微短剧带给英语观众：保留什么、本地化什么、钩子如何跨文化。",
        language="en", level="intermediate", themes=[themes["cultural-tourism"]],
    )  # fmt: skip
    workshop = cohort_create(
        actor=tang, course=overseas, name_zh="2027 冬季工作坊", name_en="Winter 2027 workshop",
        starts_on=today + timedelta(days=30), ends_on=today + timedelta(days=90), capacity=12,
        enrolment_mode="application",
    )  # fmt: skip
    cohort_move(actor=tang, cohort=workshop, move="open")
    staff_add(actor=tang, cohort=workshop, user=person("mentor.grace"), role=CohortRole.MENTOR)
    enrol_self(actor=person("writer.emma"), cohort=workshop, message="I co-wrote Three Bowls.")
    log("courses: Adapting for Overseas Audiences, open for applications")


PEER_COMMENTS = [
    ("开场三秒就有冲突，人物目标清楚。", "第二集中段节奏拖了，可以删一场。"),
    ("人物小传写得具体，台词有人物味道。", "卡点靠巧合，换成人物的选择会更有力。"),
    ("题材选得好，普法的信息放进了冲突里。", "第三集结尾的反转提前泄露了，建议把线索藏深一点。"),
]


def _hook_line(submission) -> int:  # type: ignore[no-untyped-def]
    return _note_line(submission.revision)


def _note_line(revision) -> int:  # type: ignore[no-untyped-def]
    """Where the demo's notes go (1-based): the first marked hook (卡点), or else the
    eighth line with text on it, inside the first episode."""
    lines = revision_text(revision).split("\n")
    hooks = [i for i, line in enumerate(lines, 1) if "卡点" in line]
    with_text = [i for i, line in enumerate(lines, 1) if line.strip()]
    return hooks[0] if hooks else with_text[min(7, len(with_text) - 1)]


def _peer_reviews_done(assignment, version: RubricVersion) -> int:  # type: ignore[no-untyped-def]
    """Hand in three of every four peer reviews the way students do: calibrated first, a
    line note, scores near the graders', an overall comment; the writer
    rates each. Returns how many were handed in."""
    done = 0
    owed = (
        ReviewAssignment.objects.filter(request__course_submission__assignment=assignment)
        .select_related("reviewer", "request__revision", "request__requested_by")
        .order_by("pk")
    )
    criteria = list(version.criteria.order_by("position", "pk"))
    for index, review_assignment in enumerate(owed):
        if index % 4 == 3:
            continue
        reviewer = review_assignment.reviewer
        if needs_calibration(reviewer, version.rubric):
            calibrate_demo_reviewer(reviewer, version.rubric)
        praise, advice = PEER_COMMENTS[index % len(PEER_COMMENTS)]
        line_note_add(
            actor=reviewer, assignment=review_assignment,
            line=_note_line(review_assignment.request.revision), body=advice,
        )  # fmt: skip
        scores = {
            c.key: {"score": 6 + (index + position) % 4, "comment": praise if position == 0 else ""}
            for position, c in enumerate(criteria)
        }
        review = review_save(
            actor=reviewer, assignment=review_assignment, scores=scores,
            overall_comment=f"{praise}{advice}", submit=True,
        )  # fmt: skip
        review_rate(
            actor=review_assignment.request.requested_by, review=review,
            helpfulness=3 + index % 3, comment="谢谢，卡点的建议很有用。",
        )  # fmt: skip
        done += 1
    return done
