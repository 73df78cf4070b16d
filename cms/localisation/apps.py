from django.apps import AppConfig


class LocalisationConfig(AppConfig):
    name = "cms.localisation"
    label = "localisation"
