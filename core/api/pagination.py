from rest_framework import pagination

from core.pagination import CountedPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """The API's one envelope. A view whose list is cheaper to count another way than by
    COUNT(*) defines `list_count()`, and the envelope's count comes from it."""

    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        counter = getattr(view, "list_count", None)
        if counter is None:
            self.django_paginator_class = pagination.DjangoPaginator
        else:
            self.django_paginator_class = lambda items, size: CountedPaginator(
                items, size, count=counter
            )
        return super().paginate_queryset(queryset, request, view)


class LongListPagination(PageNumberPagination):
    """For lists a client usually wants whole (a revision's comments, a review's notes):
    the same envelope, bigger pages."""

    page_size = 200
    max_page_size = 1000
