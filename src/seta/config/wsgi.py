"""WSGI entry point for production servers (refuses to start with the development secret key)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seta.config.settings")
application = get_wsgi_application()

from seta.web.security import require_production_secret  # noqa: E402  (needs the settings loaded)

require_production_secret()
