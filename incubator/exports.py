"""The ranking table as CSV (UTF-8 with a BOM, so Excel and WPS read the Chinese) and
XLSX (openpyxl), for the call's managers. Cells a spreadsheet would run as a formula are
quoted."""

import csv
import io
from typing import Any

from django.utils.translation import gettext as _

from incubator.ranking import Ranking

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def ranking_table(table: Ranking) -> list[list[Any]]:
    """Header and rows, with numbers as numbers (Decimals) and everything else text."""
    header = [
        _("Rank"), _("Application"), _("Series"), _("Lead applicant"), _("Status"),
        *[c.name for c in table.criteria],
        _("Score"), _("Theme bonus"), _("Total"), _("Spread"), _("Divergent"),
        _("Yes"), _("Maybe"), _("No"), _("Reviews counted"), _("Reviews excluded"),
        _("Eligible"), _("Fact-check"), _("Budget asked (yuan)"), _("Running total (yuan)"),
        _("Within the call's budget"),
    ]  # fmt: skip
    from accounts.models import User

    rows: list[list[Any]] = [header]
    leads = User.objects.in_bulk([row.application.lead_id for row in table.rows])
    for row in table.rows:
        a = row.application
        lead = leads.get(a.lead_id)
        rows.append([
            row.rank, a.pk, _safe(a.series_title), _safe(lead.display_name if lead else ""),
            str(a.get_status_display()), *row.medians, row.score, row.bonus, row.total,
            row.spread, _("yes") if row.divergent else "",
            row.recommendations["yes"], row.recommendations["maybe"], row.recommendations["no"],
            row.reviews_counted, row.reviews_excluded, _("yes") if row.eligible else _("no"),
            row.fact_check, row.budget, row.running_total,
            _("no") if row.over_budget else _("yes"),
        ])  # fmt: skip
    return rows


def ranking_csv(table: Ranking) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in ranking_table(table):
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def ranking_xlsx(table: Ranking) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Ranking")[:31]
    for row in ranking_table(table):
        sheet.append(row)  # Decimals stay exact (openpyxl writes them as numbers)
    sheet.freeze_panes = "C2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
