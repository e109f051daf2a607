from django.urls import path

from seta.samenwerkingsverbanden import views

app_name = "samenwerkingsverbanden"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<slug:slug>", views.detail, name="detail"),
    path("<slug:slug>/deelnemers/nieuw", views.deelnemer_toevoegen, name="deelnemer_toevoegen"),
    path("<slug:slug>/inbreng/nieuw", views.inbreng_toevoegen, name="inbreng_toevoegen"),
]
