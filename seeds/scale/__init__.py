"""A large, realistic data set for measuring pages at scale (`manage.py seed_scale`).

Thousands of writers, mentors and organisations; series in both formats whose texts are
generated from templates, parsed by the project's parser and stored as the workspace
stores them; review requests played out in time order with assignments, reviews, scores,
line notes, credits and reputation that obey the platform's rules. Rows are written with
bulk inserts; the handful of heavy objects the page benchmark opens are made through the
services (`seeds.scale.showcase`).

    from seeds.scale import ScaleOptions, build_scale_set
    build_scale_set(ScaleOptions(writers=20_000, series=100_000, requests=50_000), log=print)

The whole set is written in one transaction: it is loaded completely or not at all, and
a database that already holds a scale set is refused (`ScaleSetExists`).
"""

from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from seeds.scale.bulk import Progress, explicit_timestamps
from seeds.scale.listings import load_listings
from seeds.scale.people import load_people
from seeds.scale.reviews import load_reviews
from seeds.scale.series import TextMaker, load_series
from seeds.scale.showcase import BenchTargets, bench_targets, load_showcase
from seeds.scale.state import (
    BUSY_REVIEWER,
    DESK_WRITER,
    SCALE_DOMAIN,
    SCALE_PASSWORD,
    ScaleOptions,
)

__all__ = [
    "BUSY_REVIEWER",
    "DESK_WRITER",
    "SCALE_DOMAIN",
    "SCALE_PASSWORD",
    "BenchTargets",
    "ScaleOptions",
    "ScaleSetExists",
    "bench_targets",
    "build_scale_set",
    "scale_set_exists",
]


class ScaleSetExists(Exception):
    """The database already holds a scale set; load into a fresh database instead."""


def scale_set_exists() -> bool:
    return User.objects.filter(email__endswith=f"@{SCALE_DOMAIN}").exists()


def build_scale_set(options: ScaleOptions, log: Callable[[str], None] = print) -> Progress:
    """Load the scale set; returns the stage timings (`Progress.summary()`).

    Raises:
        ScaleSetExists: a scale set is already loaded here (nothing is changed).
    """
    from seeds.loader import load_taxonomy
    from seeds.scale.state import World

    if scale_set_exists():
        raise ScaleSetExists(
            f"This database already holds a scale set (accounts @{SCALE_DOMAIN}). "
            "Load it into a fresh database."
        )
    progress = Progress(log=log)
    # Worker processes are forked before the transaction opens (they never use the database).
    maker = TextMaker(options.seed, options.jobs)
    try:
        with transaction.atomic():
            with progress.stage("reference data") as made:
                load_taxonomy(lambda message: made.append(message))
            world = World(
                options=options, now=timezone.now(), password_hash=make_password(options.password)
            )
            with explicit_timestamps():
                load_people(world, progress)
                load_series(world, progress, maker)
                maker.close()
                load_reviews(world, progress)
                load_listings(world, progress)
            load_showcase(world, progress)
            log("committing ...")
    finally:
        maker.close()
    return progress
