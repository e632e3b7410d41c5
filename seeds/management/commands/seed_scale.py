import logging
import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from seeds.scale import SCALE_DOMAIN, ScaleOptions, ScaleSetExists, build_scale_set


class Command(BaseCommand):
    help = (
        "Load a large, realistic data set for measuring pages at scale: writers, series "
        "with parsed revisions, review requests with reviews and credits (docs/benchmarks.md). "
        "Deterministic for a seed. Refuses a database that already holds a scale set."
    )

    def add_arguments(self, parser) -> None:
        defaults = ScaleOptions()
        number = parser.add_argument
        number(
            "--writers",
            type=int,
            default=defaults.writers,
            help="writer accounts (default %(default)s)",
        )
        number(
            "--series",
            type=int,
            default=defaults.series,
            help="series, besides the big ones (default %(default)s)",
        )
        number(
            "--revisions",
            type=int,
            default=defaults.revisions,
            help="revisions per series (default %(default)s)",
        )
        number(
            "--requests",
            type=int,
            default=defaults.requests,
            help="review requests (default %(default)s)",
        )
        number(
            "--organisations",
            type=int,
            default=None,
            help="universities, studios and funds, in turn U, S, U, F, S (default: one per 40 writers, at least 3: 200 studios at 20,000 writers)",
        )
        number(
            "--mentors",
            type=int,
            default=None,
            help="verified mentors (default: one per 100 writers, at least 5)",
        )
        number(
            "--desk-series",
            type=int,
            default=defaults.desk_series,
            help="series the desk writer owns, big ones included (default %(default)s)",
        )
        number(
            "--big-series",
            type=int,
            default=defaults.big_series,
            help="100-episode series of the desk writer, made through the services (default %(default)s; 3 or more for the page benchmark)",
        )
        number(
            "--big-history",
            type=int,
            default=defaults.big_history,
            help="revisions of each big series but the first (default %(default)s)",
        )
        number(
            "--long-history",
            type=int,
            default=defaults.long_history,
            help="revisions of the first big series (default %(default)s)",
        )
        number(
            "--seed",
            type=int,
            default=defaults.seed,
            help="the same seed gives the same data (default %(default)s)",
        )
        number(
            "--jobs",
            type=int,
            default=min(2, os.cpu_count() or 1),
            help="processes that parse texts (default %(default)s)",
        )
        parser.add_argument("--password", default=defaults.password, help="every scale account's password (default %(default)s)")  # fmt: skip

    def handle(self, *args, **options) -> None:
        scale = ScaleOptions(
            writers=options["writers"], series=options["series"], revisions=options["revisions"],
            requests=options["requests"], organisations=options["organisations"],
            mentors=options["mentors"], desk_series=options["desk_series"],
            big_series=options["big_series"], big_history=options["big_history"],
            long_history=options["long_history"], seed=options["seed"], jobs=options["jobs"],
            password=options["password"],
        )  # fmt: skip
        if scale.writers < 1 or scale.series < 0 or scale.revisions < 1 or scale.requests < 0:
            raise CommandError("Give at least one writer and one revision per series.")
        started = time.perf_counter()

        def log(message: str) -> None:
            self.stdout.write(f"[{time.perf_counter() - started:7.1f} s] {message}")
            self.stdout.flush()

        # The big series' notifications are delivered in-process: one log line each is noise.
        logging.getLogger("celery.app.trace").setLevel(logging.WARNING)
        # The accounts have made-up addresses: never mail them, even where SMTP is set up.
        try:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                progress = build_scale_set(scale, log=log)
        except ScaleSetExists as error:
            raise CommandError(str(error)) from error
        self.stdout.write("\nTimings:\n" + progress.summary())
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale set ready. Every account @{SCALE_DOMAIN} signs in with the password "
                f"{scale.password!r}."
            )
        )
