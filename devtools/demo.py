"""Demo data: the facts of five press reports of coordination conferences, as records.

Only facts (names, numbers, dates, titles) are taken from the reports; every summary text
here is written for the demo. Each report becomes one Source; a report already loaded is
left alone, so loading twice changes nothing.
"""

import base64
import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from agreements.models import (
    Agreement,
    AgreementAlias,
    AgreementParty,
    Appearance,
    Body,
    Conference,
    ConferenceAgreement,
    ConferenceBody,
    ConferenceExtraKind,
    Indicator,
    Locality,
    Membership,
    ModelPractice,
    Movement,
    Person,
    ReportedFigure,
    Sector,
    Source,
)
from awards.models import AwardDecision, AwardForm
from awards.summaries import rebuild_all
from common.loading import sync_row

DEMO_PASSWORD = "demo"  # noqa: S105 - the documented password of the demo accounts
# The demo administrator's authenticator key (base32, as apps take it): administrators must
# log in with a one-time code, so the demo `admin` gets a TOTP device with this documented key.
DEMO_TOTP_SECRET = "COORDINATIONREGISTRYDEMOADMIN234"  # noqa: S105 - documented demo key
DEMO_TOTP_USER = "admin"


def demo_totp_key() -> bytes:
    return base64.b32decode(DEMO_TOTP_SECRET)


def demo_totp_code() -> str:
    """The demo administrator's current six-digit code."""
    return f"{totp(demo_totp_key()):06d}"


@dataclass(frozen=True)
class DemoUser:
    username: str
    description: str
    body: str | None = None
    role: str | None = None
    superuser: bool = False


DEMO_USERS = [
    DemoUser("admin", "administrator (Django admin, everything)", superuser=True),
    DemoUser("leader", "central leader (reads everything)", "Bộ Công an", Membership.Role.LEADER),
    DemoUser("leader.bentre", "provincial leader, Bến Tre", "Công an tỉnh Bến Tre", Membership.Role.LEADER),
    DemoUser("staff.bentre", "data-entry staff, Công an tỉnh Bến Tre", "Công an tỉnh Bến Tre", Membership.Role.STAFF),
    DemoUser(
        "staff.haiphong",
        "data-entry staff, Công an thành phố Hải Phòng",
        "Công an thành phố Hải Phòng",
        Membership.Role.STAFF,
    ),
    DemoUser(
        "staff.thaibinh", "data-entry staff, Công an tỉnh Thái Bình", "Công an tỉnh Thái Bình", Membership.Role.STAFF
    ),
    DemoUser("staff.bocongan", "data-entry staff, Bộ Công an", "Bộ Công an", Membership.Role.STAFF),
    DemoUser(
        "staff.congantinh",
        "data-entry staff, Công an tỉnh (province not named in its report)",
        "Công an tỉnh",
        Membership.Role.STAFF,
    ),
]

# (name, short name, sector code, level, parent name, locality key, notes)
BODIES = [
    ("Bộ Công an", "BCA", "police", Body.Level.CENTRAL, None, None, ""),
    ("Tổng Liên đoàn Lao động Việt Nam", "TLĐLĐVN", "labour_union", Body.Level.CENTRAL, None, None, ""),
    ("Công an tỉnh Thái Bình", "", "police", Body.Level.PROVINCE, "Bộ Công an", "63-tinhthaibinh", ""),
    (
        "Liên đoàn Lao động tỉnh Thái Bình",
        "LĐLĐ tỉnh Thái Bình",
        "labour_union",
        Body.Level.PROVINCE,
        "Tổng Liên đoàn Lao động Việt Nam",
        "63-tinhthaibinh",
        "",
    ),
    ("Công an thành phố Hải Phòng", "", "police", Body.Level.PROVINCE, "Bộ Công an", "63-thanhphohaiphong", ""),
    (
        "Liên đoàn Lao động thành phố Hải Phòng",
        "LĐLĐ thành phố Hải Phòng",
        "labour_union",
        Body.Level.PROVINCE,
        "Tổng Liên đoàn Lao động Việt Nam",
        "63-thanhphohaiphong",
        "",
    ),
    ("Công an tỉnh Bến Tre", "", "police", Body.Level.PROVINCE, "Bộ Công an", "63-tinhbentre", ""),
    (
        "Liên đoàn Lao động tỉnh Bến Tre",
        "LĐLĐ tỉnh Bến Tre",
        "labour_union",
        Body.Level.PROVINCE,
        "Tổng Liên đoàn Lao động Việt Nam",
        "63-tinhbentre",
        "",
    ),
    (
        "Đảng ủy Khối các Cơ quan - Doanh nghiệp tỉnh Bến Tre",
        "",
        "party",
        Body.Level.PROVINCE,
        None,
        "63-tinhbentre",
        "",
    ),
    ("Ban Dân vận Tỉnh ủy Bến Tre", "", "party", Body.Level.PROVINCE, None, "63-tinhbentre", ""),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bến Tre",
        "Ủy ban MTTQ tỉnh Bến Tre",
        "fatherland_front",
        Body.Level.PROVINCE,
        None,
        "63-tinhbentre",
        "",
    ),
    (
        "Sở Lao động - Thương binh và Xã hội tỉnh Bến Tre",
        "Sở LĐ-TB&XH tỉnh Bến Tre",
        "government",
        Body.Level.PROVINCE,
        None,
        "63-tinhbentre",
        "",
    ),
    # The 2018 report behind these three names no province; they are kept as reported.
    (
        "Công an tỉnh",
        "",
        "police",
        Body.Level.PROVINCE,
        "Bộ Công an",
        None,
        "Province not named in the source report (2018, programme 2014-2018).",
    ),
    (
        "Liên đoàn Lao động tỉnh",
        "LĐLĐ tỉnh",
        "labour_union",
        Body.Level.PROVINCE,
        "Tổng Liên đoàn Lao động Việt Nam",
        None,
        "Province not named in the source report (2018, programme 2014-2018).",
    ),
    (
        "Ủy ban nhân dân tỉnh",
        "UBND tỉnh",
        "government",
        Body.Level.PROVINCE,
        None,
        None,
        "Province not named in the source report (2018, programme 2014-2018).",
    ),
]


@dataclass
class Loader:
    bodies: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)

    def body(self, name):
        return self.bodies[name]

    def person(self, full_name, gender=""):
        if full_name not in self.people:
            self.people[full_name], _ = sync_row(Person, {"full_name": full_name}, {"gender": gender})
        return self.people[full_name]

    @staticmethod
    def saved(row):
        row.full_clean()
        row.save()
        return row

    def agreement(self, *, parties, aliases=(), movements=(), **values):
        agreement = self.saved(Agreement(**values))
        for order, name in enumerate(parties):
            self.saved(AgreementParty(agreement=agreement, body=self.body(name), order=order))
        for number in aliases:
            self.saved(AgreementAlias(agreement=agreement, number=number))
        agreement.movements.set(movements)
        return agreement

    def conference(self, *, hosts, participants=(), extra_kinds=(), agreements=(), movements=(), **values):
        conference = self.saved(Conference(**values))
        for name in hosts:
            self.saved(ConferenceBody(conference=conference, body=self.body(name), role=ConferenceBody.Role.HOST))
        for name in participants:
            self.saved(
                ConferenceBody(conference=conference, body=self.body(name), role=ConferenceBody.Role.PARTICIPANT)
            )
        for kind in extra_kinds:
            self.saved(ConferenceExtraKind(conference=conference, kind=kind))
        for agreement, role in agreements:
            self.saved(ConferenceAgreement(conference=conference, agreement=agreement, role=role))
        conference.movements.set(movements)
        return conference

    def appearance(self, *, person, body, positions=(), gender="", **values):
        return self.saved(
            Appearance(
                person=self.person(person, gender),
                body=self.body(body),
                positions="\n".join(positions),
                **values,
            )
        )

    def award(self, *, form, authorities=(), **values):
        decision = self.saved(AwardDecision(form=AwardForm.objects.get(name=form), **values))
        decision.authorities.set([self.body(name) for name in authorities])
        return decision

    def figure(self, *, indicator, body, partners=(), **values):
        figure = self.saved(
            ReportedFigure(indicator=Indicator.objects.get(name=indicator), body=self.body(body), **values)
        )
        figure.partner_bodies.set([self.body(name) for name in partners])
        return figure


def load_bodies(loader):
    sectors = {s.code: s for s in Sector.objects.all()}
    localities = {loc.key: loc for loc in Locality.objects.all()}
    for name, short, sector, level, parent, locality, notes in BODIES:
        loader.bodies[name], _ = sync_row(
            Body,
            {"name": name, "locality": localities.get(locality)},
            {
                "short_name": short,
                "sector": sectors[sector],
                "level": level,
                "parent": loader.bodies.get(parent),
                "notes": notes,
            },
        )


def load_users(loader):
    User = get_user_model()
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={"is_staff": demo.superuser, "is_superuser": demo.superuser},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if demo.body:
            Membership.objects.get_or_create(user=user, body=loader.body(demo.body), role=demo.role)
        if demo.username == DEMO_TOTP_USER:
            TOTPDevice.objects.get_or_create(
                user=user, name="demo", defaults={"key": demo_totp_key().hex(), "confirmed": True}
            )


def _movement(name):
    return Movement.objects.get(name=name)


TOAN_DAN = "Toàn dân bảo vệ an ninh Tổ quốc"
VI_AN_NINH = "Vì an ninh Tổ quốc"
REVIEWED = ConferenceAgreement.Role.REVIEWED
SIGNED = ConferenceAgreement.Role.SIGNED
REFERENCED = ConferenceAgreement.Role.REFERENCED
K = Conference.Kind


def report_thai_binh(loader, source):
    regulation_508 = loader.agreement(
        kind=Agreement.Kind.REGULATION,
        number="508",
        parties=["Công an tỉnh Thái Bình", "Liên đoàn Lao động tỉnh Thái Bình"],
        source=source,
    )
    regulation_04 = loader.agreement(
        kind=Agreement.Kind.REGULATION,
        number="04",
        parties=["Bộ Công an", "Tổng Liên đoàn Lao động Việt Nam"],
        source=source,
    )
    plan = loader.agreement(
        kind=Agreement.Kind.PLAN,
        title=(
            "Kế hoạch liên ngành trong thực hiện triển khai Quy chế phối hợp số 04 giữa Bộ Công an và "
            "Tổng Liên đoàn Lao động Việt Nam trong công tác bảo đảm an ninh trật tự"
        ),
        implements=regulation_04,
        parties=["Công an tỉnh Thái Bình", "Liên đoàn Lao động tỉnh Thái Bình"],
        source=source,
    )
    conference = loader.conference(
        kind=K.SIGNING,
        title="Hội nghị ký kết kế hoạch liên ngành thực hiện Quy chế 04 (Thái Bình)",
        results="Đánh giá 5 năm thực hiện Quy chế 508; hai ngành ký kế hoạch liên ngành thực hiện Quy chế 04.",
        hosts=["Công an tỉnh Thái Bình", "Liên đoàn Lao động tỉnh Thái Bình"],
        agreements=[(regulation_508, REVIEWED), (plan, SIGNED), (regulation_04, REFERENCED)],
        movements=[_movement(TOAN_DAN)],
        source=source,
    )
    loader.appearance(
        conference=conference,
        person="Trần Văn Phúc",
        body="Công an tỉnh Thái Bình",
        role=Appearance.Role.SPEAKER,
        rank=Appearance.Rank.DAI_TA,
        positions=["Giám đốc Công an tỉnh Thái Bình"],
    )
    loader.award(
        form="Tuyên dương, khen thưởng của ban tổ chức",
        authorities_text="Ban tổ chức",
        total_count=80,
        conference=conference,
        agreement=regulation_508,
        movement=_movement(TOAN_DAN),
        source=source,
    )


def report_province_2018(loader, source):
    old_programme = loader.agreement(
        kind=Agreement.Kind.PROGRAMME,
        title="Đẩy mạnh phong trào toàn dân bảo vệ ANTQ trong công nhân, viên chức, lao động",
        period_start=2014,
        period_end=2018,
        parties=["Công an tỉnh", "Liên đoàn Lao động tỉnh"],
        movements=[_movement(TOAN_DAN)],
        source=source,
    )
    new_programme = loader.agreement(
        kind=Agreement.Kind.PROGRAMME,
        title="Đẩy mạnh phong trào toàn dân bảo vệ ANTQ trong CNVCLĐ",
        period_start=2018,
        period_end=2023,
        supersedes=old_programme,
        parties=["Công an tỉnh", "Liên đoàn Lao động tỉnh"],
        movements=[_movement(TOAN_DAN)],
        source=source,
    )
    conference = loader.conference(
        kind=K.FINAL_REVIEW,
        extra_kinds=[K.SIGNING],
        title="Hội nghị tổng kết chương trình phối hợp 2014-2018 và ký kết giai đoạn 2018-2023",
        reviewed_period_start=2014,
        reviewed_period_end=2018,
        shortcomings="Trao đổi thông tin và triển khai ở đơn vị cơ sở chưa đồng đều.",
        directions="Ký kết và triển khai chương trình phối hợp giai đoạn 2018-2023.",
        hosts=["Công an tỉnh", "Liên đoàn Lao động tỉnh"],
        agreements=[(old_programme, REVIEWED), (new_programme, SIGNED)],
        movements=[_movement(TOAN_DAN)],
        source=source,
    )
    loader.appearance(
        conference=conference,
        agreement=new_programme,
        person="Nguyễn Hải Trung",
        gender=Person.Gender.MALE,
        body="Công an tỉnh",
        role=Appearance.Role.SIGNATORY,
        rank=Appearance.Rank.THIEU_TUONG,
        positions=["Giám đốc Công an tỉnh"],
        order=1,
    )
    loader.appearance(
        conference=conference,
        agreement=new_programme,
        person="Ngô Tôn Tẫn",
        gender=Person.Gender.MALE,
        body="Liên đoàn Lao động tỉnh",
        role=Appearance.Role.SIGNATORY,
        honorific=Appearance.Honorific.ONG,
        positions=["Chủ tịch LĐLĐ tỉnh"],
        order=2,
    )
    loader.award(
        form="Bằng khen cấp bộ, ngành, tỉnh, đoàn thể trung ương",
        authorities=["Bộ Công an", "Ủy ban nhân dân tỉnh"],
        authorities_text="Bộ Công an, UBND tỉnh",
        total_count=24,
        conference=conference,
        agreement=old_programme,
        movement=_movement(TOAN_DAN),
        source=source,
    )
    loader.award(
        form="Giấy khen",
        authorities=["Công an tỉnh", "Liên đoàn Lao động tỉnh"],
        authorities_text="Giám đốc Công an tỉnh và Chủ tịch LĐLĐ tỉnh",
        total_count=60,
        conference=conference,
        agreement=old_programme,
        movement=_movement(TOAN_DAN),
        source=source,
    )


def report_hai_phong(loader, source):
    regulation_468 = loader.agreement(
        kind=Agreement.Kind.REGULATION,
        number="468",
        signed_on=datetime.date(2018, 8, 29),
        title=(
            "Thực hiện nhiệm vụ bảo vệ an ninh quốc gia, bảo đảm trật tự an toàn xã hội, "
            "đấu tranh phòng, chống tội phạm, tệ nạn xã hội"
        ),
        parties=["Công an thành phố Hải Phòng", "Liên đoàn Lao động thành phố Hải Phòng"],
        source=source,
    )
    regulation_2023 = loader.agreement(
        kind=Agreement.Kind.REGULATION,
        title="Quy chế phối hợp giữa Công an thành phố và Liên đoàn Lao động thành phố giai đoạn 2023-2028",
        signed_on=datetime.date(2024, 1, 17),
        period_start=2023,
        period_end=2028,
        supersedes=regulation_468,
        key_tasks="\n".join(
            [
                "Nhân rộng mô hình, điển hình tiên tiến trong hai phong trào",
                "Kịp thời khen thưởng tập thể, cá nhân xuất sắc",
                "Phòng, chống tội phạm và tệ nạn xã hội trong công nhân",
                "Bảo đảm an ninh, an toàn cơ quan công đoàn các cấp",
            ]
        ),
        parties=["Công an thành phố Hải Phòng", "Liên đoàn Lao động thành phố Hải Phòng"],
        movements=[_movement(VI_AN_NINH), _movement(TOAN_DAN)],
        source=source,
    )
    conference = loader.conference(
        kind=K.SIGNING,
        title="Hội nghị ký kết Quy chế phối hợp giai đoạn 2023-2028 (Hải Phòng)",
        held_on=datetime.date(2024, 1, 17),
        held_on_text="Chiều 17-1",
        results="Đánh giá 5 năm thực hiện Quy chế 468; ký quy chế mới giai đoạn 2023-2028.",
        hosts=["Công an thành phố Hải Phòng", "Liên đoàn Lao động thành phố Hải Phòng"],
        agreements=[(regulation_468, REVIEWED), (regulation_2023, SIGNED)],
        movements=[_movement(VI_AN_NINH), _movement(TOAN_DAN)],
        source=source,
    )
    loader.appearance(
        conference=conference,
        person="Vũ Xuân Viên",
        gender=Person.Gender.MALE,
        body="Công an thành phố Hải Phòng",
        role=Appearance.Role.CHAIR,
        rank=Appearance.Rank.THIEU_TUONG,
        positions=["Ủy viên Ban Thường vụ Thành ủy", "Bí thư Đảng ủy", "Giám đốc Công an thành phố"],
        order=1,
    )
    loader.appearance(
        conference=conference,
        person="Phan Thị Thúy Linh",
        gender=Person.Gender.FEMALE,
        body="Liên đoàn Lao động thành phố Hải Phòng",
        role=Appearance.Role.CHAIR,
        positions=["Chủ tịch Liên đoàn Lao động thành phố"],
        order=2,
    )


def report_ben_tre(loader, source):
    regulation = loader.agreement(
        kind=Agreement.Kind.REGULATION,
        title="Quy chế phối hợp trong công tác đảm bảo an ninh trật tự",
        parties=["Công an tỉnh Bến Tre", "Liên đoàn Lao động tỉnh Bến Tre"],
        movements=[_movement(TOAN_DAN)],
        source=source,
    )
    self_managed, _ = sync_row(ModelPractice, {"name": "Tổ công nhân tự quản"}, {"movement": _movement(TOAN_DAN)})
    model_lodging, _ = sync_row(ModelPractice, {"name": "Nhà trọ kiểu mẫu"}, {"movement": _movement(TOAN_DAN)})
    conference = loader.conference(
        kind=K.INTERIM_REVIEW,
        title="Hội nghị sơ kết thực hiện quy chế phối hợp năm 2019 (Bến Tre)",
        held_on=datetime.date(2020, 1, 10),
        held_on_text="Sáng 10-1-2020",
        reviewed_period_start=2019,
        reviewed_period_end=2019,
        results=(
            "Công đoàn các cấp tổ chức tuyên truyền; hai ngành mở lớp phòng, chống ma túy "
            "và tập huấn pháp luật cho công nhân (xem số liệu)."
        ),
        shortcomings=(
            "Một số doanh nghiệp chưa tập trung tuyên truyền, giáo dục pháp luật; biến động giá cả "
            "ảnh hưởng tâm trạng người lao động; phối hợp với công đoàn cơ sở ở một số nơi còn hạn chế."
        ),
        remedies="Cùng công đoàn cơ sở theo dõi sát tâm tư người lao động.",
        directions=(
            "Năm 2020 tiếp tục thực hiện quy chế; cùng MTTQ đẩy mạnh phong trào; "
            "nhân rộng mô hình Tổ công nhân tự quản và Nhà trọ kiểu mẫu."
        ),
        hosts=["Công an tỉnh Bến Tre", "Liên đoàn Lao động tỉnh Bến Tre"],
        participants=[
            "Đảng ủy Khối các Cơ quan - Doanh nghiệp tỉnh Bến Tre",
            "Ban Dân vận Tỉnh ủy Bến Tre",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bến Tre",
            "Sở Lao động - Thương binh và Xã hội tỉnh Bến Tre",
        ],
        agreements=[(regulation, REVIEWED)],
        movements=[_movement(TOAN_DAN)],
        source=source,
    )
    conference.model_practices.set([self_managed, model_lodging])
    loader.appearance(
        conference=conference,
        person="Phạm Văn Ngót",
        gender=Person.Gender.MALE,
        body="Công an tỉnh Bến Tre",
        role=Appearance.Role.CHAIR,
        rank=Appearance.Rank.DAI_TA,
        positions=["Phó giám đốc Công an tỉnh"],
        order=1,
    )
    loader.appearance(
        conference=conference,
        person="Trần Trung Hào",
        gender=Person.Gender.MALE,
        body="Liên đoàn Lao động tỉnh Bến Tre",
        role=Appearance.Role.CHAIR,
        positions=["Phó chủ tịch Thường trực Liên đoàn Lao động tỉnh"],
        order=2,
    )
    loader.appearance(
        conference=conference,
        person="Đỗ Thị Mai",
        gender=Person.Gender.FEMALE,
        body="Đảng ủy Khối các Cơ quan - Doanh nghiệp tỉnh Bến Tre",
        role=Appearance.Role.GUEST,
        positions=["Phó bí thư Đảng ủy Khối các Cơ quan - Doanh nghiệp tỉnh"],
        order=3,
    )
    union = "Liên đoàn Lao động tỉnh Bến Tre"
    year = {"period_start": 2019, "period_end": 2019, "conference": conference, "source": source}
    loader.figure(indicator="Buổi tuyên truyền do công đoàn tổ chức", value=1291, body=union, **year)
    loader.figure(indicator="Lượt đoàn viên, người lao động dự tuyên truyền", value=90982, body=union, **year)
    drugs = {"body": union, "partners": ["Công an tỉnh Bến Tre"], **year}
    loader.figure(indicator="Lớp tuyên truyền phòng, chống ma túy", value=4, **drugs)
    loader.figure(indicator="Công nhân lao động dự lớp phòng, chống ma túy", value=800, **drugs)
    law = {"body": union, "partners": ["Sở Lao động - Thương binh và Xã hội tỉnh Bến Tre"], **year}
    loader.figure(indicator="Lớp tập huấn phổ biến, giáo dục pháp luật", value=5, **law)
    loader.figure(indicator="Công nhân lao động dự lớp tập huấn pháp luật", value=1000, **law)


def report_central(loader, source):
    regulation_03 = loader.agreement(
        kind=Agreement.Kind.REGULATION,
        number="03/QC-BCA-TLĐLĐ",
        aliases=["03/QCPH-BCA-TLĐLĐVN", "03"],
        signed_on=datetime.date(2017, 9, 12),
        parties=["Bộ Công an", "Tổng Liên đoàn Lao động Việt Nam"],
        source=source,
    )
    regulation_new = loader.agreement(
        kind=Agreement.Kind.REGULATION,
        title="Quy chế phối hợp giữa Bộ Công an và Tổng Liên đoàn Lao động Việt Nam (giai đoạn mới)",
        supersedes=regulation_03,
        parties=["Bộ Công an", "Tổng Liên đoàn Lao động Việt Nam"],
        movements=[_movement(VI_AN_NINH), _movement(TOAN_DAN)],
        source=source,
    )
    conference = loader.conference(
        kind=K.SIGNING,
        title="Lễ ký kết Quy chế phối hợp giữa Bộ Công an và Tổng Liên đoàn Lao động Việt Nam",
        results="Đánh giá 5 năm thực hiện Quy chế 03; ký quy chế phối hợp giai đoạn mới.",
        hosts=["Bộ Công an", "Tổng Liên đoàn Lao động Việt Nam"],
        agreements=[(regulation_03, REVIEWED), (regulation_new, SIGNED)],
        movements=[_movement(VI_AN_NINH), _movement(TOAN_DAN)],
        source=source,
    )
    loader.appearance(
        conference=conference,
        person="Tô Lâm",
        gender=Person.Gender.MALE,
        body="Bộ Công an",
        role=Appearance.Role.GUEST,
        rank=Appearance.Rank.DAI_TUONG,
        honorific=Appearance.Honorific.DONG_CHI,
        positions=["Ủy viên Bộ Chính trị", "Bí thư Đảng ủy Công an Trung ương", "Bộ trưởng Công an"],
        order=1,
    )
    loader.appearance(
        conference=conference,
        person="Nguyễn Đình Khang",
        gender=Person.Gender.MALE,
        body="Tổng Liên đoàn Lao động Việt Nam",
        role=Appearance.Role.GUEST,
        honorific=Appearance.Honorific.DONG_CHI,
        positions=["Chủ tịch Tổng Liên đoàn Lao động Việt Nam"],
        order=2,
    )


# (source document reference, title, date published, loader)
REPORTS = [
    ("demo-report-thai-binh", "Thái Bình: kế hoạch liên ngành thực hiện Quy chế 04", None, report_thai_binh),
    ("demo-report-2018-programme", "Tổng kết chương trình phối hợp 2014-2018", None, report_province_2018),
    ("demo-report-hai-phong", "Hải Phòng: ký Quy chế phối hợp 2023-2028", datetime.date(2024, 1, 18), report_hai_phong),
    ("demo-report-ben-tre", "Bến Tre: sơ kết quy chế phối hợp năm 2019", datetime.date(2020, 1, 10), report_ben_tre),
    ("demo-report-central", "Bộ Công an và Tổng LĐLĐ Việt Nam ký quy chế mới", None, report_central),
]


@transaction.atomic
def load_demo() -> list[str]:
    """Load the demo bodies, users and reports; return the documents newly loaded."""
    loader = Loader()
    load_bodies(loader)
    load_users(loader)
    loaded = []
    for document, title, published_on, build in REPORTS:
        if Source.objects.filter(document=document).exists():
            continue
        source = loader.saved(Source(document=document, title=title, published_on=published_on))
        build(loader, source)
        loaded.append(document)
    if loaded:
        # The reports are written row by row, as a bulk load: the derived tables follow at once.
        rebuild_all()
    return loaded
