import re

import pytest
from django import forms

from core.forms import (
    FastCheckboxSelectMultiple,
    FastSelect,
    FastTextarea,
    fast_field_group,
)


def _both(field_kwargs: dict, value, attrs=None) -> tuple[str, str]:
    stock = forms.Select(choices=field_kwargs["choices"])
    fast = FastSelect(choices=field_kwargs["choices"])
    return (
        str(stock.render("score_plot", value, attrs=attrs)),
        str(fast.render("score_plot", value, attrs=attrs)),
    )


def test_fast_select_renders_what_the_stock_select_renders():
    choices = [("", "—")] + [(str(n), str(n)) for n in range(0, 11)]
    for value in (None, "", "0", "7", 10, "11"):
        stock, fast = _both({"choices": choices}, value, attrs={"id": "id_score_plot"})
        assert fast == stock


def test_fast_select_escapes_like_the_stock_select():
    choices = [("<a>", 'Say "hi" & <b>bye</b>'), ("x", "y")]
    attrs = {"id": 'id_"x"', "disabled": True, "required": False, "data-n": 3}
    stock, fast = _both({"choices": choices}, "<a>", attrs=attrs)
    assert fast == stock
    assert "<b>" not in fast


def test_fast_select_renders_option_groups_like_the_stock_select():
    choices = [("Low", [("1", "1"), ("2", "2")]), ("High", [("9", "9")]), ("", "none")]
    stock, fast = _both({"choices": choices}, "2")
    assert fast == stock


def test_fast_textarea_renders_what_the_stock_textarea_renders():
    for value in (None, "", "plain", "<script>alert('x')</script> & more\nlines"):
        attrs = {"id": "id_comment", "rows": 2, "maxlength": "4000", "disabled": True}
        stock = forms.Textarea(attrs={"rows": 2}).render("comment", value, attrs=attrs)
        fast = FastTextarea(attrs={"rows": 2}).render("comment", value, attrs=attrs)
        assert str(fast) == str(stock)


def test_fast_checkboxes_render_what_the_stock_checkboxes_render():
    choices = [("a", "Plain"), ("<b>", 'Say "hi" & <b>bye</b>'), ("", "empty"), (3, "three")]
    grouped = [("Group <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")]
    for options in (choices, grouped, []):
        for value in (None, [], ["a"], ["<b>", 3], ["y", "z"]):
            for attrs in (
                {"id": "id_theme"},
                {"id": 'id_"q"', "class": "c<", "disabled": True},
                {},
            ):
                stock = forms.CheckboxSelectMultiple(choices=options).render("theme", value, attrs)
                fast = FastCheckboxSelectMultiple(choices=options).render("theme", value, attrs)
                assert str(fast) == str(stock), (options, value, attrs)


# --- fast_field_group: a field group without Django's templates --------------------------


def _same_html(fast: str, stock: str) -> bool:
    """Equal but for the blank lines and indentation Django's field template leaves."""
    squeeze = lambda html: re.sub(r">\s+<", "><", " ".join(html.split()))  # noqa: E731
    return squeeze(fast) == squeeze(stock)


class _NoteForm(forms.Form):
    required_css_class = "required"
    status = forms.ChoiceField(
        label="Status", choices=[("new", "New"), ("passed", "<Passed>")], widget=FastSelect
    )
    body = forms.CharField(
        label='Note "to self" & co',
        max_length=50,
        widget=FastTextarea(attrs={"rows": 3}),
        help_text="Seen by <em>scouts</em> only.",
    )
    why = forms.CharField(label="Why?", required=False)
    plain = forms.CharField(label="", required=False)
    suffixed = forms.IntegerField(label="Episodes", label_suffix=" →", required=False)
    kinds = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple, required=False
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda: _NoteForm(auto_id="id_note_7_%s", initial={"status": "passed"}),
        lambda: _NoteForm(auto_id=False),
        lambda: _NoteForm(auto_id="f_%s", label_suffix="："),
        lambda: _NoteForm({"status": "nope", "body": "", "suffixed": "x"}, auto_id="b_%s"),
        lambda: _NoteForm({"status": "new", "body": "<script>x</script>"}, auto_id="ok_%s"),
    ],
)
def test_a_fast_field_group_draws_what_djangos_field_template_draws(make):
    form = make()
    for name in form.fields:
        stock, fast = make()[name].as_field_group(), fast_field_group(form[name])
        assert _same_html(fast, stock), (name, fast, stock)


def test_a_fast_field_group_escapes_labels_and_values_and_keeps_errors():
    form = _NoteForm({"status": "new", "body": "<script>x</script>"}, auto_id="e_%s")
    body = fast_field_group(form["body"])
    assert "&lt;script&gt;" in body and "<script>" not in body
    assert "Note &quot;to self&quot; &amp; co:" in body
    assert "<em>scouts</em>" in body  # help text is the developer's markup, as in Django
    wrong = _NoteForm({"status": "nope", "body": ""}, auto_id="w_%s")
    assert 'class="errorlist' in fast_field_group(wrong["status"])
