"""A writer downloads their whole record; it verifies offline; it holds nothing private of
anyone else; only its owner gets it; it expires."""

import importlib.util
import io
import json
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import RoleGrant
from registry.canonical import canonical_sha256, canonical_text
from registry.chain import canonical_fields, entry_hash
from registry.models import RecordExport, RecordExportStatus, RegistrationAuthor
from registry.record.sections import register_record_section
from registry.services.record import record_export_request, record_exports_purge
from registry.services.registration import (
    AuthorChoice,
    registration_answer,
    registration_request,
)
from reviews.services.reviewing import line_note_add, note_reply, review_save
from scripts_app.document import parse
from scripts_app.document.model import to_json
from scripts_app.services.comments import comment_create
from scripts_app.services.revisions import revision_save
from tests.support.factories import (
    ZH_TWO_EPISODES,
    UserFactory,
    add_collaborator,
    full_scores,
    make_series,
    review_request,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VERIFY = ROOT / "registry" / "record" / "files" / "verify.py"


def _verifier():
    spec = importlib.util.spec_from_file_location("record_verify", VERIFY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


verifier = _verifier()


def register(series, actor=None, **kwargs):
    return registration_request(
        actor=actor or series.owner,
        series=series,
        revision=series.head,
        authors=kwargs.pop("authors", []),
        **kwargs,
    ).entry


def export_of(user, run_on_commit) -> RecordExport:
    with run_on_commit():
        export = record_export_request(actor=user)
    export.refresh_from_db()
    assert export.status == RecordExportStatus.DONE, export.error
    return export


def unpack(export, where: Path) -> Path:
    with export.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        archive.extractall(where)
    return where


def zip_text(export) -> str:
    with export.file.open("rb") as handle, zipfile.ZipFile(handle) as archive:
        return "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist())


def run_verify(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-I", str(folder / "registry" / "verify.py"), str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=folder,
    )


# --- the stand-alone verifier agrees with the platform ------------------------------------


def test_the_verifier_imports_nothing_but_the_standard_library():
    source = VERIFY.read_text(encoding="utf-8")
    imported = {
        line.split()[1].split(".")[0]
        for line in source.splitlines()
        if line.startswith(("import ", "from "))
    }
    assert imported <= set(sys.stdlib_module_names)


def test_the_verifier_hashes_entries_exactly_as_the_chain_does():
    entries = [register(make_series()) for _ in range(2)]
    writer = UserFactory(display_name_zh="林晚·测试", display_name_en='Lin "Wan" \\ Test')
    series = make_series(owner=writer, title="标题 with “quotes” & \\ slashes")
    entries.append(
        register(series, rights_basis="licensed", source_work="《原著》", licensor="某出版社")
    )

    for entry in entries:
        fields = json.loads(json.dumps(canonical_fields(entry), ensure_ascii=False))
        assert verifier.entry_hash(fields) == entry_hash(entry) == entry.entry_hash


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab 林\t\u3000\r\n\ufeff\x00\x85\u00e9e\u0301\uff21"))
        | st.characters(),
        max_size=60,
    )
)
def test_the_verifier_computes_canonical_text_exactly_as_the_registry_does(text):
    assert verifier.canonical_text(text) == canonical_text(text)
    assert verifier.canonical_sha256(text) == canonical_sha256(text)


# --- an export verifies offline, and tampering is caught ------------------------------------


@pytest.fixture
def chained_world(run_on_commit):
    """A writer with two registered series among other people's entries, some named
    publicly and some not, and a later head."""
    writer = UserFactory(display_name_zh="陈思远", display_name_en="Chen Siyuan")
    first = make_series(owner=writer, title="法槌之下")
    revision_save(
        actor=writer, series=first, text=ZH_TWO_EPISODES + "\n第3集 尾声\n", base=first.head
    )
    first.refresh_from_db()
    register(first)
    secret_author = UserFactory(display_name_zh="隐名作者", display_name_en="Hidden Author")
    register(make_series(owner=secret_author, title="别人的戏"))
    shown = UserFactory(display_name_zh="公开作者", display_name_en="Public Author")
    register(make_series(owner=shown), authors=[AuthorChoice(user=shown, show_publicly=True)])
    co_written = make_series(owner=UserFactory(), title="合写")
    add_collaborator_existing(co_written, writer)
    with run_on_commit():
        pending = registration_request(
            actor=co_written.owner, series=co_written, revision=co_written.head,
            authors=[AuthorChoice(user=writer)],
        )  # fmt: skip
    registration_answer(actor=writer, registration=pending, consent=True)
    # Named on entry 4, then taken off the series: the registered text still comes along.
    co_written.collaborators.filter(user=writer).delete()
    register(make_series(owner=secret_author, title="更晚的戏"))
    return writer, secret_author


def add_collaborator_existing(series, user):
    from scripts_app.models import Collaborator

    Collaborator.objects.create(series=series, user=user, role="cowriter", added_by=series.owner)


def test_an_export_verifies_offline_with_the_script_alone(chained_world, run_on_commit, tmp_path):
    writer, _secret = chained_world
    folder = unpack(export_of(writer, run_on_commit), tmp_path)

    result = run_verify(folder)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "All" in result.stdout and "FAIL" not in result.stdout
    proofs = json.loads((folder / "registry" / "proofs.json").read_text())
    assert [e["number"] for e in proofs["entries"]] == [1, 4]
    assert proofs["head"]["number"] == 5
    segment = [json.loads(line) for line in (folder / "registry/segment.jsonl").open()]
    assert [line["number"] for line in segment] == [1, 2, 3, 4, 5]
    # Hidden authors' entries give only the link; a fully public one gives its fields.
    assert "fields" not in segment[1] and "fields" not in segment[4]
    assert segment[2]["fields"]["authors"][0]["name_en"] == "Public Author"
    assert proofs["entries"][1]["text_file"] == "registry/texts/4.txt"


def test_the_verifier_also_reads_the_zip_itself(chained_world, run_on_commit, tmp_path):
    writer, _secret = chained_world
    export = export_of(writer, run_on_commit)
    folder = unpack(export, tmp_path / "unpacked")
    archive = tmp_path / "record.zip"
    with export.file.open("rb") as handle:
        archive.write_bytes(handle.read())

    result = subprocess.run(
        [sys.executable, "-I", str(folder / "registry/verify.py"), str(archive)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout


def test_a_changed_word_in_a_registered_text_fails_verification(
    chained_world, run_on_commit, tmp_path
):
    writer, _secret = chained_world
    folder = unpack(export_of(writer, run_on_commit), tmp_path)
    proofs = json.loads((folder / "registry/proofs.json").read_text())
    text_file = folder / proofs["entries"][0]["text_file"]
    text_file.write_text(text_file.read_text().replace("林晚", "林早"), encoding="utf-8")

    result = run_verify(folder)

    assert result.returncode == 1
    assert "matches the registered content hash" in result.stdout and "FAIL" in result.stdout


def test_a_text_saved_again_with_windows_line_endings_still_verifies(
    chained_world, run_on_commit, tmp_path
):
    writer, _secret = chained_world
    folder = unpack(export_of(writer, run_on_commit), tmp_path)
    proofs = json.loads((folder / "registry/proofs.json").read_text())
    text_file = folder / proofs["entries"][0]["text_file"]
    text_file.write_bytes(b"\xef\xbb\xbf" + text_file.read_bytes().replace(b"\n", b"  \r\n"))
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"] = [
        f for f in manifest["files"] if f["path"] != proofs["entries"][0]["text_file"]
    ]
    (folder / "manifest.json").write_text(json.dumps(manifest))

    result = run_verify(folder)

    assert result.returncode == 0, result.stdout


def test_an_altered_entry_fails_verification(chained_world, run_on_commit, tmp_path):
    writer, _secret = chained_world
    folder = unpack(export_of(writer, run_on_commit), tmp_path)
    path = folder / "registry/proofs.json"
    proofs = json.loads(path.read_text())
    proofs["entries"][0]["fields"]["title"] = "另一部戏"
    path.write_text(json.dumps(proofs, ensure_ascii=False))

    result = run_verify(folder)

    assert result.returncode == 1
    assert "FAIL  entry No. 1: its hash is recomputed" in result.stdout


def test_a_broken_link_in_the_segment_fails_verification(chained_world, run_on_commit, tmp_path):
    writer, _secret = chained_world
    folder = unpack(export_of(writer, run_on_commit), tmp_path)
    path = folder / "registry/segment.jsonl"
    lines = [json.loads(line) for line in path.open()]
    lines[1]["previous_hash"] = "f" * 64
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))

    result = run_verify(folder)

    assert result.returncode == 1
    assert "does not link to the one before it" in result.stdout


def test_an_export_without_registrations_verifies_trivially(run_on_commit, tmp_path):
    writer = make_series().owner
    folder = unpack(export_of(writer, run_on_commit), tmp_path)

    result = run_verify(folder)

    assert result.returncode == 0, result.stdout
    assert "nothing to verify" in result.stdout


# --- what is in it -------------------------------------------------------------------------


def test_every_series_and_revision_is_there_with_its_document_json(run_on_commit, tmp_path):
    series = make_series(title="三号窗口")
    writer = series.owner
    revision_save(actor=writer, series=series, text=ZH_TWO_EPISODES + "\n第3集\n", base=series.head)
    shared = make_series(title="共写的戏")
    add_collaborator_existing(shared, writer)
    folder = unpack(export_of(writer, run_on_commit), tmp_path)

    manifest = json.loads((folder / "manifest.json").read_text())
    assert sorted(s["title"] for s in manifest["series"]) == ["三号窗口", "共写的戏"]
    data = json.loads((folder / f"series/{series.pk}/series.json").read_text())
    assert [r["number"] for r in data["revisions"]] == [1, 2]
    assert data["your_role"] == "owner" and data["head_revision"] == 2
    schema = json.loads((folder / "schemas/document.schema.json").read_text())
    for revision in data["revisions"]:
        text = (folder / revision["text_file"]).read_text(encoding="utf-8")
        document = json.loads((folder / revision["document_file"]).read_text())
        jsonschema.Draft202012Validator(schema).validate(document)
        assert document == json.loads(json.dumps(to_json(parse(text, "zh")), ensure_ascii=False))
    assert (folder / "reviews/requests.json").exists()
    assert manifest["sections"]["reviews"]["requests"] == 0


def test_the_document_schema_in_docs_is_the_one_in_the_export():
    shipped = (ROOT / "registry/record/files/document.schema.json").read_bytes()
    assert (ROOT / "docs/document.schema.json").read_bytes() == shipped
    jsonschema.Draft202012Validator.check_schema(json.loads(shipped))


def test_the_fountain_samples_match_the_document_schema():
    schema = json.loads((ROOT / "docs/document.schema.json").read_text())
    samples = sorted((ROOT / "scripts_app/document/samples").glob("*"))
    assert samples
    for sample in samples:
        if sample.is_file():
            doc = to_json(parse(sample.read_bytes()))
            jsonschema.Draft202012Validator(schema).validate(json.loads(json.dumps(doc)))


def test_reviews_received_and_given_are_in_it_within_blindness(run_on_commit, tmp_path):
    for n in range(2):  # the peer pool
        UserFactory(
            roles=["writer"], display_name_zh=f"评审{n}号", display_name_en=f"Critic Number{n}"
        )
    series = make_series(title="盲审之作")
    writer = series.owner
    with run_on_commit():
        request = review_request(series, blindness="single", reviews_needed=2)
    assignments = list(request.assignments.order_by("position"))
    with run_on_commit():
        for assignment in assignments:
            note = line_note_add(
                actor=assignment.reviewer, assignment=assignment, line=5, body="这一句可以更狠。"
            )
            review_save(
                actor=assignment.reviewer,
                assignment=assignment,
                scores=full_scores(8),
                overall_comment="节奏很好。",
                submit=True,
            )
        note_reply(actor=writer, note=note, body="谢谢！")
    # The writer, in turn, mentors someone else's double-blind request.
    RoleGrant.objects.create(user=writer, role="mentor", verified_at=timezone.now())
    other_owner = UserFactory(display_name_zh="匿名编剧甲", display_name_en="Secret Writer")
    other = make_series(owner=other_owner, title="别人的盲审")
    with run_on_commit():
        theirs = review_request(
            other, kind="mentor", blindness="double", reviews_needed=1, mentor=writer
        )
        mine = theirs.assignments.get(reviewer=writer)
        given_note = line_note_add(actor=writer, assignment=mine, line=5, body="导师意见")
        review_save(
            actor=writer, assignment=mine, scores=full_scores(6), overall_comment="可以再改。",
            submit=True,
        )  # fmt: skip
        note_reply(actor=other_owner, note=given_note, body="编剧的回复")

    writer_folder = unpack(export_of(writer, run_on_commit), tmp_path / "writer")
    received = json.loads((writer_folder / "reviews/requests.json").read_text())["requests"]
    assert len(received) == 1 and len(received[0]["reviews"]) == 2
    assert {r["reviewer"] for r in received[0]["reviews"]} <= {
        "评审人 A",
        "评审人 B",
        "Reviewer A",
        "Reviewer B",
    }
    assert received[0]["line_notes"][0]["note"] == "这一句可以更狠。"
    text = zip_text(RecordExport.objects.filter(requested_by=writer).latest("created_at"))
    for assignment in assignments:
        person = assignment.reviewer
        for term in (person.display_name_zh, person.display_name_en, person.email):
            assert term not in text
    given = json.loads((writer_folder / "reviews/given.json").read_text())["reviews"]
    assert len(given) == 1 and given[0]["overall_comment"] == "可以再改。"
    assert given[0]["writer"] in ("匿名编剧", "Anonymous writer")
    assert given[0]["line_notes"][0]["replies"][0]["reply"] == "编剧的回复"
    for term in ("匿名编剧甲", "Secret Writer", other_owner.email):
        assert term not in text


def test_nothing_private_of_anyone_else_is_in_it(run_on_commit):
    writer = UserFactory(email="writer.self@example.com")
    mine = make_series(owner=writer, title="我的戏")
    stranger = UserFactory(
        display_name_zh="陌生人", display_name_en="Total Stranger", email="stranger@example.com"
    )
    make_series(
        owner=stranger, title="陌生人的私密剧本", text="第1集\n1-1 日 内 密室\n△绝密情节在此。\n"
    )
    # Someone who reads my series and comments on it.
    reader = add_collaborator(mine, role="reader", email="reader.person@example.com")
    comment_create(actor=reader, revision=mine.head, line=5, body="读者的私人评论")
    # A series I only read is not my work.
    theirs = make_series(owner=stranger, title="我只是读者")
    add_collaborator_existing_reader(theirs, writer)
    cowriter = add_collaborator(mine, email="cowriter.person@example.com")

    text = zip_text(export_of(writer, run_on_commit))

    assert "我的戏" in text and "writer.self@example.com" in text
    for private in ("陌生人的私密剧本", "绝密情节", "我只是读者", "读者的私人评论",
                    "stranger@example.com", "reader.person@example.com", cowriter.email):  # fmt: skip
        assert private not in text


def add_collaborator_existing_reader(series, user):
    from scripts_app.models import Collaborator

    Collaborator.objects.create(series=series, user=user, role="reader", added_by=series.owner)


def test_hidden_co_author_names_on_other_entries_stay_out(chained_world, run_on_commit):
    writer, secret = chained_world

    text = zip_text(export_of(writer, run_on_commit))

    assert "隐名作者" not in text and "Hidden Author" not in text
    assert "别人的戏" not in text  # the entry's fields are withheld with its names


# --- a section registered by an app above ---------------------------------------------------


def test_a_section_cannot_take_a_folder_of_the_registry():
    with pytest.raises(ValueError):
        register_record_section("registry", title="x", provide=lambda user, out: {})
    with pytest.raises(ValueError):
        register_record_section("../up", title="x", provide=lambda user, out: {})


# --- the job ---------------------------------------------------------------------------------


def test_asking_twice_while_one_runs_gives_the_same_export(user):
    first = record_export_request(actor=user)
    second = record_export_request(actor=user)

    assert first.pk == second.pk
    assert first.status == RecordExportStatus.QUEUED


def test_expired_files_are_deleted_and_the_row_stays(run_on_commit, user):
    export = export_of(user, run_on_commit)
    name = export.file.name
    storage = export.file.storage
    assert storage.exists(name)

    assert record_exports_purge(now=timezone.now() + timedelta(days=6)) == 0
    assert record_exports_purge(now=timezone.now() + timedelta(days=8)) == 1

    export.refresh_from_db()
    assert not storage.exists(name) and not export.file and not export.is_downloadable


def test_a_failed_build_ends_failed_not_stuck(user, run_on_commit, monkeypatch):
    def broken(user, out, progress=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr("registry.services.record.record_build", broken)
    with pytest.raises(RuntimeError), run_on_commit():
        record_export_request(actor=user)

    export = RecordExport.objects.get(requested_by=user)
    assert export.status == RecordExportStatus.FAILED and export.error == "disk full"


def test_the_manifest_lists_every_file_with_its_hash(run_on_commit, user):
    make_series(owner=user)
    export = export_of(user, run_on_commit)
    with export.file.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        listed = {f["path"] for f in manifest["files"]}
        assert listed | {"manifest.json"} == set(archive.namelist())
        import hashlib

        for item in manifest["files"]:
            assert hashlib.sha256(archive.read(item["path"])).hexdigest() == item["sha256"]
    assert RegistrationAuthor.objects.count() == 0
