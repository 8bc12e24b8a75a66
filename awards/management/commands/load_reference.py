"""Load the reference catalogues every installation needs: localities, sectors, forms of
commendation, indicators and the national movements. Idempotent."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from agreements.models import Indicator, Movement, Sector
from awards.models import AwardForm
from common.loading import sync_row

# (code, name, short name)
SECTORS = [
    ("police", "Công an nhân dân", "Công an"),
    ("labour_union", "Công đoàn Việt Nam", "Công đoàn"),
    ("fatherland_front", "Mặt trận Tổ quốc Việt Nam", "MTTQ"),
    ("farmers", "Hội Nông dân Việt Nam", "Hội Nông dân"),
    ("youth_union", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn Thanh niên"),
    ("women", "Hội Liên hiệp Phụ nữ Việt Nam", "Hội Phụ nữ"),
    ("veterans", "Hội Cựu chiến binh Việt Nam", "Hội Cựu chiến binh"),
    ("army", "Quân đội nhân dân Việt Nam", "Quân đội"),
    ("government", "Chính quyền (Chính phủ, UBND, sở, ngành)", "Chính quyền"),
    ("party", "Tổ chức Đảng (cấp ủy, ban Đảng)", "Đảng"),
]

_C = AwardForm.Category
_B = AwardForm.AwardedBy
# (name, short name, category, may be awarded by), highest honour first: the list order is
# the rank order.
AWARD_FORMS = [
    ("Huân chương Sao vàng", "", _C.ORDER, _B.STATE),
    ("Huân chương Hồ Chí Minh", "", _C.ORDER, _B.STATE),
    ("Huân chương Độc lập hạng Nhất", "", _C.ORDER, _B.STATE),
    ("Huân chương Độc lập hạng Nhì", "", _C.ORDER, _B.STATE),
    ("Huân chương Độc lập hạng Ba", "", _C.ORDER, _B.STATE),
    ("Huân chương Quân công hạng Nhất", "", _C.ORDER, _B.STATE),
    ("Huân chương Quân công hạng Nhì", "", _C.ORDER, _B.STATE),
    ("Huân chương Quân công hạng Ba", "", _C.ORDER, _B.STATE),
    ("Huân chương Lao động hạng Nhất", "", _C.ORDER, _B.STATE),
    ("Huân chương Lao động hạng Nhì", "", _C.ORDER, _B.STATE),
    ("Huân chương Lao động hạng Ba", "", _C.ORDER, _B.STATE),
    ("Huân chương Bảo vệ Tổ quốc hạng Nhất", "", _C.ORDER, _B.STATE),
    ("Huân chương Bảo vệ Tổ quốc hạng Nhì", "", _C.ORDER, _B.STATE),
    ("Huân chương Bảo vệ Tổ quốc hạng Ba", "", _C.ORDER, _B.STATE),
    ("Huân chương Chiến công hạng Nhất", "", _C.ORDER, _B.STATE),
    ("Huân chương Chiến công hạng Nhì", "", _C.ORDER, _B.STATE),
    ("Huân chương Chiến công hạng Ba", "", _C.ORDER, _B.STATE),
    ("Huy chương Vì an ninh Tổ quốc", "", _C.MEDAL, _B.CENTRAL_OR_PROVINCE),
    ("Cờ thi đua của Chính phủ", "", _C.EMULATION_FLAG, _B.PRIME_MINISTER),
    ("Bằng khen của Thủ tướng Chính phủ", "Bằng khen TTCP", _C.CERTIFICATE_OF_MERIT, _B.PRIME_MINISTER),
    ("Cờ thi đua cấp bộ, ngành, tỉnh, đoàn thể trung ương", "", _C.EMULATION_FLAG, _B.CENTRAL_OR_PROVINCE),
    (
        "Bằng khen cấp bộ, ngành, tỉnh, đoàn thể trung ương",
        "Bằng khen",
        _C.CERTIFICATE_OF_MERIT,
        _B.CENTRAL_OR_PROVINCE,
    ),
    ("Giấy khen", "Giấy khen", _C.CERTIFICATE, _B.UNIT_HEAD),
    ("Tuyên dương, khen thưởng của ban tổ chức", "Tuyên dương", _C.OTHER, _B.ANY),
]

# (name, unit, shown on the dashboard)
INDICATORS = [
    ("Buổi tuyên truyền do công đoàn tổ chức", "cuộc", False),
    ("Lượt đoàn viên, người lao động dự tuyên truyền", "lượt", True),
    ("Lớp tuyên truyền phòng, chống ma túy", "lớp", False),
    ("Công nhân lao động dự lớp phòng, chống ma túy", "CNLĐ", True),
    ("Lớp tập huấn phổ biến, giáo dục pháp luật", "lớp", False),
    ("Công nhân lao động dự lớp tập huấn pháp luật", "CNLĐ", True),
    ("Vụ ngừng việc tập thể được giải quyết", "vụ", False),
    ("Tin báo, tố giác tội phạm do công nhân cung cấp", "tin", False),
]

# (name, synonyms)
MOVEMENTS = [
    (
        "Toàn dân bảo vệ an ninh Tổ quốc",
        [
            "Toàn dân bảo vệ ANTQ",
            "Toàn dân bảo vệ ANTQ trong CNVCLĐ",
            "Toàn dân bảo vệ ANTQ trong công nhân, viên chức, lao động",
        ],
    ),
    ("Vì an ninh Tổ quốc", ["Phong trào thi đua Vì an ninh Tổ quốc"]),
]


class Command(BaseCommand):
    help = "Load localities, sectors, forms of commendation, indicators and national movements."

    @transaction.atomic
    def handle(self, *args, **options):
        call_command("load_localities", stdout=self.stdout)
        for order, (code, name, short) in enumerate(SECTORS, start=1):
            sync_row(Sector, {"code": code}, {"name": name, "short_name": short, "order": order * 10})
        for rank, (name, short, category, awarded_by) in enumerate(AWARD_FORMS, start=1):
            sync_row(
                AwardForm,
                {"name": name},
                {"short_name": short, "category": category, "awarded_by": awarded_by, "rank_order": rank},
            )
        for name, unit, is_main in INDICATORS:
            sync_row(Indicator, {"name": name}, {"unit": unit, "is_main": is_main})
        for name, synonyms in MOVEMENTS:
            sync_row(Movement, {"name": name}, {"synonyms": "\n".join(synonyms)})
        self.stdout.write(
            f"Reference data: {len(SECTORS)} sectors, {len(AWARD_FORMS)} forms of commendation, "
            f"{len(INDICATORS)} indicators, {len(MOVEMENTS)} movements."
        )
