"""`manage.py extract FILE` and `manage.py extract_eval DIR`, and how the scores are counted."""

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from pressimport.extraction.evaluate import Report, score_document
from tests.pressimport.conftest import REPORTS

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
KEYS = ["agreements", "conference", "bodies", "officials", "commendations", "figures", "movements", "models"]


def _run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_extract_prints_one_json_object_in_the_schema_of_the_truth_files():
    data = json.loads(_run("extract", str(REPORTS / "nghe_an_army_youth.txt")))

    assert set(KEYS) <= set(data)
    assert data["conference"]["held_on"] == "2023-01-09"
    assert data["conference"]["reviewed_period"] == [2018, 2022]
    assert data["agreements"][0]["signed_on"] == "2018-03-12"
    assert data["agreements"][0]["period"] == [2018, 2022]
    assert all(isinstance(c["recipients_count"], int) for c in data["commendations"])
    assert all(isinstance(b, str) for b in data["bodies"])
    assert all({"span", "confidence"} <= set(item) for item in data["officials"] + data["figures"])


def test_extract_reads_the_source_header_as_metadata_not_as_text(tmp_path):
    body = (REPORTS / "ha_tinh_women.txt").read_text(encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_text(f"SOURCE: https://example.vn/bai-1\nTITLE: Sơ kết 6 tháng\n\n{body}", encoding="utf-8")

    data = json.loads(_run("extract", str(path)))
    plain = json.loads(_run("extract", str(REPORTS / "ha_tinh_women.txt")))

    assert data["source"] == {"url": "https://example.vn/bai-1", "title": "Sơ kết 6 tháng"}
    # Spans point into the text after the header: the same as without it.
    assert data["officials"] == plain["officials"]


def test_extract_refuses_a_missing_or_unreadable_file_with_a_message(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")

    with pytest.raises(CommandError, match="Cannot read"):
        _run("extract", str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="The text is empty"):
        _run("extract", str(empty))


def test_extract_eval_scores_the_reports_written_for_these_tests():
    output = _run("extract_eval", str(REPORTS))

    lines = output.strip().splitlines()
    assert lines[-1].startswith("overall F1 ")
    assert float(lines[-1].split()[-1]) >= 0.9
    for key in KEYS:
        assert re.search(rf"^{key}\s+[\d.]+\s+[\d.]+\s+[\d.]+", output, re.M)
    assert re.search(r"a 10000-character text \(median of 5 runs\): [\d.]+ ms", output)
    assert "quang_ninh_front.txt" in output


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed reports are not beside the project")
def test_extract_eval_on_the_shared_seed_reports_reaches_the_acceptance_level():
    output = _run("extract_eval", str(SEEDS))

    assert float(output.strip().splitlines()[-1].split()[-1]) >= 0.9


def test_extract_eval_skips_texts_without_truth_and_refuses_an_empty_directory(tmp_path):
    shutil.copy(REPORTS / "chau_duc_farmers.txt", tmp_path)
    with pytest.raises(CommandError, match="No X.txt with an X.truth.json"):
        _run("extract_eval", str(tmp_path))
    shutil.copy(REPORTS / "chau_duc_farmers.truth.json", tmp_path)

    output = _run("extract_eval", str(tmp_path))

    assert "Documents: 1" in output


def _score(predicted, truth):
    report = Report()
    score_document({k: predicted.get(k, []) for k in KEYS}, {k: truth.get(k, []) for k in KEYS}, report)
    return report


def test_every_proposed_item_counts_against_precision_whatever_its_confidence():
    truth = {"figures": [{"value": 1291, "unit": "cuộc"}]}
    predicted = {
        "figures": [
            {"value": 1291, "unit": "cuộc", "confidence": 0.9},
            {"value": 27, "unit": "lượt", "confidence": 0.1},
        ]
    }

    score = _score(predicted, truth).scores["figures"]

    assert (score.tp, score.fp, score.fn) == (1, 1, 0)


def test_agreements_match_on_kind_role_number_period_and_signing_date():
    truth = {
        "agreements": [
            {
                "kind": "quy chế",
                "number": "03/QC-BCA-TLĐLĐ",
                "role": "reviewed",
                "signed_on": "2017-09-12",
                "period": None,
            }
        ]
    }
    same = {
        "agreements": [{"kind": "Quy chế", "number": "03/qc-bca-tldld", "role": "reviewed", "signed_on": "2017-09-12"}]
    }
    other_role = {
        "agreements": [{"kind": "quy chế", "number": "03/QC-BCA-TLĐLĐ", "role": "signed", "signed_on": "2017-09-12"}]
    }
    no_date = {"agreements": [{"kind": "quy chế", "number": "03/QC-BCA-TLĐLĐ", "role": "reviewed"}]}

    assert _score(same, truth).scores["agreements"].tp == 1
    assert _score(other_role, truth).scores["agreements"].tp == 0
    assert _score(no_date, truth).scores["agreements"].tp == 0


def test_conference_values_are_items_and_a_value_where_the_truth_has_none_is_a_false_positive():
    truth = {"conference": {"kind": "ký kết", "held_on": None}}
    predicted = {"conference": {"kind": "ký kết", "held_on": "2024-01-17", "also_kinds": []}}

    score = _score(predicted, truth).scores["conference"]

    assert (score.tp, score.fp, score.fn) == (1, 1, 0)


def test_bodies_and_movements_are_compared_by_name_keys():
    truth = {
        "bodies": ["Liên đoàn Lao động (LĐLĐ) tỉnh"],
        "movements": ["phong trào toàn dân bảo vệ ANTQ trong CNVCLĐ"],
    }
    predicted = {"bodies": ["LĐLĐ tỉnh"], "movements": ["Toàn dân bảo vệ an ninh Tổ quốc"]}

    report = _score(predicted, truth)

    assert report.scores["bodies"].tp == 1
    assert report.scores["movements"].tp == 1


def test_officials_need_the_same_name_rank_and_body():
    truth = {"officials": [{"name": "Trần Văn An", "rank": "Đại tá", "body": "Công an tỉnh"}]}

    assert (
        _score({"officials": [{"name": "Tran Van An", "rank": "Đại tá", "body": "Công an tỉnh"}]}, truth)
        .scores["officials"]
        .tp
        == 1
    )
    assert (
        _score({"officials": [{"name": "Trần Văn An", "rank": None, "body": "Công an tỉnh"}]}, truth)
        .scores["officials"]
        .tp
        == 0
    )


def test_extract_eval_details_lists_per_article_the_facts_missed_and_extra(tmp_path):
    shutil.copy(REPORTS / "chau_duc_farmers.txt", tmp_path)
    truth = json.loads((REPORTS / "chau_duc_farmers.truth.json").read_text(encoding="utf-8"))
    truth["figures"].append({"value": 999, "unit": "buổi"})
    truth["bodies"] = truth["bodies"][1:]
    (tmp_path / "chau_duc_farmers.truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")

    output = _run("extract_eval", str(tmp_path), "--details")

    details = output.split("Details per article")[1]
    assert re.search(r"^  chau_duc_farmers\.txt\s+\d+\s+1\s+1$", details, re.M)
    assert "      missed  999 buổi" in details
    assert re.search(r"^      extra   .+", details, re.M)
    assert output.strip().splitlines()[-1].startswith("overall F1 ")


def test_finer_kinds_of_meeting_and_no_meeting_count_as_the_truths_other():
    truth = {"conference": {"kind": "other", "held_on": None}}

    assert _score({"conference": {"kind": "tọa đàm"}}, truth).scores["conference"].tp == 1
    assert _score({"conference": {"kind": None}}, truth).scores["conference"].tp == 1
    assert _score({"conference": {"kind": "sơ kết"}}, truth).scores["conference"].tp == 0
