from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.limits import DB_INT_MAX
from core.text import single_line


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form that fed it.

    Messages for fields the form has go beside those fields; the rest go on top,
    so no rule is ever silently dropped and the user's input stays in the form.
    """
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class SingleLineField(forms.CharField):
    """A title or name: line breaks fold into a space and control characters are dropped.

    Use it (or `field_classes` in a ModelForm's Meta) for every single-line text input;
    the model's `validate_single_line` refuses whatever does not come through here.
    """

    def to_python(self, value):
        return single_line(super().to_python(value))


class BoundedIntegerField(forms.IntegerField):
    """An integer the database can hold (see core.limits): 1..DB_INT_MAX unless narrowed."""

    def __init__(self, *, min_value=1, max_value=DB_INT_MAX, **kwargs):
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


def _attrs_html(attrs: dict) -> str:
    """What django/forms/widgets/attrs.html renders: ` name="value"`, ` name` for True,
    nothing for False."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def fast_field_group(field: BoundField) -> SafeString:
    """`field.as_field_group()` drawn in Python: its label, help text and widget, the same
    HTML as Django's field template (tests/core/test_fast_widgets.py holds it to that).

    Django draws a field group through three templates (the group, the label and the
    widget's attributes): a shortlist page of 25 entries, each with a status and a note
    form, spent a third of its time there. A field with errors or drawn as a fieldset
    (radio buttons, checkbox lists) goes through Django's templates as before.
    """
    if field.errors or field.use_fieldset or field.is_hidden:
        return field.as_field_group()
    parts = []
    if field.label:
        parts.append(_label_html(field))
    if field.help_text:
        id_attr = f' id="{conditional_escape(field.auto_id)}_helptext"' if field.auto_id else ""
        # As Django's template: help text is the developer's own markup (`|safe`).
        parts.append(f'<div class="helptext"{id_attr}>{field.help_text}</div>')
    parts.append(str(field))
    return mark_safe("\n".join(parts))  # noqa: S308 - every user value escaped above


def _label_html(field: BoundField) -> str:
    """What BoundField.label_tag() draws, without its template."""
    contents = field.label
    suffix = (
        field.field.label_suffix
        if field.field.label_suffix is not None
        else field.form.label_suffix
    )
    if suffix and contents and contents[-1] not in _(":?.!"):
        contents = format_html("{}{}", contents, suffix)
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    if not id_:
        return str(conditional_escape(contents))
    attrs: dict = {}
    id_for_label = widget.id_for_label(id_)
    if id_for_label:
        attrs["for"] = id_for_label
    if field.field.required and hasattr(field.form, "required_css_class"):
        attrs["class"] = field.form.required_css_class
    return f"<label{_attrs_html(attrs)}>{conditional_escape(contents)}</label>"


class FastSelect(forms.Select):
    """A select rendered in Python, to the same HTML as Django's templates.

    The stock widget includes a template for every option: a review form with ten
    criteria on a 0-10 scale rendered 110 option templates (about half of the review
    page's time). Used where a form has many selects; tests/core/test_fast_widgets.py
    holds it to the stock widget's output.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [
            f'<select name="{conditional_escape(widget["name"])}"{_attrs_html(widget["attrs"])}>'
        ]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                html.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attrs_html(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # noqa: S308 - every value is escaped


class FastTextarea(forms.Textarea):
    """A textarea rendered in Python, to the same HTML as Django's template (see FastSelect)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        text = conditional_escape(widget["value"]) if widget["value"] else ""
        return mark_safe(  # noqa: S308 - every value is escaped
            f'<textarea name="{conditional_escape(widget["name"])}"{_attrs_html(widget["attrs"])}>'
            f"\n{text}</textarea>"
        )


class FastCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes rendered in Python, to the same HTML as Django's templates (see
    FastSelect): the scouts' search folds every theme, genre and audience into its filter
    form, three templates per checkbox."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        box_id = widget["attrs"].get("id")
        html = ["<div"]
        if box_id:
            html.append(f' id="{conditional_escape(box_id)}"')
        if widget["attrs"].get("class"):
            html.append(f' class="{conditional_escape(widget["attrs"]["class"])}"')
        html.append(">")
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f"\n  <div><label>{conditional_escape(group_name)}</label>")
            for option in options:
                option_id = option["attrs"].get("id")
                label_for = f' for="{conditional_escape(option_id)}"' if option_id else ""
                value_html = (
                    f' value="{conditional_escape(str(option["value"]))}"'
                    if option["value"] is not None
                    else ""
                )
                html.append(
                    f"<div>\n    <label{label_for}>"
                    f'<input type="{option["type"]}" name="{conditional_escape(option["name"])}"'
                    f"{value_html}{_attrs_html(option['attrs'])}>\n"
                    f" {conditional_escape(option['label'])}</label>\n\n</div>"
                )
            if group_name:
                html.append("\n  </div>")
        html.append("\n</div>")
        return mark_safe("".join(html))  # noqa: S308 - every value is escaped
