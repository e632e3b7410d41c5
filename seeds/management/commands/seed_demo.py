from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from seeds.loader import load_demo_world


class Command(BaseCommand):
    help = "Load the bilingual demo world. Idempotent: running it again changes nothing."

    def handle(self, *args, **options) -> None:
        # The demo people have made-up addresses: never mail them, even where SMTP is set up.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            load_demo_world(log=lambda message: self.stdout.write(f"  {message}"))
        self.stdout.write(self.style.SUCCESS("Demo world ready."))
