"""A rubric version's content and its hash: the identity of a published standard."""

import hashlib
import json
from collections.abc import Iterable
from typing import Any

CRITERION_FIELDS = (
    "key", "weight", "name_zh", "name_en", "description_zh", "description_en",
    "anchor_low_zh", "anchor_low_en", "anchor_mid_zh", "anchor_mid_en", "anchor_high_zh", "anchor_high_en",
)  # fmt: skip


def content_hash(
    *, scale: tuple[int, int], threshold: int, criteria: Iterable[dict[str, Any]]
) -> str:
    canonical = {
        "scale": list(scale),
        "divergence_threshold": threshold,
        "criteria": [
            {field: str(criterion.get(field, "")) for field in CRITERION_FIELDS}
            for criterion in criteria
        ],
    }
    return hashlib.sha256(
        json.dumps(canonical, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()


def boutique_criteria() -> list[dict[str, Any]]:
    from reviews import boutique_standard as bs

    criteria = []
    for key, weight, name_zh, name_en, desc_zh, desc_en, low, mid, high in bs.CRITERIA:
        criteria.append(
            {
                "key": key,
                "weight": f"{weight:.2f}",
                "name_zh": name_zh,
                "name_en": name_en,
                "description_zh": desc_zh,
                "description_en": desc_en,
                "anchor_low_zh": low[0],
                "anchor_low_en": low[1],
                "anchor_mid_zh": mid[0],
                "anchor_mid_en": mid[1],
                "anchor_high_zh": high[0],
                "anchor_high_en": high[1],
            }  # fmt: skip
        )
    return criteria


def boutique_ensure(rubric_model, version_model, criterion_model) -> bool:
    """Create the Boutique Standard if missing (used by a migration and the demo seed)."""
    from reviews import boutique_standard as bs

    if rubric_model.objects.filter(slug=bs.SLUG).exists():
        return False
    rubric = rubric_model.objects.create(
        slug=bs.SLUG, name_zh=bs.NAME_ZH, name_en=bs.NAME_EN, description_zh=bs.DESCRIPTION_ZH,
        description_en=bs.DESCRIPTION_EN, is_default=True,
    )  # fmt: skip
    criteria = boutique_criteria()
    version = version_model.objects.create(
        rubric=rubric,
        number=1,
        scale_min=bs.SCALE[0],
        scale_max=bs.SCALE[1],
        divergence_threshold=bs.DIVERGENCE_THRESHOLD,
        content_hash=content_hash(
            scale=bs.SCALE, threshold=bs.DIVERGENCE_THRESHOLD, criteria=criteria
        ),
    )
    criterion_model.objects.bulk_create(
        [criterion_model(version=version, position=i, **data) for i, data in enumerate(criteria)]
    )
    return True
