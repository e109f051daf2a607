from django.apps import AppConfig


class SamenwerkingsverbandenConfig(AppConfig):
    name = "seta.samenwerkingsverbanden"
    label = "samenwerkingsverbanden"
    verbose_name = "Samenwerkingsverbanden"
