"""A search result as scouts see it: the listing's snapshot with matches highlighted
(escaped first, then marked: scouting.search.highlight)."""

from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from core.markdown import markdown_plain_text
from scouting.models import Listing
from scouting.search import Term, excerpt, highlight


@dataclass
class ResultRow:
    listing: Listing
    title: SafeString
    logline: SafeString
    synopsis: SafeString
    sample: SafeString
    terms: list[Any]


def shortlist_options(shortlists: list[Any]) -> SafeString:
    """The <option>s of "Add to shortlist", written once for every result on the page."""
    return format_html_join(
        "",
        '<option value="{}">{} ({})</option>',
        ((shortlist.pk, shortlist.name, shortlist.studio.name) for shortlist in shortlists),
    )


def result_rows(listings: list[Listing], terms: list[Term]) -> list[ResultRow]:
    return [
        ResultRow(
            listing=listing,
            title=highlight(listing.title, terms),
            logline=highlight(listing.logline, terms),
            # The synopsis is markdown: its excerpt is what a reader reads, without markup.
            synopsis=excerpt(markdown_plain_text(listing.synopsis), terms)
            if listing.synopsis
            else SafeString(""),
            sample=excerpt(listing.sample_text, terms) if listing.sample_text else SafeString(""),
            terms=list(listing.terms.all()),
        )
        for listing in listings
    ]


# Reads: the access trail ---------------------------------------------------------------


def abbreviated(name: str) -> str:
    """A reader as the trail shows them: the first character and an ellipsis (赵…)."""
    name = (name or "").strip()
    return f"{name[:1]}…" if len(name) > 1 else name


@dataclass
class TrailRow:
    event: Any
    studio: str
    reader: str
    episodes_from: int | None
    episodes_to: int | None
    kind: str
    code: str


def trail_rows(events: list[Any]) -> list[TrailRow]:
    """Each view or download as one line: studio, reader abbreviated, what, which, when."""
    return [
        TrailRow(
            event=event,
            studio=str(event.read.studio.name),
            reader=abbreviated(str(event.user.display_name)),
            episodes_from=event.read.episodes_from,
            episodes_to=event.read.episodes_to,
            kind=str(event.get_kind_display()),
            code=event.code or "",
        )
        for event in events
    ]
