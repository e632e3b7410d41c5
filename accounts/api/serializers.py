"""Input serializers validate; output serializers present. Neither creates domain objects."""

from django.conf import settings
from django.utils.text import capfirst
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import (
    Invitation,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from accounts.selectors import mentor_is_verified
from core.api.fields import SingleLineCharField
from core.markdown import render_markdown
from taxonomy.models import Term


# --- output -------------------------------------------------------------------
class TermBriefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Term
        fields = ["slug", "kind", "name"]
        read_only_fields = fields


class PersonBriefSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "display_name"]
        read_only_fields = fields


class MembershipOfUserSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["organisation", "organisation_name", "role", "title"]
        read_only_fields = fields


class UserPublicSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)
    bio_html = serializers.SerializerMethodField()
    expertise_themes = TermBriefSerializer(many=True, read_only=True)
    roles = serializers.SerializerMethodField()
    mentor_verified = serializers.SerializerMethodField(
        help_text="A mentor verified by staff or vouched for by one of their organisations."
    )
    organisations = MembershipOfUserSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "id", "display_name", "display_name_zh", "display_name_en", "bio", "bio_html",
            "expertise_themes", "roles", "mentor_verified", "organisations",
        ]  # fmt: skip
        read_only_fields = fields

    def get_bio_html(self, user: User) -> str:
        return str(render_markdown(user.bio))

    def get_roles(self, user: User) -> list[str]:
        return [grant.role for grant in user.role_grants.all()]

    def get_mentor_verified(self, user: User) -> bool:
        return mentor_is_verified(user)


class MeSerializer(UserPublicSerializer):
    # The language the site speaks to them: their choice, else the site's default (never "").
    language = serializers.SerializerMethodField()

    class Meta(UserPublicSerializer.Meta):
        fields = [
            *UserPublicSerializer.Meta.fields,
            "email", "language", "large_text", "email_notifications",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=settings.LANGUAGES))
    def get_language(self, user: User) -> str:
        return user.language or settings.LANGUAGE_CODE


class OrganisationSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    description_html = serializers.SerializerMethodField()
    member_count = serializers.IntegerField(read_only=True, default=None)
    # A URL or "" (none given): not format "uri", which "" would contradict.
    website = serializers.CharField(read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id", "slug", "kind", "name", "name_zh", "name_en", "description",
            "description_html", "website", "city", "member_count", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_description_html(self, organisation: Organisation) -> str:
        return str(render_markdown(organisation.description))


class MembershipSerializer(serializers.ModelSerializer):
    user = PersonBriefSerializer(read_only=True)
    # The shared membership base calls it created_at; the API keeps its name and label.
    joined_at = serializers.DateTimeField(
        source="created_at",
        read_only=True,
        label=capfirst(Membership._meta.get_field("created_at").verbose_name),
    )

    class Meta:
        model = Membership
        fields = ["id", "user", "role", "title", "joined_at"]
        read_only_fields = fields


class InvitationSerializer(serializers.ModelSerializer):
    """An invitation as its organisation's admins see it (no token)."""

    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    invited_by = PersonBriefSerializer(read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)

    class Meta:
        model = Invitation
        fields = [
            "id", "organisation", "email", "role", "status", "invited_by",
            "created_at", "expires_at",
        ]  # fmt: skip
        read_only_fields = fields


class MyInvitationSerializer(InvitationSerializer):
    """An invitation as the invited person sees it: with the token to answer it."""

    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta(InvitationSerializer.Meta):
        fields = [*InvitationSerializer.Meta.fields, "organisation_name", "token"]
        read_only_fields = fields


# --- input --------------------------------------------------------------------
class ProfileUpdateInputSerializer(serializers.Serializer):
    display_name_zh = SingleLineCharField(max_length=60, required=False, allow_blank=True)
    display_name_en = SingleLineCharField(max_length=60, required=False, allow_blank=True)
    bio = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False, allow_blank=True)
    large_text = serializers.BooleanField(required=False)
    email_notifications = serializers.BooleanField(required=False)
    expertise_themes = serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        required=False,
        queryset=Term.objects.active().themes(),
    )
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices),
        required=False,
        max_length=10,
    )


class MentorVerificationInputSerializer(serializers.Serializer):
    organisation = serializers.SlugField(
        required=False,
        allow_null=True,
        help_text="Vouch in this organisation's name (its admins); omit for platform staff.",
    )


class RolesInputSerializer(serializers.Serializer):
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices), max_length=10
    )


class OrganisationCreateInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=OrganisationKind.choices)
    slug = serializers.SlugField(max_length=64)
    name_zh = SingleLineCharField(max_length=100)
    name_en = SingleLineCharField(max_length=100, required=False, allow_blank=True)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    city = SingleLineCharField(max_length=60, required=False, allow_blank=True)


class OrganisationUpdateInputSerializer(serializers.Serializer):
    name_zh = SingleLineCharField(max_length=100, required=False)
    name_en = SingleLineCharField(max_length=100, required=False, allow_blank=True)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    city = SingleLineCharField(max_length=60, required=False, allow_blank=True)


class MembershipUpdateInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=MembershipRole.choices)


class InvitationCreateInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    role = serializers.ChoiceField(choices=MembershipRole.choices, default=MembershipRole.MEMBER)


class InvitationAnswerInputSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=[("accept", "accept"), ("decline", "decline")])


class SignupInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    display_name = SingleLineCharField(max_length=60)
    # Django's MinimumLengthValidator (8) runs too; the schema states its floor.
    password1 = serializers.CharField(min_length=8, max_length=128, write_only=True)
    password2 = serializers.CharField(max_length=128, write_only=True)


class TokenInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, write_only=True)


class PasswordResetInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class MessageSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True)
