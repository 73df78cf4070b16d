from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "cms.letters"
    label = "letters"
