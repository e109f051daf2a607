from django.urls import path

from seta.catalogus import views

app_name = "catalogus"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>", views.detail, name="detail"),
    path("nieuw/<slug:slug>", views.nieuw, name="nieuw"),
    path("<int:pk>/wijzigen", views.wijzigen, name="wijzigen"),
    path("<int:pk>/deactiveren", views.deactiveren, name="deactiveren"),
    path("<int:pk>/normen", views.norm_toevoegen, name="norm_toevoegen"),
    path("<int:pk>/normen/<int:norm_pk>/verwijderen", views.norm_verwijderen, name="norm_verwijderen"),
]
