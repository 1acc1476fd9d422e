"""Settings for the test suite: the normal settings with test-only speed-ups."""

import os

os.environ.setdefault("OPENCOMP_DEV", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright drives the live server from a thread

from opencomp.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True  # no collectstatic in tests; serve from the finders
