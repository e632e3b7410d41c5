"""Exemplar excerpts in screenplay layout, and user text that must stay text."""

import re

import pytest

from courses.models import Exemplar
from courses.services.lessons import exemplar_add
from tests.courses.lesson_support import lesson_url, make_lesson, running_cohort, student_of
from tests.support.factories import make_series

pytestmark = pytest.mark.django_db

ZH = """第1集 开端
1-1 日 内 法律援助中心
人物：林晚
△林晚把案卷放在桌上。
林晚：这案子我接了。
【卡点】考勤表上的签名全是一个人的笔迹。

第2集 反转
2-1 夜 外 工地
△王桂兰站在雨里。
"""

FOUNTAIN = """INT. LEGAL AID OFFICE - DAY

Lin drops a stack of files on the desk.

LIN
I'll take the case.
"""


def test_excerpts_in_both_formats_are_shown_in_screenplay_layout(client):
    cohort, teacher = running_cohort()
    lesson = make_lesson(cohort, teacher)
    exemplar_add(actor=teacher, lesson=lesson, caption_zh="好的冷开场", format="zh", text=ZH)
    exemplar_add(actor=teacher, lesson=lesson, caption_zh="英文示例", format="fountain",
                 text=FOUNTAIN, note_zh="注意**动作**描写。")  # fmt: skip
    client.force_login(student_of(cohort))

    page = client.get(lesson_url(lesson)).content.decode()

    assert 'class="screenplay screenplay-zh"' in page
    assert 'class="screenplay screenplay-fountain"' in page
    assert "这案子我接了" in page and "I&#x27;ll take the case." in page.replace("'", "&#x27;")
    assert "<strong>动作</strong>" in page


def test_script_and_markdown_in_user_text_never_reach_the_page_as_html(client):
    cohort, teacher = running_cohort()
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    lesson = make_lesson(cohort, teacher, body=f"课文 {attack} [点我](javascript:alert(1))")
    exemplar_add(
        actor=teacher, lesson=lesson, caption_zh=f"标题{attack}", format="zh",
        text=f"第1集\n1-1 日 内 房间\n林晚：{attack}\n△{attack}\n", note_zh=attack,
    )  # fmt: skip
    exemplar_add(actor=teacher, lesson=lesson, caption_zh="F", format="fountain",
                 text=f"INT. ROOM - DAY\n\n{attack}\n\nLIN\n{attack}\n")  # fmt: skip
    client.force_login(student_of(cohort))

    page = client.get(lesson_url(lesson)).content.decode()

    assert "<script>alert" not in page
    assert "<img" not in page
    assert not re.search(r"<[^>]*\bonerror", page)  # no handler inside any tag
    assert "javascript:" not in page
    assert "&lt;script&gt;" in page  # shown as text where it was typed as text


def test_an_excerpt_is_taken_from_a_revision_the_instructor_may_read(client):
    cohort, teacher = running_cohort()
    lesson = make_lesson(cohort, teacher)
    mine = make_series(owner=teacher, text=ZH)
    someone_elses = make_series(text=ZH)
    client.force_login(teacher)
    url = lesson_url(lesson) + "excerpts/new/"

    taken = client.post(url, {"caption_zh": "第2集的开头", "format": "fountain", "series": mine.pk,
                              "revision": mine.head.number, "first_episode": 2,
                              "last_episode": 2})  # fmt: skip
    assert taken.status_code == 302
    exemplar = Exemplar.objects.get()
    assert exemplar.format == "zh"  # the revision's own format
    assert exemplar.text.startswith("第2集") and "林晚把案卷" not in exemplar.text
    assert exemplar.source_revision == mine.head

    refused = client.post(url, {"caption_zh": "别人的剧本", "format": "zh",
                                "series": someone_elses.pk, "revision": 1})  # fmt: skip
    assert refused.status_code == 200
    assert refused.context["form"].errors["series"]
    assert "别人的剧本" in refused.content.decode()  # what was typed stays
    assert Exemplar.objects.count() == 1


def test_an_excerpt_needs_text_and_a_caption(client):
    cohort, teacher = running_cohort()
    lesson = make_lesson(cohort, teacher)
    client.force_login(teacher)
    response = client.post(
        lesson_url(lesson) + "excerpts/new/", {"caption_zh": "", "format": "zh", "text": " "}
    )
    errors = response.context["form"].errors
    assert "caption_zh" in errors
    response = client.post(
        lesson_url(lesson) + "excerpts/new/", {"caption_zh": "空的", "format": "zh", "text": " "}
    )
    assert response.context["form"].errors["text"]
    assert not Exemplar.objects.exists()
