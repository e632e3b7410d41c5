from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import Invitation, Membership, Organisation, Role, User
from accounts.services.mentors import mentor_unverify, mentor_verify
from accounts.services.profiles import user_roles_set


class UserRolesForm(UserChangeForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["roles"].initial = list(
                self.instance.role_grants.values_list("role", flat=True)
            )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Roles are changed through the same service as everywhere else (audited, is_staff kept in step)."""

    form = UserRolesForm
    ordering = ["email"]
    list_display = [
        "email",
        "display_name_zh",
        "display_name_en",
        "is_staff",
        "is_active",
    ]
    list_filter = ["is_staff", "is_active", "role_grants__role"]
    search_fields = ["email", "display_name_zh", "display_name_en"]
    filter_horizontal = ["expertise_themes", "groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "display_name_zh",
                    "display_name_en",
                    "bio",
                    "expertise_themes",
                    "language",
                    "large_text",
                    "email_notifications",
                ]
            },
        ),
        (
            _("Permissions"),
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    actions = ["verify_mentors", "unverify_mentors"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "roles" in form.cleaned_data:
            try:
                user_roles_set(actor=request.user, user=obj, roles=form.cleaned_data["roles"])
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), level=messages.ERROR)

    def _each(self, request, queryset, service) -> None:
        done = 0
        for user in queryset:
            try:
                service(actor=request.user, user=user)
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(getattr(error, "messages", [])) or str(_("Not allowed."))
                self.message_user(request, text, level=messages.WARNING)
            else:
                done += 1
        self.message_user(
            request,
            ngettext("%(count)s person changed.", "%(count)s people changed.", done)
            % {"count": done},
        )

    @admin.action(description=_("Verify the selected mentors"))
    def verify_mentors(self, request, queryset):
        self._each(request, queryset, mentor_verify)

    @admin.action(description=_("Withdraw the selected mentors' verification"))
    def unverify_mentors(self, request, queryset):
        self._each(request, queryset, mentor_unverify)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "title"]
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name_zh", "name_en", "kind", "slug", "city"]
    list_filter = ["kind"]
    search_fields = ["name_zh", "name_en", "slug"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "status", "created_at"]
    list_filter = ["status", "role"]
    search_fields = ["email"]
    readonly_fields = ["token"]
