"""The filing dossier: the generated DOCX and PDF are opened and read back."""

import io
from decimal import Decimal

import docx
import pypdf
import pytest

from incubator.filing.documents import dossier_docx, dossier_pdf
from incubator.filing.dossier import cost_shares, dossier_build
from incubator.services.applications import budget_line_add
from incubator.services.filing import filing_flags_save, filing_number_record
from scripts_app.compliance.report import compliance_report
from scripts_app.selectors import revision_text
from taxonomy.models import Term
from tests.incubator.support import make_application, registered_series
from tests.support.factories import UserFactory

SCRIPT = """《三号窗口》

第1集 排队
本集梗概：法律援助窗口前，王桂兰第一次说出被拖欠的工钱。
1-1 日 内 法律援助中心
人物：林晚、王桂兰
△林晚接过材料。
王桂兰：林律师，我的工钱能要回来吗？
【卡点】考勤表上，签名全是同一个人的笔迹。

第2集 笔迹
本集梗概：林晚连夜比对签名，发现考勤表是伪造的。
2-1 夜 内 林晚家
人物：林晚
△林晚对着台灯比对签名。
【卡点】门外传来敲门声。
"""


def _application():
    lead = UserFactory()
    series, entry, people = registered_series(
        lead, cowriters=1, text=SCRIPT, title="三号窗口",
        synopsis="一位法律援助律师在三号窗口帮农民工讨薪的故事。",
        ai_assistance="ideas", ai_note="用人工智能整理了案例资料。",
    )  # fmt: skip
    theme = Term.objects.filter(kind="theme").first()
    if theme is not None:
        series.themes.add(theme)
    from incubator.services.applications import application_start
    from tests.incubator.support import make_call

    application = application_start(
        actor=lead, call=make_call(award_max=Decimal("200000.00")), series=series, entry=entry
    )
    for category, amount in (("cast", "60000.00"), ("post", "30000.00"), ("script", "10000.00")):
        budget_line_add(
            actor=lead, application=application, category=category, description=category,
            amount=amount,
        )  # fmt: skip
    return application, entry, theme


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(content)).pages]


@pytest.mark.django_db
def test_the_dossier_holds_every_part_in_both_files():
    application, entry, theme = _application()
    filing_flags_save(
        actor=application.lead, application=application, special_subjects=["judicial"],
        placement=False, voluntary_key=False,
    )  # fmt: skip
    filing_number_record(
        actor=application.lead, application=application, number="网微剧备字（2026）第0088号"
    )
    dossier = dossier_build(application)
    text = _docx_text(dossier_docx(dossier))
    pages = _pdf_pages(dossier_pdf(dossier))
    whole_pdf = "".join(pages).replace("\n", "")

    expected = [
        "三号窗口",
        "一位法律援助律师在三号窗口帮农民工讨薪的故事。",  # synopsis
        "法律援助窗口前，王桂兰第一次说出被拖欠的工钱。",  # episode 1's synopsis
        "门外传来敲门声。",  # episode 2's hook
        "剧本创作承诺书",
        f"第 {entry.number} 号",  # the registry entry
        entry.entry_hash,
        "成本配置比例",
        "60.00%", "30.00%", "10.00%",
        "¥100,000.00",
        "人工智能辅助构思", "用人工智能整理了案例资料。",
        "内容合规预检",
        "重点 / key",  # a judicial subject makes it key whatever the budget
        "特殊题材：司法",
        "网微剧备字（2026）第0088号",
    ]  # fmt: skip
    if theme is not None:
        expected.append(theme.name_zh)
    for piece in expected:
        assert piece in text, piece
        assert piece.replace(" ", "") in whole_pdf.replace(" ", ""), piece
    for author in entry.authors:
        assert author["name_zh"] in text
    # Advisory, on the first page.
    assert "仅供准备备案时参考" in pages[0].replace("\n", "")
    assert "Advisory" in pages[0]


@pytest.mark.django_db
def test_the_pdf_embeds_its_chinese_font():
    application, _entry, _theme = _application()
    reader = pypdf.PdfReader(io.BytesIO(dossier_pdf(dossier_build(application))))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        for descendant in font.get("/DescendantFonts", []):
            descriptor = descendant.get_object()["/FontDescriptor"].get_object()
            embedded.append("/FontFile2" in descriptor)
    assert embedded and all(embedded)


@pytest.mark.django_db
def test_the_compliance_findings_are_those_of_the_registered_revision():
    application, entry, _theme = _application()
    revision = entry.revision
    report = compliance_report(
        text=revision_text(revision), fmt=revision.format, sha256=revision.sha256,
        series_title=entry.title,
    )  # fmt: skip
    text = _docx_text(dossier_docx(dossier_build(application)))
    assert f"共 {report['counts']['total']} 条提示" in text


@pytest.mark.django_db
def test_cost_shares_are_decimal_percentages_of_the_total():
    application = make_application()
    for category in ("cast", "post", "music"):
        budget_line_add(
            actor=application.lead, application=application, category=category,
            description=category, amount="100.00",
        )  # fmt: skip
    shares = cost_shares(application)
    assert [(c, p) for c, _a, p in shares] == [
        ("cast", Decimal("33.33")), ("post", Decimal("33.33")), ("music", Decimal("33.33")),
    ]  # fmt: skip
    assert all(isinstance(p, Decimal) for _c, _a, p in shares)


@pytest.mark.django_db
def test_an_application_without_a_budget_has_no_shares_and_is_other():
    application = make_application()
    assert cost_shares(application) == []
    assert dossier_build(application).tier.tier == "other"
