import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.template import Context, Template

from core.markdown import ALLOWED_TAGS, render_markdown

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<svg><script xlink:href="data:,alert(1)"></script></svg>',
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    "[click](vbscript:msgbox(1))",
    '[click](http://ok.example "title\\" onmouseover=\\"alert(1)")',
    "![img](javascript:alert(1))",
    '![x](http://x.example/a.png" onerror="alert(1))',
    "<iframe src=//evil.example></iframe>",
    "<object data=//evil.example/x.swf></object>",
    "<embed src=//evil.example/x.swf>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<scr<script>ipt>alert(1)</script>",
    "<<script>script>alert(1)<</script>/script>",
    "<img/src=x/onerror=alert(1)>",
    '<a href="http://ok.example" onclick="alert(1)">ok</a>',
    "<form action=javascript:alert(1)><button>go</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<base href=javascript:alert(1)//>",
    "<!--<img src=x onerror=alert(1)>-->",
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
    "[a]: javascript:alert(1)\n\n[link][a]",
    "<http://x.example/?a=<script>alert(1)</script>>",
    "<a href='https://ok.example'>fine</a><a href=\"https://x.example\" target=_blank>t</a>",
]


class _Elements(HTMLParser):
    """Collects the tags and attributes the browser would actually build."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))


def _elements(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_xss_payload_survives_rendering(payload):
    html = str(render_markdown(payload))

    for tag, attrs in _elements(html):
        assert tag in ALLOWED_TAGS, html
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            assert name in {"href", "title", "rel"}, html
            if name == "href":
                scheme = urlsplit(value.strip()).scheme.lower()
                assert scheme in {"http", "https", "mailto"}, html


def test_every_link_gets_nofollow_noopener():
    html = str(render_markdown("See [our site](https://example.com) and https://bare.example.com"))

    links = re.findall(r"<a [^>]+>", html)
    assert len(links) == 2
    for link in links:
        assert 'rel="nofollow noopener"' in link


def test_markdown_formatting_is_kept():
    html = str(render_markdown("**第一集**很*精彩*\n\n- 钩子\n- 卡点\n\n> 引用"))

    assert "<strong>第一集</strong>" in html
    assert "<em>精彩</em>" in html
    assert "<li>钩子</li>" in html
    assert "<blockquote>" in html


def test_user_headings_are_demoted_below_page_headings():
    html = str(render_markdown("# Big\n\n## Less"))

    assert "<h1>" not in html and "<h2>" not in html
    assert html.count("<h3>") == 2


def test_empty_input_renders_nothing():
    assert render_markdown(None) == ""
    assert render_markdown("") == ""


def test_template_filter_uses_the_same_path():
    template = Template("{% load core_tags %}{{ text|markdown }}")

    html = template.render(Context({"text": "<script>x</script>**ok**"}))

    assert "<script>" not in html
    assert "<strong>ok</strong>" in html


def test_the_plain_text_of_markdown_is_what_a_reader_reads():
    from core.markdown import markdown_plain_text

    assert markdown_plain_text("一个关于**传承**的故事 & <b>更多</b>\n\n- 一\n- 二") == (
        "一个关于传承的故事 & 更多 一 二"
    )
    assert markdown_plain_text("") == ""
