"""Pages of harmonisation (``/harmonisatie/…``)."""

from django.urls import URLPattern, path

# --- voorstellen (harmonisation proposals; helper h-voorstel) -------------------------------------------------------
from seta.harmonisatie import views_voorstel

app_name = "harmonisatie"
urlpatterns: list[URLPattern] = []

# --- voorstellen ------------------------------------------------------------------------------------------------------
urlpatterns += [
    path("voorstellen/", views_voorstel.lijst, name="voorstel_lijst"),
    path("voorstellen/nieuw", views_voorstel.nieuw, name="voorstel_nieuw"),
    path("voorstellen/<int:pk>/", views_voorstel.detail, name="voorstel_detail"),
    path("voorstellen/<int:pk>/<slug:actie>", views_voorstel.actie, name="voorstel_actie"),
    path("voorstellen/partij/<int:pk>/<slug:actie>", views_voorstel.besluit, name="voorstel_besluit"),
]
# --- end voorstellen --------------------------------------------------------------------------------------------------
