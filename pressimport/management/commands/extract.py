"""Print what the extractor reads in a report, as JSON in the schema of the truth files."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pressimport.extraction import ExtractionError, extract, split_header


class Command(BaseCommand):
    help = (
        "Read a Vietnamese report (a text file; '-' for standard input) and print one JSON object: "
        "agreements, conference, bodies, officials, commendations, figures, movements, models. "
        "A file starting with 'SOURCE: <url>' and 'TITLE: <title>' lines and a blank line has that "
        "header read as metadata, not as text."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The report: a UTF-8 text file, or '-' for standard input.")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="include_uncertain",
            help="Also print values below the confidence threshold (left for the user on the review page).",
        )

    def handle(self, *args, file, include_uncertain=False, **options):
        try:
            raw = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        header, body = split_header(raw)
        try:
            result = extract(body)
        except ExtractionError as error:
            raise CommandError(str(error)) from error
        data = result.to_json(include_uncertain=include_uncertain)
        if header:
            data["source"] = header
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
