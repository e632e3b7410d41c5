"""A studio's shortlists (its scouts only): list and create, one shortlist's entries with
status and private notes (filter by status), add from search. Works without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import add_service_errors
from core.fragments import cached_fragments
from scouting import permissions, selectors
from scouting.forms import (
    EntryAddForm,
    EntryFilterForm,
    EntryStatusForm,
    NoteForm,
    ShortlistForm,
    ShortlistRenameForm,
)
from scouting.models import ShortlistEntryStatus
from scouting.services import shortlists as services

SHORTLISTS_SHOWN = 200
# A page of entries, each with its notes and two forms (50 made a 137 KB page).
ENTRIES_PER_PAGE = 25


@login_required
@require_http_methods(["GET", "POST"])
def shortlists(request):
    studios = permissions.scouting_studios(request.user).order_by("slug")
    if not permissions.can_search_listings(request.user):
        raise PermissionDenied
    form = ShortlistForm(request.POST or None, studios=studios)
    if request.method == "POST" and form.is_valid():
        try:
            shortlist = services.shortlist_create(
                actor=request.user,
                studio=form.cleaned_data["studio"],
                name=form.cleaned_data["name"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Shortlist created."))
            return redirect("scouting:shortlist", pk=shortlist.pk)
    return render(
        request,
        "scouting/shortlists.html",
        {"form": form, "shortlists": selectors.shortlists_of(request.user)[:SHORTLISTS_SHOWN]},
        status=422 if form.errors else 200,
    )


def _name(person) -> str:  # type: ignore[no-untyped-def]
    # A deleted account leaves its notes and entries without a name (SET_NULL).
    return person.display_name if person is not None else ""


def _detail(request, shortlist, *, rename_form=None, note_form=None, note_entry=None):  # type: ignore[no-untyped-def]
    filter_form = EntryFilterForm(request.GET or None)
    status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
    page = Paginator(
        selectors.shortlist_entries(shortlist, status=status), ENTRIES_PER_PAGE
    ).get_page(request.GET.get("page"))
    entries = list(page.object_list)
    listed = [e for e in entries if e.listing.is_findable]
    gone = [e for e in entries if not e.listing.is_findable]
    bound_pk = note_entry.pk if note_entry is not None and note_form is not None else None

    def shown(entry):  # type: ignore[no-untyped-def]
        """Everything the entry's card shows, for its cache key (None: draw it afresh)."""
        if entry.pk == bound_pk:
            return None  # the note form's errors and what was typed
        listing = entry.listing
        notes = [
            (
                n.pk,
                n.body,
                _name(n.author),
                n.created_at,
                permissions.can_delete_note(request.user, n),
            )
            for n in entry.notes.all()
        ]
        return (
            (shortlist.pk, entry.pk, entry.status, entry.added_at, _name(entry.added_by)),
            (listing.pk, listing.title, listing.logline, listing.score),
            notes,
        )

    def card(entry):  # type: ignore[no-untyped-def]
        entry.own_notes = {
            note.pk for note in entry.notes.all() if permissions.can_delete_note(request.user, note)
        }
        entry.note_form = (
            note_form if entry.pk == bound_pk else NoteForm(auto_id=f"id_note_{entry.pk}_%s")
        )
        entry.status_form = EntryStatusForm(
            initial={"status": entry.status}, auto_id=f"id_status_{entry.pk}_%s"
        )
        return {"entry": entry, "shortlist": shortlist}

    # Most of the page's time went to drawing the same cards again (about 0.7 ms each).
    cards = cached_fragments(
        request, "scouting/partials/shortlist_entry.html", listed, parts_of=shown, context_of=card
    )
    for entry, html in zip(listed, cards, strict=True):
        entry.html = html
    failed = (rename_form is not None and rename_form.errors) or (
        note_form is not None and note_form.errors
    )
    return render(
        request,
        "scouting/shortlist.html",
        {
            "shortlist": shortlist,
            "entries": listed,
            "gone": gone,
            "page": page,
            "filter_form": filter_form,
            "rename_form": rename_form or ShortlistRenameForm(initial={"name": shortlist.name}),
            "statuses": ShortlistEntryStatus.choices,
        },
        status=422 if failed else 200,
    )


@login_required
@require_http_methods(["GET"])
def shortlist_detail(request, pk: int):
    shortlist = permissions.get_shortlist_for(request.user, pk)
    return _detail(request, shortlist)


@login_required
@require_POST
def shortlist_rename(request, pk: int):
    shortlist = permissions.get_shortlist_for(request.user, pk)
    form = ShortlistRenameForm(request.POST)
    if form.is_valid():
        try:
            services.shortlist_rename(
                actor=request.user, shortlist=shortlist, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Renamed."))
            return redirect("scouting:shortlist", pk=shortlist.pk)
    return _detail(request, shortlist, rename_form=form)


@login_required
@require_POST
def shortlist_delete(request, pk: int):
    shortlist = permissions.get_shortlist_for(request.user, pk)
    services.shortlist_delete(actor=request.user, shortlist=shortlist)
    messages.success(request, _("Shortlist deleted."))
    return redirect("scouting:shortlists")


@login_required
@require_POST
def entry_add(request):
    form = EntryAddForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ""
    if not form.is_valid():
        messages.error(request, _("Choose a shortlist."))
        return redirect(back or reverse("scouting:search"))
    shortlist = permissions.get_shortlist_for(request.user, form.cleaned_data["shortlist"])
    listing = permissions.get_listed_listing_for(request.user, form.cleaned_data["listing"])
    try:
        services.entry_add(actor=request.user, shortlist=shortlist, listing=listing)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Added “%(title)s” to %(shortlist)s.")
            % {"title": listing.title, "shortlist": shortlist.name},
        )
    return redirect(back or reverse("scouting:shortlist", args=[shortlist.pk]))


@login_required
@require_POST
def entry_status(request, pk: int, entry_pk: int):
    shortlist = permissions.get_shortlist_for(request.user, pk)
    entry = permissions.get_entry_for(request.user, shortlist, entry_pk)
    form = EntryStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses offered."))
    else:
        try:
            services.entry_status_set(
                actor=request.user, entry=entry, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Status changed."))
    return redirect("scouting:shortlist", pk=shortlist.pk)


@login_required
@require_POST
def entry_remove(request, pk: int, entry_pk: int):
    shortlist = permissions.get_shortlist_for(request.user, pk)
    entry = permissions.get_entry_for(request.user, shortlist, entry_pk)
    services.entry_remove(actor=request.user, entry=entry)
    messages.success(request, _("Removed from the shortlist."))
    return redirect("scouting:shortlist", pk=shortlist.pk)


@login_required
@require_POST
def note_add(request, pk: int, entry_pk: int):
    shortlist = permissions.get_shortlist_for(request.user, pk)
    entry = permissions.get_entry_for(request.user, shortlist, entry_pk)
    if not entry.listing.is_findable:
        messages.error(request, _("This series is no longer listed."))
        return redirect("scouting:shortlist", pk=shortlist.pk)
    form = NoteForm(request.POST, auto_id=f"id_note_{entry.pk}_%s")
    if form.is_valid():
        try:
            services.note_add(actor=request.user, entry=entry, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Note added."))
            return redirect(
                reverse("scouting:shortlist", args=[shortlist.pk]) + f"#entry-{entry.pk}"
            )
    return _detail(request, shortlist, note_form=form, note_entry=entry)


@login_required
@require_POST
def note_delete(request, pk: int, entry_pk: int, note_pk: int):
    shortlist = permissions.get_shortlist_for(request.user, pk)
    entry = permissions.get_entry_for(request.user, shortlist, entry_pk)
    note = permissions.get_note_for(request.user, entry, note_pk)
    services.note_delete(actor=request.user, note=note)
    messages.success(request, _("Note deleted."))
    return redirect("scouting:shortlist", pk=shortlist.pk)
