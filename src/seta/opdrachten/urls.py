"""Pages of commissioning: /opdrachten/…"""

from __future__ import annotations

from django.urls import path

from seta.opdrachten import views

app_name = "opdrachten"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw", views.nieuw, name="nieuw"),
    path("<int:pk>", views.detail, name="detail"),
    path("<int:pk>/kaders", views.wijzigen, name="wijzigen"),
    path("<int:pk>/actie/<str:actie>", views.actie, name="actie"),
    path("<int:pk>/wijzigingsverzoek", views.wijzigingsverzoek_nieuw, name="wijzigingsverzoek_nieuw"),
    path(
        "wijzigingsverzoeken/<int:pk>/<str:besluit>",
        views.wijzigingsverzoek_besluit,
        name="wijzigingsverzoek_besluit",
    ),
    path("vragen", views.vragen, name="vragen"),
    path("vragen/nieuw", views.vraag_nieuw, name="vraag_nieuw"),
    path("vragen/<int:pk>", views.vraag, name="vraag"),
    path("vragen/<int:pk>/intrekken", views.vraag_intrekken, name="vraag_intrekken"),
    path("overleggen", views.overleggen, name="overleggen"),
    path("overleggen/nieuw", views.overleg_nieuw, name="overleg_nieuw"),
    path("overleggen/<int:pk>", views.overleg, name="overleg"),
]
