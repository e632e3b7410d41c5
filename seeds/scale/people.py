"""Organisations and people for the scale set, in bulk.

Every account is as `accounts.services.users.user_create_verified` leaves it: a verified
primary e-mail address (allauth), role grants, a usable password. Passwords share one
hash (PBKDF2 at Django's cost is ~0.3 s a hash: 20,000 of them would take most of the
run), so every account signs in with the same password.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress

from accounts.models import (
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    Role,
    RoleGrant,
    User,
)
from core.models import AuditEntry
from reviews.models import ConflictOfInterest
from seeds.scale.bulk import Progress, audit_rows, insert
from seeds.scale.state import BUSY_REVIEWER, DESK_WRITER, SCALE_DOMAIN, Person, World
from taxonomy.models import Term

_SURNAMES = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"),
             ("杨", "Yang"), ("赵", "Zhao"), ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu"),
             ("徐", "Xu"), ("孙", "Sun"), ("胡", "Hu"), ("朱", "Zhu"), ("高", "Gao"),
             ("林", "Lin"), ("何", "He"), ("郭", "Guo"), ("马", "Ma"), ("罗", "Luo"),
             ("梁", "Liang"), ("宋", "Song"), ("郑", "Zheng"), ("谢", "Xie"), ("韩", "Han"),
             ("唐", "Tang"), ("冯", "Feng"), ("于", "Yu"), ("董", "Dong"), ("萧", "Xiao")]  # fmt: skip
_GIVEN = [("晓明", "Xiaoming"), ("思远", "Siyuan"), ("雨桐", "Yutong"), ("子涵", "Zihan"),
          ("浩然", "Haoran"), ("欣怡", "Xinyi"), ("一诺", "Yinuo"), ("梓萱", "Zixuan"),
          ("俊杰", "Junjie"), ("诗涵", "Shihan"), ("嘉怡", "Jiayi"), ("明轩", "Mingxuan"),
          ("雅琪", "Yaqi"), ("宇航", "Yuhang"), ("佳琪", "Jiaqi"), ("博文", "Bowen"),
          ("静怡", "Jingyi"), ("天佑", "Tianyou"), ("若曦", "Ruoxi"), ("文博", "Wenbo"),
          ("清禾", "Qinghe"), ("沐阳", "Muyang"), ("安然", "Anran"), ("书瑶", "Shuyao")]  # fmt: skip
_EN_FIRST = [("Emma", "艾玛"), ("Daniel", "丹尼尔"), ("Grace", "格蕾丝"), ("Liam", "利亚姆"),
             ("Olivia", "奥利维亚"), ("Noah", "诺亚"), ("Sofia", "索菲亚"), ("Lucas", "卢卡斯"),
             ("Mia", "米娅"), ("Ethan", "伊桑"), ("Chloe", "克洛伊"), ("Leo", "利奥")]  # fmt: skip
_EN_LAST = [("Walsh", "沃尔什"), ("Park", "帕克"), ("Miller", "米勒"), ("Nguyen", "阮"),
            ("Garcia", "加西亚"), ("Okafor", "奥卡福"), ("Brooks", "布鲁克斯"), ("Khan", "汗"),
            ("Rossi", "罗西"), ("Berg", "伯格")]  # fmt: skip
_CITIES = [("北京", "Beijing"), ("上海", "Shanghai"), ("杭州", "Hangzhou"), ("成都", "Chengdu"),
           ("长沙", "Changsha"), ("西安", "Xi'an"), ("南京", "Nanjing"), ("武汉", "Wuhan"),
           ("重庆", "Chongqing"), ("厦门", "Xiamen"), ("青岛", "Qingdao"), ("昆明", "Kunming"),
           ("贵阳", "Guiyang"), ("苏州", "Suzhou"), ("郑州", "Zhengzhou"), ("广州", "Guangzhou")]  # fmt: skip
_ORG_KINDS = [OrganisationKind.UNIVERSITY, OrganisationKind.STUDIO, OrganisationKind.UNIVERSITY,
              OrganisationKind.FUND_BODY, OrganisationKind.STUDIO]  # fmt: skip
_ORG_NAMES = {
    OrganisationKind.UNIVERSITY: ("{c}传媒大学", "{C} Media University", "编剧专业教研室"),
    OrganisationKind.STUDIO: ("{c}星河短剧工作室", "{C} Shorts Studio", "精品微短剧出品"),
    OrganisationKind.FUND_BODY: ("{c}精品微短剧扶持基金", "{C} Micro-Drama Fund", "扶持原创剧本"),
}
_ADMIN_ROLES = {
    OrganisationKind.UNIVERSITY: {Role.EDUCATOR, Role.MENTOR},
    OrganisationKind.STUDIO: {Role.SCOUT},
    OrganisationKind.FUND_BODY: {Role.FUND_MANAGER},
}


def load_people(world: World, progress: Progress) -> None:
    options = world.options
    rng = world.rng("people")
    now = world.now
    with progress.stage("organisations and people") as made:
        organisations = [
            _organisation(index, _ORG_KINDS[index % len(_ORG_KINDS)], rng, now)
            for index in range(options.organisation_count)
        ]
        insert(Organisation, organisations)
        universities = [o for o in organisations if o.kind == OrganisationKind.UNIVERSITY]
        studios = [o for o in organisations if o.kind == OrganisationKind.STUDIO] or universities

        specs: list[tuple[str, frozenset[str], str, bool]] = []  # email, roles, language, staff
        specs += [
            (f"staff{n}@{SCALE_DOMAIN}", frozenset({Role.STAFF}), "zh-hans", True) for n in (1, 2)
        ]
        specs += [
            (f"admin.{o.slug}@{SCALE_DOMAIN}", frozenset(_ADMIN_ROLES[OrganisationKind(o.kind)]), "zh-hans", False)
            for o in organisations
        ]  # fmt: skip
        for n in range(options.mentor_count):
            email = BUSY_REVIEWER if n == 0 else f"mentor{n:04d}@{SCALE_DOMAIN}"
            roles = {Role.MENTOR} | ({Role.WRITER} if n == 0 or rng.random() < 0.3 else set())
            specs.append((email, frozenset(roles), _language(rng), False))
        for n in range(options.writers):
            email = DESK_WRITER if n == 0 else f"writer{n:05d}@{SCALE_DOMAIN}"
            specs.append((email, frozenset({Role.WRITER}), _language(rng), False))

        users = []
        for email, _roles, language, is_staff in specs:
            name_zh, name_en = _name(rng, language)
            users.append(
                User(
                    email=email, password=world.password_hash, display_name_zh=name_zh,
                    display_name_en=name_en, language=language, is_staff=is_staff,
                    date_joined=now - timedelta(days=rng.uniform(30, 730)),
                )
            )  # fmt: skip
        insert(User, users)
        insert(
            EmailAddress,
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        )
        staff = users[:2]
        people = []
        for user, (_email, roles, *_rest) in zip(users, specs, strict=True):
            person = Person(
                pk=user.pk, email=user.email, name_zh=user.display_name_zh,
                name_en=user.display_name_en, language=user.language, roles=roles,
                joined=user.date_joined,
            )  # fmt: skip
            people.append(person)
            world.people[user.pk] = person
        world.staff = people[:2]
        world.org_admins = people[2 : 2 + len(organisations)]
        world.mentors = people[
            2 + len(organisations) : 2 + len(organisations) + options.mentor_count
        ]
        world.writers = people[2 + len(organisations) + options.mentor_count :]

        admins_by_org = {o.pk: a.pk for o, a in zip(organisations, world.org_admins, strict=True)}
        # Memberships: each organisation's admin; a third of the writers study at a
        # university, a few work at a studio; half the mentors teach at a university.
        memberships = []
        for organisation, admin in zip(organisations, world.org_admins, strict=True):
            memberships.append((organisation, admin, MembershipRole.ADMIN, "负责人"))
        for index, writer in enumerate(world.writers):
            if index == 0 or rng.random() < 0.33:
                memberships.append(
                    (rng.choice(universities), writer, MembershipRole.MEMBER, "学生")
                )
            elif rng.random() < 0.08:
                memberships.append((rng.choice(studios), writer, MembershipRole.MEMBER, "编剧"))
        vouched: dict[int, Organisation] = {}
        for mentor in world.mentors[1:]:  # the busy reviewer belongs to none: blind reviews
            if rng.random() < 0.5:
                university = rng.choice(universities)
                memberships.append((university, mentor, MembershipRole.MEMBER, "导师"))
                vouched[mentor.pk] = university
        rows = []
        for organisation, person, role, title in memberships:
            joined = max(person.joined, organisation.created_at) + timedelta(
                days=rng.uniform(0, 20)
            )
            rows.append(
                Membership(
                    organisation=organisation, user_id=person.pk, role=role, title=title,
                    added_by_id=None if role == MembershipRole.ADMIN else admins_by_org[organisation.pk],
                    created_at=min(joined, now),
                )
            )  # fmt: skip
            person.organisations = person.organisations | {organisation.pk}
        insert(Membership, rows)

        # Role grants; mentors verified by staff, or vouched for by their university.
        grants = []
        for user, person in zip(users, people, strict=True):
            for role in sorted(person.roles):
                grant = RoleGrant(user=user, role=role, created_at=user.date_joined)
                if role == Role.MENTOR:
                    university = vouched.get(person.pk)
                    grant.verified_at = user.date_joined + timedelta(days=rng.uniform(1, 14))
                    if university is not None:
                        grant.verified_by_id = admins_by_org[university.pk]
                        grant.verified_for = university
                    else:
                        grant.verified_by_id = staff[0].pk
                grants.append(grant)
        insert(RoleGrant, grants)
        themes = list(Term.objects.themes().order_by("pk"))
        expertise = User.expertise_themes.through
        insert(
            expertise,
            [
                expertise(user_id=mentor.pk, term_id=term.pk)
                for mentor in [*world.mentors, *world.org_admins]
                if Role.MENTOR in mentor.roles
                for term in rng.sample(themes, 2)
            ],
        )

        # A few writers declare a conflict of interest with another writer.
        conflicts = []
        for reviewer in rng.sample(world.writers[1:], k=len(world.writers) // 200):
            writer = rng.choice(world.writers)
            if writer.pk != reviewer.pk and writer.pk not in world.conflicts.get(
                reviewer.pk, set()
            ):
                world.conflicts.setdefault(reviewer.pk, set()).add(writer.pk)
                conflicts.append(
                    ConflictOfInterest(
                        reviewer_id=reviewer.pk, writer_id=writer.pk, email=writer.email,
                        reason="同一工作室的合作者", created_at=now - timedelta(days=rng.uniform(1, 300)),
                    )
                )  # fmt: skip
        insert(ConflictOfInterest, conflicts)

        audit = audit_rows(
            Organisation,
            ((None, "organisation.created", o, {}, o.created_at) for o in organisations),
        )
        audit += audit_rows(
            User,
            (
                (None, "user.created", u, {"roles": sorted(p.roles)}, u.date_joined)
                for u, p in zip(users, people, strict=True)
            ),
        )
        audit += audit_rows(
            Organisation,
            (
                (m.added_by_id, "organisation.member_added", m.organisation, {"user_id": m.user_id, "role": m.role}, m.created_at)
                for m in rows
            ),
        )  # fmt: skip
        insert(AuditEntry, audit)
        made += [
            f"{len(organisations)} organisations",
            f"{len(users)} people ({len(world.writers)} writers, {len(world.mentors)} mentors)",
            f"{len(rows)} memberships",
            f"{len(conflicts)} declared conflicts",
        ]


def _language(rng) -> str:
    return "en" if rng.random() < 0.1 else "zh-hans"


def _name(rng, language: str) -> tuple[str, str]:
    if language == "en":
        (first, first_zh), (last, last_zh) = rng.choice(_EN_FIRST), rng.choice(_EN_LAST)
        return f"{first_zh}·{last_zh}", f"{first} {last}"
    (surname, surname_en), (given, given_en) = rng.choice(_SURNAMES), rng.choice(_GIVEN)
    return surname + given, f"{given_en} {surname_en}"


def _organisation(index: int, kind: OrganisationKind, rng, now) -> Organisation:
    city, city_en = _CITIES[index % len(_CITIES)]
    name_zh, name_en, about = _ORG_NAMES[kind]
    serial = "" if index < len(_CITIES) else f" {index // len(_CITIES) + 1}"
    return Organisation(
        kind=kind,
        slug=f"scale-{kind.replace('_', '-')}-{index + 1:03d}",
        name_zh=name_zh.format(c=city) + serial.strip(),
        name_en=name_en.format(C=city_en) + serial,
        description=about,
        city=city,
        created_at=now - timedelta(days=rng.uniform(700, 900)),
    )
