"""Pages of a list whose size is known more cheaply than by COUNT(*) over the whole list."""

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """A paginator told how to count its list.

    For lists whose `COUNT(*)` reads far more than the page does (every series a member
    may read: the open ones and the user's own, counted as two index counts by a selector).
    """

    def __init__(
        self, object_list: Any, per_page: int, *, count: Callable[[], int], **options: Any
    ):
        super().__init__(object_list, per_page, **options)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count()
