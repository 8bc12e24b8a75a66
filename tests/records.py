"""Records shared by the tests of the lists and of their exports."""

import datetime
from types import SimpleNamespace

from agreements.models import Agreement, Conference
from tests.makers import (
    make_agreement,
    make_agreement_alias,
    make_agreement_party,
    make_appearance,
    make_conference,
    make_conference_body,
    make_conference_extra_kind,
    make_person,
)


def in_two_provinces(world):
    """A record of each kind in Bến Tre (read by the Vĩnh Long leader) and in Hải Phòng."""
    b = world.bodies
    ben_tre = make_agreement(
        number="12/QC-CAT-LĐLĐ",
        title="Quy chế phối hợp giữa Công an tỉnh và Liên đoàn Lao động tỉnh Bến Tre",
        signed_on=datetime.date(2018, 8, 29),
        period_start=2018,
        period_end=2028,
    )
    make_agreement_party(agreement=ben_tre, body=b.ben_tre_police, order=1)
    make_agreement_party(agreement=ben_tre, body=b.ben_tre_union, order=2)
    make_agreement_alias(agreement=ben_tre, number="12/QCPH-CA-LĐLĐ")
    hai_phong = make_agreement(
        kind=Agreement.Kind.PROGRAMME,
        number="468/CTr-CAHP",
        title="Chương trình phối hợp bảo vệ an ninh trật tự tại Hải Phòng",
        signed_on=datetime.date(2014, 3, 1),
        period_start=2014,
        period_end=2018,
    )
    make_agreement_party(agreement=hai_phong, body=b.hai_phong_police)

    ben_tre_conference = make_conference(
        title="Hội nghị sơ kết quy chế phối hợp năm 2019 tại Bến Tre",
        held_on=datetime.date(2020, 1, 10),
        locality=world.localities.ben_tre,
    )
    make_conference_body(conference=ben_tre_conference, body=b.ben_tre_police)
    hai_phong_conference = make_conference(
        kind=Conference.Kind.FINAL_REVIEW,
        title="Hội nghị tổng kết chương trình phối hợp tại Hải Phòng",
        held_on=datetime.date(2023, 5, 4),
        place="Hải Phòng",
    )
    make_conference_extra_kind(conference=hai_phong_conference, kind=Conference.Kind.SIGNING)
    make_conference_body(conference=hai_phong_conference, body=b.hai_phong_police)

    ben_tre_person = make_person(full_name="Trần Văn Bến")
    make_appearance(person=ben_tre_person, conference=ben_tre_conference, body=b.ben_tre_police)
    hai_phong_person = make_person(full_name="Lê Thị Hải")
    make_appearance(person=hai_phong_person, conference=hai_phong_conference, body=b.hai_phong_police)
    return SimpleNamespace(
        agreements=SimpleNamespace(ben_tre=ben_tre, hai_phong=hai_phong),
        conferences=SimpleNamespace(ben_tre=ben_tre_conference, hai_phong=hai_phong_conference),
        bodies=SimpleNamespace(ben_tre=b.ben_tre_police, hai_phong=b.hai_phong_police),
        people=SimpleNamespace(ben_tre=ben_tre_person, hai_phong=hai_phong_person),
    )
