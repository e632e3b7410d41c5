from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


class LongListPagination(PageNumberPagination):
    """For lists a client usually wants whole (a revision's comments, a review's notes):
    the same envelope, bigger pages."""

    page_size = 200
    max_page_size = 1000
