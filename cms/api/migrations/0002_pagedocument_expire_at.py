from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_expiry(apps, schema_editor):
    """Existing documents take their page's expiry, as publishing would have stored it."""
    Page = apps.get_model("wagtailcore", "Page")
    PageDocument = apps.get_model("api", "PageDocument")
    PageDocument.objects.update(
        expire_at=Subquery(Page.objects.filter(id=OuterRef("page_id")).values("expire_at")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="pagedocument",
            name="expire_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(copy_expiry, migrations.RunPython.noop),
    ]
