from django import forms

from core.forms import FastCheckboxSelectMultiple, FastSelect, FastTextarea


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
