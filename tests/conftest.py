import pytest


@pytest.fixture(autouse=True)
def _fast_test_settings(settings):
    # The default PBKDF2 hasher costs ~0.23 s per login here; tests need no real hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
