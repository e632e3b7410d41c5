import factory
from allauth.account.models import EmailAddress

from accounts.models import Membership, MembershipRole, Organisation, Role, RoleGrant, User
from core.models import Notification

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        staff = factory.Trait(is_staff=True)

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    display_name_zh = factory.Sequence(lambda n: f"用户{n}")
    display_name_en = factory.Sequence(lambda n: f"Person {n}")
    language = "zh-hans"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        roles = set(extracted or [Role.WRITER])
        if self.is_staff:
            roles.add(Role.STAFF)
        RoleGrant.objects.bulk_create([RoleGrant(user=self, role=role) for role in roles])


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = "studio"
    slug = factory.Sequence(lambda n: f"org-{n}")
    name_zh = factory.Sequence(lambda n: f"机构{n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = MembershipRole.MEMBER


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "organisation_removed"
    params = factory.LazyFunction(lambda: {"organisation": {"zh": "星河", "en": "Galaxy"}})
    url = "/orgs/"
    delivery_key = factory.Sequence(lambda n: f"key-{n}")


def admin_of(organisation: Organisation, **kwargs) -> User:
    user = UserFactory(**kwargs)
    Membership.objects.create(organisation=organisation, user=user, role=MembershipRole.ADMIN)
    return user


def member_of(organisation: Organisation, **kwargs) -> User:
    user = UserFactory(**kwargs)
    Membership.objects.create(organisation=organisation, user=user, role=MembershipRole.MEMBER)
    return user


ZH_TWO_EPISODES = """《法槌之下》

第1集 证人
1-1 日 内 法律援助中心
人物：林晚、王桂兰
△林晚把一摞案卷放在桌上。
王桂兰（焦急）：林律师，我的工钱到底能不能要回来？
林晚：能。但我需要您把工地的考勤表找出来。
【卡点】考勤表上，签名全是同一个人的笔迹。

第2集 笔迹
2-1 夜 内 林晚家
人物：林晚
△林晚对着台灯比对签名。
林晚（OS）：这不是王阿姨的字。
【卡点】门外传来敲门声。
"""


def make_series(owner=None, text: str = ZH_TWO_EPISODES, **fields):
    """A series made through the service, as the app makes it."""
    from scripts_app.services.series import series_create

    owner = owner or UserFactory()
    fields.setdefault("title", "法槌之下")
    return series_create(actor=owner, text=text, **fields)


def add_collaborator(series, role: str = "cowriter", **kwargs):
    from scripts_app.models import Collaborator

    person = UserFactory(**kwargs)
    Collaborator.objects.create(series=series, user=person, role=role, added_by=series.owner)
    return person


def review_request(
    series=None, *, kind: str = "peer", blindness: str = "single", reviews_needed: int = 2, **kwargs
):
    """A review request made through the service (so reviewers are assigned as in real use)."""
    from reviews.models import Rubric
    from reviews.services.credits import credit_add
    from reviews.services.requests import review_request_create
    from reviews.services.rubrics import version_for_use

    series = series or make_series()
    credit_add(user=series.owner, delta=10, reason="grant")
    return review_request_create(
        actor=series.owner,
        series=series,
        revision=series.head,
        kind=kind,
        rubric_version=version_for_use(Rubric.objects.get(is_default=True)),
        blindness=blindness,
        reviews_needed=reviews_needed,
        **kwargs,
    )


def peers(count: int, **kwargs) -> list:
    return [UserFactory(roles=["writer"], **kwargs) for _ in range(count)]


def full_scores(value: int = 7, **overrides) -> dict:
    from reviews.boutique_standard import CRITERIA

    return {
        key: {"score": overrides.get(key, value), "comment": f"{key} 的意见"}
        for key, *_rest in CRITERIA
    }


def verified_mentor(**kwargs) -> User:
    """A mentor verified by platform staff, as the ones writers are offered."""
    from django.utils import timezone

    roles = set(kwargs.pop("roles", [])) | {Role.MENTOR}
    user = UserFactory(roles=sorted(roles), **kwargs)
    RoleGrant.objects.filter(user=user, role=Role.MENTOR).update(verified_at=timezone.now())
    return user
