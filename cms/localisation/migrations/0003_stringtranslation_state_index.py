from django.db import migrations

# Translation states count, per source page and language, the string segments that have a
# translation at the same position (context) of the same string. wagtail-localize indexes
# translations by locale first and by string; a string shared by many pages ("Status") then
# drags every translation of it into the join. This index answers the lookup directly.
INDEX = "udsyn_stringtranslation_state"


class Migration(migrations.Migration):
    dependencies = [
        ("localisation", "0002_source_change"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]
    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {INDEX} ON wagtail_localize_stringtranslation "
            "(context_id, translation_of_id, locale_id)",
            f"DROP INDEX {INDEX}",
        )
    ]
