from types import SimpleNamespace

import pytest
from django.test import RequestFactory, override_settings
from django.utils import translation

from core.fragments import cached_fragments


def _templates(source: str) -> list[dict]:
    return [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [("django.template.loaders.locmem.Loader", {"card.html": source})]
            },
        }
    ]


CARD = (
    '{% load i18n %}<li>{{ item.name }} · {% translate "Notes" %}'
    '<form method="post">{{ csrf_slot }}</form></li>'
)


def _draw(request, items, *, parts=lambda item: (item.pk, item.name)):  # type: ignore[no-untyped-def]
    drawn = []

    def context_of(item):  # type: ignore[no-untyped-def]
        drawn.append(item.pk)
        return {"item": item}

    pieces = cached_fragments(request, "card.html", items, parts_of=parts, context_of=context_of)
    return [str(piece) for piece in pieces], drawn


@pytest.fixture
def request_():  # type: ignore[no-untyped-def]
    return RequestFactory().get("/")


def test_a_piece_is_drawn_once_then_kept_until_what_it_shows_changes(request_):
    items = [SimpleNamespace(pk=1, name="甲"), SimpleNamespace(pk=2, name="乙")]
    with override_settings(TEMPLATES=_templates(CARD)):
        first, drawn = _draw(request_, items)
        assert drawn == [1, 2] and "甲" in first[0] and "乙" in first[1]
        again, drawn = _draw(request_, items)
        assert drawn == [] and [p.split("value=")[0] for p in again] == [
            p.split("value=")[0] for p in first
        ]
        items[1].name = "丙"
        changed, drawn = _draw(request_, items)
        assert drawn == [2] and "丙" in changed[1]


def test_none_draws_afresh_every_time(request_):
    items = [SimpleNamespace(pk=1, name="甲")]
    with override_settings(TEMPLATES=_templates(CARD)):
        for _ in range(2):
            _pieces, drawn = _draw(request_, items, parts=lambda item: None)
            assert drawn == [1]


def test_the_language_and_the_template_are_part_of_the_key(request_):
    items = [SimpleNamespace(pk=1, name="甲")]
    with override_settings(TEMPLATES=_templates(CARD)):
        with translation.override("en"):
            english, _ = _draw(request_, items)
        with translation.override("zh-hans"):
            chinese, drawn = _draw(request_, items)
        assert drawn == [1] and "Notes" in english[0] and "批注" in chinese[0]
    with override_settings(TEMPLATES=_templates(CARD.replace("<li>", "<li class='new'>"))):
        with translation.override("zh-hans"):
            newer, drawn = _draw(request_, items)
        assert drawn == [1] and "class='new'" in newer[0]


def test_the_slot_becomes_the_readers_token_and_only_the_slot(request_):
    items = [SimpleNamespace(pk=1, name="<csrf-slot>")]  # escaped: never taken for the slot
    with override_settings(TEMPLATES=_templates(CARD)):
        pieces, _ = _draw(request_, items)
    assert "&lt;csrf-slot&gt;" in pieces[0]
    assert pieces[0].count('name="csrfmiddlewaretoken"') == 1
    other = RequestFactory().get("/")
    with override_settings(TEMPLATES=_templates(CARD)):
        theirs, drawn = _draw(other, items)
    assert drawn == []
    token = pieces[0].split('value="')[1].split('"')[0]
    assert token not in theirs[0]
