from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Contact


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "user"
    menu_label = "Contacts"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "phone", "email"]
    search_fields = ["name"]


register_snippet(ContactViewSet)
