"""Studio scouting in the demo.

- Four series listed for discovery, each with every co-writer's consent and a sample of
  its opening episodes, so that `scout.zhao` (admin of 星河短剧工作室, and so its scout)
  finds something on his desk and in search.
- 星河's shortlist 《本季重点》 with two of them, at "reading" and "discussing", and notes.
- A read of 《三号窗口》 asked by 星河, accepted by writer.chen under the platform's
  standard NDA for 14 days, the NDA accepted by scout.zhao, who has read it in the browser
  and downloaded a watermarked copy: the writers see the access trail.

《窗口的秘密》 (writer.gao) stays private, as every series is until its writers list it.
"""

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from accounts.models import Organisation, User
from scouting.models import (
    Brief,
    Deal,
    DealDelivery,
    Listing,
    NdaKind,
    OfferKind,
    ShortlistEntryStatus,
)
from scouting.services.briefs import (
    BriefFields,
    PitchFields,
    brief_close,
    brief_create,
    brief_publish,
    pitch_create,
    pitch_submit,
)
from scouting.services.listings import ListingChoices, consent_give, listing_create
from scouting.services.offers import (
    deal_agreement_accept,
    deal_delivery_record,
    deal_feedback_record,
    offer_accept,
    offer_counter,
    offer_make,
)
from scouting.services.reads import (
    nda_sha256,
    read_accept,
    read_download,
    read_nda_accept,
    read_request,
    read_view_record,
)
from scouting.services.shortlists import entry_add, entry_status_set, note_add, shortlist_create
from scripts_app.models import Series
from scripts_app.selectors import writer_ids
from taxonomy.models import Term

LISTED = {
    # title: the sample's length in episodes, and whether the median score is shown
    "三号窗口": (2, True),
    "老两口不上当": (1, True),
    "锦官绣": (2, False),
    "Three Bowls": (1, False),
}

SHORTLIST = {
    # title: status, the scout's note
    "三号窗口": (
        ShortlistEntryStatus.READING,
        "法援窗口的设定新，**第2集卡点**很强。已申请全本阅读。",
    ),
    "锦官绣": (
        ShortlistEntryStatus.DISCUSSING,
        "蜀绣非遗题材，适合文旅合作方；下周选题会讨论。",
    ),
}


def load_scouting(log: Callable[[str], None], person: Callable[[str], User]) -> None:
    if Listing.objects.exists():
        return
    listings: dict[str, Listing] = {}
    for title, (sample, show_score) in LISTED.items():
        series = Series.objects.filter(title=title).select_related("owner").first()
        if series is None:
            continue
        listing = listing_create(
            actor=series.owner, series=series,
            choices=ListingChoices(
                show_logline=True, show_synopsis=True, show_terms=True, show_episodes=True,
                sample_episodes=sample, show_score=show_score, show_registry=True,
                show_awards=True, show_certificates=True,
            ),
        )  # fmt: skip
        for writer in User.objects.filter(pk__in=writer_ids(series) - {series.owner_id}):
            listing = consent_give(actor=writer, listing=listing)
        listings[title] = listing
    log(f"scouting: {len(listings)} series listed for discovery")

    zhao = person("scout.zhao")
    galaxy = Organisation.objects.get(slug="galaxy-shorts")
    shortlist = shortlist_create(actor=zhao, studio=galaxy, name="本季重点")
    for title, (status, note) in SHORTLIST.items():
        if title in listings:
            entry = entry_add(actor=zhao, shortlist=shortlist, listing=listings[title])
            entry_status_set(actor=zhao, entry=entry, status=status)
            note_add(actor=zhao, entry=entry, body=note)

    window = listings.get("三号窗口")
    if window is not None:
        read = read_request(
            actor=zhao, listing=window, studio_id=galaxy.pk,
            message="您好，我们是星河短剧工作室。《三号窗口》的设定很适合我们明年的法治题材片单，"
            "想申请阅读全本，评估改编与合作的可能。",
        )  # fmt: skip
        read = read_accept(
            actor=window.series.owner, read=read, window_days=14, nda_kind=NdaKind.STANDARD
        )
        read = read_nda_accept(actor=zhao, read=read, sha256=nda_sha256(read.nda_text))
        read_view_record(actor=zhao, read=read)
        read_download(actor=zhao, read=read)
        log("scouting: a shortlist, and a read accepted under NDA with its trail")


def _back_date(model, pk: int, **moments) -> None:  # type: ignore[no-untyped-def]
    """The demo's history happened over the past weeks (the services stamp 'now')."""
    model.objects.filter(pk=pk).update(**moments)


def _terms(**values):  # type: ignore[no-untyped-def]
    return {"feedback_days": 10, "exclusive": True, **values}


def load_offers_and_briefs(log: Callable[[str], None], person: Callable[[str], User]) -> None:
    """The studio end of the pipeline in the demo:

    - 竖屏映画 (scout.li) options 《老两口不上当》 over two rounds of terms with its writers
      (writer.zhang, writer.xie): an exclusive 12-month option in force, so the series is
      hidden from search until the option's last day and shows "Optioned until".
    - 星河 (scout.zhao) has an open brief for rule-of-law dramas with two pitches: writer.gao
      pitches his private 《窗口的秘密》 with its first episode, writer.liu an idea.
    - Five commissions already agreed on past briefs by the three studios, with drafts
      delivered and answered, so that the terms register shows its first figures.
    """
    if Brief.objects.exists():
        return
    now = timezone.now()
    zhao, li, amy = person("scout.zhao"), person("scout.li"), person("scout.amy")
    studios = {o.slug: o for o in Organisation.objects.filter(kind="studio")}

    not_fooled = (
        Listing.objects.filter(series__title="老两口不上当").select_related("series").first()
    )
    if not_fooled is not None:
        zhang = not_fooled.series.owner
        offer = offer_make(
            actor=li, listing=not_fooled, studio_id=studios["vertical-frame"].pk,
            kind=OfferKind.OPTION,
            message="银发健康题材正是我们明年的重点。先谈一个一年期的独家选择权。",
            terms=_terms(amount="30000", option_months=12, credit_wording="编剧：张卓、谢婷",
                         territory="中国大陆", languages="中文"),
        )  # fmt: skip
        offer_counter(
            actor=zhang, offer=offer, seen_version=1,
            message="选择权期内希望有分成，另外海外改编权我们想保留。",
            terms=_terms(amount="45000", option_months=12, revenue_share_percent="5",
                         revenue_share_cycle="quarterly", credit_wording="编剧：张卓、谢婷",
                         territory="中国大陆", languages="中文"),
        )  # fmt: skip
        offer_counter(
            actor=li, offer=offer, seen_version=2,
            message="分成可以，选择权费折中到四万，反馈周期承诺七天。",
            terms=_terms(amount="40000", option_months=12, revenue_share_percent="5",
                         revenue_share_cycle="quarterly", feedback_days=7,
                         credit_wording="编剧：张卓、谢婷", territory="中国大陆",
                         languages="中文"),
        )  # fmt: skip
        deal = offer_accept(actor=zhang, offer=offer, seen_version=3)
        deal_agreement_accept(actor=zhang, deal=deal, sha256=deal.agreement_sha256)
        deal_agreement_accept(actor=li, deal=deal, sha256=deal.agreement_sha256)
        log("scouting: an option negotiated over two rounds, in force")

    brief = brief_create(
        actor=zhao, studio=studios["galaxy-shorts"],
        fields=BriefFields(
            title_zh="征集：基层法律援助题材竖屏短剧", title_en="Wanted: legal-aid vertical dramas",
            description_zh=(
                "我们在找**基层法律援助**题材的原创竖屏剧：一个窗口、一群普通人、一件件小案子。"
                "第一集三十秒内立住人物，每集结尾有卡点；普法准确，不说教。"
            ),
            description_en=(
                "Original vertical dramas about **grassroots legal aid**: one service window, "
                "ordinary people, small cases. Hook within 30 seconds; accurate, never preachy."
            ),
            terms_on_offer_zh="委托创作：保底稿酬加分成，每稿七天内反馈。",
            terms_on_offer_en="A commission: a guaranteed fee plus a revenue share; feedback "
            "on every draft within seven days.",
            deadline=now + timedelta(days=30), episodes=60, target_episode_seconds=90,
            budget_tier="small",
            terms=list(Term.objects.filter(slug__in=["rule-of-law"])),
        ),
    )  # fmt: skip
    brief = brief_publish(actor=zhao, brief=brief)
    secret = Series.objects.filter(title="窗口的秘密").first()
    pitches = 0
    if secret is not None:
        pitch = pitch_create(
            actor=secret.owner, brief=brief,
            fields=PitchFields(
                logline="县法律援助中心的新人窗口员，发现每个来求助的人都藏着一个秘密。",
                synopsis="以窗口为舞台的单元剧：每集一个求助者、一个法律问题、一个反转。",
                series=secret, revision=secret.head, sample_episodes=1,
            ),
        )  # fmt: skip
        pitch_submit(actor=secret.owner, pitch=pitch)
        pitches += 1
    idea = pitch_create(
        actor=person("writer.liu"), brief=brief,
        fields=PitchFields(
            logline="外卖骑手被拖欠工资，法援律师陪他一单一单把证据找回来。",
            synopsis="六十集，每集九十秒。前十集讲讨薪，后半程讲骑手们学会用法律保护自己。",
        ),
    )  # fmt: skip
    pitch_submit(actor=idea.author, pitch=idea)
    pitches += 1
    log(f"scouting: an open brief from 星河 with {pitches} pitches")

    _past_commissions(log, person, studios, {"galaxy-shorts": zhao, "vertical-frame": li,
                                             "seabreeze-global": amy})  # fmt: skip


# (studio, writer, logline, guarantee, share %, promised days, days actually taken)
PAST_COMMISSIONS = [
    ("galaxy-shorts", "writer.chen", "社区调解员的一百个周末。", "60000", "6", 7, [5, 9]),
    ("galaxy-shorts", "writer.yang", "乡村法庭里的最后一个书记员。", "50000", "5", 7, [8, 12]),
    ("vertical-frame", "writer.hu", "三代人同住一套两居室的年。", "45000", "8", 10, [10, 14]),
    ("vertical-frame", "writer.xie", "护士长退休后开了一家社区健康小站。", "55000", "7", 10, [6]),
    ("seabreeze-global", "writer.emma", "A Chengdu tea house, told to the world.", "80000", "4", 14,
     [21, 18]),
]  # fmt: skip


def _past_commissions(log, person, studios, scouts) -> None:  # type: ignore[no-untyped-def]
    """Five commissions agreed on each studio's past brief (now closed), each with drafts
    delivered and answered some weeks ago: the terms register's first figures."""
    now = timezone.now()
    briefs = {}
    for slug, scout in scouts.items():
        brief = brief_create(
            actor=scout, studio=studios[slug],
            fields=BriefFields(
                title_zh="往期征集", title_en="An earlier call", deadline=now + timedelta(days=1),
                episodes=60, budget_tier="micro", description_zh="往期命题征集。",
            ),
        )  # fmt: skip
        briefs[slug] = brief_publish(actor=scout, brief=brief)
    for index, (slug, writer_local, logline, guarantee, share, promised, taken) in enumerate(
        PAST_COMMISSIONS
    ):
        writer, scout = person(writer_local), scouts[slug]
        pitch = pitch_create(actor=writer, brief=briefs[slug], fields=PitchFields(logline=logline))
        pitch_submit(actor=writer, pitch=pitch)
        offer = offer_make(
            actor=scout, pitch=pitch, studio_id=studios[slug].pk, kind=OfferKind.COMMISSION,
            terms=_terms(amount=guarantee, minimum_guarantee=guarantee,
                         revenue_share_percent=share, revenue_share_cycle="half_yearly",
                         feedback_days=promised, exclusive=False,
                         final_delivery_on=timezone.localdate() + timedelta(days=90)),
        )  # fmt: skip
        deal = offer_accept(actor=writer, offer=offer, seen_version=1)
        deal_agreement_accept(actor=writer, deal=deal, sha256=deal.agreement_sha256)
        deal = deal_agreement_accept(actor=scout, deal=deal, sha256=deal.agreement_sha256)
        _back_date(Deal, deal.pk, created_at=now - timedelta(days=75 - index))
        for number, days in enumerate(taken, start=1):
            delivery = deal_delivery_record(actor=writer, deal=deal, label=f"第{number}稿")
            deal_feedback_record(actor=scout, delivery=delivery, note="已读，意见见批注。")
            delivered = now - timedelta(days=60 - 25 * number + index)
            _back_date(DealDelivery, delivery.pk, delivered_at=delivered,
                       feedback_at=delivered + timedelta(days=days))  # fmt: skip
    for slug, scout in scouts.items():
        brief_close(actor=scout, brief=briefs[slug])
    log(f"scouting: {len(PAST_COMMISSIONS)} past commissions with their feedback record")
