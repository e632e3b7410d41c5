"""Exported files are private: out of public media, unguessable, served after a permission
check on every download, expired and deleted in time."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.http import Http404
from django.test import RequestFactory, override_settings
from django.utils import timezone
from django.views.static import serve

from core.models import AuditEntry
from scripts_app.models import Collaborator, ExportJob
from scripts_app.services.series import series_delete
from scripts_app.tasks import purge_expired_exports
from tests.support.factories import UserFactory, add_collaborator, make_series

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_media(settings, tmp_path):
    # A public media folder of its own: files left by earlier runs (or by the code before
    # this fix) must not decide what these tests see.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(run_on_commit):
    """A series with every kind of person, and an export its owner made."""
    series = make_series(title="法槌之下")
    people = {
        "stranger": UserFactory(),
        "reader": add_collaborator(series, role="reader"),
        "cowriter": add_collaborator(series, role="cowriter"),
        "owner": series.owner,
        "staff": UserFactory(staff=True, is_superuser=True),
    }
    from scripts_app.services.transfer import export_request

    with run_on_commit():
        job = export_request(
            actor=series.owner, series=series, revision=series.head, format="fountain"
        )
    job.refresh_from_db()
    return series, people, job


def _urls(job: ExportJob) -> tuple[str, str]:
    return (
        f"/scripts/{job.series_id}/exports/{job.pk}/download/",
        f"/api/v1/series/{job.series_id}/exports/{job.pk}/download/",
    )


def _old_public_name(job: ExportJob) -> str:
    """Where the file used to be written, and served from /media/."""
    return (
        f"exports/{job.created_at:%Y}/{job.created_at:%m}/法槌之下-r{job.revision.number}.fountain"
    )


def _media_serve(path: str):
    """What `DEBUG` serves at /media/<path> (config/urls.py)."""
    return serve(RequestFactory().get(f"/media/{path}"), path, document_root=settings.MEDIA_ROOT)


@pytest.mark.parametrize("who", ["stranger", "reader", "cowriter", "staff"])
def test_nobody_but_the_requester_downloads_an_export(client, api_client, world, who):
    _series, people, job = world
    page, api = _urls(job)
    client.force_login(people[who])
    api_client.force_authenticate(people[who])

    assert client.get(page).status_code == 404
    assert api_client.get(api).status_code == 404
    for path in (job.file.name, _old_public_name(job)):
        with pytest.raises(Http404):
            _media_serve(path)


def test_anonymous_visitors_are_sent_to_sign_in(client, api_client, world):
    _series, _people, job = world
    page, api = _urls(job)

    assert client.get(page).status_code == 302
    assert api_client.get(api).status_code == 401
    for path in (job.file.name, _old_public_name(job)):
        with pytest.raises(Http404):
            _media_serve(path)


def test_the_requester_downloads_under_a_readable_name_never_cached(client, api_client, world):
    series, people, job = world
    page, api = _urls(job)
    client.force_login(people["owner"])
    api_client.force_authenticate(people["owner"])

    for response in (client.get(page), api_client.get(api)):
        assert response.status_code == 200
        assert "%E6%B3%95%E6%A7%8C%E4%B9%8B%E4%B8%8B-r1.fountain" in response["Content-Disposition"]
        assert response["Cache-Control"] == "private, no-store"
        assert "林晚" in b"".join(response.streaming_content).decode()


def test_the_file_is_private_and_its_name_cannot_be_guessed(world):
    series, _people, job = world
    path = Path(job.file.path).resolve()

    assert path.is_file()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    stored = Path(job.file.name).stem
    assert "法槌" not in job.file.name and "-r1" not in job.file.name and len(stored) >= 32
    with pytest.raises(ValueError, match="no URL"):
        job.file.url  # noqa: B018 - the property itself must refuse


def test_a_reader_downloads_their_own_export_until_they_lose_access(client, run_on_commit):
    series = make_series()
    reader = add_collaborator(series, role="reader")
    client.force_login(reader)
    with run_on_commit():
        client.post(f"/scripts/{series.pk}/export/", {"format": "fdx"})
    job = ExportJob.objects.get()
    page, _api = _urls(job)
    assert client.get(page).status_code == 200

    Collaborator.objects.filter(user=reader).delete()

    assert client.get(page).status_code == 404


def test_an_expired_file_is_refused_then_deleted_by_the_periodic_task(client, api_client, world):
    _series, people, job = world
    page, api = _urls(job)
    path = Path(job.file.path)
    assert job.expires_at > timezone.now() + timedelta(
        hours=settings.EXPORT_FILE_LIFETIME_HOURS - 1
    )
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client.force_login(people["owner"])
    api_client.force_authenticate(people["owner"])

    assert client.get(page).status_code == 404
    assert api_client.get(api).status_code == 404
    detail = api_client.get(f"/api/v1/series/{job.series_id}/exports/{job.pk}/").json()
    assert detail["download_url"] is None
    assert (
        "此文件已过期" in client.get(f"/scripts/{job.series_id}/exports/{job.pk}/").content.decode()
    )

    assert purge_expired_exports.delay().get() == 1

    job.refresh_from_db()
    assert not job.file and not path.exists()
    assert AuditEntry.objects.filter(action="series.export_file_deleted").count() == 1
    assert purge_expired_exports.delay().get() == 0


def test_the_purge_is_scheduled_with_the_other_periodic_tasks():
    from config.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}

    assert "scripts_app.tasks.purge_expired_exports" in tasks


def test_deleting_the_series_deletes_its_export_files(world, django_capture_on_commit_callbacks):
    series, people, job = world
    path = Path(job.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        series_delete(actor=people["owner"], series=series)

    assert not path.exists()


@pytest.mark.parametrize(
    ("server", "header"), [("nginx", "X-Accel-Redirect"), ("sendfile", "X-Sendfile")]
)
def test_a_front_server_can_send_the_bytes_after_the_check(client, world, server, header):
    _series, people, job = world
    page, _api = _urls(job)
    client.force_login(people["owner"])

    with override_settings(PRIVATE_MEDIA_SERVER=server):
        response = client.get(page)
        client.force_login(people["stranger"])
        stranger = client.get(page)

    assert response.status_code == 200 and response.content == b""
    if server == "nginx":
        assert response[header] == f"/_private/{job.file.name}"
    else:
        assert response[header] == job.file.path
    assert "attachment" in response["Content-Disposition"]
    assert stranger.status_code == 404 and header not in stranger


def test_the_admin_links_to_the_checked_download_not_to_media(client, world):
    _series, people, job = world
    client.force_login(people["staff"])

    html = client.get(f"/admin/scripts_app/exportjob/{job.pk}/change/").content.decode()

    assert f"/scripts/{job.series_id}/exports/{job.pk}/download/" in html
    assert "/media/" not in html and job.file.name not in html
    assert client.get(f"/scripts/{job.series_id}/exports/{job.pk}/download/").status_code == 404


def test_an_export_request_is_audited(api_client, run_on_commit):
    series = make_series()
    api_client.force_authenticate(series.owner)

    with run_on_commit():
        api_client.post(f"/api/v1/series/{series.pk}/exports/", {"format": "docx"}, format="json")

    entry = AuditEntry.objects.get(action="series.export_requested")
    assert entry.actor == series.owner and entry.target_id == str(series.pk)
    assert entry.data["format"] == "docx" and entry.data["revision"] == 1
    finished = AuditEntry.objects.get(action="series.export_finished")
    assert finished.data["status"] == "done" and finished.target_id == str(series.pk)


def test_the_migration_moves_files_written_before_out_of_public_media(world):
    import importlib

    from django.apps import apps
    from django.core.files.storage import FileSystemStorage

    series, _people, job = world
    public = FileSystemStorage(location=settings.MEDIA_ROOT)
    old = public.save(_old_public_name(job), ContentFile(b"old export"))
    ExportJob.objects.filter(pk=job.pk).update(file=old, expires_at=None)
    migration = importlib.import_module(
        "scripts_app.migrations.0004_private_exports_reader_exports"
    )

    migration.move_exports_out_of_public_media(apps, None)

    job.refresh_from_db()
    assert not public.exists(old)
    assert job.file.name.startswith("exports/") and "法槌" not in job.file.name
    assert job.file.read() == b"old export" and job.expires_at is not None
