"""Reads for review pages and the API, in a fixed number of queries, blind-safe."""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict, cast

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from accounts.models import Membership, Role, RoleGrant, User
from accounts.selectors import mentors_verified
from core import sql
from core.types import Actor
from reviews import assignment as matching
from reviews import scoring
from reviews.blindness import (
    blanker_for,
    blind_text,
    blinds_writer_for,
    person_label,
    redact_document,
    reviewer_label,
    viewer_side,
    writer_label,
)
from reviews.models import (
    AssignmentStatus,
    CalibrationExemplar,
    ConflictOfInterest,
    CreditEntry,
    CreditReason,
    Criterion,
    Fallback,
    LineNote,
    NoteReply,
    RequestStatus,
    ReviewAssignment,
    ReviewerProfile,
    ReviewPolicy,
    ReviewRequest,
    ReviewScore,
    ReviewStatus,
    Rubric,
)
from reviews.permissions import can_rate_review, can_reply_to_note, can_resolve_note
from reviews.workflows import REQUEST_FLOW
from scripts_app import formats
from scripts_app.anchoring import LineLocator
from scripts_app.document import Document, parse
from scripts_app.models import Collaborator, CollaboratorRole, Revision, Series
from scripts_app.screenplay import screenplay_html_for_revision
from scripts_app.selectors import revision_text

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def _episode_range(request: ReviewRequest) -> tuple[int, int] | None:
    if not (request.episode_from or request.episode_to):
        return None
    return request.episode_from or 1, request.episode_to or request.episode_from or 10_000


def _review_document(
    text: str, fmt: str, episodes: tuple[int, int] | None, blind: bool
) -> Document:
    doc = parse(text, fmt)
    if episodes is not None:
        low, high = episodes
        doc.episodes = [episode for episode in doc.episodes if low <= episode.number <= high]
    return redact_document(doc) if blind else doc


def document_for_review(viewer: Actor, request: ReviewRequest, text: str, fmt: str) -> Document:
    """The script as shown in review: only the requested episodes, and for a double-blind
    reviewer blanked of its writers (by key and by name, see reviews.blindness)."""
    blind = blinds_writer_for(viewer, request)
    shown = blind_text(request, text, fmt) if blind else text
    return _review_document(shown, fmt, _episode_range(request), blind)


def screenplay_for_review(
    viewer: Actor,
    request: ReviewRequest,
    revision: Revision,
    fmt: str,
    *,
    text: Callable[[], str],
) -> SafeString:
    """`document_for_review` of `revision` (the reviewed one, or the writer side's current
    one) in screenplay layout, cached under the revision's hash; `text()` reads its text,
    called only when the entry is missing. A blind reviewer's copy is named by the
    blanker's fingerprint too (whose names it hides), so it never shares an entry with
    the writer's."""
    blind = blinds_writer_for(viewer, request)
    episodes = _episode_range(request)
    variant = f"review:{episodes[0] if episodes else ''}-{episodes[1] if episodes else ''}:"
    if blind:
        variant += f"redacted:{blanker_for(request).fingerprint}"
    else:
        variant += "plain"
    return screenplay_html_for_revision(
        revision,
        fmt,
        text=text,
        variant=variant,
        build=lambda loaded: _review_document(
            blind_text(request, loaded, fmt) if blind else loaded, fmt, episodes, blind
        ),
    )


def review_copy_pdf(viewer: User, assignment: ReviewAssignment) -> bytes:
    """The reviewer's copy of the script as a PDF: the same document as their desk (the
    requested episodes, blanked of its writers when double-blind), watermarked for them.
    Made on request and never stored, so there is no file to find."""

    request = assignment.request
    revision = request.revision
    side = viewer_side(viewer, request)
    blind = blinds_writer_for(viewer, request, side=side)
    doc = document_for_review(viewer, request, revision_text(revision), revision.format)
    title = request.series.title
    if blind:
        title = blanker_for(request).line(title)
    watermark = _("Review copy · %(name)s · %(date)s") % {
        "name": viewer.display_name,
        "date": timezone.localdate().isoformat(),
    }
    return formats.export_pdf(
        doc,
        title=title,
        # Never empty when not blind: the PDF would fall back to the script's own byline.
        author="" if blind else writer_label(viewer, request, side=side),
        watermark=watermark,
    )


def credit_balance(user: User) -> int:
    """The balance after the user's last ledger entry."""
    last = CreditEntry.objects.filter(user=user).order_by("-position").values("balance").first()
    return last["balance"] if last else 0


def credits_available(user: User) -> int:
    """What the user can spend now: the balance, plus the welcome credits that their
    first request will grant if it has not been granted yet."""
    balance = credit_balance(user)
    if not CreditEntry.objects.filter(user=user, reason=CreditReason.STARTER).exists():
        balance += ReviewPolicy.current().starter_credits
    return balance


def mentors_for(series: Series) -> QuerySet[User]:
    """Mentors who may be offered or matched for a review of `series`: verified, active,
    with no part in the series (owner, co-writer, reader) and no conflict declared with
    its writers. The form, the API check and the matching all use this one list."""

    collaborators = list(Collaborator.objects.filter(series=series).values_list("user_id", "role"))
    writers = {series.owner_id} | {
        u for u, role in collaborators if role == CollaboratorRole.COWRITER
    }
    involved = writers | {u for u, _role in collaborators}
    conflicted = ConflictOfInterest.objects.filter(writer_id__in=writers).values("reviewer_id")
    return mentors_verified().exclude(pk__in=involved).exclude(pk__in=conflicted)


def mentor_is_eligible(mentor: User, series: Series) -> bool:
    return mentors_for(series).filter(pk=mentor.pk).exists()


def peer_pool(rules: matching.Request) -> QuerySet[User]:
    """Writers who review their peers and may review this request: the rules of
    `reviews.assignment.is_eligible` (never the writer side or anyone named in `rules`,
    never a declared conflict with the writer, no shared organisation when blind) as
    SQL, so the pool is filtered where it lives and never listed in Python."""
    named = {rules.writer_id, *rules.excluded_ids, *rules.already_assigned}
    named |= rules.previously_refused
    pool = (
        User.objects.filter(is_active=True)
        .filter(Exists(RoleGrant.objects.filter(user=OuterRef("pk"), role=Role.WRITER)))
        .exclude(
            Exists(ReviewerProfile.objects.filter(user=OuterRef("pk"), accepts_peer_reviews=False))
        )
        .exclude(pk__in=named)
        .exclude(
            Exists(
                ConflictOfInterest.objects.filter(reviewer=OuterRef("pk"), writer=rules.writer_id)
            )
        )
    )
    if rules.blind and rules.organisation_ids:
        colleagues = Membership.objects.filter(
            user=OuterRef("pk"), organisation__in=rules.organisation_ids
        )
        pool = pool.exclude(Exists(colleagues))
    return pool


def peers_best(rules: matching.Request, *, capacity: int, seed: int) -> list[matching.Reviewer]:
    """The first `rules.k` writers of the peer pool with fewer than `capacity` open
    reviews, in `reviews.assignment.rank_key` order (least loaded, then the seeded
    tiebreak, then id), with their loads: all `reviews.assignment.assign_one` needs.

    Ranked and cut at `k` in SQL, so a call reads a few rows whatever the number of
    writers. Usually one query: load 0 ranks first, so when `k` writers of the pool have
    no open review they are the best `k`, ranked among themselves. Otherwise a second
    query ranks the rest, the busy writers of the pool, from their open reviews grouped
    by reviewer. Open reviews are found through the partial index
    `assignment_open_reviewer_idx`.
    """
    if rules.k <= 0 or capacity <= 0:
        return []
    pool = peer_pool(rules)
    open_reviews = ReviewAssignment.objects.filter(status=AssignmentStatus.ASSIGNED)
    # NOT IN (a hashed subplan), not NOT EXISTS: with few idle writers the planner
    # would sort the whole pool first and probe it row by row.
    idle = (
        pool.exclude(pk__in=open_reviews.values("reviewer"))
        .annotate(load=Value(0, output_field=IntegerField()))
        .annotate(rank=_tiebreak_sql(seed, "pk"))
        .order_by("rank", "pk")
        .values_list("pk", "load")
    )
    best = list(idle[: rules.k])
    missing = rules.k - len(best)
    if missing and capacity > 1:
        busy = (
            open_reviews.filter(reviewer__in=pool.values("pk"))
            .values("reviewer")
            .annotate(load=Count("pk"))
            .filter(load__lt=capacity)
            .annotate(rank=_tiebreak_sql(seed, "reviewer"))
            .order_by("load", "rank", "reviewer")
            .values_list("reviewer", "load")
        )
        best += list(busy[:missing])
    return [
        matching.Reviewer(
            id=pk,
            organisation_ids=frozenset(),  # the pool's rules are applied already
            current_load=load,
            conflicts=frozenset(),
            capacity=capacity,
        )
        for pk, load in best
    ]


def _tiebreak_sql(seed: int, column: str) -> Expression:
    """`reviews.assignment.tiebreak(seed, column, load)` as SQL, over the `load`
    annotation. Integer arithmetic modulo 2**31 - 1 that never reaches 2**63, so
    PostgreSQL and SQLite compute exactly what Python does."""
    p = matching.TIEBREAK_MODULUS
    a, b, c, d, e, f = (Value(n) for n in matching.tiebreak_coefficients(seed))
    residue, load = F(column) % p, F("load")
    first = (a * residue + (c + e * load) % p) % p
    second = (b * residue + (d + f * load) % p) % p
    return ExpressionWrapper(first * second % p, output_field=BigIntegerField())


def rubrics_published() -> QuerySet[Rubric]:
    """Every rubric, the platform default first: they are public standards."""
    return Rubric.objects.order_by("-is_default", "slug")


def exemplar_to_calibrate(
    user: User, rubric_slug: str, language: str
) -> CalibrationExemplar | None:
    """The calibration excerpt to put before a reviewer: one they have not scored yet, in
    their language first (a Chinese script for a Chinese reader, a Fountain one for an
    English reader); once all are scored, the first again. None if the rubric has none."""
    exemplars = list(
        CalibrationExemplar.objects.filter(rubric__slug=rubric_slug, is_active=True)
        .select_related("rubric")
        .order_by("key")
    )
    if not exemplars:
        return None
    scored = set(
        user.calibrations.filter(exemplar__in=exemplars).values_list("exemplar_id", flat=True)
    )
    wanted_format = "zh" if language.startswith("zh") else "fountain"
    return min(
        exemplars,
        key=lambda e: (e.pk in scored, e.format != wanted_format, e.key),
    )


def rubric_default() -> Rubric | None:
    """The platform's default rubric (the Boutique Standard), if one is marked."""
    return Rubric.objects.filter(is_default=True).first()


# Criteria are kept as long as a rendered screenplay (scripts_app.screenplay).
CRITERIA_CACHE_SECONDS = 7 * 24 * 3600


def criteria_of(request: ReviewRequest) -> list[Criterion]:
    """The criteria of the request's rubric version, in order.

    Kept in the cache under the version and its content hash (and when it was made, so a
    database loaded afresh cannot meet an old entry): a version's criteria change only
    with its hash (`rubric_save_criteria` edits a version in place only while no request
    has used it, and sets its new hash; the admin cannot edit them). The score report and
    the reviewer's page read them on every request.
    """
    version = request.rubric_version
    key = f"criteria:v1:{version.pk}:{version.content_hash}:{version.created_at.timestamp()}"
    criteria = cache.get(key)
    if criteria is None:
        criteria = list(Criterion.objects.filter(version=version.pk).order_by("position"))
        cache.set(key, criteria, CRITERIA_CACHE_SECONDS)
    return criteria


@dataclass(slots=True)
class ReviewerCard:
    assignment: ReviewAssignment
    label: str
    scores: dict[int, ReviewScore] = field(default_factory=dict)
    notes: list[LineNote] = field(default_factory=list)
    # The writer side's rating of this review: None for anyone else, who may not see it.
    helpfulness: int | None = None
    can_rate: bool = False


@dataclass(slots=True)
class CriterionRow:
    criterion: Criterion
    summary: scoring.CriterionSummary
    scores: list[tuple[str, int | None]]  # (reviewer label, score)


@dataclass(slots=True)
class PlacedNote:
    note: LineNote
    author_label: str
    current_line: int | None
    replies: list[tuple[str, NoteReply]]
    can_reply: bool = False
    can_resolve: bool = False

    @property
    def outdated(self) -> bool:
        return self.current_line is None


@dataclass(slots=True)
class Report:
    request: ReviewRequest
    side: str
    writer_label: str
    cards: list[ReviewerCard]
    rows: list[CriterionRow]
    overall: float | None
    notes: list[PlacedNote]
    submitted: int
    can_close: bool = False


def report_for(viewer: Actor, request: ReviewRequest, *, on: Revision | None = None) -> Report:
    """The score report as `viewer` may see it: names hidden per the request's blindness,
    reviewers' scores weighted by reputation, line notes placed on revision `on` (the
    series' current one, for the writer side) when given, else on the reviewed revision.

    Where the notes stand in `on` is kept in the cache under its hash (revisions never
    change): a writer who opens the report again needs neither its text nor the search.
    """
    side = viewer_side(viewer, request)
    assignments = list(
        ReviewAssignment.objects.filter(request=request, status=AssignmentStatus.SUBMITTED)
        .select_related("reviewer", "reviewer__reviewer_profile", "review")
        .order_by("position")
    )
    by_reviewer = {a.reviewer_id: a for a in assignments}
    review_ids = [a.review.pk for a in assignments]
    criteria = criteria_of(request)
    scores = ReviewScore.objects.filter(review_id__in=review_ids)
    notes = list(
        # Each note's review (and its assignment) is the card's: joining them again
        # read three rows and seven dates a note.
        LineNote.objects.filter(review_id__in=review_ids).order_by("line", "created_at")
    )
    # Each note's replies as a list, from one query grouped here: prefetching them into
    # each note's manager built a manager and a queryset per note (a report has dozens),
    # and even into lists cost more to set up than the query.
    replies: dict[int, list[NoteReply]] = {note.pk: [] for note in notes}
    if notes:
        for reply in NoteReply.objects.filter(note_id__in=list(replies)).select_related("author"):
            replies[reply.note_id].append(reply)
    writer = side == "writer"
    cards = {}
    for a in assignments:
        rated = can_rate_review(viewer, a.review, writer_side=writer)
        cards[a.review.pk] = ReviewerCard(
            a,
            reviewer_label(viewer, request, a, side=side),
            helpfulness=a.review.helpfulness if rated else None,
            can_rate=rated and a.review.helpfulness is None,
        )
    for score in scores:
        cards[score.review_id].scores[score.criterion_id] = score

    weights = {
        a.review.pk: scoring.weight_for(
            getattr(getattr(a.reviewer, "reviewer_profile", None), "reputation", 0.5)
        )
        for a in assignments
    }
    method = request.rubric_version.rubric.aggregate_method
    threshold = request.rubric_version.divergence_threshold
    rows = []
    for criterion in criteria:
        pairs = [(card, card.scores.get(criterion.pk)) for card in cards.values()]
        given = [(card, s.score) for card, s in pairs if s is not None and s.score is not None]
        summary = scoring.criterion_summary(
            [float(score) for _c, score in given],
            [weights[card.assignment.review.pk] for card, _s in given],
            # The field's choices are the aggregate methods scoring knows.
            cast(scoring.Method, method),
            threshold,
        )
        rows.append(
            CriterionRow(
                criterion, summary, [(card.label, s.score if s else None) for card, s in pairs]
            )
        )
    overall = scoring.overall(
        [
            (float(row.criterion.weight), row.summary.aggregate)
            for row in rows
            if row.summary.aggregate is not None
        ]
    )

    reviews = {a.review.pk: a.review for a in assignments}
    for note in notes:
        note.review = reviews[note.review_id]
    locator = None
    if on is not None:
        fmt = request.revision.format
        # Quotes of a double-blind request are stored blanked: compare like with like.
        blanker = blanker_for(request) if request.hides_writer else None

        def text() -> str:
            shown = revision_text(on)
            return blind_text(request, shown, fmt) if blanker is not None else shown

        locator = LineLocator.cached(
            f"{on.sha256}:{fmt}:{blanker.fingerprint if blanker is not None else 'plain'}",
            [n.anchor_text for n in notes if n.revision_id == request.revision_id],
            text,
        )
    placed = []
    current: int | None
    for note in notes:
        if locator is not None and note.revision_id != request.revision_id:
            current = note.line
        elif locator is not None:
            current = locator.locate(note.anchor_text, note.line)
        else:
            current = note.line
        card = cards[note.review_id]
        card.notes.append(note)
        labelled = [
            (person_label(viewer, request, r.author, by_reviewer, side=side), r)
            for r in replies[note.pk]
        ]
        placed.append(
            PlacedNote(
                note,
                card.label,
                current,
                labelled,
                can_reply=can_reply_to_note(viewer, note, writer_side=writer),
                can_resolve=can_resolve_note(viewer, note, writer_side=writer),
            )
        )

    return Report(
        request=request,
        side=side,
        writer_label=writer_label(viewer, request, side=side),
        cards=list(cards.values()),
        rows=rows,
        overall=overall,
        notes=placed,
        submitted=len(assignments),
        can_close=writer and REQUEST_FLOW.can(viewer, request, "close"),
    )


def conflicts_declared_by(user: User) -> QuerySet[ConflictOfInterest]:
    """The conflicts of interest a reviewer declared, oldest first."""
    return ConflictOfInterest.objects.filter(reviewer=user).order_by("pk")


def requests_waiting_for_staff() -> QuerySet[ReviewRequest]:
    """Open requests that fell back to the staff queue, the most overdue first."""
    return (
        ReviewRequest.objects.filter(status=RequestStatus.OPEN, fallback=Fallback.STAFF)
        .select_related("series", "revision")
        .order_by("due_at")
    )


def requests_divergent() -> QuerySet[ReviewRequest]:
    """Requests whose reviewers diverge and that staff have not settled (or that still run)."""
    return (
        ReviewRequest.objects.exclude(divergent_criteria=[])
        .filter(Q(staff_decision="") | Q(status=RequestStatus.OPEN))
        .select_related("series", "revision")
        .order_by("-created_at")
    )


class RequestProgress(TypedDict):
    submitted: int  # reviews submitted


def requests_for_writer(
    user: User,
) -> "QuerySet[WithAnnotations[ReviewRequest, RequestProgress]]":
    """Requests on series the user writes, with progress counts (one query).

    The count is a correlated subquery on the assignments' (request, status) index, not
    a GROUP BY over joined rows: the revision's wide JSON columns are never carried
    through an aggregate, and they are not loaded at all (lists show the number only).
    """
    return _request_columns(
        ReviewRequest.objects.filter(series__in=_series_written_by(user))
    ).order_by("-created_at")


def requests_for_writer_rows(
    user: User,
) -> "QuerySet[WithAnnotations[ReviewRequest, RequestProgress]]":
    """`requests_for_writer(user)` checked row by row, to load a page's rows found by key
    (core.pagination.NarrowFirst's `rows`): filtering them by the writer's set of series
    built that set again (1,100 series of a busy writer, about 1 ms) for 20 rows. Never
    for a whole list: the OR would read every request."""
    cowrites = Collaborator.objects.filter(
        series=OuterRef("series_id"), user_id=user.pk, role=CollaboratorRole.COWRITER
    )
    return _request_columns(
        ReviewRequest.objects.filter(Q(series__owner_id=user.pk) | Exists(cowrites))
    )


def _request_columns(requests: QuerySet[ReviewRequest]) -> Any:
    return (
        requests.select_related("series", "revision")
        .defer(*_WIDE_REVISION_FIELDS)
        .annotate(submitted=_assignment_count([AssignmentStatus.SUBMITTED]))
    )


# What lists never show of a revision: its chunk list and parsed summary (large JSON).
_WIDE_REVISION_FIELDS = ("revision__chunk_ids", "revision__stats")


def _series_written_by(user: User) -> "QuerySet[Series, Any]":
    """The ids of the series the user owns or co-writes, as one subquery: a UNION of two
    index lookups (an OR across them would read every series row)."""
    owned = Series.objects.filter(owner_id=user.pk).order_by().values("pk")
    cowritten = (
        Collaborator.objects.filter(user_id=user.pk, role=CollaboratorRole.COWRITER)
        .order_by()
        .values("series_id")
    )
    return owned.union(cowritten)


def _assignment_count(statuses: list[str]) -> Coalesce:
    counted = (
        ReviewAssignment.objects.filter(request=OuterRef("pk"), status__in=statuses)
        .order_by()
        .values("request")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


class InboxAssignment(NamedTuple):
    """A row of the inbox's lists of reviews to give and given: what they show, no more."""

    pk: int
    request_pk: int
    role: str
    due_at: datetime
    finished_at: datetime | None
    blindness: str
    series_title: str
    review_status: str | None


class InboxRequest(NamedTuple):
    """A row of the inbox's list of requests on the user's series."""

    pk: int
    series_title: str
    revision_number: int
    kind: str
    fallback: str
    status: str
    reviews_needed: int
    submitted: int
    divergent_criteria: list[str]
    due_at: datetime


def reviews_to_give(user: User, *, limit: int) -> list[InboxAssignment]:
    """The reviews assigned to the user and not yet submitted, the most urgent first, at
    most `limit`, as narrow rows in one query (a reviewer holds few open reviews)."""
    return _inbox_assignments(
        ReviewAssignment.objects.filter(reviewer=user, status=AssignmentStatus.ASSIGNED).order_by(
            "due_at", "pk"
        )[:limit]
    )


def reviews_given(user: User, *, limit: int) -> list[InboxAssignment]:
    """The user's latest submitted reviews, at most `limit`, as narrow rows in one query:
    the rows are cut off the reviewer's index before their request and series are
    joined (a busy reviewer has hundreds)."""
    return _inbox_assignments(
        ReviewAssignment.objects.filter(reviewer=user, status=AssignmentStatus.SUBMITTED).order_by(
            "-finished_at", "-pk"
        )[:limit]
    )


def _inbox_assignments(assignments: QuerySet[ReviewAssignment]) -> list[InboxAssignment]:
    columns = (
        "pk", "request_id", "role", "due_at", "finished_at", "request__blindness",
        "request__series__title", "review__status",
    )  # fmt: skip
    return [InboxAssignment(*row) for row in assignments.values_list(*columns)]


def requests_for_writer_narrow(user: User) -> Callable[[list[int]], list[InboxRequest]]:
    """How to load the inbox's rows of some of `requests_for_writer(user)`'s requests from
    their ids (core.pagination.NarrowFirst's `rows`), as narrow rows checked row by row
    (`requests_for_writer_rows`)."""
    columns = (
        "pk", "series__title", "revision__number", "kind", "fallback", "status",
        "reviews_needed", "submitted", "divergent_criteria", "due_at",
    )  # fmt: skip

    def rows(ids: list[int]) -> list[InboxRequest]:
        found = requests_for_writer_rows(user).filter(pk__in=ids).values_list(*columns)
        return [InboxRequest(*row) for row in found]

    return rows


def assignments_for_reviewer(user: User) -> QuerySet[ReviewAssignment]:
    return (
        ReviewAssignment.objects.filter(reviewer=user)
        .select_related("request", "request__series", "request__revision", "review")
        .defer("request__revision__chunk_ids", "request__revision__stats")
        .order_by("status", "due_at")
    )


@dataclass(slots=True)
class Ledger:
    balance: int
    to_give: int  # reviews assigned to the user, not yet submitted
    awaiting: int  # reviews the user's open requests still wait for


def ledger_for(user: User) -> Ledger:
    """ "How many reviews they still need to give and still await": one place for the answer.

    One query, written out (`_ledger_sql`): the reviews to give, the reviews the open
    requests on the user's series still await (summed in SQL), the last balance, whether
    the welcome credits were granted and how many the policy grants, as scalar subqueries,
    each off its index. The awaited reviews are summed series by series, each series'
    open requests found in the partial index of open requests: as a join of the writer's
    series with the open requests PostgreSQL read every open request into a hash (11,000
    of them at 50,000 requests, 3 ms for a writer of 1,100 series; 2 ms this way). The desk and the inbox show it on every request: as four or five
    ORM queries it cost about 3 ms of building and round trips, and as one ORM query
    (nested subqueries, each resolved and copied) more CPU still. `credits_available` is
    the rule for the balance shown; this computes the same.
    """
    params: list[int | str] = [
        user.pk, AssignmentStatus.ASSIGNED,
        AssignmentStatus.SUBMITTED, AssignmentStatus.SUBMITTED, RequestStatus.OPEN,
        user.pk, user.pk, CollaboratorRole.COWRITER,
        user.pk,
        user.pk, CreditReason.STARTER,
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(_ledger_sql(), params)
        to_give, awaiting, balance, starters, starter_credits = cursor.fetchone()
    balance = balance or 0
    if not starters:
        if starter_credits is None:  # no policy saved yet: the defaults, saved as current()
            starter_credits = ReviewPolicy.current().starter_credits
        balance += starter_credits
    return Ledger(int(balance), int(to_give), int(awaiting or 0))


@functools.cache
def _ledger_sql() -> str:
    """`ledger_for`'s query (core.sql: names from the models, every value a parameter)."""
    table, col = sql.table, sql.column
    a, r, c, s, w = ReviewAssignment, ReviewRequest, CreditEntry, Series, Collaborator
    # The reviews an open request already has.
    done = (
        f"SELECT COUNT(*) FROM {table(a)} "  # noqa: S608 - see core.sql
        f"WHERE {col(a, 'request')} = {col(r, 'id')} AND {col(a, 'status')} = %s"
    )
    return f"""SELECT
        (SELECT COUNT(*) FROM {table(a)} WHERE {col(a, "reviewer")} = %s AND {col(a, "status")} = %s),
        (SELECT SUM((SELECT SUM(CASE WHEN {col(r, "reviews_needed")} > ({done})
                                     THEN {col(r, "reviews_needed")} - ({done}) ELSE 0 END)
                       FROM {table(r)}
                      WHERE {col(r, "series")} = written.id AND {col(r, "status")} = %s))
           FROM (SELECT {col(s, "id")} AS id FROM {table(s)} WHERE {col(s, "owner")} = %s
                 UNION
                 SELECT {col(w, "series")} FROM {table(w)}
                  WHERE {col(w, "user")} = %s AND {col(w, "role")} = %s) written),
        (SELECT {col(c, "balance")} FROM {table(c)} WHERE {col(c, "user")} = %s
          ORDER BY {col(c, "position")} DESC LIMIT 1),
        (SELECT COUNT(*) FROM {table(c)} WHERE {col(c, "user")} = %s AND {col(c, "reason")} = %s),
        (SELECT {col(ReviewPolicy, "starter_credits")} FROM {table(ReviewPolicy)}
          WHERE {col(ReviewPolicy, "id")} = 1)"""  # noqa: S608 - see core.sql


def reviewer_profile(user: User) -> ReviewerProfile:
    profile, _created = ReviewerProfile.objects.get_or_create(user=user)
    return profile


def drafts_by_criterion(review_id: int) -> dict[int, ReviewScore]:
    return {s.criterion_id: s for s in ReviewScore.objects.filter(review_id=review_id)}


def median_review_score(series: Series | int, *, rubric_slug: str) -> tuple[float | None, int]:
    """The median of the overall scores of a series' submitted reviews on a rubric (any of
    its versions), and how many reviews that is; (None, 0) when there are none.

    Each review's overall is its criterion scores averaged by the rubric's weights
    (`scoring.overall`, as in a score report); the median of those is robust to one harsh or
    generous reviewer. One query. Later apps (the fund's eligibility rules) read it here.
    """
    series_id = series if isinstance(series, int) else series.pk
    rows = ReviewScore.objects.filter(
        review__status=ReviewStatus.SUBMITTED,
        review__assignment__request__series_id=series_id,
        review__assignment__request__rubric_version__rubric__slug=rubric_slug,
        score__isnull=False,
    ).values_list("review_id", "criterion__weight", "score")
    by_review: dict[int, list[tuple[float, float | None]]] = {}
    for review_id, weight, score in rows:
        if score is not None:
            by_review.setdefault(review_id, []).append((float(weight), float(score)))
    overalls = [
        value for pairs in by_review.values() if (value := scoring.overall(pairs)) is not None
    ]
    if not overalls:
        return None, 0
    return scoring.aggregate(overalls, method="median"), len(overalls)


class RevisionScores(NamedTuple):
    """A series' submitted review overalls on a rubric, by the revision reviewed."""

    by_revision: dict[int, list[float]]  # revision number -> overall of each review

    @property
    def all(self) -> list[float]:
        return [value for values in self.by_revision.values() for value in values]

    @property
    def median(self) -> float | None:
        values = self.all
        return scoring.aggregate(values, method="median") if values else None

    @property
    def improvement(self) -> float | None:
        """How much the median overall rose from the earlier to the later of the last two
        reviewed revisions (negative when it fell); None with fewer than two."""
        reviewed = sorted(self.by_revision)
        if len(reviewed) < 2:
            return None
        later = scoring.aggregate(self.by_revision[reviewed[-1]], method="median")
        earlier = scoring.aggregate(self.by_revision[reviewed[-2]], method="median")
        if later is None or earlier is None:
            return None
        return later - earlier


def review_scores_by_revision(
    series_ids: list[int], *, rubric_slug: str
) -> dict[int, RevisionScores]:
    """For each series with submitted reviews on the rubric: the overall of each review
    (`scoring.overall`, as `median_review_score` computes it), grouped by the revision
    reviewed. One query for the batch."""
    rows = ReviewScore.objects.filter(
        review__status=ReviewStatus.SUBMITTED,
        review__assignment__request__series_id__in=series_ids,
        review__assignment__request__rubric_version__rubric__slug=rubric_slug,
        score__isnull=False,
    ).values_list(
        "review__assignment__request__series_id",
        "review__assignment__request__revision__number",
        "review_id",
        "criterion__weight",
        "score",
    )
    by_review: dict[tuple[int, int, int], list[tuple[float, float | None]]] = {}
    for series_id, number, review_id, weight, score in rows:
        by_review.setdefault((series_id, number, review_id), []).append(
            (float(weight), float(score) if score is not None else None)
        )
    result: dict[int, RevisionScores] = {}
    for (series_id, number, _review_id), pairs in by_review.items():
        value = scoring.overall(pairs)
        if value is not None:
            result.setdefault(series_id, RevisionScores({})).by_revision.setdefault(
                number, []
            ).append(value)
    return result
