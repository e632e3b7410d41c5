"""Line comments as the reader sees them on a given revision."""

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
    series: Series, revision: Revision, text: str, *, viewer: Any = None
) -> list[DisplayedComment]:
    """Every comment on the series up to this revision, placed on this revision's lines.

    A comment follows its quoted line into later revisions; once the line is gone it
    is shown as outdated rather than hidden. With a `viewer`, each says whether they
    may mark it resolved.
    """
    viewer_edits = viewer is not None and permissions.can_edit_series(viewer, series)
    locator: LineLocator | None = None
    comments = (
        LineComment.objects.filter(series=series, revision__number__lte=revision.number)
        .select_related("author", "revision")
        .order_by("created_at")
    )
    placed = []
    for comment in comments:
        if comment.revision_id == revision.pk:
            current = comment.line
        else:
            locator = locator or LineLocator(text.split("\n"))
            current = locator.locate(comment.anchor_text, comment.line)
        may_resolve = viewer is not None and permissions.can_resolve_comment(
            viewer, comment, can_edit=viewer_edits
        )
        placed.append(
            DisplayedComment(comment=comment, current_line=current, can_resolve=may_resolve)
        )
    return placed
