"""Rebuild the originality index (LSH buckets) from the fingerprints in the database."""

import time

from django.core.management.base import BaseCommand

from registry.services.originality import originality_reindex


class Command(BaseCommand):
    help = "Empty the originality LSH index and fill it again from the stored signatures."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = originality_reindex()
        self.stdout.write(f"Indexed {count} fingerprints in {time.perf_counter() - started:.1f} s.")
