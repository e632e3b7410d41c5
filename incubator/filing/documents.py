"""The filing dossier written as DOCX (python-docx) and PDF (fpdf2 with the CJK font the
workspace's PDF export and the registry's certificate embed, subset to the text)."""

import io
import tempfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from incubator.filing.dossier import Block, Dossier
from scripts_app.formats.pdf.fonts import cjk_subset

EAST_ASIAN_FONT = "SimSun"
FAMILY = "cjk"


def dossier_docx(dossier: Dossier) -> bytes:
    return blocks_docx(f"Filing dossier: {dossier.title}", dossier.blocks)


def blocks_docx(title: str, blocks: list[Block]) -> bytes:
    """Blocks (title, heading, notice, table, paragraph) as a Word document whose East Asian
    text is set in SimSun."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    document.core_properties.title = title
    for block in blocks:
        if block.kind == "title":
            document.add_heading(block.text, level=0)
        elif block.kind == "heading":
            document.add_heading(block.text, level=1)
        elif block.kind == "notice":
            paragraph = document.add_paragraph()
            run = paragraph.add_run(block.text)
            run.bold = True
        elif block.kind == "table":
            table = document.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
        else:
            document.add_paragraph(block.text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(pdf: FPDF, header: list[str], rows: list[list[str]]) -> None:
    width = pdf.epw
    # The widest columns for the longest texts, within bounds.
    lengths = [
        max([len(header[i])] + [min(len(row[i]), 60) for row in rows]) for i in range(len(header))
    ]
    total = sum(lengths) or 1
    widths = [max(width * 0.1, width * length / total) for length in lengths]
    scale = width / sum(widths)
    widths = [w * scale for w in widths]
    with pdf.table(
        col_widths=widths, text_align="LEFT", line_height=5, first_row_as_headings=True
    ) as table:
        pdf.set_font(FAMILY, "B", 8.5)
        head = table.row()
        for text in header:
            head.cell(text)
        pdf.set_font(FAMILY, "", 8.5)
        for row in rows:
            line = table.row()
            for text in row:
                line.cell(text)
    pdf.ln(3)


def dossier_pdf(dossier: Dossier) -> bytes:
    return blocks_pdf(f"Filing dossier: {dossier.title}", dossier.blocks, dossier.text())


def blocks_pdf(title: str, blocks: list[Block], text: str) -> bytes:
    """Blocks as an A4 PDF with the CJK font embedded, subset to `text` (every character
    printed)."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_auto_page_break(auto=True, margin=15)
    with tempfile.TemporaryDirectory(prefix="dossier-fonts-") as workdir:
        files = cjk_subset(set(text + "0123456789%¥—"), Path(workdir))
        pdf.add_font(FAMILY, "", str(files[""]))
        pdf.add_font(FAMILY, "B", str(files.get("B", files[""])))
        pdf.add_page()
        for block in blocks:
            if block.kind == "title":
                pdf.set_font(FAMILY, "B", 15)
                pdf.multi_cell(0, 8, block.text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(2)
            elif block.kind == "heading":
                pdf.ln(2)
                pdf.set_font(FAMILY, "B", 12)
                pdf.multi_cell(0, 7, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            elif block.kind == "notice":
                pdf.set_font(FAMILY, "B", 9)
                pdf.set_fill_color(255, 244, 214)
                pdf.multi_cell(0, 5, block.text, fill=True, border=1,
                               new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
                pdf.ln(2)
            elif block.kind == "table":
                _table(pdf, block.header, block.rows)
            else:
                pdf.set_font(FAMILY, "", 9.5)
                pdf.multi_cell(0, 5.2, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(1.5)
        return bytes(pdf.output())
