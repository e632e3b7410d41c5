"""Builds the demo world by calling the platform's own services, so the data obeys
the same rules as real use. Every step checks what exists first: loading twice
changes nothing.
"""

from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from accounts.models import Invitation, Membership, Organisation, User
from accounts.services.organisations import invitation_create, membership_add, organisation_create
from accounts.services.profiles import user_profile_update
from accounts.services.users import user_create_verified
from scripts_app.models import Collaborator, Series
from scripts_app.selectors import revision_text
from scripts_app.services.comments import comment_create
from scripts_app.services.revisions import revision_name, revision_save
from scripts_app.services.series import series_create
from seeds.world.organisations import ORGANISATIONS
from seeds.world.people import DEMO_PASSWORD, INVITATIONS, PEOPLE
from seeds.world.series import SERIES
from seeds.world.series_comments import COMMENTS
from taxonomy.data import terms_ensure
from taxonomy.models import Term

DEMO_DOMAIN = "demo.microdrama.cn"


def demo_email(local_part: str) -> str:
    return f"{local_part}@{DEMO_DOMAIN}"


def load_taxonomy(log: Callable[[str], None]) -> None:
    """The standards every installation has (also loaded by data migrations), ensured
    here too so the demo loads into a database whose tables were emptied."""
    from reviews.models import Criterion, Rubric, RubricVersion
    from reviews.rubric_content import boutique_ensure
    from scripts_app.compliance.starter import rules_ensure
    from scripts_app.models import ComplianceRule

    created = terms_ensure(Term)
    rules_ensure(ComplianceRule)
    boutique_ensure(Rubric, RubricVersion, Criterion)
    log(f"taxonomy: {created} terms created")


def _load_organisations(log: Callable[[str], None]) -> None:
    existing = set(Organisation.objects.values_list("slug", flat=True))
    created = 0
    for data in ORGANISATIONS:
        if data["slug"] not in existing:
            organisation_create(actor=None, **data)
            created += 1
    log(f"organisations: {created} created")


def _load_people(log: Callable[[str], None]) -> None:
    themes = {term.slug: term for term in Term.objects.themes()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    existing = set(User.objects.values_list("email", flat=True))
    created = 0
    for local, name_zh, name_en, roles, theme_slugs, memberships, bio in PEOPLE:
        email = demo_email(local)
        if email in existing:
            continue
        user = user_create_verified(
            actor=None,
            email=email,
            password=DEMO_PASSWORD,
            display_name_zh=name_zh,
            display_name_en=name_en,
            roles=roles,
            language="en"
            if local in ("writer.emma", "writer.daniel", "mentor.grace")
            else "zh-hans",
        )
        if local == "admin":
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        user_profile_update(
            actor=user, user=user, bio=bio, expertise_themes=[themes[s] for s in theme_slugs]
        )
        for slug, role, title in memberships:
            membership_add(
                actor=None, organisation=organisations[slug], user=user, role=role, title=title
            )
        created += 1
    log(f"people: {created} created")


def _verify_mentors(log: Callable[[str], None]) -> None:
    """The demo's mentors are verified by platform staff, as real mentors must be
    before writers are offered them."""
    from accounts.selectors import mentor_grants_verified
    from accounts.services.mentors import mentor_verify

    moderator = User.objects.get(email=demo_email("moderator"))
    verified = set(mentor_grants_verified().values_list("user__email", flat=True))
    count = 0
    for local, _zh, _en, roles, *_rest in PEOPLE:
        email = demo_email(local)
        if "mentor" in roles and email not in verified:
            mentor_verify(actor=moderator, user=User.objects.get(email=email))
            count += 1
    log(f"mentors: {count} verified")


def _load_invitations(log: Callable[[str], None]) -> None:
    created = 0
    for slug, invitee, inviter in INVITATIONS:
        organisation = Organisation.objects.get(slug=slug)
        email = demo_email(invitee)
        if Invitation.objects.filter(organisation=organisation, email=email).exists():
            continue
        if Membership.objects.filter(organisation=organisation, user__email=email).exists():
            continue
        invitation_create(
            actor=User.objects.get(email=demo_email(inviter)),
            organisation=organisation,
            email=email,
        )
        created += 1
    log(f"invitations: {created} created")


SERIES_DIR = Path(__file__).resolve().parent / "world" / "series"


def _load_series(log: Callable[[str], None]) -> None:
    """Each demo series, saved revision by revision by its writers, as in real use."""
    people = {user.email: user for user in User.objects.filter(email__endswith=DEMO_DOMAIN)}
    terms = {(t.kind, t.slug): t for t in Term.objects.all()}
    created = 0
    for data in SERIES:
        owner = people[demo_email(data["owner"])]
        if Series.objects.filter(owner=owner, title=data["title"]).exists():
            continue
        series = series_create(
            actor=owner,
            title=data["title"],
            logline=data["logline_en"] if data["language"] == "en" else data["logline_zh"],
            synopsis=data["synopsis"],
            language=data["language"],
            format=data["format"],
            themes=[terms[("theme", slug)] for slug in data["themes"]],
            genres=[terms[("genre", slug)] for slug in data["genres"]],
            audiences=[terms[("audience", slug)] for slug in data["audiences"]],
            planned_episodes=data["planned_episodes"],
            target_episode_seconds=data["target_episode_seconds"],
            paywall_episode=data["paywall_episode"],
            ai_assistance=data["ai_disclosure"],
            ai_note=data["ai_note"],
        )
        for role, names in (("cowriter", data["cowriters"]), ("reader", data["readers"])):
            for name in names:
                Collaborator.objects.create(
                    series=series, user=people[demo_email(name)], role=role, added_by=owner
                )
        for revision in data["revisions"]:
            author = people[demo_email(revision["author"])]
            series.refresh_from_db()
            text = (SERIES_DIR / data["slug"] / revision["file"]).read_text(encoding="utf-8")
            saved = revision_save(
                actor=author,
                series=series,
                text=text,
                base=series.head,
                note=revision["note"][:300],
            )
            if revision["name"]:
                revision_name(
                    actor=author,
                    revision=saved.head,
                    name=revision["name"],
                    color=revision["color"],
                )
        series.refresh_from_db()
        lines = revision_text(series.head).split("\n")
        for slug, reader, quote, note in COMMENTS:
            if slug != data["slug"]:
                continue
            line = next(
                i
                for i, text in enumerate(lines, start=1)
                if text.startswith(quote) or quote in text
            )
            comment_create(
                actor=people[demo_email(reader)], revision=series.head, line=line, body=note
            )
        created += 1
    log(f"series: {created} created")


def _load_registrations(log: Callable[[str], None]) -> None:
    from seeds.registry_loader import load_registrations

    people = {user.email: user for user in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")}
    load_registrations(log, lambda local: people[demo_email(local)])


def _load_courses(log: Callable[[str], None]) -> None:
    from seeds.courses_loader import load_courses

    people = {user.email: user for user in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")}
    load_courses(log, lambda local: people[demo_email(local)])


def _load_reviews(log: Callable[[str], None]) -> None:
    from seeds.reviews_loader import load_reviews

    people = {user.email: user for user in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")}
    load_reviews(log, lambda local: people[demo_email(local)])


def _load_fund(log: Callable[[str], None]) -> None:
    from seeds.fund_loader import load_fund

    people = {user.email: user for user in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")}
    load_fund(log, lambda local: people[demo_email(local)])


def _load_scouting(log: Callable[[str], None]) -> None:
    from seeds.scouting_loader import load_offers_and_briefs, load_scouting

    people = {user.email: user for user in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")}
    load_scouting(log, lambda local: people[demo_email(local)])
    load_offers_and_briefs(log, lambda local: people[demo_email(local)])


# Later issues append their loaders (series, reviews, courses...) here, in order.
LOADERS: list[Callable[[Callable[[str], None]], None]] = [
    load_taxonomy,
    _load_organisations,
    _load_people,
    _verify_mentors,
    _load_invitations,
    _load_series,
    _load_registrations,
    _load_reviews,
    _load_courses,
    _load_fund,
    _load_scouting,
]


def load_demo_world(log: Callable[[str], None] = lambda _message: None) -> None:
    for loader in LOADERS:
        with transaction.atomic():
            loader(log)
