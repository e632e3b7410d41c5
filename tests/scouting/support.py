"""Scouting test data, made through the services as the app makes it."""

from accounts.models import Organisation
from scouting.services.listings import ListingChoices, listing_create
from scouting.services.scouts import scout_add
from taxonomy.models import Term
from tests.support.factories import (
    OrganisationFactory,
    UserFactory,
    admin_of,
    make_series,
    member_of,
)

HERITAGE_ZH = """第1集 竹编
1-1 日 内 非遗工坊
人物：阿竹、外婆
△阿竹把竹篾一根根理顺。
外婆：这门手艺是非遗，不能断在我们手里。
【卡点】门外，外卖小哥送来一封律师函。

第2集 外卖
2-1 夜 外 老街
人物：阿竹
△阿竹骑着电动车送外卖。
阿竹（OS）：白天送外卖，晚上学竹编。
【卡点】订单地址是外婆的工坊。

第3集 传承
3-1 日 内 非遗工坊
人物：阿竹、外婆
△外婆把刻刀交给阿竹。
"""

ENGLISH_FOUNTAIN = """Title: The Lighthouse Keeper

# Episode 1: Storm

INT. LIGHTHOUSE - NIGHT

MARA climbs the stairs with a lantern.

MARA
The heritage of this light is older than the town.

# Episode 2: Wreck

EXT. BEACH - DAY

Mara finds a courier's bag in the sand.
"""


def studio_scout(studio: Organisation | None = None):
    """A member of a studio given its scout role by the studio's admin."""
    studio = studio or OrganisationFactory(kind="studio")
    admin = admin_of(studio)
    person = member_of(studio)
    scout_add(actor=admin, studio=studio, user=person)
    return person


def themes(*slugs: str) -> list[Term]:
    return list(Term.objects.filter(kind="theme", slug__in=slugs))


def genres(*slugs: str) -> list[Term]:
    return list(Term.objects.filter(kind="genre", slug__in=slugs))


def listed(series=None, *, actor=None, **choices):
    """A series listed by its owner (listed at once when there is no co-writer)."""
    series = series or make_series()
    return listing_create(
        actor=actor or series.owner, series=series, choices=ListingChoices(**choices)
    )


def heritage_series(owner=None, **fields):
    fields.setdefault("title", "竹编少年")
    fields.setdefault("logline", "外卖小哥白天送外卖，晚上跟外婆学非遗竹编。")
    fields.setdefault("synopsis", "一个关于**传承**的故事。")
    fields.setdefault("themes", themes("intangible-heritage"))
    fields.setdefault("genres", genres("urban"))
    return make_series(owner=owner or UserFactory(), text=HERITAGE_ZH, **fields)


def english_series(owner=None, **fields):
    fields.setdefault("title", "The Lighthouse Keeper")
    fields.setdefault("logline", "A keeper guards the heritage of a coastal town.")
    fields.setdefault("language", "en")
    fields.setdefault("format", "fountain")
    fields.setdefault("themes", themes("cultural-tourism"))
    fields.setdefault("genres", genres("suspense"))
    return make_series(owner=owner or UserFactory(), text=ENGLISH_FOUNTAIN, **fields)
