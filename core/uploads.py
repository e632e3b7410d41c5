"""Request and upload size limits that cost no memory.

Two guards, both installed in settings:

* :class:`RequestSizeLimitMiddleware` refuses a request by its ``Content-Length`` before
  anything reads the body: multipart bodies above ``FILE_UPLOAD_MAX_BYTES`` (plus room for
  the form's other fields), other bodies above ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (which
  Django itself checks only for ``request.body``, not for DRF's streamed JSON). It then
  parses multipart bodies itself, through the upload handlers, so that a refusal while
  streaming is answered here too (CSRF checking and DRF would otherwise meet it first).
* :class:`LimitedUploadHandler`, first of ``FILE_UPLOAD_HANDLERS``, counts each file's
  bytes as they stream in and stops at ``FILE_UPLOAD_MAX_BYTES``; files above
  ``FILE_UPLOAD_MAX_MEMORY_SIZE`` go to a temporary file, never to memory.

The answer is 413: the API's error body on ``/api/`` paths, a short page elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

MULTIPART_OVERHEAD = 1024 * 1024  # boundaries, the CSRF token and small fields beside a file
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


class UploadTooLarge(MultiPartParserError):
    """A file in the request is larger than ``FILE_UPLOAD_MAX_BYTES``.

    A ``MultiPartParserError``, so Django marks the body unreadable and, if this ever
    escapes the middleware, answers 400 rather than 500.
    """


class LimitedUploadHandler(FileUploadHandler):
    """Stops an upload at ``FILE_UPLOAD_MAX_BYTES`` per file, while it streams in."""

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.FILE_UPLOAD_MAX_BYTES:
            raise UploadTooLarge(f"{self.file_name!r} is over {settings.FILE_UPLOAD_MAX_BYTES}")
        return raw_data  # the next handlers store it

    def file_complete(self, file_size: int) -> None:
        return None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


def _content_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0  # Django reads nothing of a body with an invalid length


def too_large_response(request: HttpRequest, *, upload: bool) -> HttpResponse:
    limit = settings.FILE_UPLOAD_MAX_BYTES if upload else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if upload:
        message = _("The file is larger than %(limit)s MB.") % {"limit": _megabytes(limit)}
    else:
        message = _("The request is larger than %(limit)s MB.") % {"limit": _megabytes(limit)}
    if request.path.startswith("/api/"):
        key = "file" if upload else "detail"
        response: HttpResponse = JsonResponse({"errors": {key: [message]}}, status=413)
    else:
        html = render_to_string(
            "core/request_too_large.html", {"message": message, "back": request.path},
            request=request,
        )  # fmt: skip
        response = HttpResponse(html, status=413)
    return response


class RequestSizeLimitMiddleware:
    """Refuse oversized bodies before they are read (see the module docstring)."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in _BODY_METHODS:
            multipart = request.content_type == "multipart/form-data"
            limit = (
                settings.FILE_UPLOAD_MAX_BYTES + MULTIPART_OVERHEAD
                if multipart
                else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            )
            if _content_length(request) > limit:
                return too_large_response(request, upload=multipart)
            if multipart:
                try:
                    request.POST  # noqa: B018 - parse now, through the limited handlers
                except UploadTooLarge:
                    return too_large_response(request, upload=True)
                except RequestDataTooBig:
                    return too_large_response(request, upload=False)
        return self.get_response(request)
