"""Private files: uploaded or generated files that only some people may read.

Exports today; imports kept for later, PDFs, certificates and dossiers of later apps
tomorrow. Three rules, one mechanism:

* they are stored by :func:`private_storage` under ``PRIVATE_MEDIA_ROOT``, never under
  ``MEDIA_ROOT`` (which a web server or ``DEBUG`` may serve to anyone), with names from
  :class:`PrivateUploadTo` that nobody can guess;
* they have no URL of their own: a view checks permission on every download and answers
  with :func:`serve_private_file` (a ``FileResponse``, or ``X-Accel-Redirect`` /
  ``X-Sendfile`` for the front server when ``PRIVATE_MEDIA_SERVER`` says so);
* they expire: the owning row keeps an expiry time, the view refuses an expired file
  (:func:`private_file_expired`) and a periodic task deletes it (:func:`private_file_delete`).

Usage in a model::

    file = models.FileField(storage=private_storage, upload_to=PrivateUploadTo("exports"))
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import transaction
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_delete
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header

PRIVATE_STORAGE = "private"  # the alias in settings.STORAGES
SERVERS = ("django", "nginx", "sendfile")
_EXTENSION_RE = re.compile(r"\.[a-z0-9]{1,10}")


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage under ``PRIVATE_MEDIA_ROOT`` with no public URL."""

    def __init__(self, location=None, **kwargs) -> None:
        kwargs.pop("base_url", None)
        super().__init__(location=location or settings.PRIVATE_MEDIA_ROOT, **kwargs)

    def url(self, name: str | None) -> str:
        # A template or the admin that asks for a public address gets an error, not a leak.
        raise ValueError(
            "Private files have no URL; serve them with core.files.serve_private_file."
        )


def private_storage() -> Storage:
    """The private storage (a callable, so models and migrations do not fix the backend)."""
    return storages[PRIVATE_STORAGE]


@deconstructible
class PrivateUploadTo:
    """``upload_to`` for private files: ``<prefix>/<2 chars>/<192 random bits><extension>``.

    The user's file name and the object's title never appear in the stored name; the
    download name is given to :func:`serve_private_file` by the view.
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix.strip("/")

    def __call__(self, instance: object, filename: str) -> str:
        token = secrets.token_urlsafe(24)
        suffix = PurePosixPath(filename).suffix.lower()
        extension = suffix if _EXTENSION_RE.fullmatch(suffix) else ""
        return f"{self.prefix}/{token[:2]}/{token}{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PrivateUploadTo) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


def private_file_expired(expires_at: datetime | None, *, now: datetime | None = None) -> bool:
    """True when the file's time is up. A file without an expiry never expires."""
    return expires_at is not None and expires_at <= (now or timezone.now())


def serve_private_file(
    file: FieldFile,
    *,
    filename: str,
    content_type: str,
    as_attachment: bool = True,
) -> HttpResponseBase:
    """The download response for a private file. Check permission *before* calling this.

    With ``PRIVATE_MEDIA_SERVER=nginx`` the answer is empty with ``X-Accel-Redirect`` to
    ``PRIVATE_MEDIA_INTERNAL_URL`` + the stored name (an ``internal`` location of nginx
    aliased to ``PRIVATE_MEDIA_ROOT``); with ``sendfile`` (Apache mod_xsendfile, lighttpd,
    Caddy) it is ``X-Sendfile`` with the absolute path; otherwise Django streams the file.

    Raises:
        Http404: there is no file, or it is missing from the storage.
    """
    if not file or not file.storage.exists(file.name):
        raise Http404
    server = settings.PRIVATE_MEDIA_SERVER
    response: HttpResponseBase
    if server == "nginx":
        response = HttpResponse(content_type=content_type)
        internal = settings.PRIVATE_MEDIA_INTERNAL_URL.rstrip("/")
        response["X-Accel-Redirect"] = f"{internal}/{quote(file.name)}"
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    elif server == "sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = file.path
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        response = FileResponse(
            file.open("rb"), as_attachment=as_attachment, filename=filename,
            content_type=content_type,
        )  # fmt: skip
    # Never kept by a shared cache: the next person asking may not be allowed to see it.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def generated_download(content: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    """A document made for this request (an agreement, a watermarked copy) as an
    attachment. Check permission *before* calling this. Like a private file, it is never
    kept by a shared cache and never sniffed."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def private_file_delete(file: FieldFile) -> None:
    """Remove the stored file (a missing one is fine) and clear the field (not saved)."""
    if file:
        file.storage.delete(file.name)
    file.name = ""


def delete_files_with_rows(model: type[Model], *field_names: str) -> None:
    """Delete a model's private files when its rows are deleted, cascades included.

    Called once from the owning app's ``AppConfig.ready``. The file goes after the
    commit, so a rolled-back delete keeps it.
    """

    def remove(sender, instance, **kwargs) -> None:
        for name in field_names:
            file = getattr(instance, name)
            if file:
                storage, stored = file.storage, file.name
                transaction.on_commit(lambda s=storage, n=stored: s.delete(n))

    post_delete.connect(remove, sender=model, weak=False, dispatch_uid=f"private-files-{model}")
