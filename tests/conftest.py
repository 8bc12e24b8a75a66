import datetime
import os
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import translation

from agreements.models import Body, Membership
from tests.makers import (
    make_body,
    make_locality,
    make_locality_succession,
    make_membership,
    make_sector,
    make_user,
)

PERSONAS = ["anonymous", "staff", "other_staff", "provincial_leader", "other_leader", "central_leader", "admin"]


@pytest.fixture(autouse=True)
def _english_messages(settings):
    """Tests assert the English msgids; tests of the Vietnamese interface ask for "vi"."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fast_test_settings(settings, tmp_path):
    # Uploaded files go to a directory of the test's own, never into the project.
    settings.MEDIA_ROOT = tmp_path / "media"
    # The default PBKDF2 hasher costs ~0.23 s per login here; tests need no real hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if not os.environ.get("CACHE_URL"):
        # A memory cache of the test process, unless the run names a shared one (CI's
        # PostgreSQL run uses Redis, as production would).
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # The database is rolled back after each test, and what the cache holds was computed from
    # it: start each test with an empty cache.
    cache.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # No second login step (one-time code) unless a test asks for it: tests of everything
    # else log users in directly, the demo admin's authenticator notwithstanding.
    settings.TWO_STEP_LOGIN = False


@pytest.fixture
def world(db):
    """Two provinces merged in 2025 and one that was not, their police bodies, and the personas.

    - ``staff``: data-entry staff of Công an tỉnh Bến Tre (an old province, now in Vĩnh Long)
    - ``other_staff``: staff of Công an thành phố Hải Phòng
    - ``provincial_leader``: leader of Công an tỉnh Vĩnh Long (the new province): reads Bến Tre
    - ``other_leader``: leader in Hải Phòng: reads only Hải Phòng
    - ``central_leader``: leader in Bộ Công an: reads everything
    - ``admin``: superuser
    """
    merged = datetime.date(2025, 7, 1)
    until = datetime.date(2025, 6, 30)
    ben_tre = make_locality(key="63-tinhbentre", name="Tỉnh Bến Tre", short_name="Bến Tre", valid_to=until)
    vinh_long = make_locality(key="34-tinhvinhlong", name="Tỉnh Vĩnh Long", short_name="Vĩnh Long", valid_from=merged)
    hai_phong_old = make_locality(
        key="63-thanhphohaiphong", name="Thành phố Hải Phòng", short_name="Hải Phòng", valid_to=until
    )
    hai_phong = make_locality(
        key="34-thanhphohaiphong", name="Thành phố Hải Phòng", short_name="Hải Phòng", valid_from=merged
    )
    make_locality_succession(predecessor=ben_tre, successor=vinh_long)
    make_locality_succession(predecessor=hai_phong_old, successor=hai_phong)
    police = make_sector(code="police", name="Công an nhân dân", short_name="Công an")
    union = make_sector(code="labour_union", name="Công đoàn Việt Nam", short_name="Công đoàn")
    ministry = make_body(name="Bộ Công an", sector=police, level=Body.Level.CENTRAL)
    bodies = SimpleNamespace(
        ministry=ministry,
        ben_tre_police=make_body(name="Công an tỉnh Bến Tre", sector=police, parent=ministry, locality=ben_tre),
        ben_tre_union=make_body(name="Liên đoàn Lao động tỉnh Bến Tre", sector=union, locality=ben_tre),
        vinh_long_police=make_body(name="Công an tỉnh Vĩnh Long", sector=police, parent=ministry, locality=vinh_long),
        hai_phong_police=make_body(
            name="Công an thành phố Hải Phòng", sector=police, parent=ministry, locality=hai_phong_old
        ),
        hai_phong_union=make_body(name="Liên đoàn Lao động thành phố Hải Phòng", sector=union, locality=hai_phong_old),
    )
    users = {"anonymous": None, "admin": make_user(username="admin", is_staff=True, is_superuser=True)}
    for persona, body, role in [
        ("staff", bodies.ben_tre_police, Membership.Role.STAFF),
        ("other_staff", bodies.hai_phong_police, Membership.Role.STAFF),
        ("provincial_leader", bodies.vinh_long_police, Membership.Role.LEADER),
        ("other_leader", bodies.hai_phong_police, Membership.Role.LEADER),
        ("central_leader", bodies.ministry, Membership.Role.LEADER),
    ]:
        users[persona] = make_user(username=persona.replace("_", "."))
        make_membership(user=users[persona], body=body, role=role)
    return SimpleNamespace(
        localities=SimpleNamespace(
            ben_tre=ben_tre, vinh_long=vinh_long, hai_phong_old=hai_phong_old, hai_phong=hai_phong
        ),
        sectors=SimpleNamespace(police=police, union=union),
        bodies=bodies,
        users=users,
    )


@pytest.fixture
def login(client):
    """``login(user)`` logs the test client in (or out, for None) and returns it."""

    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login
