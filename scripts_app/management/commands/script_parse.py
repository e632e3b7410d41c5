import sys

from django.core.management.base import BaseCommand, CommandError

from scripts_app.document.cli import main


class Command(BaseCommand):
    help = (
        "Parse a Fountain or Chinese short-drama script: "
        "script_parse PATH [--format auto|fountain|zh] [--json] [--analysis]"
    )

    def run_from_argv(self, argv: list[str]) -> None:
        # The parser's own command line (argparse in scripts_app.document.cli) is the
        # interface, so its options and help are the same with or without Django.
        status = main(argv[2:], stdout=sys.stdout, stderr=sys.stderr)
        if status:
            raise SystemExit(status)

    def handle(self, *args, **options) -> None:  # only reached through call_command
        raise CommandError(
            "Run it from the command line: python manage.py script_parse PATH --json"
        )
