"""Studio scouting in the demo: four series listed for discovery, each with every
co-writer's consent and a sample of its opening episodes, so that `scout.zhao` (admin of
星河短剧工作室, and so its scout) finds something on his desk and in search.

《窗口的秘密》 (writer.gao) stays private, as every series is until its writers list it.
"""

from collections.abc import Callable

from accounts.models import User
from scouting.models import Listing
from scouting.services.listings import ListingChoices, consent_give, listing_create
from scripts_app.models import Series
from scripts_app.selectors import writer_ids

LISTED = {
    # title: the sample's length in episodes, and whether the median score is shown
    "三号窗口": (2, True),
    "老两口不上当": (1, True),
    "锦官绣": (2, False),
    "Three Bowls": (1, False),
}


def load_scouting(log: Callable[[str], None]) -> None:
    if Listing.objects.exists():
        return
    listed = 0
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
        listed += 1
    log(f"scouting: {listed} series listed for discovery")
