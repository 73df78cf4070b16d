from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "cms.strategy"
    label = "strategy"
