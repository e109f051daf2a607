from django.urls import path

from seta.uren import views

app_name = "uren"
urlpatterns = [
    path("", views.week, name="week"),
    path("goedkeuren", views.goedkeuren, name="goedkeuren"),
    path("importeren", views.importeren, name="importeren"),
    path("weekstaten/<int:pk>", views.weekstaat, name="weekstaat"),
    path("weekstaten/<int:pk>/goedkeuren", views.goedkeuren_week, name="goedkeuren_week"),
    path("weekstaten/<int:pk>/heropenen", views.heropenen, name="heropenen"),
]
