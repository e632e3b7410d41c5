"""The whole record export, written into one zip (docs/record-export.md)."""

import zipfile
from collections.abc import Callable, Iterator
from importlib import resources
from typing import IO, Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from accounts.models import User
from registry.chain import format_time
from registry.models import RegistryEntry
from registry.record.proofs import own_entries, write_registry_proofs
from registry.record.sections import record_sections
from registry.record.writer import RecordWriter
from scripts_app.document import parse
from scripts_app.document.model import SCHEMA_VERSION, to_json
from scripts_app.models import Collaborator, CollaboratorRole, Revision, Series
from scripts_app.permissions import series_ids_of
from scripts_app.selectors import revision_texts
from scripts_app.text import strip_control_characters
from taxonomy.models import Term

EXPORT_FORMAT = "microdrama-record-export"
EXPORT_VERSION = 1
REVISION_BATCH = 25  # texts read at once: a few MB at most, whatever the history's length
DOCUMENT_SCHEMA = "schemas/document.schema.json"
_EXTENSIONS = {"fountain": "fountain", "zh": "txt"}

Progress = Callable[[int, int], None]


def series_written_by(user: User) -> QuerySet[Series]:
    """The series the person owns or co-writes (a reader's series are not their work)."""
    read_only = Collaborator.objects.filter(user_id=user.pk, role=CollaboratorRole.READER)
    return (
        Series.objects.filter(pk__in=series_ids_of(user))
        .exclude(pk__in=read_only.values("series_id"))
        .select_related("owner")
        .prefetch_related(Prefetch("themes", queryset=Term.objects.only("slug")))
        .prefetch_related(Prefetch("genres", queryset=Term.objects.only("slug")))
        .prefetch_related(Prefetch("audiences", queryset=Term.objects.only("slug")))
        .order_by("pk")
    )


def _text_path(series_id: int, revision: Revision) -> str:
    extension = _EXTENSIONS.get(revision.format, "txt")
    return f"series/{series_id}/revisions/{revision.number:04d}.{extension}"


def _revision_batches(series: Series) -> Iterator[list[Revision]]:
    after = 0
    while True:
        batch = list(
            Revision.objects.filter(series=series, number__gt=after)
            .select_related("author", "parent", "merge_parent")
            .order_by("number")[:REVISION_BATCH]
        )
        if not batch:
            return
        yield batch
        after = batch[-1].number


def _write_series(
    user: User, series: Series, writer: RecordWriter, step: Callable[[], None]
) -> tuple[dict[str, Any], dict[int, str]]:
    """Write one series' revisions (text and document JSON) and its `series.json`."""
    folder = f"series/{series.pk}"
    revisions = []
    text_files: dict[int, str] = {}
    head_number = None
    for batch in _revision_batches(series):
        texts = revision_texts(batch)
        for revision in batch:
            text = texts[revision.pk]
            text_path = writer.add_text(
                _text_path(series.pk, revision), text, media_type="text/plain", section="series"
            )
            doc = parse(strip_control_characters(text), revision.format)
            doc_path = writer.add_json(
                f"{folder}/revisions/{revision.number:04d}.document.json",
                to_json(doc),
                section="series",
            )
            text_files[revision.pk] = text_path
            if revision.pk == series.head_id:
                head_number = revision.number
            revisions.append(
                {
                    "number": revision.number,
                    "saved_at": format_time(revision.created_at),
                    "kind": revision.kind,
                    "format": revision.format,
                    "sha256": revision.sha256,
                    "parent": revision.parent.number if revision.parent else None,
                    "merge_parent": revision.merge_parent.number if revision.merge_parent else None,
                    "author": _person(user, revision.author),
                    "note": revision.note,
                    "milestone": revision.name,
                    "color": revision.color,
                    "stats": revision.stats,
                    "text_file": text_path,
                    "document_file": doc_path,
                }
            )
            step()
        del texts
    role = "owner" if series.owner_id == user.pk else "cowriter"
    data = {
        "id": series.pk,
        "title": series.title,
        "logline": series.logline,
        "synopsis": series.synopsis,
        "language": series.language,
        "format": series.format,
        "planned_episodes": series.planned_episodes,
        "target_episode_seconds": series.target_episode_seconds,
        "paywall_episode": series.paywall_episode,
        "themes": [term.slug for term in series.themes.all()],
        "genres": [term.slug for term in series.genres.all()],
        "audiences": [term.slug for term in series.audiences.all()],
        "ai_assistance": series.ai_assistance,
        "ai_note": series.ai_note,
        "visibility": series.visibility,
        "your_role": role,
        "owner": _person(user, series.owner),
        "created_at": format_time(series.created_at),
        "updated_at": format_time(series.updated_at),
        "head_revision": head_number,
        "revisions": revisions,
        "document_schema": DOCUMENT_SCHEMA,
    }
    writer.add_json(f"{folder}/series.json", data, section="series")
    summary = {
        "id": series.pk,
        "title": series.title,
        "your_role": role,
        "folder": folder,
        "revisions": len(revisions),
    }
    return summary, text_files


def _person(user: User, person: User | None) -> dict[str, Any] | None:
    """Someone named in the person's own work: display names only, never an address."""
    if person is None:
        return None
    return {
        "you": person.pk == user.pk,
        "display_name_zh": person.display_name_zh,
        "display_name_en": person.display_name_en,
    }


def _static_file(name: str) -> bytes:
    return resources.files("registry.record").joinpath("files", name).read_bytes()


def record_build(user: User, out: IO[bytes], *, progress: Progress | None = None) -> dict[str, Any]:
    """Write the person's whole record into `out` (a file opened for binary writing).

    Everything is streamed into the zip: revisions are read a batch at a time and the
    chain segment a chunk at a time, so memory stays bounded however long the history.

    Returns:
        The manifest (also written into the zip as `manifest.json`).
    """
    series_list = list(series_written_by(user))
    entries_count = len(own_entries(user))
    sections = record_sections()
    total = (
        Revision.objects.filter(series__in=[s.pk for s in series_list]).count()
        + entries_count
        + len(sections)
        + 1
    )
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    manifest: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "generated_at": format_time(timezone.now()),
        "site": str(settings.SITE_NAME),
        "language": get_language(),
        "account": {
            "id": user.pk,
            "email": user.email,
            "display_name_zh": user.display_name_zh,
            "display_name_en": user.display_name_en,
            "date_joined": format_time(user.date_joined),
        },
        "series": [],
        "registry": {},
        "sections": {},
        "schemas": {"document": DOCUMENT_SCHEMA, "document_schema_version": SCHEMA_VERSION},
        "files": [],
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        writer = RecordWriter(archive)
        writer.add_bytes("README.md", _static_file("README.md"), media_type="text/markdown")
        writer.add_bytes(
            DOCUMENT_SCHEMA, _static_file("document.schema.json"), media_type="application/json"
        )
        text_files: dict[int, str] = {}
        for series in series_list:
            summary, files = _write_series(user, series, writer, step)
            manifest["series"].append(summary)
            text_files.update(files)

        def write_registered_text(entry: RegistryEntry) -> str:
            # Named on the entry but no longer a writer of the series: the registered text
            # is still theirs to prove, so it comes along on its own.
            text = revision_texts([entry.revision])[entry.revision_id]
            path = f"registry/texts/{entry.number}.{_EXTENSIONS.get(entry.revision.format, 'txt')}"
            writer.add_text(path, text, section="registry")
            text_files[entry.revision_id] = path
            return path

        manifest["registry"] = write_registry_proofs(
            user, writer, text_files=text_files, write_text=write_registered_text, step=step
        )
        writer.add_bytes(
            "registry/verify.py", _static_file("verify.py"), media_type="text/x-python",
            section="registry",
        )  # fmt: skip
        writer.add_bytes(
            "registry/README.md", _static_file("VERIFY.md"), media_type="text/markdown",
            section="registry",
        )  # fmt: skip
        for section in sections:
            summary = section.provide(user, writer.section(section.key))
            manifest["sections"][section.key] = {"title": str(section.title), **summary}
            step()
        manifest["files"] = [entry.as_manifest() for entry in writer.files]
        writer.add_json("manifest.json", manifest, section="record")
        step()
    return manifest
