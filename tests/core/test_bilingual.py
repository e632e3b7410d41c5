"""One declaration for a text stored in both languages: two ordinary columns and the text
in the reader's language under the pair's own name."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import translation

from accounts.models import Organisation, User
from core.i18n import Bilingual
from reviews.models import Criterion
from taxonomy.models import Term


def test_a_pair_is_two_ordinary_fields_with_their_own_labels():
    zh, en = Organisation._meta.get_field("name_zh"), Organisation._meta.get_field("name_en")

    assert isinstance(zh, models.CharField) and isinstance(en, models.CharField)
    assert (zh.max_length, en.max_length) == (100, 100)
    with translation.override("en"):
        assert (str(zh.verbose_name), str(en.verbose_name)) == ("name (Chinese)", "name (English)")
    # blank="en": Chinese is required, English may be left empty.
    assert (zh.blank, en.blank) == (False, True)
    assert zh.validators == en.validators and zh.validators


def test_blank_covers_both_columns_and_en_options_only_the_english_one():
    assert not Term._meta.get_field("name_zh").blank
    assert not Term._meta.get_field("name_en").blank
    assert Term._meta.get_field("description_zh").blank
    assert Term._meta.get_field("description_en").blank
    assert Criterion._meta.get_field("name_zh").max_length == 60
    assert Criterion._meta.get_field("name_en").max_length == 80


def test_the_text_follows_the_readers_language_and_falls_back_to_the_other():
    both = Organisation(name_zh="星河", name_en="Galaxy")
    chinese_only = Organisation(name_zh="星河", name_en="")

    with translation.override("en"):
        assert both.name == "Galaxy"
        assert chinese_only.name == "星河"
    with translation.override("zh-hans"):
        assert both.name == "星河"


def test_fallback_is_shown_when_both_are_empty_in_the_readers_language():
    nameless = User(display_name_zh="", display_name_en="")

    with translation.override("en"):
        assert nameless.display_name == "Unnamed user"
    with translation.override("zh-hans"):
        assert nameless.display_name != "Unnamed user"
        assert nameless.display_name


def test_the_pair_is_read_only_under_its_own_name():
    organisation = Organisation(name_zh="星河")

    with pytest.raises(AttributeError, match="name_zh and name_en"):
        organisation.name = "Galaxy"
    assert isinstance(Organisation.name, Bilingual)  # what the admin and DRF look up


def test_blank_accepts_only_true_false_or_en():
    with pytest.raises(ValueError):
        Bilingual(models.CharField, "zh", "en", max_length=10, blank="zh")


def test_every_pair_keeps_its_columns_in_declaration_order():
    # Django orders fields by creation; the pair makes its fields where it is declared.
    names = [field.name for field in apps.get_model("reviews", "Criterion")._meta.fields]

    assert names.index("weight") < names.index("name_zh") < names.index("name_en")
    assert names.index("name_en") < names.index("description_zh") < names.index("anchor_high_en")


@pytest.mark.django_db
def test_the_pairs_need_no_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
