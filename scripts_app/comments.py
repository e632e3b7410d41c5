"""Line comments as the reader sees them on a given revision."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scripts_app import permissions
from scripts_app.anchoring import LineLocator
from scripts_app.models import LineComment, Revision, Series


@dataclass(slots=True)
class DisplayedComment:
    comment: LineComment
    current_line: int | None
    can_resolve: bool = False

    @property
    def outdated(self) -> bool:
        return self.current_line is None


def comments_for_display(
    series: Series, revision: Revision, text: str | Callable[[], str], *, viewer: Any = None
) -> list[DisplayedComment]:
    """Every comment on the series up to this revision, placed on this revision's lines.

    A comment follows its quoted line into later revisions; once the line is gone it
    is shown as outdated rather than hidden. With a `viewer`, each says whether they
    may mark it resolved. `text` is the revision's text, or a function that reads it: it
    is read only if a comment was made on an earlier revision.
    """
    viewer_edits = viewer is not None and permissions.can_edit_series(viewer, series)
    comments = list(
        LineComment.objects.filter(series=series, revision__number__lte=revision.number)
        .select_related("author", "revision")
        # The revision's number is shown, never its chunk list or parsed summary (large
        # JSON, decoded once a comment).
        .defer("revision__chunk_ids", "revision__stats")
        .order_by("created_at")
    )
    # Comments made on an earlier revision follow their quoted line into this one.
    earlier = [c.anchor_text for c in comments if c.revision_id != revision.pk]
    locator = LineLocator(text() if callable(text) else text, earlier) if earlier else None
    placed = []
    for comment in comments:
        if locator is None or comment.revision_id == revision.pk:
            current = comment.line
        else:
            current = locator.locate(comment.anchor_text, comment.line)
        may_resolve = viewer is not None and permissions.can_resolve_comment(
            viewer, comment, can_edit=viewer_edits
        )
        placed.append(
            DisplayedComment(comment=comment, current_line=current, can_resolve=may_resolve)
        )
    return placed
