from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "seta.web"
    label = "web"
    verbose_name = "Web"

    def ready(self) -> None:
        from seta.web import security  # noqa: F401  (registers the deploy check)
