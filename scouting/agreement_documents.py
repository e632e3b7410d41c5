"""A deal's agreement as DOCX and PDF: the frozen text both parties accept, laid out as
the fund's agreements are (incubator.agreement_documents), with the hash and the
acceptances below it."""

from django.http import HttpResponse

from core.files import generated_download
from incubator.agreement_documents import agreement_text_blocks
from incubator.filing.documents import blocks_docx, blocks_pdf
from incubator.filing.dossier import Block
from scouting.models import Deal


def deal_blocks(deal: Deal) -> list[Block]:
    writer, studio = deal.writers_accepted_by, deal.studio_accepted_by
    return agreement_text_blocks(
        deal.agreement_text,
        deal.agreement_sha256,
        [
            ("乙方 / Party B", deal.writers_accepted_at, writer.display_name if writer else None),
            ("甲方 / Party A", deal.studio_accepted_at, studio.display_name if studio else None),
        ],
    )


def deal_docx(deal: Deal) -> bytes:
    return blocks_docx(f"Agreement SC-{deal.pk}", deal_blocks(deal))


def deal_pdf(deal: Deal) -> bytes:
    blocks = deal_blocks(deal)
    return blocks_pdf(f"Agreement SC-{deal.pk}", blocks, "".join(block.text for block in blocks))


AGREEMENT_FORMATS = {"pdf": "application/pdf", "docx": (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)}  # fmt: skip


def agreement_response(deal: Deal, kind: str) -> HttpResponse:
    """The agreement as a download (the page's link and the API's): `kind` is a key of
    AGREEMENT_FORMATS."""
    body = deal_docx(deal) if kind == "docx" else deal_pdf(deal)
    return generated_download(
        body, filename=f"agreement-SC-{deal.pk}.{kind}", content_type=AGREEMENT_FORMATS[kind]
    )
