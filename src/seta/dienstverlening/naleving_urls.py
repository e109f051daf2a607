"""Web routes of compliance (naleving); included by ``dienstverlening/urls.py``."""

from django.urls import path

from seta.dienstverlening import naleving_views

urlpatterns = [
    path("naleving/", naleving_views.overzicht, name="naleving"),
    path("naleving/<int:pk>", naleving_views.dvo, name="naleving-dvo"),
    path("naleving/<int:pk>/export", naleving_views.export, name="naleving-export"),
    path(
        "naleving/<int:pk>/normen/<int:norm_pk>/gemeenten/<int:gemeente_pk>",
        naleving_views.norm,
        name="naleving-norm",
    ),
]
