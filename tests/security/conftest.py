"""The records the security tests reach for: one of each kind in Bến Tre and in Hải Phòng.

Every scoped record carries a marker in its name (``ZZBENTRE`` / ``ZZHAIPHONG``), so a test
can tell from any page, export or report whether a record of a place showed where it must not.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.apps import apps

from agreements.models import Body, Source
from tests.makers import (
    add_authorities,
    make_agreement,
    make_agreement_party,
    make_appearance,
    make_attachment,
    make_award_decision,
    make_award_recipient,
    make_body,
    make_conference,
    make_conference_body,
    make_indicator,
    make_person,
    make_reported_figure,
)

MARKERS = {"ben_tre": "ZZBENTRE", "hai_phong": "ZZHAIPHONG"}


def verify_second_factor(client, user):
    """Mark the client's session as having passed the second factor, where one is required.

    Administrators will need a TOTP device (django-otp). Its middleware reads the device
    from ``session[DEVICE_ID_SESSION_KEY]``, which ``django_otp.login`` sets after a valid
    token: the tests set it the same way, with a confirmed device created for the user.
    Without django-otp installed this does nothing.
    """
    if not apps.is_installed("django_otp"):
        return
    from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

    device = next(iter(devices_for_user(user, confirmed=True)), None)
    if device is None:
        device = _new_device(user)
    if device is None:
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _new_device(user):
    # Whichever device plugin the project installs; TOTP first, as the admins will use it.
    for label, model in (("otp_totp", "TOTPDevice"), ("otp_static", "StaticDevice"), ("otp_email", "EmailDevice")):
        if apps.is_installed(f"django_otp.plugins.{label}"):
            return apps.get_model(label, model).objects.create(user=user, name="test", confirmed=True)
    return None


@pytest.fixture
def persona_client(client):
    """``persona_client(user)``: the test client logged in as ``user`` (None: logged out),
    second factor included."""

    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
            verify_second_factor(client, user)
        return client

    return _login


def _place_records(world, place, body, locality, person_name):
    marker = MARKERS[place]
    agreement = make_agreement(
        number=f"{marker}/QC",
        title=f"{marker} Quy chế phối hợp công tác",
        signed_on=datetime.date(2021, 3, 1),
        period_start=2021,
        period_end=2026,
    )
    make_agreement_party(agreement=agreement, body=body)
    conference = make_conference(
        title=f"{marker} Hội nghị sơ kết quy chế phối hợp",
        held_on=datetime.date(2023, 1, 10),
        reviewed_period_start=2022,
        reviewed_period_end=2022,
        locality=locality,
    )
    make_conference_body(conference=conference, body=body)
    # A body of the place with nothing else to it, found by the body search and lookup.
    unit = make_body(name=f"Đội {marker}", sector=world.sectors.police, level=Body.Level.DISTRICT, locality=locality)
    person = make_person(full_name=f"{person_name} {marker}")
    make_appearance(person=person, conference=conference, body=body)
    # Indicators are a shared catalogue, read by all: no marker in the name.
    indicator = make_indicator(name=f"Buổi tuyên truyền {place}", unit="buổi", is_main=True)
    make_reported_figure(indicator=indicator, body=body, conference=conference, period_start=2022, period_end=2022)
    decision = make_award_decision(
        number=f"{marker}/QĐ",
        authorities_text=f"Giám đốc {marker}",
        reason=f"Thành tích {marker}",
        decided_on=datetime.date(2023, 1, 10),
        conference=conference,
        total_count=1,
    )
    add_authorities(decision, body)
    make_award_recipient(decision=decision, name=f"Tập thể {marker}")
    attachment = make_attachment(agreement=agreement, title=f"Bản ký {marker}")
    # The press report the conference was entered from: its page is read like the conference.
    source = Source.objects.create(
        url=f"https://{place}.example.vn/bai", title=f"Bài báo {marker}", text=f"Văn bản {marker}"
    )
    conference.source = source
    conference.save(update_fields=["source"])
    return SimpleNamespace(
        source=source,
        agreement=agreement,
        conference=conference,
        body=unit,
        person=person,
        decision=decision,
        attachment=attachment,
    )


@pytest.fixture
def records(world, settings, tmp_path):
    """A record of every kind in Bến Tre (the staff's body; read by the Vĩnh Long leader)
    and in Hải Phòng (the other staff's body; read by the Hải Phòng leader)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    b = world.bodies
    return SimpleNamespace(
        ben_tre=_place_records(world, "ben_tre", b.ben_tre_police, world.localities.ben_tre, "Trần Văn Bến"),
        hai_phong=_place_records(world, "hai_phong", b.hai_phong_police, world.localities.hai_phong_old, "Lê Thị Hải"),
    )
