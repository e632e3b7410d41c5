"""Offers and deals: a studio offers for a listed series (or a pitch to its own brief),
the two sides negotiate versioned terms, an accepted offer becomes a deal with an
agreement both parties accept against its hash, and the writers' deliveries are answered
with the studio's feedback.

Every change of an offer's state is a move of `scouting.workflows.OFFER_FLOW` (row lock,
audit row, effects on commit); a deal becomes active by `DEAL_FLOW`'s "activate" once one
writer and one scout (or admin) of the studio have accepted the agreement. An exclusive
option in force hides the listing (`Listing.hidden_until`, set here) from every studio's
search, digests, portfolios, reads and offers until the option's last day.

Notifications: the writers (all of them) hear of an offer and of each studio move; the
studio's offer maker hears of each writers' move.
"""

import hashlib
from calendar import monthrange
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.exceptions import Conflict
from core.services.audit import audit_record
from core.services.notifications import notification_send
from core.workflows import workflow_move, workflow_move_all
from registry.models import RegistryEntry
from scouting.models import (
    Deal,
    DealDelivery,
    DealEnd,
    DealStatus,
    Listing,
    Offer,
    OfferKind,
    OfferSide,
    OfferStatus,
    OfferTerms,
    Pitch,
    ShortlistEntry,
    ShortlistEntryStatus,
)
from scouting.models.briefs import PitchStatus
from scouting.models.offers import (
    DEFAULT_OFFER_DAYS,
    MAX_OFFER_DAYS,
    OverseasRights,
)
from scouting.permissions import (
    can_request_read,
    is_deal_writer,
    is_offer_studio,
    is_offer_writer,
    scouting_studios,
)
from scouting.services.snapshot import option_hidden_until
from scouting.workflows import DEAL_FLOW, ENTRY_FLOW, OFFER_FLOW
from scripts_app.selectors import writer_ids

# The fields of one version of terms, in the order the agreement and the pages show them.
TERMS_FIELDS = (
    "amount",
    "option_months",
    "minimum_guarantee",
    "revenue_share_percent",
    "revenue_share_cycle",
    "credit_wording",
    "exclusive",
    "territory",
    "languages",
    "overseas_rights",
    "overseas_fee",
    "first_delivery_on",
    "final_delivery_on",
    "feedback_days",
)
PITCH_OFFERABLE = (PitchStatus.SUBMITTED, PitchStatus.SHORTLISTED)


def agreement_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- Terms -------------------------------------------------------------------------------


def terms_clean(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """The terms of one version, checked field by field and against the kind of offer.

    Raises:
        ValidationError: by field, with a message saying what to change.
    """
    if kind not in OfferKind.values:
        raise ValidationError({"kind": _("Choose an option, a purchase or a commission.")})
    values = {name: data.get(name) for name in TERMS_FIELDS}
    for name in ("revenue_share_cycle", "credit_wording", "territory", "languages"):
        values[name] = (values[name] or "").strip()
    values["exclusive"] = bool(values["exclusive"]) if data.get("exclusive") is not None else True
    values["overseas_rights"] = values["overseas_rights"] or OverseasRights.EXCLUDED
    for name in ("amount", "minimum_guarantee", "revenue_share_percent", "overseas_fee"):
        value = values[name]
        if value is not None and not isinstance(value, Decimal):
            try:
                values[name] = Decimal(str(value))
            except ArithmeticError:
                raise ValidationError({name: _("Enter an amount such as 50000.00.")}) from None
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if values["amount"] is None:
        refuse("amount", _("Give the amount in yuan (0 for none)."))
    if values["feedback_days"] is None:
        refuse("feedback_days", _("Say how many days the studio takes to answer each draft."))
    if kind == OfferKind.OPTION and not values["option_months"]:
        refuse("option_months", _("An option needs its term in months."))
    if kind != OfferKind.OPTION:
        values["option_months"] = None
    if values["revenue_share_percent"] is not None and not values["revenue_share_cycle"]:
        refuse("revenue_share_cycle", _("Say how often the revenue share is paid."))
    if values["revenue_share_percent"] is None and values["revenue_share_cycle"]:
        refuse("revenue_share_percent", _("Give the revenue share, or no payment cycle."))
    if values["overseas_rights"] == OverseasRights.SEPARATE and values["overseas_fee"] is None:
        refuse("overseas_fee", _("Overseas rights licensed separately need their fee."))
    if values["overseas_rights"] != OverseasRights.SEPARATE and values["overseas_fee"] is not None:
        refuse("overseas_fee", _("A fee is only for overseas rights licensed separately."))
    first, final = values["first_delivery_on"], values["final_delivery_on"]
    if first is not None and final is not None and final < first:
        refuse("final_delivery_on", _("The final draft cannot be due before the first."))
    if kind == OfferKind.COMMISSION and final is None:
        refuse("final_delivery_on", _("A commission needs the date the final draft is due."))
    # The model's own limits (amounts, percent, months, days, lengths), by field.
    try:
        OfferTerms(**values).full_clean(
            exclude=["offer", "version", "proposed_by_side", "proposed_by", *errors]
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                refuse(field, message)
    if errors:
        raise ValidationError(errors)
    return values


def _expiry(days: int | None) -> Any:
    days = DEFAULT_OFFER_DAYS if days is None else days
    if not 1 <= days <= MAX_OFFER_DAYS:
        raise ValidationError(
            {
                "expires_in_days": _("Keep an offer open between 1 and %(max)s days.")
                % {"max": MAX_OFFER_DAYS}
            }
        )
    return timezone.now() + timedelta(days=days)


def terms_changes(latest: OfferTerms, previous: OfferTerms | None) -> set[str]:
    """The fields in which the latest version differs from the one before it."""
    if previous is None:
        return set()
    return {name for name in TERMS_FIELDS if getattr(latest, name) != getattr(previous, name)}


# --- Notifications -------------------------------------------------------------------------


def _title(offer: Offer) -> str:
    if offer.series is not None:
        return offer.series.title
    return offer.pitch.logline if offer.pitch is not None else ""


def _params(offer: Offer, actor: User | None) -> dict[str, object]:
    studio = offer.studio
    params: dict[str, object] = {
        "series": _title(offer),
        "studio": {"zh": studio.name_zh, "en": studio.name_en or studio.name_zh},
    }
    if actor is not None:
        params["actor"] = actor.name_pair
    return params


def offer_writers(offer: Offer) -> list[User]:
    """The writers' side: every writer of the series, or the pitch's author."""
    if offer.series is not None:
        return list(User.objects.filter(pk__in=writer_ids(offer.series)).order_by("pk"))
    return [offer.pitch.author] if offer.pitch is not None else []


def _notify(people: list[User], kind: str, offer: Offer, actor: User | None) -> None:
    url = reverse("scouting:offer_detail", args=[offer.pk])
    for person in people:
        if actor is not None and person.pk == actor.pk:
            continue
        notification_send(
            recipient=person, kind=kind, actor=actor, params=_params(offer, actor), url=url
        )


def _tell_other_side(offer: Offer, kind: str, actor: User, side: str) -> None:
    """A move by `side`: the writers hear of the studio's moves, the offer's maker (and
    whoever on the studio's side moved last) of the writers'."""
    if side == OfferSide.STUDIO:
        _notify(offer_writers(offer), kind, offer, actor)
    else:
        studio_people = [p for p in (offer.made_by,) if p is not None]
        _notify(studio_people, kind, offer, actor)
        _notify([w for w in offer_writers(offer) if w.pk != actor.pk], kind, offer, actor)


# --- Offers --------------------------------------------------------------------------------


def _studio_of(actor: User, studio_id: int | None) -> Any:
    studios = list(scouting_studios(actor).order_by("pk"))
    if studio_id is None and len(studios) == 1:
        studio_id = studios[0].pk
    studio = next((s for s in studios if s.pk == studio_id), None)
    if studio is None:
        raise ValidationError({"studio": _("Choose a studio you scout for.")})
    return studio


def offer_make(
    *,
    actor: User,
    kind: str,
    terms: dict[str, Any],
    listing: Listing | None = None,
    pitch: Pitch | None = None,
    studio_id: int | None = None,
    message: str = "",
    expires_in_days: int | None = None,
) -> Offer:
    """A scout makes an offer for their studio on a listed series or on a pitch to one of
    the studio's briefs (submitted or shortlisted). The first version of the terms is the
    studio's; the writers answer.

    Raises:
        PermissionDenied: not a scout, the listing is not findable, or the pitch is not to
            this studio's brief.
        ValidationError: a bad studio, kind, terms or expiry (by field).
        Conflict: the studio already has an open offer on this series or pitch.
    """
    if (listing is None) == (pitch is None):
        raise ValueError("an offer is on a listing or on a pitch")
    if listing is not None and not can_request_read(actor, listing):
        raise PermissionDenied
    studio = _studio_of(actor, studio_id)
    if pitch is not None:
        if pitch.brief.studio_id != studio.pk:
            raise PermissionDenied
        if pitch.status not in PITCH_OFFERABLE:
            raise Conflict(_("Only a submitted or shortlisted pitch can receive an offer."))
    values = terms_clean(kind, terms)
    expires_at = _expiry(expires_in_days)
    series = listing.series if listing is not None else pitch.series  # type: ignore[union-attr]
    with transaction.atomic():
        if listing is not None:
            Listing.objects.select_for_update().get(pk=listing.pk)
            listing.refresh_from_db(fields=["hidden_until"])
            if listing.is_hidden:
                raise PermissionDenied
        else:
            Pitch.objects.select_for_update().get(pk=pitch.pk)  # type: ignore[union-attr]
        offer = _offer_create(
            actor=actor, studio=studio, series=series, pitch=pitch, kind=kind, values=values,
            expires_at=expires_at, message=message,
        )  # fmt: skip
        if listing is not None:
            entries = ShortlistEntry.objects.filter(
                shortlist__studio=studio, listing=listing
            ).exclude(status=ShortlistEntryStatus.OFFER_MADE)
            workflow_move_all(ENTRY_FLOW, entries, ShortlistEntryStatus.OFFER_MADE, actor=actor)
    return offer


def _offer_create(
    *,
    actor: User,
    studio: Any,
    series: Any,
    pitch: Pitch | None,
    kind: str,
    values: dict[str, Any],
    expires_at: Any,
    message: str,
) -> Offer:
    """The offer and its first terms (the studio's), audited; the writers are told. In
    the caller's transaction, with the listing, pitch or deal it is made on locked."""
    same = (
        Offer.objects.filter(studio=studio, pitch=pitch)
        if pitch is not None
        else Offer.objects.filter(studio=studio, series=series, pitch__isnull=True)
    )
    if same.filter(status=OfferStatus.OPEN, expires_at__gt=timezone.now()).exists():
        raise Conflict(_("Your studio already has an open offer on this series."))
    offer = Offer.objects.create(
        studio=studio,
        series=series,
        pitch=pitch,
        kind=kind,
        awaiting=OfferSide.WRITERS,
        expires_at=expires_at,
        made_by=actor,
    )
    OfferTerms.objects.create(
        offer=offer,
        version=1,
        proposed_by_side=OfferSide.STUDIO,
        proposed_by=actor,
        message=(message or "").strip()[:4000],
        **values,
    )
    audit_record(
        actor=actor,
        action="scouting.offer.make",
        target=series or pitch,
        data={"offer": offer.pk, "studio": studio.pk, "kind": kind, "version": 1,
              "amount": str(values["amount"])},
    )  # fmt: skip
    _notify(offer_writers(offer), "scouting_offer_made", offer, actor)
    return offer


def option_exercisable(deal: Deal) -> bool:
    """An option in force on a series, not past its last day."""
    return (
        deal.kind == OfferKind.OPTION
        and deal.status == DealStatus.ACTIVE
        and deal.series_id is not None
        and deal.option_ends_on is not None
        and deal.option_ends_on >= timezone.localdate()
    )


def option_exercise(
    *,
    actor: User,
    deal: Deal,
    terms: dict[str, Any],
    message: str = "",
    expires_in_days: int | None = None,
) -> Offer:
    """The studio holding an option in force offers to buy the series under it: a
    purchase offer the writers answer like any other, though the series stays hidden
    from other studios while the option holds. Once the purchase is in force the option
    ends as exercised (`_exercise_options`).

    Raises:
        PermissionDenied: not a scout or admin of the deal's studio.
        Conflict: the deal is not an option in force on a series, or the studio already
            has an open offer on the series.
        ValidationError: bad terms or expiry (by field).
    """
    if not is_offer_studio(actor, deal):
        raise PermissionDenied
    values = terms_clean(OfferKind.PURCHASE, terms)
    expires_at = _expiry(expires_in_days)
    with transaction.atomic():
        locked = Deal.objects.select_for_update().get(pk=deal.pk)
        if not option_exercisable(locked):
            raise Conflict(_("Only an option in force can be exercised."))
        return _offer_create(
            actor=actor, studio=locked.studio, series=locked.series, pitch=None,
            kind=OfferKind.PURCHASE, values=values, expires_at=expires_at, message=message,
        )  # fmt: skip


def _check_seen(offer: Offer, seen_version: int) -> OfferTerms:
    latest = offer.versions.order_by("-version").first()
    if latest is None or latest.version != seen_version:
        raise Conflict(
            _("The terms have changed since you read them: read the latest version first.")
        )
    return latest


def _check_rights_free(offer: Offer, terms: OfferTerms) -> None:
    """An exclusive option or a purchase needs the series' rights free: no exclusive option
    of another studio in force (a studio's own option is what it exercises by buying),
    and no purchase."""
    if offer.series_id is None or not (terms.exclusive or offer.kind == OfferKind.PURCHASE):
        return
    held_until = option_hidden_until(offer.series_id, except_studio_id=offer.studio_id)
    if held_until is not None:
        raise Conflict(
            _("An exclusive option on this series is in force until %(date)s.")
            % {"date": held_until.isoformat()}
        )
    if Deal.objects.filter(
        series_id=offer.series_id, kind=OfferKind.PURCHASE, status=DealStatus.ACTIVE
    ).exists():
        raise Conflict(_("This series has been sold."))


def offer_counter(
    *,
    actor: User,
    offer: Offer,
    seen_version: int,
    terms: dict[str, Any],
    message: str = "",
    expires_in_days: int | None = None,
) -> OfferTerms:
    """The side whose answer the offer waits for proposes new terms (a new version); the
    other side answers next. `seen_version` is the latest version the actor read: a
    counter to older terms is refused. `expires_in_days` sets a new date (else it stays).

    Raises:
        ValidationError: bad terms or expiry; Conflict: not open, expired, or stale.
        PermissionDenied: not the awaiting side.
    """
    values = terms_clean(offer.kind, terms)
    changes: dict[str, Any] = {}
    if expires_in_days is not None:
        changes["expires_at"] = _expiry(expires_in_days)
    created: list[OfferTerms] = []

    def add_version(locked: Offer) -> None:
        # The side is read from the locked row (the move checked the actor against it),
        # never from the caller's copy; the turn passes to the other side.
        side = locked.awaiting
        latest = _check_seen(locked, seen_version)
        locked.awaiting = OfferSide.WRITERS if side == OfferSide.STUDIO else OfferSide.STUDIO
        locked.save(update_fields=["awaiting"])
        created.append(
            OfferTerms.objects.create(
                offer=locked,
                version=latest.version + 1,
                proposed_by_side=side,
                proposed_by=actor,
                message=(message or "").strip()[:4000],
                **values,
            )
        )
        _tell_other_side(locked, "scouting_offer_countered", actor, side)

    workflow_move(
        OFFER_FLOW,
        offer,
        "counter",
        actor=actor,
        changes=changes,
        data={"offer": offer.pk, "version": seen_version + 1, "amount": str(values["amount"])},
        effects=[add_version],
    )  # fmt: skip
    offer.awaiting = created[0].offer.awaiting
    return created[0]


def offer_accept(*, actor: User, offer: Offer, seen_version: int) -> Deal:
    """The awaiting side accepts the latest version (the one it read: `seen_version`);
    the offer becomes a deal with its agreement to accept.

    Raises:
        Conflict: not open, expired, or the terms changed since `seen_version`.
        PermissionDenied: not the awaiting side.
    """
    made: list[Deal] = []

    def make_deal(locked: Offer) -> None:
        terms = _check_seen(locked, seen_version)
        _check_rights_free(locked, terms)
        made.append(_deal_create(locked, terms))
        _tell_other_side(locked, "scouting_offer_accepted", actor, locked.awaiting)

    workflow_move(
        OFFER_FLOW,
        offer,
        "accept",
        actor=actor,
        changes={"closed_at": timezone.now(), "closed_by": actor},
        data={"offer": offer.pk, "version": seen_version},
        effects=[make_deal],
    )
    return made[0]


def offer_decline(*, actor: User, offer: Offer) -> Offer:
    """The awaiting side declines the offer (it ends)."""
    return workflow_move(
        OFFER_FLOW,
        offer,
        "decline",
        actor=actor,
        changes={"closed_at": timezone.now(), "closed_by": actor},
        data={"offer": offer.pk},
        effects=[lambda o: _tell_other_side(o, "scouting_offer_declined", actor, o.awaiting)],
    )


def offer_withdraw(*, actor: User, offer: Offer) -> Offer:
    """A scout of the studio withdraws the offer while it is open."""
    return workflow_move(
        OFFER_FLOW,
        offer,
        "withdraw",
        actor=actor,
        changes={"closed_at": timezone.now(), "closed_by": actor},
        data={"offer": offer.pk},
        effects=[
            lambda o: _tell_other_side(o, "scouting_offer_withdrawn", actor, OfferSide.STUDIO)
        ],
    )


def offers_expire_due() -> int:
    """Mark open offers past their date as expired (for the lists; `Offer.is_open`
    already reads the date). Returns how many were marked."""
    now = timezone.now()
    due = Offer.objects.filter(status=OfferStatus.OPEN, expires_at__lte=now)
    return len(workflow_move_all(OFFER_FLOW, due, "expire", actor=None, changes={"closed_at": now}))


def can_answer(user: Any, offer: Offer) -> bool:
    """Whether this person may counter, accept or decline now (for pages and the API)."""
    return offer.is_open and (
        is_offer_studio(user, offer)
        if offer.awaiting == OfferSide.STUDIO
        else is_offer_writer(user, offer)
    )


# --- Deals ---------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def _deal_create(offer: Offer, terms: OfferTerms) -> Deal:
    series = offer.series
    pitch = offer.pitch
    revision = series.head if series is not None else None
    if revision is None and pitch is not None:
        revision = pitch.revision
    entry = (
        RegistryEntry.objects.filter(revision=revision).order_by("number").first()
        if revision is not None
        else None
    )
    today = timezone.localdate()
    deal = Deal.objects.create(
        offer=offer,
        terms=terms,
        studio=offer.studio,
        series=series,
        kind=offer.kind,
        revision=revision,
        registry_number=entry.number if entry is not None else None,
        episode_count=series.episodes_written if series is not None else None,
        starts_on=today,
        option_ends_on=(
            add_months(today, terms.option_months)
            if offer.kind == OfferKind.OPTION and terms.option_months
            else None
        ),
    )
    if series is not None:
        deal.terms_list.set([*series.themes.all(), *series.genres.all(), *series.audiences.all()])
    deal.agreement_text = agreement_text(deal)
    deal.agreement_sha256 = agreement_sha256(deal.agreement_text)
    deal.save(update_fields=["agreement_text", "agreement_sha256"])
    return deal


def _money(value: Decimal | None) -> str:
    return "—" if value is None else f"¥{value:,.2f}"


def agreement_text(deal: Deal) -> str:
    """The agreement, in Chinese and English in one text: both parties, the work and its
    registry entry, and every term of the accepted version."""
    offer, terms = deal.offer, deal.terms
    writers = offer_writers(offer)
    studio = deal.studio
    kinds = {
        OfferKind.OPTION: ("影视改编权选择权协议", "Option agreement"),
        OfferKind.PURCHASE: ("影视改编权转让协议", "Purchase agreement"),
        OfferKind.COMMISSION: ("委托创作协议", "Commission agreement"),
    }
    zh_kind, en_kind = kinds[OfferKind(deal.kind)]
    title = deal.series.title if deal.series is not None else _title(offer)
    names = "、".join(w.display_name for w in writers)
    overseas = {
        OverseasRights.INCLUDED: ("包含在本协议内", "included in this agreement"),
        OverseasRights.EXCLUDED: ("由编剧保留", "kept by the writers"),
        OverseasRights.SEPARATE: ("另行授权，费用见下", "licensed separately, for the fee below"),
    }[OverseasRights(terms.overseas_rights)]
    cycles = {
        "monthly": ("按月", "monthly"),
        "quarterly": ("按季度", "quarterly"),
        "half_yearly": ("每半年", "every six months"),
        "yearly": ("按年", "yearly"),
        "": ("—", "—"),
    }[terms.revenue_share_cycle]
    registry = (
        f"登记号 / Registry entry No. {deal.registry_number}"
        if deal.registry_number is not None
        else "未登记 / Not registered"
    )
    revision = f"修订版本 / Revision {deal.revision_id}" if deal.revision_id else "—"
    lines = [
        f"{zh_kind} / {en_kind}",
        "",
        f"协议编号 / Agreement No.: SC-{deal.pk}",
        f"日期 / Date: {deal.starts_on.isoformat()}",
        "",
        "一、双方 / Parties",
        f"甲方（制片方）/ Party A (studio): {studio.name_zh}"
        + (f" / {studio.name_en}" if studio.name_en else ""),
        f"乙方（编剧）/ Party B (writers): {names}",
        "",
        "二、作品 / The work",
        f"作品 / Title: {title}",
        revision,
        registry,
        f"已写集数 / Episodes written: {deal.episode_count if deal.episode_count else '—'}",
        "",
        "三、条款 / Terms",
        f"金额 / Amount: {_money(terms.amount)}",
    ]
    if deal.kind == OfferKind.OPTION:
        lines.append(
            f"选择权期限 / Option term: {terms.option_months} 个月 / months, "
            f"至 / until {deal.option_ends_on.isoformat() if deal.option_ends_on else '—'}"
        )
    lines += [
        f"保底 / Minimum guarantee: {_money(terms.minimum_guarantee)}",
        "分成 / Revenue share: "
        + (f"{terms.revenue_share_percent}%" if terms.revenue_share_percent is not None else "—")
        + f"（{cycles[0]} / {cycles[1]}）",
        f"署名 / Credit: {terms.credit_wording or '—'}",
        f"独家 / Exclusive: {'是 / yes' if terms.exclusive else '否 / no'}",
        f"地域 / Territory: {terms.territory or '—'}",
        f"语言 / Languages: {terms.languages or '—'}",
        f"海外改编权 / Overseas adaptation rights: {overseas[0]} / {overseas[1]}",
        f"海外改编费 / Overseas adaptation fee: {_money(terms.overseas_fee)}",
        f"初稿交付 / First draft due: {terms.first_delivery_on or '—'}",
        f"终稿交付 / Final draft due: {terms.final_delivery_on or '—'}",
        f"反馈周期 / Feedback turnaround: 甲方在收到每稿后 {terms.feedback_days} 日内反馈 / "
        f"the studio answers each draft within {terms.feedback_days} days",
        "",
        "四、确认 / Acceptance",
        f"本协议依据第 {terms.version} 版条款（报价 {offer.pk}）。双方以本文本的 SHA-256 确认。",
        f"This agreement records version {terms.version} of the terms of offer {offer.pk}. "
        "Each party accepts it against the SHA-256 of this text.",
    ]
    return "\n".join(lines) + "\n"


def deal_agreement_accept(*, actor: User, deal: Deal, sha256: str) -> Deal:
    """One writer and one scout (or admin) of the studio each accept the agreement's text,
    against its hash; with both, the deal is in force (an exclusive option then hides the
    listing until its last day).

    Raises:
        ValidationError (field "sha256"): the hash is not the text's.
        PermissionDenied: not a party; Conflict: not waiting for acceptance, or this side
            has already accepted.
    """
    writer, studio = is_deal_writer(actor, deal), is_offer_studio(actor, deal)
    if not (writer or studio):
        raise PermissionDenied
    if (sha256 or "").strip().lower() != deal.agreement_sha256:
        raise ValidationError(
            {"sha256": _("The agreement is not the one on record: reload the page and read it.")}
        )
    now = timezone.now()
    with transaction.atomic():
        locked = Deal.objects.select_for_update().get(pk=deal.pk)
        if locked.status != DealStatus.AGREEMENT:
            raise Conflict(_("The agreement is already accepted by both parties."))
        fields = []
        if writer and locked.writers_accepted_at is None:
            locked.writers_accepted_by, locked.writers_accepted_at = actor, now
            fields += ["writers_accepted_by", "writers_accepted_at"]
        elif studio and locked.studio_accepted_at is None:
            locked.studio_accepted_by, locked.studio_accepted_at = actor, now
            fields += ["studio_accepted_by", "studio_accepted_at"]
        else:
            raise Conflict(_("Your side has already accepted the agreement."))
        locked.save(update_fields=fields)
        audit_record(
            actor=actor,
            action="scouting.deal.agreement_accept",
            target=locked.series or locked.offer.pitch,
            data={"deal": locked.pk, "sha256": locked.agreement_sha256,
                  "side": "writers" if "writers_accepted_at" in fields else "studio"},
        )  # fmt: skip
        if locked.writers_accepted_at and locked.studio_accepted_at:
            workflow_move(
                DEAL_FLOW, locked, "activate", actor=actor,
                effects=[_hide_listing, _exercise_options],
            )  # fmt: skip
        people = [*offer_writers(locked.offer)]
        if locked.offer.made_by is not None:
            people.append(locked.offer.made_by)
        _notify(people, "scouting_deal_accepted", locked.offer, actor)
    for name in (*fields, "status"):
        setattr(deal, name, getattr(locked, name))
    return deal


def _hide_listing(deal: Deal) -> None:
    """An exclusive option in force hides the series' listing until its last day."""
    if (
        deal.kind == OfferKind.OPTION
        and deal.terms.exclusive
        and deal.series_id is not None
        and deal.option_ends_on is not None
    ):
        Listing.objects.filter(series_id=deal.series_id).update(hidden_until=deal.option_ends_on)


def _deal_ended(deals: list[Deal], kind: str) -> None:
    for deal in deals:
        people = [*offer_writers(deal.offer)]
        if deal.offer.made_by is not None:
            people.append(deal.offer.made_by)
        _notify(people, kind, deal.offer, None)


def _exercise_options(deal: Deal) -> None:
    """A studio's purchase of a series, in force, takes up the options it holds on it:
    they end as exercised (the writers and the studio are told)."""
    if deal.kind != OfferKind.PURCHASE or deal.series_id is None:
        return
    options = Deal.objects.filter(
        series_id=deal.series_id, studio_id=deal.studio_id, kind=OfferKind.OPTION
    ).exclude(pk=deal.pk)
    ended = workflow_move_all(
        DEAL_FLOW, options, "exercise", actor=None, data={"purchase": deal.pk},
        changes={"ended_on": timezone.localdate(), "end_reason": DealEnd.EXERCISED},
    )  # fmt: skip
    _deal_ended(ended, "scouting_option_exercised")


def deals_lapse_due() -> int:
    """End the options in force whose last day has passed (the daily task): the writers
    and the studio's offer maker are told, and the series shows no option any more (an
    exclusive option's hiding already ends with its last day). Returns how many ended."""
    today = timezone.localdate()
    due = Deal.objects.filter(
        status=DealStatus.ACTIVE, kind=OfferKind.OPTION, option_ends_on__lt=today
    )
    ended = workflow_move_all(
        DEAL_FLOW, due, "lapse", actor=None,
        changes={"ended_on": today, "end_reason": DealEnd.LAPSED},
    )  # fmt: skip
    _deal_ended(ended, "scouting_option_lapsed")
    return len(ended)


def deal_delivery_record(*, actor: User, deal: Deal, label: str) -> DealDelivery:
    """A writer records a draft delivered under a deal in force.

    Raises:
        PermissionDenied: not a writer; Conflict: the deal is not in force;
        ValidationError (field "label"): nothing said about what was delivered.
    """
    if not is_deal_writer(actor, deal):
        raise PermissionDenied
    if deal.status != DealStatus.ACTIVE:
        raise Conflict(_("Deliveries are recorded once the agreement is in force."))
    label = (label or "").strip()
    if not label:
        raise ValidationError({"label": _("Say what you delivered (for example: episodes 1–5).")})
    with transaction.atomic():
        delivery = DealDelivery.objects.create(deal=deal, label=label[:120], delivered_by=actor)
        audit_record(
            actor=actor,
            action="scouting.deal.delivery",
            target=deal.series or deal.offer.pitch,
            data={"deal": deal.pk, "delivery": delivery.pk},
        )
        _notify(
            [p for p in (deal.offer.made_by,) if p is not None],
            "scouting_deal_delivered",
            deal.offer,
            actor,
        )
    return delivery


def deal_feedback_record(*, actor: User, delivery: DealDelivery, note: str = "") -> DealDelivery:
    """A scout of the studio records the feedback given on a delivery (once): the real
    turnaround, set against the days promised.

    Raises:
        PermissionDenied: not of the studio; Conflict: feedback already recorded.
    """
    deal = delivery.deal
    if not is_offer_studio(actor, deal):
        raise PermissionDenied
    with transaction.atomic():
        locked = DealDelivery.objects.select_for_update().get(pk=delivery.pk)
        if locked.feedback_at is not None:
            raise Conflict(_("Feedback on this delivery is already recorded."))
        locked.feedback_at, locked.feedback_by = timezone.now(), actor
        locked.feedback_note = (note or "").strip()[:4000]
        locked.save(update_fields=["feedback_at", "feedback_by", "feedback_note"])
        audit_record(
            actor=actor,
            action="scouting.deal.feedback",
            target=deal.series or deal.offer.pitch,
            data={"deal": deal.pk, "delivery": locked.pk, "days": locked.turnaround_days},
        )
        _notify(offer_writers(deal.offer), "scouting_deal_feedback", deal.offer, actor)
    return locked


def active_deal_of(series_id: int) -> Deal | None:
    """The series' deal in force (the newest), for its status line."""
    return (
        Deal.objects.filter(series_id=series_id, status=DealStatus.ACTIVE)
        .order_by("-created_at", "-pk")
        .first()
    )


def deal_status_label(deal: Deal | None) -> str:
    """ "Optioned until DATE", "Sold", "Commissioned" (or "" for none or an option over)."""
    if deal is None:
        return ""
    if deal.kind == OfferKind.OPTION:
        if deal.option_ends_on is None or deal.option_ends_on < timezone.localdate():
            return ""
        return _("Optioned until %(date)s") % {"date": deal.option_ends_on.isoformat()}
    if deal.kind == OfferKind.PURCHASE:
        return _("Sold")
    return _("Commissioned")


def latest_versions(offer: Offer) -> tuple[OfferTerms | None, OfferTerms | None]:
    """The latest version and the one before it."""
    two = list(offer.versions.order_by("-version")[:2])
    return (two[0] if two else None, two[1] if len(two) > 1 else None)


def next_version(offer: Offer) -> int:
    return (offer.versions.aggregate(top=Max("version"))["top"] or 0) + 1
