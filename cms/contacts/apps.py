from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "cms.contacts"
    label = "contacts"
