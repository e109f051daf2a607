from django.urls import path

from seta.organisatie import views

app_name = "organisatie"
urlpatterns = [
    path("", views.boom, name="boom"),
    path("verband/<slug:slug>", views.verband, name="verband"),
    path("verband/<slug:slug>/eenheid-nieuw", views.eenheid_nieuw, name="eenheid_nieuw"),
    path("mensen", views.mensen, name="mensen"),
    path("eenheden/<int:pk>", views.eenheid, name="eenheid"),
    path("eenheden/<int:pk>/wijzigen", views.eenheid_wijzigen, name="eenheid_wijzigen"),
    path("eenheden/<int:eenheid_pk>/medewerker-nieuw", views.medewerker_nieuw, name="medewerker_nieuw"),
    path("medewerkers/<int:pk>", views.medewerker, name="medewerker"),
    path("medewerkers/<int:pk>/wijzigen", views.medewerker_wijzigen, name="medewerker_wijzigen"),
    path("medewerkers/<int:pk>/uit-dienst", views.medewerker_uit_dienst, name="medewerker_uit_dienst"),
]
