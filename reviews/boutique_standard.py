"""The platform's default rubric: the Boutique Standard (精品标准).

Loaded by a data migration, so every installation has it; staff change it in the
admin, which makes a new version once a review has used the current one.
"""

SLUG = "boutique-standard"
NAME_ZH = "精品微短剧标准"
NAME_EN = "Boutique Standard"
DESCRIPTION_ZH = (
    "平台的默认评分标准：从题材原创、前三集钩子、集尾钩子与节奏、结构反转、人物、对白、"
    "主题价值、制作可行性到合规格调，衡量一部微短剧剧本是否达到“精品”。"
)
DESCRIPTION_EN = (
    "The platform's default rubric: whether a micro-drama script reaches boutique quality, "
    "from originality and the opening hook to episode-end hooks, structure, characters, "
    "dialogue, theme, production feasibility, and compliance and taste."
)
SCALE = (1, 10)
DIVERGENCE_THRESHOLD = 4  # points between the lowest and highest score on a criterion

# (key, weight, name_zh, name_en, description_zh, description_en,
#  (low_zh, low_en), (mid_zh, mid_en), (high_zh, high_en))
CRITERIA = [
    ("premise", 1.0, "题材与原创性", "Premise and originality",
     "核心设定是否新鲜，能否跳出同质化套路。", "Is the premise fresh, free of the usual copy-paste formulas?",
     ("套路化，换个名字就是别的剧。", "Formulaic: rename it and it is another show."),
     ("有新意，但核心冲突似曾相识。", "Some fresh angles, but the core conflict feels familiar."),
     ("设定独特，一句话就想看。", "Distinctive: one line of logline and you want to watch.")),
    ("opening_hook", 1.5, "前三集钩子", "Hook of the first three episodes",
     "前三集能否迅速立人物、抛悬念，让观众留下来。", "Do episodes 1–3 establish the lead and a question fast enough to keep viewers?",
     ("开场拖沓，三集后还不知道要看什么。", "Slow: after three episodes we still don't know what to watch for."),
     ("钩子成立，但出现得晚或不够强。", "The hook works but arrives late or lands softly."),
     ("第一集一分钟内抓人，三集层层加码。", "Grabs within a minute of episode 1 and escalates for three episodes.")),
    ("episode_hooks", 1.5, "集尾钩子与节奏", "Episode-end hooks and pacing",
     "每集结尾是否有让人点下一集的钩子，节奏是否匹配时长与受众。", "Does every episode end on a reason to click the next, at a pace right for its length and audience?",
     ("多数集尾平淡，节奏忽快忽慢。", "Most endings are flat; the pace lurches."),
     ("大部分集尾有钩子，个别集拖沓。", "Most episodes end on a hook; a few drag."),
     ("集集有钩，节奏张弛有度。", "Every episode hooks; the pace breathes.")),
    ("structure", 1.0, "结构与反转", "Structure and reversals",
     "整体结构与单集反转是否合理、有铺垫。", "Are the overall arc and the reversals earned and set up?",
     ("反转靠巧合，结构松散。", "Reversals rely on coincidence; the arc sprawls."),
     ("结构清楚，反转偶有生硬。", "Clear structure; some reversals feel forced."),
     ("反转有铺垫、出人意料又在情理之中。", "Reversals are set up, surprising and inevitable.")),
    ("characters", 1.0, "人物", "Characters",
     "主角是否有欲望、缺点和成长，配角是否立得住。", "Does the lead have a want, a flaw and an arc; do supporting roles stand up?",
     ("人物扁平，只为推动情节。", "Flat characters who only move the plot."),
     ("主角立得住，配角较单薄。", "The lead works; the supporting cast is thin."),
     ("人物鲜活，有血有肉，关系有张力。", "Vivid characters with tension between them.")),
    ("dialogue", 1.0, "对白", "Dialogue",
     "对白是否符合人物身份与地域，有潜台词，不说教。", "Does dialogue fit who is speaking and where, carry subtext, avoid preaching?",
     ("对白生硬，像念说明书。", "Stiff, like reading a manual."),
     ("基本自然，偶有说教或口号。", "Mostly natural, with some speeches or slogans."),
     ("一开口就知道是谁，句句有戏。", "You know who is speaking from one line; every line plays.")),
    ("theme", 1.0, "主题与社会价值", "Theme and social value",
     "主题是否积极、有现实意义，与法治、非遗、文旅、科普、健康等题材结合是否自然。", "Is the theme positive and meaningful, and woven naturally with themes such as rule of law, heritage, tourism, science or health?",
     ("主题空洞或牵强。", "Empty or tacked-on theme."),
     ("主题正确，但表达直白。", "The right theme, told too plainly."),
     ("寓教于乐，看完有所得。", "Teaches by entertaining; you come away with something.")),
    ("feasibility", 0.75, "制作可行性", "Production feasibility",
     "场景、人物、特效是否在微短剧预算与周期内可拍。", "Can it be shot within a micro-drama budget and schedule (locations, cast, effects)?",
     ("场景太多或需要大量特效。", "Too many locations or heavy effects."),
     ("可拍，但部分场景成本偏高。", "Shootable, with some costly scenes."),
     ("场景集中、调度清晰，好拍好剪。", "Concentrated locations, clear staging: easy to shoot and cut.")),
    ("compliance", 0.75, "合规与格调", "Compliance and taste",
     "有无低俗擦边、诱导付费、渲染暴力或伪科学；格调是否健康。", "Free of vulgar borderline content, inducement to pay, glorified violence or pseudo-science; is the taste sound?",
     ("存在明显的合规风险。", "Clear compliance risks."),
     ("个别表达需要调整。", "A few lines need adjusting."),
     ("格调健康，可放心送审。", "Sound taste; ready for review by the platform and regulator.")),
]  # fmt: skip
