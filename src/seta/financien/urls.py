from django.urls import path

from seta.financien import mutaties_views, views, views_jaar

app_name = "financien"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("<slug:slug>/drempel", views.drempel_vaststellen, name="drempel_vaststellen"),
    path("verdeelmodellen/nieuw", views.verdeelmodel_nieuw, name="verdeelmodel_nieuw"),
    path("verdeelmodellen/<int:pk>", views.verdeelmodel, name="verdeelmodel"),
    path("verdeelmodellen/<int:pk>/bewerken", views.verdeelmodel_bewerken, name="verdeelmodel_bewerken"),
    path("verdeelmodellen/<int:pk>/json", views.verdeelmodel_json, name="verdeelmodel_json"),
    path("<slug:slug>/verdeelmodel-voorbeeld", views.verdeelmodel_voorbeeld, name="verdeelmodel_voorbeeld"),
    path(
        "verdeelmodellen/<int:pk>/vaststellen",
        views.verdeelmodel_vaststellen,
        name="verdeelmodel_vaststellen",
    ),
    path(
        "verdeelmodellen/<int:pk>/nieuwe-versie",
        views.verdeelmodel_nieuwe_versie,
        name="verdeelmodel_nieuwe_versie",
    ),
    path("scenarios/<int:pk>", views.scenario, name="scenario"),
    path("scenarios/<int:pk>/berekenen", views.scenario_berekenen, name="scenario_berekenen"),
    path("deelnemersscenarios", mutaties_views.lijst, name="deelnemersscenarios"),
    path("<slug:slug>/uittredingsregel", mutaties_views.regel_vastleggen, name="uittredingsregel_vastleggen"),
    path("deelnemersscenarios/nieuw", mutaties_views.nieuw, name="deelnemersscenario_nieuw"),
    path("deelnemersscenarios/<int:pk>", mutaties_views.detail, name="deelnemersscenario"),
    path(
        "deelnemersscenarios/<int:pk>/berekenen",
        mutaties_views.berekenen,
        name="deelnemersscenario_berekenen",
    ),
    path("afrekeningen/<int:pk>", views.afrekening, name="afrekening"),
    path("afrekeningen/<int:pk>/actie", views.afrekening_actie, name="afrekening_actie"),
    path("<slug:slug>/voorschotten", views.voorschotten_overzicht, name="voorschotten"),
    path("voorschotten/<int:pk>", views.voorschotschema, name="voorschotschema"),
    path("voorschotten/<int:pk>/actie", views.voorschotschema_actie, name="voorschotschema_actie"),
    path("<slug:slug>/jaar-opzetten", views_jaar.jaar_opzetten, name="jaar_opzetten"),
    path("<slug:slug>/<int:jaar>/", views_jaar.jaar, name="jaar"),
    path("<slug:slug>/<int:jaar>/begroting", views_jaar.begroting_form, name="begroting"),
    path(
        "<slug:slug>/<int:jaar>/vaststellen", views_jaar.begroting_vaststellen, name="begroting_vaststellen"
    ),
    path("<slug:slug>/<int:jaar>/tarieven", views_jaar.tarieven, name="tarieven"),
    path("<slug:slug>/<int:jaar>/scenario", views_jaar.scenario_maken, name="scenario_maken"),
]
