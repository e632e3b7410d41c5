"""Originality: fingerprinting revisions into the index and running reports against it.

A revision is fingerprinted when it is registered, submitted for review (or, later, to a
course, a fund or a studio), or checked at its writer's request. A report finds the most
similar other works through the LSH index (`registry.originality`), never the checked
series itself or another series of its owner, verifies each candidate exactly and keeps
the aligned passages. docs/originality.md explains the method.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.services.audit import audit_record
from core.services.outbox import task_enqueue
from core.workflows import workflow_move
from registry import permissions
from registry.models import (
    Fingerprint,
    FingerprintReason,
    OriginalityReport,
    ReportStatus,
)
from registry.originality import align, shingling
from registry.originality.index import LSHIndex, MemoryIndex, RedisIndex
from registry.originality.search import rank_candidates
from registry.workflows import REPORT_FLOW
from scripts_app.models import Revision
from scripts_app.selectors import revision_text, revision_texts

# Matches estimated below this are not reported (unrelated Chinese scripts share a few
# stock phrases: their windows sit well under 0.1).
MIN_SIMILARITY = 0.2
# At most this many other works per report, each verified exactly.
MAX_MATCHES = 10
# At most this many passages per match are kept (the longest).
MAX_PASSAGES = 20
# A checked revision larger than this is refused (a 100-episode series is ~100,000).
MAX_TOKENS = 2_000_000

_SYNC_CHUNK = 2_000
_index_lock = threading.Lock()
_index: LSHIndex | None = None
_synced_through = 0


def originality_index() -> LSHIndex:
    """The index this process uses: Redis when `ORIGINALITY_LSH_REDIS_URL` is set, else
    in process, filled from the stored fingerprints and brought up to date on each use."""
    global _index, _synced_through
    with _index_lock:
        if settings.ORIGINALITY_LSH_REDIS_URL:
            if not isinstance(_index, RedisIndex):
                _index = RedisIndex(
                    settings.ORIGINALITY_LSH_REDIS_URL, prefix=settings.ORIGINALITY_LSH_PREFIX
                )
            return _index
        if not isinstance(_index, MemoryIndex):
            _index, _synced_through = MemoryIndex(), 0
        while True:
            chunk = list(
                Fingerprint.objects.filter(pk__gt=_synced_through)
                .order_by("pk")
                .values_list("pk", "revision_id", "signature")[:_SYNC_CHUNK]
            )
            if not chunk:
                break
            _index.add_many(
                (revision_id, shingling.signature_array(signature))
                for _pk, revision_id, signature in chunk
            )
            _synced_through = chunk[-1][0]
            if len(chunk) < _SYNC_CHUNK:
                break
        return _index


def originality_index_reset() -> None:
    """Forget the in-process index (tests; the next use rebuilds it from the database)."""
    global _index, _synced_through
    with _index_lock:
        if isinstance(_index, RedisIndex):
            _index.clear()
        _index, _synced_through = None, 0


def originality_reindex() -> int:
    """Empty the index and fill it again from the stored signatures.

    Returns:
        How many fingerprints were indexed.
    """
    originality_index_reset()
    index = originality_index()
    if isinstance(index, MemoryIndex):
        index.commit()
        return index.size()
    index.clear()
    count = 0
    for revision_id, signature in (
        Fingerprint.objects.order_by("pk").values_list("revision_id", "signature").iterator(2_000)
    ):
        index.add(revision_id, shingling.signature_array(signature))
        count += 1
    return count


def fingerprint_revision(*, revision: Revision, reason: str) -> Fingerprint:
    """Fingerprint a revision and add it to the index. Idempotent: a revision is
    fingerprinted once (revisions never change); a second call returns the first.

    Raises:
        ValidationError: unknown reason.
    """
    if reason not in FingerprintReason.values:
        raise ValidationError({"reason": _("Unknown reason.")})
    existing = Fingerprint.objects.filter(revision=revision).first()
    if existing is not None:
        return existing
    made = shingling.fingerprint_text(revision_text(revision), revision.format)
    with transaction.atomic():
        fingerprint, created = Fingerprint.objects.get_or_create(
            revision=revision,
            defaults={
                "series_id": revision.series_id,
                "owner_id": revision.series.owner_id,
                "reason": reason,
                "signature": shingling.signature_bytes(made.signatures),
                "windows": len(made.signatures),
                "shingle_count": made.shingles,
            },
        )
        if created and settings.ORIGINALITY_LSH_REDIS_URL:
            # At once, not on commit: the report that fingerprints its own revision counts
            # it in the index size in the same transaction. Buckets of a fingerprint that
            # rolls back stay behind, harmless: candidates are looked up in the database.
            originality_index().add(revision.pk, made.signatures)
    return fingerprint


def fingerprint_enqueue(*, revision: Revision, reason: str) -> None:
    """Fingerprint a revision in a task, once the caller's transaction commits."""
    from registry.tasks import fingerprint_revision_task

    task_enqueue(fingerprint_revision_task, revision_id=revision.pk, reason=reason)


@transaction.atomic
def originality_report_request(*, actor: User, revision: Revision) -> OriginalityReport:
    """Queue an originality report on `revision`; a Celery task runs it with progress.

    Raises:
        PermissionDenied: the actor may not run a report on this revision.
        ValidationError: the revision has no text to check.
    """
    if not permissions.can_run_originality_report(actor, revision):
        raise PermissionDenied
    if not revision.chunk_ids:
        raise ValidationError({"revision": [_("This revision has no text to check.")]})
    report = OriginalityReport.objects.create(
        revision=revision, series_id=revision.series_id, requested_by=actor
    )
    audit_record(
        actor=actor,
        action="registry.originality_requested",
        target=revision.series,
        data={"report": report.pk, "revision": revision.number},
    )
    from registry.tasks import run_originality_report

    task_enqueue(run_originality_report, report_id=report.pk)
    return report


def _progress(report: OriginalityReport, percent: int) -> None:
    OriginalityReport.objects.filter(pk=report.pk).update(progress=percent)


def originality_report_run(*, report_id: int) -> OriginalityReport | None:
    """Run a queued report. Idempotent: a finished report is left as it is."""
    report = (
        OriginalityReport.objects.select_related("revision", "series").filter(pk=report_id).first()
    )
    if report is None or report.status == ReportStatus.DONE:
        return report
    workflow_move(REPORT_FLOW, report, "start", actor=None, changes={"progress": 0})
    try:
        results, index_size, candidates = _check(report)
    except Exception as error:  # a failure must end as a visible "failed", not a stuck report
        message = str(error)[:300]
        workflow_move(
            REPORT_FLOW,
            report,
            "fail",
            actor=None,
            changes={"error": message, "finished_at": timezone.now()},
            data={"report": report.pk, "error": message[:100]},
        )
        raise
    return workflow_move(
        REPORT_FLOW,
        report,
        "finish",
        actor=None,
        changes={
            "progress": 100,
            "results": results,
            "index_size": index_size,
            "candidates": candidates,
            "finished_at": timezone.now(),
        },
        data={"report": report.pk, "matches": len(results)},
    )


def _check(report: OriginalityReport) -> tuple[list[dict[str, Any]], int, int]:
    revision = report.revision
    text = revision_text(revision)
    made = shingling.fingerprint_text(text, revision.format)
    if len(made.tokens) > MAX_TOKENS:
        raise ValidationError(_("This revision is too long to check."))
    _progress(report, 10)
    # The checked revision joins the index (its writer asked), before the search so that
    # the index size counts it; its own series is never reported.
    reason = (
        FingerprintReason.REQUESTED
        if report.requested_by_id == report.series.owner_id
        else FingerprintReason.SUBMITTED
    )
    fingerprint_revision(revision=revision, reason=reason)
    index = originality_index()
    index_size = index.size()
    _progress(report, 30)
    owner_id = report.series.owner_id

    def signatures_of(keys: Iterable[int]) -> dict[int, np.ndarray]:
        rows = (
            Fingerprint.objects.filter(revision_id__in=list(keys))
            .exclude(series_id=report.series_id)
            .exclude(series__owner_id=owner_id)
            .values_list("revision_id", "signature")
        )
        return {key: shingling.signature_array(signature) for key, signature in rows}

    candidates, proposed = rank_candidates(
        index, made.signatures, signatures_of, min_score=MIN_SIMILARITY
    )
    _progress(report, 50)
    # One match per other series: its best revision.
    best: dict[int, Any] = {}
    revisions = Revision.objects.filter(pk__in=[c.key for c in candidates]).only(
        "pk", "series_id", "number", "format", "chunk_ids"
    )
    revision_of = {r.pk: r for r in revisions}
    for candidate in candidates:
        other = revision_of.get(candidate.key)
        if other is not None and other.series_id not in best:
            best[other.series_id] = (candidate, other)
        if len(best) >= MAX_MATCHES:
            break
    texts = revision_texts([other for _candidate, other in best.values()])
    results: list[dict[str, Any]] = []
    for done, (candidate, other) in enumerate(best.values(), start=1):
        their_tokens = shingling.text_tokens(texts[other.pk], other.format)
        passages = sorted(
            align.shared_passages(made.tokens, their_tokens), key=lambda p: -p.tokens
        )[:MAX_PASSAGES]
        _progress(report, 50 + 45 * done // max(1, len(best)))
        if not passages:
            continue  # the estimate was wrong: nothing is really shared
        passages.sort(key=lambda p: (p.ours.line_from, p.theirs.line_from))
        results.append(
            {
                "revision_id": other.pk,
                "series_id": other.series_id,
                "estimated": round(candidate.estimated, 3),
                "exact": round(
                    align.exact_window_jaccard(
                        made.tokens, candidate.query_window, their_tokens, candidate.window
                    ),
                    3,
                ),
                "shared": round(sum(p.tokens for p in passages) / max(1, len(made.tokens)), 3),
                "passages": [
                    {
                        "ours": {
                            "episode": p.ours.episode,
                            "line_from": p.ours.line_from,
                            "line_to": p.ours.line_to,
                            "text": align.source_lines(text, p.ours.line_from, p.ours.line_to),
                        },
                        "theirs": {
                            "episode": p.theirs.episode,
                            "line_from": p.theirs.line_from,
                            "line_to": p.theirs.line_to,
                        },
                        "shingles": p.shingles,
                    }
                    for p in passages
                ],
            }
        )
    results.sort(key=lambda match: (-match["exact"], -match["estimated"]))
    return results, index_size, proposed
