"""The registration certificate: one A4 page in Chinese and English with the entry's
number, hashes, time and authors, and a QR code of the public entry page that verifies
it. The CJK font is embedded (subset to the page's characters), so the PDF reads the
same on any machine."""

import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from registry.chain import format_time
from registry.models import RegistryEntry, RightsBasis
from scripts_app.formats.pdf.fonts import cjk_subset

BEIJING = ZoneInfo("Asia/Shanghai")
FAMILY = "cjk"

# Labels are in both languages on every certificate, whatever the reader's language:
# the document is shown to courts, funds and studios on either side.
TITLE = ("作品登记存证证书", "Certificate of Authorship Registration")
RIGHTS = {
    RightsBasis.ORIGINAL: "原创作品 / Original work",
    RightsBasis.LICENSED: "授权改编 / Licensed adaptation",
}


def _rows(entry: RegistryEntry) -> list[tuple[str, str]]:
    authors = "\n".join(
        " / ".join(name for name in (author.get("name_zh"), author.get("name_en")) if name)
        or f"#{author['account']}"
        for author in entry.authors
    )
    rights = RIGHTS.get(entry.rights_basis, entry.rights_basis)
    if entry.source_work:
        rights += f"\n{entry.source_work}"
    if entry.licensor:
        rights += f"\n授权方 / Licensor: {entry.licensor}"
    return [
        ("登记号 / Entry No.", str(entry.number)),
        ("剧名 / Series title", entry.title),
        ("集数 / Episodes", str(entry.episode_count)),
        ("作者 / Authors", authors),
        ("权利基础 / Rights basis", rights),
        (
            "登记时间 / Recorded at",
            f"{entry.recorded_at.astimezone(BEIJING):%Y-%m-%d %H:%M:%S} 北京时间 (Asia/Shanghai)\n"
            f"{format_time(entry.recorded_at)} UTC",
        ),
        ("文本指纹 / SHA-256 of the canonical text", entry.content_sha256),
        ("前一条目哈希 / Previous entry's hash", entry.previous_hash),
        ("本条目哈希 / This entry's hash", entry.entry_hash),
    ]


def certificate_pdf(entry: RegistryEntry, *, verify_url: str, site_name: str) -> bytes:
    rows = _rows(entry)
    notice = (
        "本证书记录的是平台登记链中的条目。扫描二维码或访问下方网址，可核对条目及其之前的整条哈希链未被篡改；"
        "持有剧本文本者可核对其规范文本的 SHA-256 与上述文本指纹一致。本证书为平台存证，不替代国家版权局的作品登记。\n"
        "This certificate records an entry of the platform's registry chain. Scan the code or "
        "open the address below to check the entry and the whole hash chain before it; whoever "
        "holds the script can check that its canonical text's SHA-256 equals the one above. "
        "It is the platform's record and does not replace official copyright registration."
    )
    text = "".join([*TITLE, site_name, verify_url, notice, *(a + b for a, b in rows), "0123456789"])
    pdf = FPDF(format="A4")
    pdf.set_title(f"{TITLE[1]} No. {entry.number}")
    pdf.set_creator(site_name)
    pdf.set_auto_page_break(auto=True, margin=15)
    with tempfile.TemporaryDirectory(prefix="certificate-fonts-") as workdir:
        files = cjk_subset(set(text), Path(workdir))
        pdf.add_font(FAMILY, "", str(files[""]))
        pdf.add_font(FAMILY, "B", str(files.get("B", files[""])))
        pdf.add_page()
        pdf.set_font(FAMILY, "B", 20)
        pdf.cell(0, 12, TITLE[0], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FAMILY, "", 13)
        pdf.cell(0, 8, TITLE[1], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FAMILY, "", 10)
        pdf.cell(0, 7, site_name, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(6)
        label_width = 62
        for label, value in rows:
            pdf.set_font(FAMILY, "B", 9.5)
            top = pdf.get_y()
            label_lines = pdf.multi_cell(label_width, 5.5, label, dry_run=True, output="LINES")
            pdf.multi_cell(label_width, 5.5, label, new_x=XPos.RIGHT, new_y=YPos.TOP)
            pdf.set_font(FAMILY, "", 9.5)
            pdf.multi_cell(0, 5.5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_y(max(pdf.get_y(), top + 5.5 * len(label_lines)) + 2)
        pdf.ln(4)
        qr_top = pdf.get_y()
        draw_qr(pdf, verify_url, x=pdf.l_margin, y=qr_top, size=38)
        pdf.set_xy(pdf.l_margin + 44, qr_top)
        pdf.set_font(FAMILY, "", 8.5)
        pdf.multi_cell(0, 4.6, notice, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_x(pdf.l_margin + 44)
        pdf.set_font(FAMILY, "B", 9)
        pdf.multi_cell(0, 5, verify_url, link=verify_url, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return bytes(pdf.output())


def draw_qr(pdf: FPDF, data: str, *, x: float, y: float, size: float) -> None:
    """Draw the QR code as filled squares (vector, sharp at any zoom)."""
    matrix = [list(row) for row in segno.make(data, error="m").matrix_iter(border=2)]
    cell = size / len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for row_index, row in enumerate(matrix):
        for column, dark in enumerate(row):
            if dark:
                pdf.rect(x + column * cell, y + row_index * cell, cell, cell, style="F")
