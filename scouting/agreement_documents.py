"""A deal's agreement as DOCX and PDF: the frozen text both parties accept, laid out as
blocks (the filing dossier's writers), with the hash and the acceptances below it."""

import re

from django.utils import timezone

from incubator.filing.documents import blocks_docx, blocks_pdf
from incubator.filing.dossier import Block
from scouting.models import Deal

# "一、双方 / Parties": the agreement's section headings.
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")


def deal_blocks(deal: Deal) -> list[Block]:
    lines = deal.agreement_text.strip().split("\n")
    blocks = [Block("title", lines[0])]
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", "\n".join(paragraph)))
            paragraph.clear()

    for line in lines[1:]:
        if not line.strip():
            flush()
        elif _HEADING.match(line):
            flush()
            blocks.append(Block("heading", line.strip()))
        else:
            paragraph.append(line.rstrip())
    flush()
    accepted = []
    for side, when, who in (
        ("乙方 / Party B", deal.writers_accepted_at, deal.writers_accepted_by),
        ("甲方 / Party A", deal.studio_accepted_at, deal.studio_accepted_by),
    ):
        if when is not None and who is not None:
            moment = timezone.localtime(when).strftime("%Y-%m-%d %H:%M")
            accepted.append(f"{side}: {who.display_name} · {moment}")
    blocks.append(Block("notice", "\n".join([f"SHA-256 {deal.agreement_sha256}", *accepted])))
    return blocks


def deal_docx(deal: Deal) -> bytes:
    return blocks_docx(f"Agreement SC-{deal.pk}", deal_blocks(deal))


def deal_pdf(deal: Deal) -> bytes:
    blocks = deal_blocks(deal)
    return blocks_pdf(f"Agreement SC-{deal.pk}", blocks, "".join(block.text for block in blocks))
