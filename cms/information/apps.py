from django.apps import AppConfig


class InformationConfig(AppConfig):
    name = "cms.information"
    label = "information"
