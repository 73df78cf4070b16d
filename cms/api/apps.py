from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "cms.api"
    label = "api"

    def ready(self) -> None:
        from .signals import connect

        connect()
