"""The agreement as DOCX and PDF: the frozen text both sides accept, laid out as blocks
(the filing dossier's writers), with the hash and the acceptances below it."""

import re
from typing import Any

from django.utils import timezone

from incubator.filing.documents import blocks_docx, blocks_pdf
from incubator.filing.dossier import Block
from incubator.models import Project

# "一、里程碑 / Milestones": the agreement's section headings.
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")


def agreement_text_blocks(
    text: str, sha256: str, acceptances: list[tuple[str, Any, str | None]]
) -> list[Block]:
    """An agreement's frozen text as blocks: its first line the title, each "一、" line a
    heading, the rest paragraphs; then its hash and each side's acceptance that was given
    ((side, when or None, who)). Scouting's deals are laid out the same way."""
    lines = text.strip().split("\n")
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
    accepted = [
        f"{side}: {who} · {timezone.localtime(when).strftime('%Y-%m-%d %H:%M')}"
        for side, when, who in acceptances
        if when is not None and who is not None
    ]
    blocks.append(Block("notice", "\n".join([f"SHA-256 {sha256}", *accepted])))
    return blocks


def agreement_blocks(project: Project) -> list[Block]:
    grantee, fund = project.grantee_accepted_by, project.fund_accepted_by
    return agreement_text_blocks(
        project.agreement_text,
        project.agreement_hash,
        [
            ("乙方 / Party B", project.grantee_accepted_at, str(grantee) if grantee else None),
            ("甲方 / Party A", project.fund_accepted_at, str(fund) if fund else None),
        ],
    )


def agreement_docx(project: Project) -> bytes:
    return blocks_docx(f"Funding agreement {project.pk}", agreement_blocks(project))


def agreement_pdf(project: Project) -> bytes:
    blocks = agreement_blocks(project)
    text = "".join(block.text for block in blocks)
    return blocks_pdf(f"Funding agreement {project.pk}", blocks, text)
