"""Documents made for one request (agreements, dossiers, certificates, gradebooks, rankings,
blind reviewers' copies) leave through one helper, so that none is kept by a shared cache
or sniffed by a browser."""

import re
from pathlib import Path

from core.files import generated_download

ROOT = Path(__file__).resolve().parents[2]
APPS = [p.parent for p in ROOT.glob("*/apps.py")]


def test_a_generated_document_is_a_private_attachment():
    response = generated_download(
        "\ufeff姓名,分数\n", filename="成绩-1.csv", content_type="text/csv; charset=utf-8"
    )
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%E6%88%90%E7%BB%A9-1.csv" in response["Content-Disposition"]
    assert response.content.decode("utf-8").startswith("\ufeff姓名")


def test_no_view_builds_a_download_by_hand():
    """Built by hand, five downloads of seven went out without `no-store` (a gradebook, a
    panel's ranking, a filing dossier and two certificates): core.files has the only
    ones."""
    by_hand = [
        f"{path.relative_to(ROOT)}:{number}"
        for app in APPS
        for path in app.rglob("*.py")
        if path != ROOT / "core" / "files.py" and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"Content-Disposition|content_disposition_header", line)
    ]
    assert APPS and not by_hand, by_hand
