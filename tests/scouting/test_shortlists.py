"""Shortlists: a studio's scouts keep listed series with a status and private notes."""

import re
from urllib.parse import unquote

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import Conflict
from core.models import AuditEntry
from scouting.models import ShortlistEntry, ShortlistEntryStatus, ShortlistNote
from scouting.services.listings import listing_unlist
from scouting.services.shortlists import (
    entry_add,
    entry_remove,
    entry_status_set,
    note_add,
    note_delete,
    shortlist_create,
    shortlist_delete,
    shortlist_rename,
)
from tests.scouting.support import heritage_series, listed, studio_scout
from tests.support.factories import OrganisationFactory, UserFactory, add_collaborator, member_of
from tests.support.openapi import _schema

pytestmark = pytest.mark.django_db


def studio_and_scout():
    studio = OrganisationFactory(kind="studio")
    return studio, studio_scout(studio)


def shortlisted(**choices):
    """A studio's scout with a shortlist holding one listed series (with a co-writer)."""
    studio, scout = studio_and_scout()
    series = heritage_series()
    cowriter = add_collaborator(series)
    listing = listed(series, **choices)
    from scouting.services.listings import consent_give

    consent_give(actor=cowriter, listing=listing)
    shortlist = shortlist_create(actor=scout, studio=studio, name="春季片单")
    entry = entry_add(actor=scout, shortlist=shortlist, listing=listing)
    return studio, scout, shortlist, entry


# --- Services -----------------------------------------------------------------------------


def test_a_scout_keeps_a_shortlist_for_the_studio_and_colleagues_share_it():
    studio, scout, shortlist, entry = shortlisted()
    colleague = studio_scout(studio)

    entry_status_set(actor=colleague, entry=entry, status=ShortlistEntryStatus.READING)
    note = note_add(actor=colleague, entry=entry, body="第二集的**反转**很好。")

    entry.refresh_from_db()
    assert entry.status == "reading" and entry.added_by == scout
    assert note.author == colleague
    assert AuditEntry.objects.filter(action="scouting.shortlist_entry.reading").count() == 1


def test_setting_the_status_it_has_is_refused_and_an_unknown_one_too():
    _studio, scout, _shortlist, entry = shortlisted()

    with pytest.raises(Conflict):
        entry_status_set(actor=scout, entry=entry, status=ShortlistEntryStatus.NEW)
    with pytest.raises(ValidationError):
        entry_status_set(actor=scout, entry=entry, status="signed")
    entry_status_set(actor=scout, entry=entry, status=ShortlistEntryStatus.PASSED)
    entry_status_set(actor=scout, entry=entry, status=ShortlistEntryStatus.DISCUSSING)
    entry.refresh_from_db()
    assert entry.status == "discussing"


def test_names_are_unique_in_a_studio_and_required():
    studio, scout = studio_and_scout()
    shortlist_create(actor=scout, studio=studio, name="非遗")
    with pytest.raises(ValidationError) as error:
        shortlist_create(actor=scout, studio=studio, name="非遗")
    assert "name" in error.value.message_dict
    with pytest.raises(ValidationError):
        shortlist_create(actor=scout, studio=studio, name="  ")
    other = OrganisationFactory(kind="studio")
    shortlist_create(actor=studio_scout(other), studio=other, name="非遗")  # another studio


def test_only_a_listed_series_is_added_and_only_once():
    studio, scout, shortlist, entry = shortlisted()
    with pytest.raises(ValidationError):
        entry_add(actor=scout, shortlist=shortlist, listing=entry.listing)
    private = listed(heritage_series())
    listing_unlist(actor=private.series.owner, listing=private)
    with pytest.raises(ValidationError):
        entry_add(actor=scout, shortlist=shortlist, listing=private)


@pytest.mark.parametrize("who", ["writer", "scout of another studio", "staff", "studio member"])
def test_nobody_outside_the_studios_scouts_touches_a_shortlist(who):
    studio, _scout, shortlist, entry = shortlisted()
    person = {
        "writer": lambda: entry.listing.series.owner,
        "scout of another studio": lambda: studio_scout(),
        "staff": lambda: UserFactory(staff=True),
        "studio member": lambda: member_of(studio),
    }[who]()

    for attempt in (
        lambda: shortlist_rename(actor=person, shortlist=shortlist, name="x"),
        lambda: entry_status_set(actor=person, entry=entry, status="reading"),
        lambda: note_add(actor=person, entry=entry, body="x"),
        lambda: entry_remove(actor=person, entry=entry),
        lambda: shortlist_delete(actor=person, shortlist=shortlist),
        lambda: shortlist_create(actor=person, studio=studio, name="mine"),
    ):
        with pytest.raises(PermissionDenied):
            attempt()


def test_a_note_is_deleted_by_its_author_only():
    studio, scout, _shortlist, entry = shortlisted()
    note = note_add(actor=scout, entry=entry, body="值得一读")
    with pytest.raises(PermissionDenied):
        note_delete(actor=studio_scout(studio), note=note)
    note_delete(actor=scout, note=note)
    assert not ShortlistNote.objects.exists()


def test_removing_and_deleting_keep_the_trail():
    _studio, scout, shortlist, entry = shortlisted()
    note_add(actor=scout, entry=entry, body="x")
    entry_remove(actor=scout, entry=entry)
    assert not ShortlistNote.objects.exists()
    shortlist_rename(actor=scout, shortlist=shortlist, name="秋季片单")
    shortlist_delete(actor=scout, shortlist=shortlist)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "scouting.shortlist_created", "scouting.shortlist_entry_added",
        "scouting.shortlist_entry_removed", "scouting.shortlist_renamed",
        "scouting.shortlist_deleted", "scouting.shortlist_note_added",
    } <= actions  # fmt: skip


# --- Pages --------------------------------------------------------------------------------


def test_the_shortlist_page_shows_entries_notes_and_filters_by_status(client):
    _studio, scout, shortlist, entry = shortlisted()
    note_add(actor=scout, entry=entry, body="<script>alert(1)</script> **好**")
    scout.language = "en"
    scout.save()
    client.force_login(scout)

    page = client.get(f"/scouting/shortlists/{shortlist.pk}/").content.decode()
    assert "竹编少年" in page and "外卖小哥" in page
    assert "<strong>好</strong>" in page and "<script>alert(1)" not in page
    assert "Add a note" in page

    filtered = client.get(f"/scouting/shortlists/{shortlist.pk}/", {"status": "passed"})
    assert "竹编少年" not in filtered.content.decode()


def test_an_unlisted_series_stays_on_the_shortlist_showing_nothing(client):
    _studio, scout, shortlist, entry = shortlisted()
    note_add(actor=scout, entry=entry, body="秘密笔记")
    listing_unlist(actor=entry.listing.series.owner, listing=entry.listing)
    scout.language = "en"
    scout.save()
    client.force_login(scout)

    page = client.get(f"/scouting/shortlists/{shortlist.pk}/").content.decode()

    assert ShortlistEntry.objects.filter(pk=entry.pk).exists()
    assert "No longer listed" in page
    assert "竹编少年" not in page and "外卖小哥" not in page and "秘密笔记" not in page
    response = client.post(
        f"/scouting/shortlists/{shortlist.pk}/entries/{entry.pk}/notes/", {"body": "x"}
    )
    assert response.status_code == 302 and ShortlistNote.objects.count() == 1


@pytest.mark.parametrize(
    "who, page, detail",
    [
        ("scout of the studio", 200, 200),
        ("scout of another studio", 200, 404),
        ("writer", 403, 404),
        ("co-writer", 403, 404),
        ("staff", 403, 404),
    ],
)
def test_the_access_matrix_of_the_pages(client, who, page, detail):
    studio, scout, shortlist, entry = shortlisted()
    person = {
        "scout of the studio": lambda: studio_scout(studio),
        "scout of another studio": lambda: studio_scout(),
        "writer": lambda: entry.listing.series.owner,
        "co-writer": lambda: entry.listing.series.collaborators.get().user,
        "staff": lambda: UserFactory(staff=True),
    }[who]()
    client.force_login(person)

    assert client.get("/scouting/shortlists/").status_code == page
    assert client.get(f"/scouting/shortlists/{shortlist.pk}/").status_code == detail
    action = client.post(f"/scouting/shortlists/{shortlist.pk}/entries/{entry.pk}/remove/")
    assert action.status_code == (302 if detail == 200 else 404)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    _studio, _scout, shortlist, _entry = shortlisted()
    response = client.get(f"/scouting/shortlists/{shortlist.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_scout_creates_a_shortlist_and_a_bad_name_keeps_what_was_typed(client):
    studio, scout = studio_and_scout()
    client.force_login(scout)

    created = client.post("/scouting/shortlists/", {"name": "夏季", "studio": studio.pk})
    assert created.status_code == 302
    refused = client.post("/scouting/shortlists/", {"name": "夏季", "studio": studio.pk})
    assert refused.status_code == 422
    assert 'value="夏季"' in refused.content.decode()
    assert refused.context["form"].errors["name"]


def test_adding_from_the_search_page(client):
    studio, scout = studio_and_scout()
    listing = listed(heritage_series())
    shortlist = shortlist_create(actor=scout, studio=studio, name="片单")
    client.force_login(scout)

    search = client.get("/scouting/", {"q": "非遗"}).content.decode()
    # One form holds the shortlist to add to; each result's button submits it with its
    # own series (the button's form attribute).
    form = re.search(r'<form method="post" action="/scouting/shortlists/add/" id="(\S+)".*?</form>',
                     search, re.S)  # fmt: skip
    assert form and 'name="shortlist"' in form.group() and "csrfmiddlewaretoken" in form.group()
    assert f'form="{form.group(1)}" name="listing" value="{listing.pk}"' in search

    response = client.post(
        "/scouting/shortlists/add/",
        {"listing": listing.pk, "shortlist": shortlist.pk, "next": "/scouting/?q=非遗"},
    )
    assert response.status_code == 302
    assert unquote(response["Location"]) == "/scouting/?q=非遗"
    assert shortlist.entries.get().listing == listing
    again = client.post(
        "/scouting/shortlists/add/",
        {"listing": listing.pk, "shortlist": shortlist.pk, "next": "https://evil.example/"},
    )
    assert again["Location"] == f"/scouting/shortlists/{shortlist.pk}/"
    assert shortlist.entries.count() == 1


def test_a_scout_of_another_studio_cannot_add_to_the_shortlist(client):
    _studio, _scout, shortlist, _entry = shortlisted()
    client.force_login(studio_scout())
    other = listed(heritage_series())

    response = client.post(
        "/scouting/shortlists/add/", {"listing": other.pk, "shortlist": shortlist.pk}
    )

    assert response.status_code == 404 and shortlist.entries.count() == 1


def test_status_and_notes_from_the_page(client):
    _studio, scout, shortlist, entry = shortlisted()
    client.force_login(scout)
    base = f"/scouting/shortlists/{shortlist.pk}/entries/{entry.pk}"

    assert client.post(f"{base}/status/", {"status": "offer_made"}).status_code == 302
    entry.refresh_from_db()
    assert entry.status == "offer_made"
    empty = client.post(f"{base}/notes/", {"body": ""})
    assert empty.status_code == 422
    long = "长" * 5001
    too_long = client.post(f"{base}/notes/", {"body": long})
    assert too_long.status_code == 422 and long in too_long.content.decode()
    assert client.post(f"{base}/notes/", {"body": "好"}).status_code == 302
    note = ShortlistNote.objects.get()
    assert client.post(f"{base}/notes/{note.pk}/delete/").status_code == 302
    assert not ShortlistNote.objects.exists()


def _cards_drawn(response) -> int:
    return sum(t.name == "scouting/partials/shortlist_entry.html" for t in response.templates)


def test_the_cards_are_kept_as_html_and_follow_every_change_they_show(client):
    from decimal import Decimal

    from scouting.models import Listing

    studio, scout, shortlist, entry = shortlisted()
    colleague = studio_scout(studio)
    note_add(actor=colleague, entry=entry, body="同事的笔记")
    client.force_login(scout)
    url = f"/scouting/shortlists/{shortlist.pk}/"

    first = client.get(url)
    assert _cards_drawn(first) == 1
    again = client.get(url)
    assert _cards_drawn(again) == 0  # answered from the cache
    assert "同事的笔记" in again.content.decode()

    def page() -> str:
        return client.get(url).content.decode()

    entry_status_set(actor=scout, entry=entry, status="discussing")
    assert '<option value="discussing" selected>' in page()
    mine = note_add(actor=scout, entry=entry, body="我的笔记")
    shown = page()
    assert "我的笔记" in shown
    delete_mine = f"/entries/{entry.pk}/notes/{mine.pk}/delete/"
    assert delete_mine in shown  # only the author's own notes have the button
    assert f"/notes/{entry.notes.get(author=colleague).pk}/delete/" not in shown
    Listing.objects.filter(pk=entry.listing_id).update(title="竹编少年·新版", score=Decimal("8.5"))
    shown = page()
    assert "竹编少年·新版" in shown and "8.5" in shown
    colleague.display_name_zh = "改名的同事"
    colleague.save()
    assert "改名的同事" in page()
    scout.language = "en"
    scout.save()
    assert "Add a note" in page()

    # The colleague's own view of the same card: their note has the button, the scout's not.
    client.force_login(colleague)
    theirs = client.get(url).content.decode()
    assert delete_mine not in theirs
    assert f"/notes/{entry.notes.get(author=colleague).pk}/delete/" in theirs


def test_kept_cards_hold_no_token_and_the_page_gives_each_reader_theirs(client, monkeypatch):
    from django.test import Client

    from core import fragments

    kept: dict[str, str] = {}
    set_many = fragments.cache.set_many
    monkeypatch.setattr(
        fragments.cache,
        "set_many",
        lambda data, timeout: kept.update(data) or set_many(data, timeout),
    )
    _studio, scout, shortlist, entry = shortlisted()
    note_add(actor=scout, entry=entry, body="笔记")
    careful = Client(enforce_csrf_checks=True)
    careful.force_login(scout)
    page = careful.get(f"/scouting/shortlists/{shortlist.pk}/").content.decode()

    assert kept and all("csrfmiddlewaretoken" not in html for html in kept.values())
    assert all("<csrf-slot>" in html for html in kept.values())
    assert "<csrf-slot>" not in page
    token = re.search(
        rf'action="/scouting/shortlists/{shortlist.pk}/entries/{entry.pk}/status/"[^>]*>'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">',
        page,
    )
    assert token is not None
    changed = careful.post(
        f"/scouting/shortlists/{shortlist.pk}/entries/{entry.pk}/status/",
        {"status": "reading", "csrfmiddlewaretoken": token.group(1)},
    )
    assert changed.status_code == 302
    entry.refresh_from_db()
    assert entry.status == "reading"


def test_a_note_with_errors_is_drawn_afresh_with_what_was_typed(client):
    _studio, scout, shortlist, entry = shortlisted()
    client.force_login(scout)
    client.get(f"/scouting/shortlists/{shortlist.pk}/")  # the card is now kept
    long = "长" * 5001
    refused = client.post(
        f"/scouting/shortlists/{shortlist.pk}/entries/{entry.pk}/notes/", {"body": long}
    )
    assert refused.status_code == 422 and _cards_drawn(refused) == 1
    assert long in refused.content.decode()
    # The next plain view is the kept card again, with an empty note form.
    after = client.get(f"/scouting/shortlists/{shortlist.pk}/")
    assert _cards_drawn(after) == 0 and long not in after.content.decode()


def test_the_writer_never_sees_the_notes_anywhere(client):
    _studio, scout, _shortlist, entry = shortlisted()
    note_add(actor=scout, entry=entry, body="秘密笔记")
    writer = entry.listing.series.owner
    client.force_login(writer)

    for url in (
        f"/scouting/series/{entry.listing.series_id}/",
        f"/series/{entry.listing.series_id}/",
    ):
        assert "秘密笔记" not in client.get(url).content.decode()


# --- API ----------------------------------------------------------------------------------


def test_the_api_mirrors_the_pages(api_client):
    studio, scout = studio_and_scout()
    listing = listed(heritage_series())
    api_client.force_authenticate(scout)

    created = api_client.post("/api/v1/scouting/shortlists/", {"name": "片单"}, format="json")
    assert created.status_code == 201
    pk = created.json()["id"]
    entry = api_client.post(
        f"/api/v1/scouting/shortlists/{pk}/entries/", {"listing": listing.pk}, format="json"
    )
    assert entry.status_code == 201 and entry.json()["listing"]["title"] == "竹编少年"
    entry_pk = entry.json()["id"]
    base = f"/api/v1/scouting/shortlists/{pk}/entries/{entry_pk}/"
    moved = api_client.patch(base, {"status": "reading"}, format="json")
    assert moved.json()["status"] == "reading"
    assert api_client.patch(base, {"status": "reading"}, format="json").status_code == 409
    note = api_client.post(f"{base}notes/", {"body": "<b>x</b> *好*"}, format="json")
    assert note.status_code == 201 and "<b>" not in note.json()["body_html"]

    detail = api_client.get(f"/api/v1/scouting/shortlists/{pk}/", {"status": "reading"}).json()
    assert [e["id"] for e in detail["entries"]] == [entry_pk]
    assert (
        api_client.get(f"/api/v1/scouting/shortlists/{pk}/", {"status": "passed"}).json()["entries"]
        == []
    )
    listing_unlist(actor=listing.series.owner, listing=listing)
    gone = api_client.get(f"/api/v1/scouting/shortlists/{pk}/").json()["entries"][0]
    assert gone["still_listed"] is False and gone["listing"] is None and gone["notes"] == []

    renamed = api_client.patch(f"/api/v1/scouting/shortlists/{pk}/", {"name": "新"}, format="json")
    assert renamed.json()["name"] == "新"
    assert api_client.get("/api/v1/scouting/shortlists/").json()["count"] == 1
    note_pk = note.json()["id"]
    assert api_client.delete(f"{base}notes/{note_pk}/").status_code == 204
    assert api_client.delete(base).status_code == 204
    assert api_client.delete(f"/api/v1/scouting/shortlists/{pk}/").status_code == 204


def test_the_api_refuses_bad_input_with_the_field(api_client):
    _studio, scout, shortlist, entry = shortlisted()
    api_client.force_authenticate(scout)

    assert (
        "name"
        in api_client.post(
            "/api/v1/scouting/shortlists/", {"name": "春季片单"}, format="json"
        ).json()["errors"]
    )
    bad = api_client.post(
        f"/api/v1/scouting/shortlists/{shortlist.pk}/entries/",
        {"listing": "99999999999999999999"},
        format="json",
    )
    assert bad.status_code == 400 and "listing" in bad.json()["errors"]
    status = api_client.patch(
        f"/api/v1/scouting/shortlists/{shortlist.pk}/entries/{entry.pk}/",
        {"status": "signed"},
        format="json",
    )
    assert status.status_code == 400 and "status" in status.json()["errors"]


@pytest.mark.parametrize(
    "who, code", [("scout of another studio", 404), ("writer", 404), ("staff", 404)]
)
def test_the_api_answers_404_to_everyone_outside_the_studio(api_client, who, code):
    _studio, _scout, shortlist, entry = shortlisted()
    person = {
        "scout of another studio": studio_scout,
        "writer": lambda: entry.listing.series.owner,
        "staff": lambda: UserFactory(staff=True),
    }[who]()
    api_client.force_authenticate(person)

    assert api_client.get(f"/api/v1/scouting/shortlists/{shortlist.pk}/").status_code == code
    assert (
        api_client.post(
            f"/api/v1/scouting/shortlists/{shortlist.pk}/entries/{entry.pk}/notes/",
            {"body": "x"},
            format="json",
        ).status_code
        == code
    )


def test_the_api_answers_401_to_anonymous_callers(api_client):
    _studio, _scout, shortlist, _entry = shortlisted()
    assert api_client.get(f"/api/v1/scouting/shortlists/{shortlist.pk}/").status_code == 401
    assert api_client.get("/api/v1/scouting/shortlists/").status_code == 401


def test_the_schema_names_every_shortlist_operation():
    _components, routes = _schema()
    operation_ids = {
        operation["operationId"]
        for _pattern, operations in routes
        for operation in operations.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    assert {
        "scouting_shortlists_list", "scouting_shortlist_create", "scouting_shortlist_read",
        "scouting_shortlist_rename", "scouting_shortlist_delete", "scouting_shortlist_entry_add",
        "scouting_shortlist_entry_status", "scouting_shortlist_entry_remove",
        "scouting_shortlist_note_add", "scouting_shortlist_note_delete",
    } <= operation_ids  # fmt: skip


def test_a_long_shortlist_is_shown_a_page_at_a_time(client):
    from scouting.views.shortlists import ENTRIES_PER_PAGE

    scout = studio_scout()
    studio = scout.memberships.get().organisation
    shortlist = shortlist_create(actor=scout, studio=studio, name="长名单")
    for number in range(ENTRIES_PER_PAGE + 1):
        entry_add(
            actor=scout, shortlist=shortlist, listing=listed(heritage_series(title=f"剧{number}"))
        )
    client.force_login(scout)
    first = client.get(f"/scouting/shortlists/{shortlist.pk}/")
    second = client.get(f"/scouting/shortlists/{shortlist.pk}/", {"page": 2})
    assert len(first.context["entries"]) == ENTRIES_PER_PAGE
    assert [e.listing.title for e in second.context["entries"]] == ["剧0"]  # the oldest
    assert "page=2" in first.content.decode()


def test_a_deleted_accounts_entries_and_notes_stay_on_the_page(client):
    studio, scout, shortlist, entry = shortlisted()
    colleague = studio_scout(studio)
    note_add(actor=colleague, entry=entry, body="离职前的笔记")
    entry_add(actor=colleague, shortlist=shortlist, listing=listed(heritage_series(title="旧条目")))
    colleague.delete()  # their entries and notes lose their name, not their place
    client.force_login(scout)

    page = client.get(f"/scouting/shortlists/{shortlist.pk}/")
    assert page.status_code == 200
    assert "离职前的笔记" in page.content.decode() and "旧条目" in page.content.decode()
