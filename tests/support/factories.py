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
