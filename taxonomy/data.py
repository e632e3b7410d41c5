"""The taxonomy every installation starts with.

Loaded by a data migration (so production has it) and re-applied by the demo
seed; both go through `terms_ensure`, which only creates what is missing and never
overwrites what staff have since edited in the admin.
"""

# (slug, name_zh, name_en, description_zh, description_en, encouraged)
THEMES = [
    (
        "rule-of-law",
        "法治",
        "Rule of law",
        "以案说法、普法宣传、司法为民：让观众在剧情里懂法、用法。",
        "Stories built around real legal questions and justice done: viewers learn the law through drama.",
        True,
    ),
    (
        "intangible-heritage",
        "非遗",
        "Intangible cultural heritage",
        "非物质文化遗产的传承人、技艺与守护，让老手艺在新时代讲出新故事。",
        "Craft masters, living traditions and the people who keep them alive, told for a new audience.",
        True,
    ),
    (
        "cultural-tourism",
        "文旅",
        "Cultural tourism",
        "以城市与乡村的风物人情为舞台，带动文旅融合。",
        "Places, food and local life as the stage: stories that make people want to travel.",
        True,
    ),
    (
        "popular-science",
        "科普",
        "Popular science",
        "把科学知识和科学精神编进好看的故事里。",
        "Science and the scientific spirit carried by an engaging story.",
        True,
    ),
    (
        "health-wellness",
        "康养",
        "Health and wellness",
        "健康生活、养老照护与身心调养，适合银发观众。",
        "Healthy living, elder care and well-being; a natural fit for older viewers.",
        True,
    ),
    (
        "medical-science",
        "医疗科普",
        "Medical science",
        "医生与患者的故事，传递准确的医学常识，破除伪科学。",
        "Doctors and patients, with accurate medical knowledge and myths debunked.",
        True,
    ),
    (
        "family-ethics",
        "家庭伦理",
        "Family ethics",
        "亲情、婚姻、代际之间的责任与和解。",
        "Parents and children, marriage, duty and reconciliation between generations.",
        True,
    ),
    (
        "history-culture",
        "历史文化",
        "History and culture",
        "历史人物与传统文化的当代讲述。",
        "Historical figures and traditional culture told for today.",
        True,
    ),
    (
        "realistic",
        "现实题材",
        "Realistic themes",
        "聚焦普通人的工作与生活，反映时代变化。",
        "Ordinary people's work and lives, and the changes of our time.",
        True,
    ),
    (
        "rural-revitalisation",
        "乡村振兴",
        "Rural revitalisation",
        "返乡创业、乡村新貌与农村发展。",
        "Returning entrepreneurs, changing villages and rural development.",
        True,
    ),
    (
        "mainstream-values",
        "主旋律",
        "Mainstream values",
        "弘扬正能量与社会主义核心价值观的正面叙事。",
        "Positive stories that uphold shared social values.",
        True,
    ),
]

GENRES = [
    (
        "sweet-romance",
        "甜宠",
        "Sweet romance",
        "轻松甜蜜的恋爱故事，节奏快、情绪正向。",
        "Light, warm love stories with fast pacing and feel-good beats.",
    ),
    (
        "revenge",
        "复仇",
        "Revenge",
        "逆袭与复仇，强冲突、强反转；注意避免低俗与暴力渲染。",
        "Comebacks and payback with strong conflict and reversals; avoid vulgarity and glorified violence.",
    ),
    ("urban", "都市", "Urban", "都市职场与生活。", "City life, careers and workplaces."),
    (
        "suspense",
        "悬疑",
        "Suspense",
        "谜团、推理与层层揭秘。",
        "Mysteries, deduction and reveals, episode by episode.",
    ),
    (
        "family",
        "家庭",
        "Family",
        "家庭关系与亲情故事。",
        "Family relationships and stories of kinship.",
    ),
    (
        "female-led",
        "女性",
        "Female-led",
        "以女性成长与选择为中心的故事。",
        "Stories centred on women's growth and choices.",
    ),
    (
        "fantasy",
        "玄幻",
        "Fantasy",
        "架空世界、奇幻设定。",
        "Invented worlds and fantastic premises.",
    ),
    (
        "costume-history",
        "古装",
        "Costume drama",
        "古代背景的故事。",
        "Stories set in historical China.",
    ),
]

AUDIENCES = [
    ("youth", "青年（18–35岁）", "Youth (18–35)",
     "短剧的主力观众，偏好快节奏和强钩子。", "The core audience: fast pacing and strong hooks."),
    ("female", "女性观众", "Female audience",
     "女性向题材与视角。", "Stories and perspectives made for women viewers."),
    ("lower-tier-cities", "下沉市场", "Lower-tier cities",
     "三四线城市与县域观众。", "Viewers in third- and fourth-tier cities and counties."),
    ("silver-haired", "银发观众", "Silver-haired viewers",
     "中老年观众：节奏更舒缓、字幕更大、关注家庭与健康。",
     "Older viewers: gentler pacing, larger subtitles, family and health themes."),
    ("overseas", "海外观众", "Overseas audience",
     "面向海外的本地化版本与跨文化故事。", "Localised versions and cross-cultural stories for viewers abroad."),
]  # fmt: skip


def taxonomy_rows() -> list[dict]:
    rows = []
    for position, (slug, zh, en, dzh, den, encouraged) in enumerate(THEMES):
        rows.append(_row("theme", slug, zh, en, dzh, den, encouraged, position))
    for kind, entries in (("genre", GENRES), ("audience", AUDIENCES)):
        for position, (slug, zh, en, dzh, den) in enumerate(entries):
            rows.append(_row(kind, slug, zh, en, dzh, den, False, position))
    return rows


def _row(kind, slug, zh, en, dzh, den, encouraged, position) -> dict:
    return {
        "kind": kind,
        "slug": slug,
        "name_zh": zh,
        "name_en": en,
        "description_zh": dzh,
        "description_en": den,
        "is_encouraged": encouraged,
        "position": position,
    }


def terms_ensure(term_model) -> int:
    """Create the missing standard terms; return how many were created."""
    existing = set(term_model.objects.values_list("kind", "slug"))
    missing = [
        term_model(**row) for row in taxonomy_rows() if (row["kind"], row["slug"]) not in existing
    ]
    term_model.objects.bulk_create(missing)
    return len(missing)
