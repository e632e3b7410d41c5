"""A search result as scouts see it: the listing's snapshot with matches highlighted
(escaped first, then marked: scouting.search.highlight)."""

from dataclasses import dataclass
from typing import Any

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
