"""Every response carries a strict Content-Security-Policy and a Permissions-Policy.

The policy allows no inline script or style, so no template may contain one: the
template scan below fails on the day someone adds an inline <script>, <style>, a
style="" attribute, an on* handler or an hx-on attribute (htmx runs those with eval).
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from tests.support.factories import UserFactory, make_series

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def _assert_strict(response) -> None:
    csp = _directives(response)
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"][0] == "'self'"
    assert all(source == "'self'" or source.startswith("'nonce-") for source in csp["style-src"])
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header and "*" not in header
    features = dict(item.split("=", 1) for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert features[feature] == "()", feature


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/themes/"])
def test_pages_carry_a_strict_policy(client, path):
    response = client.get(path)

    assert response.status_code == 200
    _assert_strict(response)
    assert "'nonce-" not in response["Content-Security-Policy"]


def test_signed_in_pages_carry_it_too(client):
    series = make_series()
    client.force_login(series.owner)

    _assert_strict(client.get("/"))
    _assert_strict(client.get(series.get_absolute_url()))


def test_api_responses_carry_a_strict_policy(api_client):
    api_client.force_authenticate(UserFactory())

    response = api_client.get("/api/v1/me/")

    assert response.status_code == 200
    _assert_strict(response)


def test_only_the_browsable_api_may_apply_inline_styles(client):
    client.force_login(UserFactory())

    html = client.get("/api/v1/terms/", HTTP_ACCEPT="text/html")
    json = client.get("/api/v1/terms/", HTTP_ACCEPT="application/json")

    assert html["Content-Type"].startswith("text/html")
    assert _directives(html)["style-src"] == ["'self'", "'unsafe-inline'"]
    assert _directives(html)["script-src"] == ["'self'"]
    _assert_strict(json)


def test_error_pages_carry_it(client):
    _assert_strict(client.get("/no-such-page/"))


def test_only_the_editor_gets_a_style_nonce_and_it_is_the_one_it_uses(client):
    series = make_series()
    client.force_login(series.owner)

    response = client.get(f"/scripts/{series.pk}/write/")

    nonce = re.search(r'data-csp-nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in _directives(response)["style-src"]
    assert "'nonce-" not in _directives(response)["script-src"]


def test_api_docs_page_needs_no_inline_script(client):
    page = client.get("/api/docs/")
    script = client.get("/api/docs/?script=")

    assert page.status_code == 200
    _assert_strict(page)
    # Its one relaxation: Swagger UI's icons are data: images.
    assert _directives(page)["img-src"] == ["'self'", "data:"]
    assert _directives(client.get("/"))["img-src"] == ["'self'"]
    html = page.content.decode()
    assert "<style" not in html
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    assert "/api/docs/?script=" in html
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


# --- the template scan --------------------------------------------------------------------

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.DOTALL)


class _InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        names = {name.lower(): value or "" for name, value in attrs}
        if tag == "script" and "src" not in names and names.get("type") not in DATA_SCRIPT_TYPES:
            self.found.append(f"line {line}: inline <script>")
        if tag == "style":
            self.found.append(f"line {line}: inline <style>")
        for name, value in names.items():
            if name == "style":
                self.found.append(f"line {line}: style attribute")
            elif name.startswith("on") and name.isalpha():
                self.found.append(f"line {line}: {name} handler")
            elif re.match(r"(data-)?hx-on", name):
                self.found.append(f"line {line}: {name} (htmx evaluates it: needs unsafe-eval)")
            elif value.strip().lower().startswith("javascript:"):
                self.found.append(f"line {line}: javascript: URL in {name}")


def _our_template_files() -> list[Path]:
    roots = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.is_relative_to(settings.BASE_DIR) and ".venv" not in path.parts:
            roots.append(path / "templates")
    return sorted(f for root in roots if root.is_dir() for f in root.rglob("*.html"))


def test_template_scan_finds_an_inline_script_and_handler():
    finder = _InlineFinder()
    finder.feed(
        '<script>alert(1)</script><script type="application/json">{}</script>'
        '<a href="javascript:x" onclick="x()" style="color:red" hx-on::click="x">a</a>'
        "<style>p{}</style>"
    )
    assert len(finder.found) == 6, finder.found


def test_no_template_has_an_inline_script_style_or_handler():
    files = _our_template_files()
    assert len(files) > 40, "template discovery found too few files"
    problems = []
    for path in files:
        finder = _InlineFinder()
        # Template comments are not output; template tags inside attributes are fine
        # for the (lenient) parser.
        finder.feed(TEMPLATE_COMMENT.sub("", path.read_text(encoding="utf-8")))
        problems += [f"{path.relative_to(settings.BASE_DIR)} {item}" for item in finder.found]

    assert not problems, "The CSP would block these:\n" + "\n".join(problems)
