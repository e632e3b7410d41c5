"""Studio scouting in the demo.

- Four series listed for discovery, each with every co-writer's consent and a sample of
  its opening episodes, so that `scout.zhao` (admin of 星河短剧工作室, and so its scout)
  finds something on his desk and in search.
- 星河's shortlist 《本季重点》 with two of them, at "reading" and "discussing", and notes.
- A read of 《三号窗口》 asked by 星河, accepted by writer.chen under the platform's
  standard NDA for 14 days, the NDA accepted by scout.zhao, who has read it in the browser
  and downloaded a watermarked copy: the writers see the access trail.

《窗口的秘密》 (writer.gao) stays private, as every series is until its writers list it.
"""

from collections.abc import Callable

from accounts.models import Organisation, User
from scouting.models import Listing, NdaKind, ShortlistEntryStatus
from scouting.services.listings import ListingChoices, consent_give, listing_create
from scouting.services.reads import (
    nda_sha256,
    read_accept,
    read_download,
    read_nda_accept,
    read_request,
    read_view_record,
)
from scouting.services.shortlists import entry_add, entry_status_set, note_add, shortlist_create
from scripts_app.models import Series
from scripts_app.selectors import writer_ids

LISTED = {
    # title: the sample's length in episodes, and whether the median score is shown
    "三号窗口": (2, True),
    "老两口不上当": (1, True),
    "锦官绣": (2, False),
    "Three Bowls": (1, False),
}

SHORTLIST = {
    # title: status, the scout's note
    "三号窗口": (
        ShortlistEntryStatus.READING,
        "法援窗口的设定新，**第2集卡点**很强。已申请全本阅读。",
    ),
    "锦官绣": (
        ShortlistEntryStatus.DISCUSSING,
        "蜀绣非遗题材，适合文旅合作方；下周选题会讨论。",
    ),
}


def load_scouting(log: Callable[[str], None], person: Callable[[str], User]) -> None:
    if Listing.objects.exists():
        return
    listings: dict[str, Listing] = {}
    for title, (sample, show_score) in LISTED.items():
        series = Series.objects.filter(title=title).select_related("owner").first()
        if series is None:
            continue
        listing = listing_create(
            actor=series.owner, series=series,
            choices=ListingChoices(
                show_logline=True, show_synopsis=True, show_terms=True, show_episodes=True,
                sample_episodes=sample, show_score=show_score, show_registry=True,
                show_awards=True, show_certificates=True,
            ),
        )  # fmt: skip
        for writer in User.objects.filter(pk__in=writer_ids(series) - {series.owner_id}):
            listing = consent_give(actor=writer, listing=listing)
        listings[title] = listing
    log(f"scouting: {len(listings)} series listed for discovery")

    zhao = person("scout.zhao")
    galaxy = Organisation.objects.get(slug="galaxy-shorts")
    shortlist = shortlist_create(actor=zhao, studio=galaxy, name="本季重点")
    for title, (status, note) in SHORTLIST.items():
        if title in listings:
            entry = entry_add(actor=zhao, shortlist=shortlist, listing=listings[title])
            entry_status_set(actor=zhao, entry=entry, status=status)
            note_add(actor=zhao, entry=entry, body=note)

    window = listings.get("三号窗口")
    if window is not None:
        read = read_request(
            actor=zhao, listing=window, studio_id=galaxy.pk,
            message="您好，我们是星河短剧工作室。《三号窗口》的设定很适合我们明年的法治题材片单，"
            "想申请阅读全本，评估改编与合作的可能。",
        )  # fmt: skip
        read = read_accept(
            actor=window.series.owner, read=read, window_days=14, nda_kind=NdaKind.STANDARD
        )
        read = read_nda_accept(actor=zhao, read=read, sha256=nda_sha256(read.nda_text))
        read_view_record(actor=zhao, read=read)
        read_download(actor=zhao, read=read)
        log("scouting: a shortlist, and a read accepted under NDA with its trail")
