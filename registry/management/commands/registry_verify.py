"""Walk the registry's hash chain and report the first broken link (exit status 1)."""

import time

from django.core.management.base import BaseCommand, CommandError

from registry.selectors import chain_head, chain_verify

REASONS = {
    "hash": "its fields do not hash to its recorded hash (the entry was altered)",
    "link": "its previous_hash is not the hash of the entry before it",
    "gap": "the entry with this number is missing (deleted or renumbered)",
    "head": "a published head names this entry with another hash, or it is gone "
    "(the chain was emptied or rewritten)",
}


class Command(BaseCommand):
    help = "Verify the authorship registry's hash chain from entry 1 to the head."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--through", type=int, help="stop after this entry number")

    def handle(self, *args, through: int | None = None, **options) -> None:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        head = chain_head()
        broken = chain_verify(through=through)
        if head is None and broken is None:
            self.stdout.write("The registry is empty: nothing to verify.")
            return
        elapsed = time.perf_counter() - started
        if broken is not None:
            raise CommandError(
                f"Broken link at entry {broken.number}: {REASONS[broken.reason]}. "
                f"Entries before {broken.number} verify."
            )
        assert head is not None
        last = min(through, head.number) if through else head.number
        self.stdout.write(
            self.style.SUCCESS(
                f"The chain verifies: entries 1 to {last}, head hash {head.entry_hash} "
                f"({elapsed:.2f} s)."
            )
        )
