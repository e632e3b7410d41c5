"""The agreement as DOCX and PDF: the frozen text both sides accept, laid out as blocks
(the filing dossier's writers), with the hash and the acceptances below it."""

import re

from django.utils import timezone

from incubator.filing.documents import blocks_docx, blocks_pdf
from incubator.filing.dossier import Block
from incubator.models import Project

# "一、里程碑 / Milestones": the agreement's section headings.
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")


def agreement_blocks(project: Project) -> list[Block]:
    lines = project.agreement_text.strip().split("\n")
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
        ("乙方 / Party B", project.grantee_accepted_at, project.grantee_accepted_by),
        ("甲方 / Party A", project.fund_accepted_at, project.fund_accepted_by),
    ):
        if when is not None:
            moment = timezone.localtime(when).strftime("%Y-%m-%d %H:%M")
            accepted.append(f"{side}: {who} · {moment}")
    blocks.append(Block("notice", "\n".join([f"SHA-256 {project.agreement_hash}", *accepted])))
    return blocks


def agreement_docx(project: Project) -> bytes:
    return blocks_docx(f"Funding agreement {project.pk}", agreement_blocks(project))


def agreement_pdf(project: Project) -> bytes:
    blocks = agreement_blocks(project)
    text = "".join(block.text for block in blocks)
    return blocks_pdf(f"Funding agreement {project.pk}", blocks, text)
