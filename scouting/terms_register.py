"""The register of commission terms: what studios really agree to, anonymised.

Small teams and single writers negotiate blind. The register publishes, for each kind of
deal (option, purchase, commission), overall and by genre, theme and episode count, the
median and range of the minimum guarantee, the revenue share, the feedback turnaround the
studio promised and the turnaround it then kept (the median days between a delivered
draft and the studio's feedback).

The rule that keeps it anonymous: a figure is shown only when it aggregates at least
MIN_DEALS deals from at least MIN_STUDIOS studios; each figure is checked on its own
deals (a group of six deals of which four name a guarantee shows no guarantee). Below the
threshold the register says only that there are too few deals, never how many.

Each studio's own record (its deals, what it promised and what it kept) is shown to its
members alone; the public register names a studio's kept turnaround only once it has
MIN_DEALS deals with measured feedback, and shows no money beside its name.

Everything is computed from a handful of flat queries whatever the number of deals.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from scouting.models import Deal, DealDelivery, OfferKind
from taxonomy.models import Term, TermKind

MIN_DEALS = 5
MIN_STUDIOS = 3

# Episode-count bands: (lowest, highest or None, label).
EPISODE_BANDS: list[tuple[int, int | None, Any]] = [
    (1, 40, _("Up to 40 episodes")),
    (41, 80, _("41–80 episodes")),
    (81, 120, _("81–120 episodes")),
    (121, None, _("More than 120 episodes")),
]


@dataclass(frozen=True)
class Figure:
    median: Decimal
    low: Decimal
    high: Decimal


@dataclass
class RegisterRow:
    label: str
    # None: too few deals (or studios) to show this figure.
    guarantee: Figure | None = None
    share: Figure | None = None
    promised_days: Figure | None = None
    kept_days: Figure | None = None

    @property
    def shows_anything(self) -> bool:
        return any((self.guarantee, self.share, self.promised_days, self.kept_days))


@dataclass
class RegisterSection:
    kind: str
    label: str
    # How many deals of this kind, once there are at least MIN_DEALS (None before).
    deals: int | None = None
    rows: list[RegisterRow] = field(default_factory=list)


@dataclass
class StudioTurnaround:
    studio_name: str
    studio_slug: str
    promised_days: Decimal
    kept_days: Decimal


@dataclass
class TermsRegister:
    sections: list[RegisterSection]
    studios: list[StudioTurnaround]
    min_deals: int = MIN_DEALS
    min_studios: int = MIN_STUDIOS


@dataclass
class _Deal:
    """The figures of one deal the register aggregates."""

    pk: int
    kind: str
    studio_id: int
    episode_count: int | None
    guarantee: Decimal | None
    share: Decimal | None
    promised_days: int
    kept_days: Decimal | None = None
    term_ids: list[int] = field(default_factory=list)


def figure(samples: list[tuple[int, Decimal | int | None]]) -> Figure | None:
    """The median and range of (studio id, value) samples, or None when they are fewer
    than MIN_DEALS or come from fewer than MIN_STUDIOS studios. Empty values don't count."""
    present = [(studio, Decimal(value)) for studio, value in samples if value is not None]
    if len(present) < MIN_DEALS or len({studio for studio, _ in present}) < MIN_STUDIOS:
        return None
    values = sorted(value for _, value in present)
    return Figure(median=Decimal(median(values)), low=values[0], high=values[-1])


def _row(label: Any, deals: list[_Deal]) -> RegisterRow:
    return RegisterRow(
        label=str(label),
        guarantee=figure([(d.studio_id, d.guarantee) for d in deals]),
        share=figure([(d.studio_id, d.share) for d in deals]),
        promised_days=figure([(d.studio_id, d.promised_days) for d in deals]),
        kept_days=figure([(d.studio_id, d.kept_days) for d in deals]),
    )


def _days(delivered_at: Any, feedback_at: Any) -> Decimal:
    return Decimal((feedback_at - delivered_at).total_seconds()) / 86400


def _median_days(waits: dict[int, list[Decimal]]) -> dict[int, Decimal]:
    return {
        deal_id: Decimal(median(days)).quantize(Decimal("0.1")) for deal_id, days in waits.items()
    }


def _kept_days_by_deal(deals: QuerySet[Deal]) -> dict[int, Decimal]:
    """Each deal's median days from a delivered draft to the studio's feedback."""
    waits: dict[int, list[Decimal]] = defaultdict(list)
    for deal_id, delivered_at, feedback_at in (
        DealDelivery.objects.filter(deal__in=deals, feedback_at__isnull=False)
        .order_by()
        .values_list("deal_id", "delivered_at", "feedback_at")
    ):
        waits[deal_id].append(_days(delivered_at, feedback_at))
    return _median_days(waits)


def _deals(queryset: QuerySet[Deal]) -> list[_Deal]:
    deals = {
        pk: _Deal(pk, kind, studio_id, episodes, guarantee, share, promised)
        for pk, kind, studio_id, episodes, guarantee, share, promised in queryset.values_list(
            "pk",
            "kind",
            "studio_id",
            "episode_count",
            "terms__minimum_guarantee",
            "terms__revenue_share_percent",
            "terms__feedback_days",
        )
    }
    for deal_id, kept in _kept_days_by_deal(queryset).items():
        deals[deal_id].kept_days = kept
    for deal_id, term_id in Deal.terms_list.through.objects.filter(
        deal__in=queryset, term__kind__in=[TermKind.GENRE, TermKind.THEME]
    ).values_list("deal_id", "term_id"):
        deals[deal_id].term_ids.append(term_id)
    return list(deals.values())


def terms_register() -> TermsRegister:
    """The public register (five queries, whatever the number of deals)."""
    deals = _deals(Deal.objects.order_by())
    used_terms = {term_id for deal in deals for term_id in deal.term_ids}
    terms = list(
        Term.objects.filter(pk__in=used_terms).order_by("kind", "position", "slug")
        if used_terms
        else []
    )
    sections = []
    for kind in OfferKind:
        of_kind = [deal for deal in deals if deal.kind == kind]
        section = RegisterSection(
            kind=kind.value,
            label=str(kind.label),
            deals=len(of_kind) if len(of_kind) >= MIN_DEALS else None,
        )
        section.rows.append(_row(_("All deals"), of_kind))
        for term in terms:
            section.rows.append(
                _row(
                    f"{term.get_kind_display()} · {term.name}",
                    [deal for deal in of_kind if term.pk in deal.term_ids],
                )
            )
        for low, high, label in EPISODE_BANDS:
            section.rows.append(
                _row(
                    label,
                    [
                        deal
                        for deal in of_kind
                        if deal.episode_count is not None
                        and deal.episode_count >= low
                        and (high is None or deal.episode_count <= high)
                    ],
                )
            )
        sections.append(section)
    return TermsRegister(sections=sections, studios=_studio_turnarounds(deals))


def _studio_turnarounds(deals: list[_Deal]) -> list[StudioTurnaround]:
    """Studios with at least MIN_DEALS deals whose feedback was measured: the median days
    they promised and the median days they took, slowest against its promise first."""
    measured: dict[int, list[_Deal]] = defaultdict(list)
    for deal in deals:
        if deal.kept_days is not None:
            measured[deal.studio_id].append(deal)
    named = {studio_id for studio_id, of_studio in measured.items() if len(of_studio) >= MIN_DEALS}
    if not named:
        return []
    studios = Organisation.objects.in_bulk(named)
    rows = [
        StudioTurnaround(
            studio_name=studios[studio_id].name,
            studio_slug=studios[studio_id].slug,
            promised_days=Decimal(median(d.promised_days for d in measured[studio_id])),
            kept_days=Decimal(median(d.kept_days for d in measured[studio_id])),  # type: ignore[misc]
        )
        for studio_id in named
    ]
    return sorted(rows, key=lambda row: (row.promised_days - row.kept_days, row.studio_slug))


@dataclass
class StudioDealLine:
    deal: Deal
    kept_days: Decimal | None
    deliveries: int
    answered: int
    answered_in_time: int


@dataclass
class StudioRecord:
    studio: Organisation
    lines: list[StudioDealLine]

    @property
    def deliveries(self) -> int:
        return sum(line.deliveries for line in self.lines)

    @property
    def answered(self) -> int:
        return sum(line.answered for line in self.lines)

    @property
    def answered_in_time(self) -> int:
        return sum(line.answered_in_time for line in self.lines)


def studio_record(studio: Organisation) -> StudioRecord:
    """A studio's own record, for its members: each deal, the turnaround it promised and
    the one it kept, and how many drafts it answered within its promise."""
    deals = list(
        Deal.objects.filter(studio=studio)
        .select_related("terms", "series")
        .order_by("-created_at", "-pk")
    )
    promised = {deal.pk: deal.terms.feedback_days for deal in deals}
    waits: dict[int, list[Decimal]] = defaultdict(list)
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for deal_id, delivered_at, feedback_at in (
        DealDelivery.objects.filter(deal__studio=studio)
        .order_by()
        .values_list("deal_id", "delivered_at", "feedback_at")
    ):
        count = counts[deal_id]
        count[0] += 1
        if feedback_at is not None:
            days = _days(delivered_at, feedback_at)
            waits[deal_id].append(days)
            count[1] += 1
            count[2] += days <= promised[deal_id]
    kept = _median_days(waits)
    return StudioRecord(
        studio=studio,
        lines=[
            StudioDealLine(
                deal=deal,
                kept_days=kept.get(deal.pk),
                deliveries=counts[deal.pk][0],
                answered=counts[deal.pk][1],
                answered_in_time=counts[deal.pk][2],
            )
            for deal in deals
        ],
    )
