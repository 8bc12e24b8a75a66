"""Score the extractor on a directory of reports with hand-read facts beside them."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pressimport.extraction import evaluate
from pressimport.extraction.prepare import split_header


class Command(BaseCommand):
    help = (
        "Score every X.txt in DIR that has an X.truth.json beside it: precision, recall and F1 per field "
        "type and overall (micro-averaged), and the time taken. How items are matched is described in "
        "pressimport/extraction/evaluate.py. The last line is 'overall F1 <value>'."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument(
            "--details",
            "--verbose",
            action="store_true",
            dest="details",
            help="Print a table per article: its score per field type and the facts missed or proposed in excess.",
        )

    def handle(self, *args, directory, details=False, **options):
        path = Path(directory)
        if not path.is_dir():
            raise CommandError(f"{directory} is not a directory.")
        report = evaluate.evaluate_directory(path)
        if not report.documents:
            raise CommandError(f"No X.txt with an X.truth.json beside it in {directory}.")
        out = self.stdout.write
        out(f"Documents: {len(report.documents)}")
        out(
            "Matching (see pressimport/extraction/evaluate.py): agreements on kind, role, number, period and "
            "signing date; conference values one by one; bodies, movements and models on name keys (no tone "
            "marks, abbreviations spelled out); officials on name, rank and body; commendations on form and "
            "number of recipients; figures on value and unit. Kinds other than sơ kết, tổng kết and ký kết, and "
            "no kind, count as 'other'. Every item output counts, whatever its confidence."
        )
        out("")
        out(f"{'field':<15}{'precision':>10}{'recall':>10}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}")
        for name in evaluate.FIELDS:
            s = report.scores[name]
            out(f"{name:<15}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
        total = report.overall
        out(
            f"{'overall':<15}{total.precision:>10.3f}{total.recall:>10.3f}{total.f1:>8.3f}"
            f"{total.tp:>6}{total.fp:>6}{total.fn:>6}"
        )
        out("")
        out("Attributes of matched items (right / checked):")
        for name, (right, checked) in sorted(report.attributes.items()):
            out(f"  {name:<28}{right:>4} / {checked}")
        out("")
        out("Extraction time per document:")
        texts = []
        for name, chars, seconds, per_field, _misses in report.documents:
            doc = evaluate.Score()
            for score in per_field.values():
                doc.add(score)
            out(f"  {name:<40}{chars:>7} chars {seconds * 1000:>8.1f} ms   F1 {doc.f1:.3f}")
            texts.append(split_header((path / name).read_text(encoding="utf-8"))[1])
        chars, seconds = evaluate.time_text("\n\n".join(texts), chars=10_000)
        out(f"  a {chars}-character text (median of 5 runs): {seconds * 1000:.1f} ms")
        if details:
            self._details(report)
        out("")
        out(f"overall F1 {total.f1:.3f}")

    def _details(self, report):
        """Per article: TP/FP/FN of each field type with a fault, then each fact missed (in the
        truth, not proposed) or extra (proposed, not in the truth)."""
        out = self.stdout.write
        out("")
        out("Details per article (missed: in the truth file, not proposed; extra: proposed, not in the truth file):")
        out(f"  {'article / field':<44}{'TP':>4}{'FP':>4}{'FN':>4}")
        for name, _chars, _seconds, per_field, misses in report.documents:
            doc = evaluate.Score()
            for score in per_field.values():
                doc.add(score)
            out(f"  {name:<44}{doc.tp:>4}{doc.fp:>4}{doc.fn:>4}")
            for field in evaluate.FIELDS:
                if field not in misses:
                    continue
                score = per_field[field]
                out(f"    {field:<42}{score.tp:>4}{score.fp:>4}{score.fn:>4}")
                for item in misses[field]["missed"]:
                    out(f"      missed  {evaluate.describe(field, item)}")
                for item in misses[field]["extra"]:
                    out(f"      extra   {evaluate.describe(field, item)}")
