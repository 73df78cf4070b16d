"""manage.py export_po and import_po."""

import io

import polib
import pytest
from django.core.management import CommandError, call_command
from wagtail_localize.models import StringTranslation

from .conftest import fill, snapshot


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_then_import_with_a_user(site, tmp_path, django_user_model):
    user = django_user_model.objects.create_user("agency-de", password="x")
    path = tmp_path / "de.po"
    _, err = run("export_po", "--locale", "de", "-o", str(path))
    po = polib.pofile(str(path))
    assert po.metadata["X-Udsyn-Locale"] == "de" and len(po) > 0
    assert f"{len(po)} string(s)" in err
    fill(po).save(str(path))
    out, _ = run("import_po", "--locale", "de", str(path), "--user", "agency-de")
    assert f"imported: {len(po)}" in out
    rows = StringTranslation.objects.filter(locale__language_code="de")
    assert rows.count() == len(po)
    assert set(rows.values_list("last_translated_by__username", flat=True)) == {user.username}


def test_export_all_to_standard_output(site):
    outstanding, _ = run("export_po", "--locale", "de")
    everything, _ = run("export_po", "--locale", "de", "--all")
    assert "X-Udsyn-Scope: all" in everything and "X-Udsyn-Scope: outstanding" in outstanding
    assert len(polib.pofile(everything)) == len(polib.pofile(outstanding)) > 0


def test_dry_run_writes_nothing(site, tmp_path):
    path = tmp_path / "de.po"
    run("export_po", "--locale", "de", "-o", str(path))
    fill(polib.pofile(str(path))).save(str(path))
    out, _ = run("import_po", "--locale", "de", str(path), "--dry-run")
    assert "dry run, nothing written" in out
    assert StringTranslation.objects.count() == 0


def test_rejection_is_a_command_error_with_every_message(site, tmp_path):
    path = tmp_path / "de.po"
    run("export_po", "--locale", "de", "-o", str(path))
    po = fill(polib.pofile(str(path)))
    po.metadata["Plural-Forms"] = "nplurals=3; plural=0;"
    link = next(e for e in po if e.msgid.startswith("Ring til"))
    link.msgstr = link.msgstr.replace("%(navn)s", "")
    po.save(str(path))
    before = snapshot()
    with pytest.raises(CommandError) as failure:
        run("import_po", "--locale", "de", str(path))
    message = str(failure.value)
    assert "nothing was imported" in message
    assert "header: Plural-Forms" in message
    assert f'msgctxt "{link.msgctxt}" ("Ring til skolen' in message
    assert "placeholder %(navn)s" in message
    assert snapshot() == before


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["--locale", "xx"], "unknown locale 'xx'"),
        (["--locale", "da"], "source language"),
        (["--locale", "de", "--user", "nobody"], "no user 'nobody'"),
    ],
)
def test_bad_arguments(site, tmp_path, args, text):
    path = tmp_path / "de.po"
    run("export_po", "--locale", "de", "-o", str(path))
    with pytest.raises(CommandError, match=text):
        run("import_po", str(path), *args)


def test_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run("import_po", "--locale", "de", str(tmp_path / "missing.po"))
