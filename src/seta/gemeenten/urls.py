from django.urls import path

from seta.gemeenten import views

app_name = "gemeenten"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<slug:slug>", views.detail, name="detail"),
    path("<slug:slug>/functionarissen/nieuw", views.functionaris_toevoegen, name="functionaris_toevoegen"),
    path(
        "<slug:slug>/functionarissen/<int:pk>/beeindigen",
        views.functionaris_beeindigen,
        name="functionaris_beeindigen",
    ),
]
