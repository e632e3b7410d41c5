"""Export benchmark: PDF (and Word, Final Draft) of generated 100-episode series.

Not a test. For a ~60,000-CJK-character Chinese-convention series and the same series
in Fountain, times each export (median of a few runs after a warm-up) and records the
PDF's page count and size, so regressions in layout speed or font subsetting show.

Writes bench/results/export.json and prints it. Run:
    python bench/bench_export.py [--runs 3]
"""

import argparse
import gc
import io
import json
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdf  # noqa: E402

from scripts_app.document import parse  # noqa: E402
from scripts_app.document.samples import generate_series  # noqa: E402
from scripts_app.formats import export_docx, export_fdx, export_pdf  # noqa: E402
from scripts_app.formats.pdf.fonts import find_cjk_font  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "export.json"
EPISODES = 100
WATERMARK = "DRAFT — 陈思远 — 2026-11-24"


def timed_ms(work, runs: int) -> tuple[dict, object]:
    """Median and spread of ``runs`` timings after one warm-up call, and the last result."""
    result = work()
    samples = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        result = work()
        samples.append((time.perf_counter() - started) * 1000)
    timing = {
        "median_ms": round(statistics.median(samples), 1),
        "min_ms": round(min(samples), 1),
        "max_ms": round(max(samples), 1),
        "runs": runs,
    }
    return timing, result


def bench_format(fmt: str, runs: int) -> dict:
    doc = parse(generate_series(EPISODES, fmt, seed=0), fmt)
    progress: list[tuple[int, int]] = []

    def pdf() -> bytes:
        progress.clear()
        return export_pdf(
            doc,
            title=doc.title or "Untitled",
            author="陈思远",
            watermark=WATERMARK,
            progress=lambda done, total: progress.append((done, total)),
        )

    pdf_timing, data = timed_ms(pdf, runs)
    reader = pypdf.PdfReader(io.BytesIO(data))
    docx_timing, docx_data = timed_ms(lambda: export_docx(doc, watermark=WATERMARK), runs)
    fdx_timing, fdx_data = timed_ms(lambda: export_fdx(doc), runs)
    return {
        "episodes": len(doc.episodes),
        "scenes": len(doc.scenes),
        "pdf": {
            **pdf_timing,
            "pages": len(reader.pages),
            "bytes": len(data),
            "progress_calls": len(progress),
        },
        "docx": {**docx_timing, "bytes": len(docx_data)},
        "fdx": {**fdx_timing, "bytes": len(fdx_data)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {platform.system()}",
        "cjk_font": str(find_cjk_font().name),
        "zh_series": bench_format("zh", args.runs),
        "fountain_series": bench_format("fountain", args.runs),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
