"""Root URL configuration: the web app, the API under /api/v1 and the admin."""

from django.contrib import admin
from django.urls import include, path

from seta.web.urls import app_urlpatterns

urlpatterns = [
    path("api/v1/", include("seta.api.urls")),
    path("beheer/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("seta.web.urls")),
    *app_urlpatterns,
]

handler400 = "seta.web.views.bad_request"
handler404 = "seta.web.views.not_found"
handler403 = "seta.web.views.forbidden"
handler500 = "seta.web.views.server_error"
