"""contract/locales.py: one plural rule per language, the one the site's catalogues carry and
the CMS's PO exports declare."""

import polib
import pytest

from cms.languages import LANGUAGES
from contract import locales
from sitebuild.stages.render import LOCALES


def test_every_language_of_the_site_has_a_rule_and_a_catalogue_with_it():
    assert set(locales.PLURAL_FORMS) == {language.code for language in LANGUAGES}
    for code in locales.PLURAL_FORMS:
        forms = polib.pofile(str(locales.po_path(LOCALES, code))).metadata["Plural-Forms"]
        assert locales.same_rule(forms, code), code


@pytest.mark.parametrize(
    ("lang", "forms", "same"),
    [
        ("ru", locales.PLURAL_FORMS["ru"].replace(" ", ""), True),
        ("da", "nplurals=2; plural=n!=1;", True),
        ("da", "nplurals=2;plural=(n > 1);", False),
        ("ar", "nplurals=2; plural=(n != 1);", False),
        ("zh-hans", "nplurals=1; plural=0", True),
        ("de", "nplurals=2;", False),
        ("de", "nplurals=2; plural=(n !! 1);", False),
    ],
)
def test_rules_are_compared_by_their_results(lang, forms, same):
    assert locales.same_rule(forms, lang) is same


@pytest.mark.parametrize("lang", sorted(locales.PLURAL_FORMS))
def test_the_declared_count_matches_the_rule(lang):
    rule = locales.plural_rule(locales.PLURAL_FORMS[lang])
    count = locales.nplurals(locales.PLURAL_FORMS[lang])
    assert {rule(n) for n in range(1000)} == set(range(count))
