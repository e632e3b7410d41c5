"""Pages of a list whose size is known more cheaply than by COUNT(*) over the whole list."""

from collections.abc import Callable, Iterable, Sequence
from typing import Any, overload

from django.core.paginator import Paginator
from django.db.models import QuerySet
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


class NarrowFirst(Sequence[Any]):
    """A list that finds a page's ids first, then loads only that page's full rows.

    Slicing a queryset with joins (owner, head revision) and sorting it makes the database
    join every matching row before it sorts and cuts the page: a writer with 1,100 series
    joined 1,100 rows for 24. Here the page is cut on narrow rows (ids in list order, off
    an index), and the full rows, with their joins and prefetches, are read for those ids
    only. The paginator counts with its own `count` (see CountedPaginator), or this
    list's `count()`.

    `ids`, when given, finds a page's ids instead: `ids(start, stop)` answers the ids of
    the list's rows start to stop, in list order (for a list whose ids come cheaper
    another way than off the full list's filter, such as two index-ordered lookups merged).

    `rows`, when given, loads the full rows of a page instead: a queryset of the list's
    rows whose filter is cheaper checked row by row than as the list's set (filtered here
    by the page's ids), or `rows(ids)` answering the rows with those ids in any order
    (for rows that need more than a queryset's prefetches).
    """

    def __init__(
        self,
        queryset: QuerySet[Any],
        *,
        ids: Callable[[int, int], list[Any]] | None = None,
        rows: QuerySet[Any] | Callable[[list[Any]], Iterable[Any]] | None = None,
    ):
        self.queryset = queryset
        self.ids = ids
        self.rows = rows

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, int):
            return self[index : index + 1][0]
        if self.ids is not None and index.step is None and index.stop is not None:
            ids = self.ids(index.start or 0, index.stop)
        else:
            ids = list(self.queryset.values_list("pk", flat=True)[index])
        if not ids:  # an empty page needs no second query (nor compiling one)
            return []
        found: Iterable[Any]
        if callable(self.rows):
            found = self.rows(ids)
        else:
            rows = self.queryset if self.rows is None else self.rows
            found = rows.filter(pk__in=ids).order_by()
        by_pk = {row.pk: row for row in found}
        return [by_pk[pk] for pk in ids if pk in by_pk]
