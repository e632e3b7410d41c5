"""The few heavy objects the page benchmark looks at, made through the services themselves.

The desk writer's 100-episode series (about 37 elements an episode) with long histories,
one of them with `long_history` revisions (compare #1 with the last); readers' comments;
a completed peer review of one with 30 line notes (the score report); and an open mentor
review of another, assigned to the busy reviewer (the review page). They are few, so
they go through `series_create`, `revision_save`, `review_request_create`,
`line_note_add`, `review_save`... exactly as a writer and reviewers would make them, with
their audit rows and notifications; only the revisions' times are spread afterwards over
the last two months (saves made in a minute would all show the same time).
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction

from accounts.models import User
from reviews.models import (
    AssignmentRole,
    AssignmentStatus,
    Blindness,
    CalibrationExemplar,
    CreditReason,
    Criterion,
    RequestKind,
    RequestStatus,
    ReviewAssignment,
    ReviewRequest,
    Rubric,
)
from reviews.services.calibration import calibration_submit, needs_calibration
from reviews.services.credits import credit_add
from reviews.services.requests import review_request_create, reviewers_assign
from reviews.services.reviewing import line_note_add, note_reply, review_rate, review_save
from reviews.services.rubrics import version_for_use
from scripts_app.models import CollaboratorRole, Revision, RevisionColor, Series
from scripts_app.selectors import revision_text
from scripts_app.services.comments import comment_create
from scripts_app.services.revisions import revision_name, revision_save
from scripts_app.services.series import collaborator_add, series_create
from seeds.scale.bulk import Progress
from seeds.scale.state import BUSY_REVIEWER, DESK_WRITER, World
from seeds.scale.texts import SeriesDraft, logline, series_title
from taxonomy.models import Term

EPISODES = 100
REPORT_NOTES = 30


@dataclass(frozen=True)
class BenchTargets:
    """What the page benchmark opens, found in a loaded scale set."""

    desk_writer: str
    busy_reviewer: str
    long_series: int  # the 100-episode series with the longest history
    big_series: int  # a 100-episode series with comments and a score report
    last_revision: int  # the long series' last revision number
    report_request: int  # the completed review of big_series (30 line notes)
    assignment: int  # the busy reviewer's open review of a 100-episode series


def bench_targets() -> BenchTargets:
    """Raises LookupError when the scale set (with its big series) is not loaded."""
    desk = User.objects.filter(email=DESK_WRITER).first()
    if desk is None:
        raise LookupError("No scale set here: run manage.py seed_scale first.")
    big = list(
        Series.objects.filter(owner=desk, episodes_written=EPISODES, title__contains="百集")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(big) < 3:
        raise LookupError("The scale set has no big series: seed it with --big-series 3.")
    report = ReviewRequest.objects.filter(
        series_id=big[1], kind=RequestKind.PEER, status=RequestStatus.COMPLETED
    ).first()
    assignment = ReviewAssignment.objects.filter(
        request__series_id=big[2], reviewer__email=BUSY_REVIEWER, status=AssignmentStatus.ASSIGNED
    ).first()
    if report is None or assignment is None:
        raise LookupError("The big series have no reviews: the scale set is incomplete.")
    last = (
        Revision.objects.filter(series_id=big[0])
        .order_by("-number")
        .values_list("number", flat=True)
    )
    return BenchTargets(
        desk_writer=DESK_WRITER, busy_reviewer=BUSY_REVIEWER, long_series=big[0],
        big_series=big[1], last_revision=last[0], report_request=report.pk,
        assignment=assignment.pk,
    )  # fmt: skip


def load_showcase(world: World, progress: Progress) -> None:
    options = world.options
    if options.big_series < 1 or not world.writers:
        return
    rng = world.rng("showcase")
    desk = User.objects.get(email=DESK_WRITER)
    with progress.stage("big series (through the services)") as made:
        histories = [options.long_history] + [options.big_history] * (options.big_series - 1)
        people = _helpers(world, rng, desk)
        big = [
            _big_series(world, rng, desk, number, history, people)
            for number, history in enumerate(histories, start=1)
        ]
        made.append(
            f"{len(big)} series of {EPISODES} episodes ({', '.join(map(str, histories))} revisions)"
        )
        if len(big) >= 3 and people["reviewers"]:
            notes = _score_report(world, rng, desk, big[1], people)
            _open_review(world, rng, desk, big[2])
            made.append(f"a score report with {notes} line notes, an open mentor review")


def _helpers(world: World, rng: random.Random, desk: User) -> dict[str, list[User]]:
    """A co-writer and a reader for the big series, and up to three peers who may review
    one blind: outside the organisations of the desk writer and the co-writer, with no
    conflict declared with either."""
    writers = [w for w in world.writers[1:] if desk.pk not in world.conflicts.get(w.pk, set())]
    rng.shuffle(writers)
    desk_orgs = world.people[desk.pk].organisations
    outside = [w for w in writers if not w.organisations & desk_orgs]
    crew = outside[:2]
    blocked = frozenset().union(desk_orgs, *(w.organisations for w in crew))
    crew_pks = {desk.pk, *(w.pk for w in crew)}
    peers = [
        w for w in outside[2:]
        if not w.organisations & blocked and not world.conflicts.get(w.pk, set()) & crew_pks
    ][:3]  # fmt: skip
    users = {u.pk: u for u in User.objects.filter(pk__in=[w.pk for w in crew + peers])}
    return {
        "cowriter": [users[w.pk] for w in crew[:1]],
        "reader": [users[w.pk] for w in crew[1:2]],
        "reviewers": [users[w.pk] for w in peers],
    }


def _big_series(world, rng, desk: User, number: int, history: int, people) -> Series:
    terms = {(t.kind, t.slug): t for t in Term.objects.all()}
    draft = SeriesDraft(
        rng=random.Random(f"{world.options.seed}:big:{number}"), fmt="zh", theme="rule-of-law",
        title=f"{series_title(rng, 'zh', 'rule-of-law', 0)}（百集版{number}）",
        byline=desk.display_name_zh, about=logline(rng, "zh", "rule-of-law"),
        planned=EPISODES, paywall=10,
    )  # fmt: skip
    series = series_create(
        actor=desk, title=draft.title, logline=draft.about, synopsis=draft.about,
        language="zh-hans", format="zh", planned_episodes=EPISODES, paywall_episode=10,
        themes=[terms[("theme", "rule-of-law")]], genres=[terms[("genre", "suspense")]],
        audiences=[terms[("audience", "silver-haired")]],
    )  # fmt: skip
    cowriters = []
    for role in (CollaboratorRole.COWRITER, CollaboratorRole.READER):
        for person in people[role]:
            collaborator_add(actor=desk, series=series, email=person.email, role=role)
            if role == CollaboratorRole.COWRITER:
                cowriters.append(person)
    first = max(10, EPISODES - (history - 1) // 2) if history > 1 else EPISODES
    for _episode in range(first):
        draft.add_episode()
    with transaction.atomic():
        for step in range(history):
            if step and len(draft.episodes) < EPISODES:
                draft.add_episode()
            elif step:
                draft.edit_episode()
            author = rng.choice(cowriters) if cowriters and rng.random() < 0.2 else desk
            series.refresh_from_db()
            saved = revision_save(actor=author, series=series, text=draft.text(), base=series.head)
            if step == 0:
                revision_name(
                    actor=desk, revision=saved.head, name="初稿", color=RevisionColor.WHITE
                )
            elif step + 1 == history:
                revision_name(
                    actor=desk, revision=saved.head, name="二稿", color=RevisionColor.BLUE
                )
            elif step % 100 == 0:
                revision_name(actor=desk, revision=saved.head, name=f"第{step // 100 + 1}轮修改")
    # Spread the saves over the last two months, oldest first.
    revisions = list(Revision.objects.filter(series=series).order_by("number"))
    start = world.now - timedelta(days=60)
    step_time = (timedelta(days=60) - timedelta(hours=1)) / max(1, len(revisions))
    for index, revision in enumerate(revisions):
        Revision.objects.filter(pk=revision.pk).update(created_at=start + step_time * index)
    Series.objects.filter(pk=series.pk).update(created_at=start - timedelta(days=1))
    series.refresh_from_db()
    return series


def _comments(rng, series: Series, people) -> None:
    lines = revision_text(series.head).split("\n")
    body = [i + 1 for i, line in enumerate(lines) if line.startswith("△") or "：" in line[:10]]
    authors = people["reader"] + people["cowriter"]
    for number in sorted(rng.sample(body, min(20, len(body)))):
        comment_create(
            actor=rng.choice(authors), revision=series.head, line=number,
            body=rng.choice(["这里节奏可以再快一点。", "这句台词很好。", "人物动机这里不太清楚。"]),
        )  # fmt: skip


def _score_report(world, rng, desk: User, series: Series, people) -> int:
    """A completed single-blind peer review of the series' head: three reviewers, 30 line
    notes, replies and ratings from the writer."""
    if people["reader"] or people["cowriter"]:
        _comments(rng, series, people)
    rubric = Rubric.objects.get(is_default=True)
    version = version_for_use(rubric)
    reviewers = people["reviewers"]
    credit_add(user=desk, delta=len(reviewers), reason=CreditReason.GRANT)
    request = review_request_create(
        actor=desk, series=series, revision=series.head, kind=RequestKind.PEER,
        rubric_version=version, blindness=Blindness.SINGLE, reviews_needed=len(reviewers),
        auto_assign=False,
    )  # fmt: skip
    assignments = reviewers_assign(
        actor=None, request=request, reviewers=reviewers, role=AssignmentRole.PEER
    )
    criteria = list(Criterion.objects.filter(version=version).order_by("position"))
    lines = revision_text(series.head).split("\n")
    body = [i + 1 for i, line in enumerate(lines) if line.startswith("△") or "：" in line[:10]]
    chosen = sorted(rng.sample(body, REPORT_NOTES))
    notes = []
    for index, assignment in enumerate(assignments):
        reviewer = assignment.reviewer
        if needs_calibration(reviewer, rubric):
            exemplar = (
                CalibrationExemplar.objects.filter(rubric=rubric, is_active=True)
                .order_by("key")
                .first()
            )
            assert exemplar is not None
            calibration_submit(
                actor=reviewer, exemplar=exemplar, scores=dict(exemplar.reference_scores)
            )
        for line in chosen[index :: len(assignments)]:
            notes.append(
                line_note_add(
                    actor=reviewer, assignment=assignment, line=line,
                    body=rng.choice(["这一场可以删掉。", "钩子很有力。", "对白太满了。", "节奏拖沓。"]),
                )
            )  # fmt: skip
        review_save(
            actor=reviewer, assignment=assignment,
            scores={c.key: {"score": rng.randint(5, 9), "comment": ""} for c in criteria},
            overall_comment="百集体量完成度高，前十集钩子密集；中段的反转可以更早埋设。", submit=True,
        )  # fmt: skip
    for note in notes[:5]:
        note_reply(actor=desk, note=note, body="谢谢，下一稿会改。")
    for assignment in assignments[:2]:
        assignment.refresh_from_db()
        review_rate(actor=desk, review=assignment.review, helpfulness=5, comment="很具体。")
    return len(notes)


def _open_review(world, rng, desk: User, series: Series) -> None:
    """An open single-blind mentor review, assigned to the busy reviewer, with a draft."""
    mentor = User.objects.get(email=BUSY_REVIEWER)
    version = version_for_use(Rubric.objects.get(is_default=True))
    request = review_request_create(
        actor=desk, series=series, revision=series.head, kind=RequestKind.MENTOR,
        rubric_version=version, blindness=Blindness.SINGLE, mentor=mentor,
    )  # fmt: skip
    assignment = request.assignments.get(reviewer=mentor)
    lines = revision_text(series.head).split("\n")
    body = [i + 1 for i, line in enumerate(lines) if line.startswith("△")]
    for line in sorted(rng.sample(body, 3)):
        line_note_add(actor=mentor, assignment=assignment, line=line, body="这里可以再收一收。")
    criteria = list(Criterion.objects.filter(version=version).order_by("position")[:4])
    review_save(
        actor=mentor, assignment=assignment,
        scores={c.key: {"score": rng.randint(6, 8), "comment": ""} for c in criteria},
        overall_comment="", submit=False,
    )  # fmt: skip
