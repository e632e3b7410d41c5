"""The course certificate as a PDF: one A4 landscape page in Chinese and English, with a
QR code of its public verification page. Built like the registry's certificate
(registry/certificate.py): fpdf2, the CJK font embedded as a subset of the page's
characters, the QR code drawn as vector squares."""

import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from courses.models import Certificate, CertificateStatus, GradeBand
from registry.certificate import draw_qr
from scripts_app.formats.pdf.fonts import cjk_subset

BEIJING = ZoneInfo("Asia/Shanghai")
FAMILY = "cjk"

# Both languages on every certificate, whatever the reader's language: it is shown to
# funds and studios on either side (as the registry's certificate is).
TITLE = ("结业证书", "Certificate of Completion")
BANDS = {
    GradeBand.DISTINCTION: "优秀 / Distinction",
    GradeBand.MERIT: "良好 / Merit",
    GradeBand.PASS: "合格 / Pass",
}
REVOKED = "已撤销 / REVOKED"


def _pair(zh: str, en: str) -> str:
    return zh if not en or en == zh else f"{zh} / {en}"


def _rows(certificate: Certificate) -> list[tuple[str, str]]:
    organisers = _pair(certificate.university_name_zh, certificate.university_name_en)
    if certificate.studio_name_zh or certificate.studio_name_en:
        organisers += "\n" + _pair(certificate.studio_name_zh, certificate.studio_name_en)
    rows = [
        ("课程 / Course", _pair(certificate.course_title_zh, certificate.course_title_en)),
        ("班次 / Cohort", _pair(certificate.cohort_name_zh, certificate.cohort_name_en)),
        ("开课单位 / Offered by", organisers),
        ("学习期间 / Dates", f"{certificate.starts_on:%Y-%m-%d} – {certificate.ends_on:%Y-%m-%d}"),
    ]
    if certificate.grade_band:
        rows.append(("成绩等级 / Grade band", BANDS.get(certificate.grade_band, "")))
    rows += [
        (
            "颁发日期 / Issued on",
            f"{certificate.issued_at.astimezone(BEIJING):%Y-%m-%d} (北京时间 / Beijing time)",
        ),
        ("证书编号 / Certificate code", certificate.display_code),
    ]
    return rows


def certificate_pdf(certificate: Certificate, *, verify_url: str, site_name: str) -> bytes:
    rows = _rows(certificate)
    revoked = certificate.status == CertificateStatus.REVOKED
    names = [certificate.student_name_zh, certificate.student_name_en]
    notice = (
        "扫描二维码或访问下方网址，可核验本证书是否真实有效、是否已被撤销。"
        "平台保存的证书记录带有数字签名，任何改动都会使核验失败。\n"
        "Scan the code or open the address below to check that this certificate is genuine "
        "and has not been revoked. The platform's record is signed: any change to it makes "
        "the check fail."
    )
    lead = ("兹证明", "This certifies that", "已完成以下课程的学习", "has completed the course")
    text = "".join(
        [*TITLE, *lead, *names, site_name, verify_url, notice, REVOKED, certificate.signature,
         *(a + b for a, b in rows), "0123456789"]
    )  # fmt: skip
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(f"{TITLE[1]} {certificate.display_code}")
    pdf.set_creator(site_name)
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(20, 16, 20)
    with tempfile.TemporaryDirectory(prefix="course-certificate-fonts-") as workdir:
        files = cjk_subset(set(text), Path(workdir))
        pdf.add_font(FAMILY, "", str(files[""]))
        pdf.add_font(FAMILY, "B", str(files.get("B", files[""])))
        pdf.add_page()
        pdf.set_draw_color(120, 90, 40)
        pdf.set_line_width(0.8)
        pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
        pdf.set_y(18)
        pdf.set_font(FAMILY, "B", 24)
        pdf.cell(0, 12, TITLE[0], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FAMILY, "", 14)
        pdf.cell(0, 8, TITLE[1], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if revoked:
            pdf.set_text_color(180, 0, 0)
            pdf.set_font(FAMILY, "B", 14)
            pdf.cell(0, 8, REVOKED, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(0, 0, 0)
        pdf.ln(3)
        pdf.set_font(FAMILY, "", 11)
        pdf.cell(0, 6, f"{lead[0]} / {lead[1]}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FAMILY, "B", 22)
        pdf.cell(0, 12, names[0], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if names[1] and names[1] != names[0]:
            pdf.set_font(FAMILY, "", 16)
            pdf.cell(0, 9, names[1], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FAMILY, "", 11)
        pdf.cell(0, 7, f"{lead[2]} / {lead[3]}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
        label_width, left = 60, 45
        for label, value in rows:
            pdf.set_x(left)
            pdf.set_font(FAMILY, "B", 10)
            top = pdf.get_y()
            pdf.multi_cell(label_width, 5.5, label, new_x=XPos.RIGHT, new_y=YPos.TOP)
            pdf.set_font(FAMILY, "", 10)
            pdf.multi_cell(pdf.w - left - label_width - 45, 5.5, value,
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
            pdf.set_y(max(pdf.get_y(), top + 5.5) + 1)
        qr_size, qr_top = 32, pdf.h - 16 - 32
        draw_qr(pdf, verify_url, x=pdf.l_margin + 5, y=qr_top, size=qr_size)
        text_left = pdf.l_margin + qr_size + 10
        pdf.set_xy(text_left, qr_top)
        pdf.set_font(FAMILY, "", 8)
        width = pdf.w - text_left - pdf.r_margin - 5
        pdf.multi_cell(width, 4.2, notice, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_x(text_left)
        pdf.set_font(FAMILY, "B", 9)
        pdf.multi_cell(width, 5, verify_url, link=verify_url, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_x(text_left)
        pdf.set_font(FAMILY, "", 7)
        pdf.multi_cell(width, 3.6, f"HMAC-SHA256 {certificate.signature}",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
        pdf.set_xy(text_left, pdf.get_y())
        pdf.cell(width, 4, site_name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        return bytes(pdf.output())
