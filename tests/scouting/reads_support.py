"""Reads test data, made through the services as the app makes it."""

from scouting.models import NdaKind
from scouting.services.reads import read_accept, read_nda_accept, read_request
from tests.scouting.support import heritage_series, listed, studio_scout
from tests.support.factories import OrganisationFactory, member_of


def a_request(*, scout=None, listing=None, readers=None, **fields):
    """A studio scout asks to read a listed heritage series (episodes 1–2 by default)."""
    if listing is None:
        listing = listed(heritage_series(), sample_episodes=1)
    if scout is None:
        studio = OrganisationFactory(
            kind="studio", name_zh="星河短剧工作室", name_en="Galaxy Shorts"
        )
        scout = studio_scout(studio)
    fields.setdefault("message", "我们在找非遗题材。")
    fields.setdefault("episodes_from", 1)
    fields.setdefault("episodes_to", 2)
    return read_request(
        actor=scout,
        listing=listing,
        reader_ids=[person.pk for person in readers] if readers else None,
        **fields,
    )


def an_open_read(**fields):
    """A read accepted with the standard NDA, which the scout accepted: open 14 days."""
    read = a_request(**fields)
    read = read_accept(
        actor=read.series.owner, read=read, window_days=14, nda_kind=NdaKind.STANDARD
    )
    return read_nda_accept(actor=read.requested_by, read=read, sha256=read.nda_sha256)


def colleague(read):
    """Another member of the read's studio, not named as a reader."""
    return member_of(read.studio)
