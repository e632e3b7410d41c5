"""Fictional institutions of the demo world. Any likeness to real ones is accidental."""

ORGANISATIONS = [
    {
        "slug": "east-china-film-academy", "kind": "university",
        "name_zh": "华东影视学院", "name_en": "East China Film Academy", "city": "上海",
        "website": "https://example.edu.cn/ecfa",
        "description": (
            "戏剧影视文学系开设**微短剧创作**方向，与星河短剧工作室联合培养编剧。\n\n"
            "The Dramatic Writing department runs a micro-drama track with Galaxy Shorts Studio."
        ),
    },
    {
        "slug": "southwest-media-university", "kind": "university",
        "name_zh": "西南传媒大学", "name_en": "Southwest Media University", "city": "成都",
        "website": "https://example.edu.cn/swmu",
        "description": (
            "以非遗与文旅题材见长，学生作品多次入选省级精品微短剧扶持项目。\n\n"
            "Known for intangible-heritage and cultural-tourism stories."
        ),
    },
    {
        "slug": "galaxy-shorts", "kind": "studio",
        "name_zh": "星河短剧工作室", "name_en": "Galaxy Shorts Studio", "city": "杭州",
        "website": "https://example.com/galaxy",
        "description": "专注都市、悬疑与法治题材的竖屏短剧出品方。\n\nVertical dramas: urban, suspense and rule-of-law.",
    },
    {
        "slug": "vertical-frame", "kind": "studio",
        "name_zh": "竖屏映画", "name_en": "Vertical Frame Pictures", "city": "北京",
        "website": "https://example.com/vframe",
        "description": "面向银发观众与家庭题材的精品短剧。\n\nQuality short dramas for families and older viewers.",
    },
    {
        "slug": "seabreeze-global", "kind": "studio",
        "name_zh": "海风出海传媒", "name_en": "SeaBreeze Global Media", "city": "深圳",
        "website": "https://example.com/seabreeze",
        "description": "中国故事的海外本地化与英文原创竖屏剧。\n\nLocalised and original English vertical dramas.",
    },
    {
        "slug": "boutique-drama-fund", "kind": "fund_body",
        "name_zh": "精品微短剧扶持基金", "name_en": "Boutique Micro-Drama Fund", "city": "北京",
        "website": "https://example.org/fund",
        "description": (
            "资助法治、非遗、文旅、科普、康养等主题的高质量原创剧本。\n\n"
            "Supports high-quality original scripts on encouraged themes."
        ),
    },
]  # fmt: skip
