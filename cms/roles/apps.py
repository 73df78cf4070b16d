from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "cms.roles"
    label = "roles"
