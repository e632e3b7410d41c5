"""The starter compliance list every installation begins with; staff edit it in the admin.

Drawn from the regulator's guidance on micro-dramas: no vulgar "borderline" content,
no inducement to pay, no glorified violence, no pseudo-science or health misinformation.
"""

# (phrase, category, explanation_zh, explanation_en)
STARTER_RULES = [
    ("充值", "inducement", "剧中出现充值字样，可能构成诱导付费。", "Mentions topping up: may read as an inducement to pay."),
    ("点击充值", "inducement", "诱导观众充值，违反平台与监管要求。", "Urges viewers to top up, which the rules forbid."),
    ("付费解锁", "inducement", "诱导付费观看。", "Pushes viewers to pay to unlock episodes."),
    ("开通会员", "inducement", "诱导付费观看。", "Pushes viewers to buy a membership."),
    ("看全集", "inducement", "引导观众付费看全集，属于诱导付费。", "Steers viewers to pay for the full series."),
    ("限时优惠", "inducement", "营销话术进入剧情，可能构成诱导付费。", "Sales talk inside the story may read as an inducement to pay."),
    ("pay to unlock", "inducement", "诱导付费观看。", "Pushes viewers to pay to unlock episodes."),
    ("recharge now", "inducement", "诱导观众充值。", "Urges viewers to top up."),
    ("擦边", "vulgar", "“擦边”内容被明确禁止。", "\u201cBorderline\u201d content is explicitly forbidden."),
    ("床戏", "vulgar", "避免性暗示与低俗场面。", "Avoid sexual innuendo and vulgar scenes."),
    ("色诱", "vulgar", "避免性暗示与低俗情节。", "Avoid sexual innuendo."),
    ("脱光", "vulgar", "避免裸露与低俗画面。", "Avoid nudity and vulgar images."),
    ("胸部特写", "vulgar", "物化身体的镜头属于低俗内容。", "Close-ups that objectify bodies are vulgar content."),
    ("虐杀", "violence", "避免渲染暴力。", "Do not glorify violence."),
    ("血腥特写", "violence", "避免血腥暴力画面。", "Avoid gory close-ups."),
    ("包治百病", "superstition", "伪科学说法，医疗题材须准确。", "A pseudo-scientific claim; medical stories must be accurate."),
    ("祖传秘方", "superstition", "易传播不实医疗信息，请核实或注明。", "Easily spreads false medical claims: check it or frame it as such."),
    ("神药", "superstition", "伪科学说法。", "A pseudo-scientific claim."),
    ("算命", "superstition", "避免宣扬封建迷信。", "Avoid promoting superstition."),
    ("根治高血压", "misinformation", "高血压需长期管理，不能“根治”，避免误导观众。", "High blood pressure is managed, not cured: do not mislead viewers."),
    ("擅自停药", "misinformation", "如写到停药，请让剧情明确其风险。", "If a character stops medication, make the risk clear."),
]  # fmt: skip


def rules_ensure(rule_model) -> int:
    existing = set(rule_model.objects.values_list("phrase", flat=True))
    missing = [
        rule_model(phrase=phrase, category=category, explanation_zh=zh, explanation_en=en)
        for phrase, category, zh, en in STARTER_RULES
        if phrase not in existing
    ]
    rule_model.objects.bulk_create(missing)
    return len(missing)
