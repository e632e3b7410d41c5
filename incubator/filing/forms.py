"""Forms of an application's filing section."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from incubator.filing.tiers import SPECIAL_SUBJECTS

MAX_FIGURE = Decimal("999999999999.99")


def subject_choices() -> list[tuple[str, str]]:
    return [(slug, f"{zh} / {en}") for slug, (zh, en) in SPECIAL_SUBJECTS.items()]


class FilingFlagsForm(forms.Form):
    special_subjects = forms.MultipleChoiceField(
        label=_("Special subjects the main plot involves"),
        choices=subject_choices, required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    placement = forms.BooleanField(
        label=_("A platform plans to promote it as a main title or on its first screen"),
        required=False,
    )
    voluntary_key = forms.BooleanField(label=_("We file it as a key series"), required=False)


class FilingNumberForm(forms.Form):
    number = forms.CharField(
        label=_("Filing or licence number, as issued"), max_length=40, required=False,
        help_text=_("For example 网微剧备字（2025）第0123号 or （浙）网微剧审字（2025）第012号. "
                    "Leave empty to clear it."),
    )  # fmt: skip
    obtained_on = forms.DateField(
        label=_("Obtained on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class TierFiguresForm(forms.Form):
    """What-if: the tier of another budget on another date (read from the query string)."""

    budget = forms.DecimalField(
        label=_("Production budget (yuan)"), min_value=0, max_value=MAX_FIGURE,
        max_digits=14, decimal_places=2,
    )  # fmt: skip
    on = forms.DateField(
        label=_("On"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
