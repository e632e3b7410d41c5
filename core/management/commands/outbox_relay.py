"""Publish the outbox's waiting tasks now (beat does this every OUTBOX_RELAY_INTERVAL)."""

from django.core.management.base import BaseCommand, CommandError

from core.models import OutboxMessage, OutboxStatus
from core.services.outbox import outbox_relay


class Command(BaseCommand):
    help = "Send the tasks the broker has not accepted yet, and redeliver the ones it lost."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=1000, help="at most this many rows")

    def handle(self, *args, limit: int, **options) -> None:
        outcome = outbox_relay(limit=limit)
        waiting = OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count()
        self.stdout.write(
            f"sent {outcome.sent}, redelivered {outcome.redelivered}, "
            f"failed {outcome.failed}, still waiting {waiting}"
        )
        if outcome.broker_down:
            raise CommandError("The broker refused a publish; the rest waits for the next run.")
