"""The starter rule set every installation begins with; staff edit it in the admin.

Plain data, read by migration 0007 (which takes only the keys it knows, so keys may be
added here later but never renamed) and by the demo loader (``rules_ensure``).

Each rule says which regulation or guideline it reflects, by name only: where the text of a
rule is not certain to us we cite the document, never an article number. The documents:

* 《网络视听节目内容审核通则》 (China Netcasting Services Association, CNSA): the general
  content standard for online audio-visual programmes;
* 《网络短视频内容审核标准细则》 (CNSA): the detailed standard for short videos;
* 《网络信息内容生态治理规定》 (Cyberspace Administration of China);
* 《中华人民共和国未成年人保护法》 and 《未成年人网络保护条例》; 《中华人民共和国禁毒法》;
* the NRTA's micro-drama management: its campaigns against inducement to top up, and its
  December 2024 management note on sensational or vulgar titles and "霸总"-style archetypes;
* the WHO's guide for media professionals on preventing suicide.

Examples are the shortest line that shows the problem; they are shown to writers.
"""

from __future__ import annotations

from typing import Any

# Frozen: the list migration 0002 loaded. Migration 0007 compares rows with it to tell a
# starter rule that staff never edited (upgraded) from one they did (kept as they wrote it).
# (phrase, category, explanation_zh, explanation_en)
LEGACY_RULES = [
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
LEGACY_CATEGORY_MOVES = {"vulgar": "sexual"}

TONGZE = (
    "《网络视听节目内容审核通则》",
    "the CNSA's Content Review Rules for Online Audio-Visual Programmes (网络视听节目内容审核通则)",
)
XIZE = (
    "《网络短视频内容审核标准细则》",
    "the CNSA's Detailed Review Standards for Online Short Videos (网络短视频内容审核标准细则)",
)
SHENGTAI = (
    "《网络信息内容生态治理规定》",
    "the CAC's Provisions on the Governance of the Online Information Content Ecosystem (网络信息内容生态治理规定)",
)
MINORS = (
    "《未成年人保护法》和《未成年人网络保护条例》",
    "the Law on the Protection of Minors and the Regulations on the Online Protection of Minors",
)
DRUG_LAW = ("《禁毒法》", "the Narcotics Control Law (禁毒法)")
NRTA_NOTE = (
    "国家广电总局2024年12月的微短剧管理提示",
    "the NRTA's December 2024 management note on micro-dramas",
)
NRTA_PAY = ("国家广电总局对网络微短剧的专项治理", "the NRTA's campaigns to clean up micro-dramas")
WHO = ("世界卫生组织《预防自杀：媒体从业人员指南》", "the WHO's guide Preventing Suicide: a resource for media professionals")  # fmt: skip


def _why(zh: str, en: str, *refs: tuple[str, str]) -> tuple[str, str]:
    """An explanation that ends with the documents it reflects."""
    return (
        f"{zh}参见{'、'.join(ref[0] for ref in refs)}。",
        f"{en} See {' and '.join(ref[1] for ref in refs)}.",
    )


RULES: list[dict[str, Any]] = []


def _add(
    category: str,
    severity: str,
    why: tuple[str, str],
    fix: tuple[str, str],
    rules: list[tuple],
    *,
    language: str = "zh",
    applies_to: str = "body",
    scope: str = "all",
) -> None:
    """Rules that share an explanation and a fix. Each entry is ``(pattern, example)`` or
    ``(pattern, example, {overrides})``; a pattern written ``re:...`` is a regular expression."""
    for entry in rules:
        pattern, example, *rest = entry
        options = rest[0] if rest else {}
        kind = "regex" if pattern.startswith("re:") else "literal"
        own_why = options.get("why", why)
        own_fix = options.get("fix", fix)
        RULES.append(
            {
                "pattern": pattern.removeprefix("re:"),
                "kind": kind,
                "language": options.get("language", language),
                "category": category,
                "severity": options.get("severity", severity),
                "applies_to": options.get("applies_to", applies_to),
                "scope": options.get("scope", scope),
                "is_exception": False,
                "explanation_zh": own_why[0],
                "explanation_en": own_why[1],
                "suggestion_zh": own_fix[0],
                "suggestion_en": own_fix[1],
                "example": example,
                "is_active": True,
            }
        )


def _fine(category: str, why: tuple[str, str], rules: list[tuple], **options: Any) -> None:
    """Exceptions: phrases that are fine, so that hits of ``category`` overlapping them drop."""
    for pattern, example in rules:
        RULES.append(
            {
                "pattern": pattern.removeprefix("re:"),
                "kind": "regex" if pattern.startswith("re:") else "literal",
                "language": options.get("language", "zh"),
                "category": category,
                "severity": "advice",
                "applies_to": options.get("applies_to", "body"),
                "scope": "all",
                "is_exception": True,
                "explanation_zh": why[0],
                "explanation_en": why[1],
                "suggestion_zh": "",
                "suggestion_en": "",
                "example": example,
                "is_active": True,
            }
        )


# --- Violence and gore -------------------------------------------------------------------

_GORE = _why(
    "渲染血腥、残忍的暴力画面不宜播出，暴力情节应点到为止，不展示细节。",
    "Dwelling on gory or cruel violence is not broadcastable; violence should be implied, "
    "not shown in detail.",
    TONGZE,
    SHENGTAI,
)
_GORE_FIX = (
    "改为侧面表现：用声音、反应镜头或转场代替细节，例如“△灯光一暗，传来一声闷响”。",
    "Show it indirectly: a sound, a reaction shot or a cut instead of the detail, e.g. "
    "\u201cThe light goes out; a dull thud.\u201d",
)
_add("violence", "caution", _GORE, _GORE_FIX, [
    ("血腥", "△仓库里一片血腥，地上全是血。"),
    ("血腥暴力", "导演说：这场戏要拍得血腥暴力一点。", {"severity": "serious"}),
    ("血腥特写", "△刀口的血腥特写。"),
    ("血肉模糊", "△他被打得血肉模糊。", {"severity": "serious"}),
    ("血淋淋", "△一只血淋淋的手伸过来。"),
    ("血溅", "△刀光一闪，血溅三尺。"),
    ("鲜血喷涌", "△伤口鲜血喷涌。"),
    ("血流成河", "△巷子里血流成河。"),
    ("虐杀", "△他虐杀了那只流浪猫。", {"severity": "serious"}),
    ("肢解", "△凶手将尸体肢解。", {"severity": "serious"}),
    ("分尸", "△镜头里是分尸的过程。", {"severity": "serious"}),
    ("碎尸", "△冰柜里是碎尸。", {"severity": "serious"}),
    ("断肢", "△镜头扫过地上的断肢。"),
    ("残肢", "△爆炸后，残肢散落一地。"),
    ("割喉", "△歹徒从背后割喉。", {"severity": "serious"}),
    ("挖眼", "△他被人挖眼。", {"severity": "serious"}),
    ("开膛破肚", "△野兽把猎人开膛破肚。", {"severity": "serious"}),
    ("脑浆", "△一枪下去，脑浆四溅。", {"severity": "serious"}),
    ("爆头", "△狙击手一枪爆头。"),
    ("酷刑", "△他们对俘虏施以酷刑。"),
    ("凌迟", "△刑场上正在凌迟犯人。"),
    ("砍死", "甲：再不还钱，我砍死你！"),
    ("捅死", "△他一刀把对方捅死。"),
    ("乱刀", "△几个人乱刀砍向他。"),
    ("re:(砍|剁|割|切)(下|掉|断)了?(他|她|你|我)?的?(手指|手|脚|头|耳朵|舌头)", "△他们砍下了他的手指。", {"severity": "serious"}),
    ("以暴制暴", "甲：对付这种人，就得以暴制暴！", {
        "severity": "advice",
        "why": _why("以暴制暴作为正面价值宣扬，会误导观众以私刑代替法律。", "Presenting vigilante violence as the answer teaches viewers to take the law into their own hands.", TONGZE),
        "fix": ("让剧情给出依法解决的出路，或让角色付出代价。", "Let the story offer a lawful way out, or let the character pay for it."),
    }),
    ("re:扇.{0,5}耳光", "△她连扇了他几个耳光。", {
        "severity": "advice",
        "why": _why("把反复扇耳光等暴力当作“爽点”，属于渲染暴力、宣扬以暴力解决问题。", "Making repeated slapping the payoff of a scene glorifies violence as the way to settle things.", TONGZE, NRTA_NOTE),
        "fix": ("用智慧、证据或法律让对手受挫，代替肢体暴力。", "Let the rival be beaten by wit, evidence or the law instead of blows."),
    }),
])  # fmt: skip

_add("violence", "caution", _GORE, _GORE_FIX, [
    ("gore", "The camera lingers on the gore."),
    ("gory", "A gory close-up of the wound."),
    ("bloodbath", "The warehouse turns into a bloodbath."),
    ("re:blood[ -]?(soaked|splattered|spattered)", "Her blood-soaked hands shake."),
    ("re:dismember\\w*", "He dismembers the body in the bathtub.", {"severity": "serious"}),
    ("re:(decapitat|behead)\\w*", "The rebels behead the prisoner.", {"severity": "serious"}),
    ("re:slit(s|ting)? (his|her|their|your) throats?", "He slits his throat from behind.", {"severity": "serious"}),
    ("re:tortur(e|es|ed|ing)", "They torture him for the password."),
    ("re:brains? (splatter|spatter|spill)\\w*", "His brains splatter across the wall.", {"severity": "serious"}),
    ("re:(mutilat|disembowel)\\w*", "The killer mutilates the victims."),
    ("graphic violence", "Graphic violence in this scene, full detail."),
], language="en")  # fmt: skip

# --- Sexual or "borderline" (擦边) content ---------------------------------------------------

_SEX = _why(
    "色情、性暗示和“擦边”内容不得出现在节目中，也不得以裸露或身体特写吸引眼球。",
    "Sexual content, innuendo and \u201cborderline\u201d (擦边) material are not allowed, nor "
    "nudity or body close-ups used to draw attention.",
    TONGZE,
    XIZE,
)
_SEX_FIX = (
    "删去裸露与身体特写，亲密场面用转场或含蓄的动作交代，例如“△两人相视，灯熄。”",
    "Cut the nudity and body close-ups; handle intimacy with a cut or a restrained gesture, "
    "e.g. \u201cThey look at each other. Lights out.\u201d",
)
_CONSENT = _why(
    "把强迫的亲密行为包装成浪漫，会美化性骚扰，违背尊重与平等的价值导向。",
    "Dressing up forced intimacy as romance glamorises sexual harassment and goes against "
    "the values of respect and equality the standards ask for.",
    TONGZE,
    SHENGTAI,
)
_CONSENT_FIX = (
    "让对方明确同意，或让剧情把这种行为表现为错误并有后果。",
    "Make the other person's consent clear, or let the story treat the act as wrong, with "
    "consequences.",
)
_add("sexual", "caution", _SEX, _SEX_FIX, [
    ("擦边", "导演：这段拍得擦边一点，流量高。"),
    ("床戏", "△两人的床戏，持续一分钟。"),
    ("色诱", "△她决定色诱总裁。"),
    ("脱光", "△他一把脱光了上衣。"),
    ("re:脱(掉|光|下)了?(他|她|你|我|自己)?的?(衣服|衣裳|上衣|裤子|内衣|裙子|睡衣)", "△她脱掉了衣服。"),
    ("re:(撕|扯)(开|碎|烂|掉)了?(他|她)的?(衣服|衣裳|上衣|裙子|睡衣)", "△他撕开她的衣服。"),
    ("胸部特写", "△镜头给到胸部特写。"),
    ("re:(臀部|大腿|腿部|裙底|胸口|乳沟|身材)特写", "△大腿特写，镜头缓缓上移。"),
    ("乳沟", "△镜头停在她的乳沟上。"),
    ("走光", "△她弯腰时走光了。"),
    ("湿身", "△她淋雨湿身，衣服贴在身上。"),
    ("裸体", "△他裸体站在窗前。"),
    ("全裸", "△她全裸出浴。", {"severity": "serious"}),
    ("半裸", "△他半裸着靠在床头。"),
    ("裸露", "△大面积裸露的镜头。"),
    ("露点", "△这一镜头露点。", {"severity": "serious"}),
    ("性暗示", "备注：这里加一点性暗示。"),
    ("做爱", "甲：他们昨晚做爱了。", {"severity": "serious"}),
    ("春宫", "△墙上挂着春宫图。"),
    ("黄段子", "甲：给大家讲个黄段子。", {"severity": "advice"}),
    ("色情", "△电脑屏幕上是色情网站。"),
    ("瑟琴", "弹幕：好瑟琴啊。", {"severity": "advice"}),
    ("涩涩", "甲：这也太涩涩了吧。", {"severity": "advice"}),
    ("瑟瑟", "甲：这身打扮好瑟瑟。", {"severity": "advice"}),
    ("销魂", "△她销魂地一笑。", {"applies_to": "both"}),
    ("一夜情", "甲：就当是一夜情吧。", {"severity": "advice"}),
    ("约炮", "甲：他在软件上约炮。"),
    ("约p", "甲：今晚约p吗？"),
    ("yue炮", "甲：他天天yue炮。"),
    ("开房", "甲：走，去酒店开房。", {"severity": "advice"}),
    ("包养", "甲：她被老板包养了。", {"severity": "advice"}),
    ("勾引", "△她故意勾引姐夫。", {"severity": "advice", "applies_to": "both"}),
    ("卖淫", "△她被逼卖淫。"),
    ("嫖娼", "△他在宾馆嫖娼被抓。"),
    ("援交", "甲：听说她在援交。", {"severity": "serious"}),
    ("裸聊", "△他打开了裸聊软件。"),
    ("猥亵", "△男子在地铁上猥亵女乘客。"),
    ("强奸", "△他企图强奸她。", {"severity": "serious"}),
    ("强暴", "△她被强暴了。", {"severity": "serious"}),
    ("迷奸", "△他在酒里下药迷奸。", {"severity": "serious"}),
    ("霸王硬上弓", "甲：大不了霸王硬上弓！", {"severity": "serious"}),
])  # fmt: skip
_add("sexual", "caution", _CONSENT, _CONSENT_FIX, [
    ("强吻", "△他把她按在墙上强吻。"),
    ("re:(按|压|推)在(墙上|床上|沙发上)(强吻|亲|吻)", "△他把她按在墙上亲。"),
    ("强制爱", "本剧主打强制爱。", {"applies_to": "both"}),
    ("性骚扰", "△上司对她性骚扰，她却脸红心跳。", {"severity": "advice"}),
])  # fmt: skip
_fine("sexual", _why(
    "“瑟瑟发抖”“秋风瑟瑟”是寻常说法，与性暗示无关。",
    "瑟瑟 in 瑟瑟发抖 (shivering) and 秋风瑟瑟 (an autumn wind) is ordinary language, not innuendo.",
    TONGZE,
), [
    ("re:瑟瑟(发抖|作响|的?秋风|寒风)|(秋风|寒风|风声|凉风)瑟瑟", "△她冷得瑟瑟发抖。"),
])  # fmt: skip
_add("sexual", "caution", _SEX, _SEX_FIX, [
    ("sex scene", "They have a sex scene in the car."),
    ("re:nud(e|es|ity)", "She walks in nude."),
    ("naked", "He stands naked at the window."),
    ("topless", "She sunbathes topless."),
    ("re:strip(s|ped|ping)? naked", "He strips naked in the rain."),
    ("re:(take|takes|took|taking) off (all )?(her|his|their) (clothes|bra|underwear|panties)", "She takes off her clothes."),
    ("re:(rip|rips|ripped|tear|tears|tore) off (her|his) (clothes|dress|shirt|blouse)", "He rips off her dress."),
    ("re:close-?up (of|on) (her|his) (breasts?|chest|cleavage|buttocks|butt|thighs|crotch)", "Close-up on her cleavage."),
    ("cleavage", "The camera rests on her cleavage."),
    ("upskirt", "An upskirt shot as she climbs the stairs.", {"severity": "serious"}),
    ("re:porn\\w*", "A porn site is open on his laptop."),
    ("erotic", "An erotic dance for the boss."),
    ("re:strip(per|pers|tease)", "A stripper climbs onto the table."),
    ("re:prostitut\\w*", "She is forced into prostitution."),
    ("one-night stand", "It was just a one-night stand.", {"severity": "advice"}),
    ("re:seduc(e|es|ed|ing|tion)", "She plans to seduce her boss.", {"severity": "advice"}),
    ("re:rap(e|ed|es|ing|ist)", "He tries to rape her.", {"severity": "serious"}),
], language="en")  # fmt: skip
_add("sexual", "caution", _CONSENT, _CONSENT_FIX, [
    ("re:forc(e|es|ed|ing) (a )?kiss\\w*", "He pins her to the wall and forces a kiss."),
    ("re:against (her|his|their) will", "He kisses her against her will."),
    ("sexual harassment", "The boss's sexual harassment is played as flirting.", {"severity": "advice"}),
], language="en")  # fmt: skip

# --- Gambling -----------------------------------------------------------------------------

_GAMBLING = _why(
    "宣扬赌博、展示赌博方法或把赌博表现为致富捷径，不宜播出；写到赌博应表现其危害。",
    "Promoting gambling, showing how to gamble or presenting it as a way to get rich is not "
    "broadcastable; where gambling appears, show what it costs.",
    TONGZE,
    SHENGTAI,
)
_GAMBLING_FIX = (
    "不展示赌博过程与技巧，把重点放在后果上（债务、家庭、法律责任）。",
    "Do not show how the game is played or won; put the weight on the consequences (debt, "
    "family, the law).",
)
_add("gambling", "caution", _GAMBLING, _GAMBLING_FIX, [
    ("赌博", "甲：走，今晚去赌博！"),
    ("du博", "甲：今晚去du博吗？"),
    ("赌bo", "甲：他迷上了赌bo。"),
    ("dubo", "甲：别再dubo了。"),
    ("网赌", "△他偷偷用手机网赌。"),
    ("赌场", "△豪华的地下赌场。"),
    ("赌局", "△一场百万的赌局开始了。"),
    ("赌桌", "△他坐上了赌桌。"),
    ("赌资", "△桌上堆满了赌资。"),
    ("赌球", "甲：这周末一起赌球。"),
    ("豪赌", "△他押上全部身家豪赌。"),
    ("赌神", "甲：他可是赌神！", {"applies_to": "both"}),
    ("下注", "甲：快下注，买定离手！"),
    ("买定离手", "荷官：买定离手！"),
    ("老虎机", "△一排老虎机闪着灯。"),
    ("百家乐", "△他在百家乐桌上输光了。"),
    ("梭哈", "甲：我梭哈了！"),
    ("出千", "△他在牌桌上出千。"),
    ("千术", "甲：我教你几招千术。"),
    ("re:(稳赢|包赢|必赢)(不输)?", "甲：跟我押，稳赢不输！"),
    ("押注", "甲：我押注五十万。", {"severity": "advice"}),
    ("赌注", "甲：赌注是你的房子。", {"severity": "advice"}),
])  # fmt: skip
_fine("gambling", _why(
    "在法治题材中讨论赌博犯罪、禁赌宣传或戒赌，不属于宣扬赌博。",
    "Discussing gambling offences, anti-gambling messages or quitting is not promoting gambling.",
    TONGZE,
), [
    ("re:(开设赌场|聚众赌博|赌博)罪", "律师：他涉嫌赌博罪，最高可判三年。"),
    ("re:(禁止|远离|打击|严禁|拒绝|举报|戒掉)(网络)?(赌博|网赌)", "字幕：远离赌博，珍爱家庭。"),
    ("re:涉(嫌)?(聚众)?赌", "警察：这是一起涉赌案件。"),
    ("re:(赌博|网赌)(是|属于)?(违法|犯罪|害人)", "律师：网赌是违法的。"),
])  # fmt: skip
_add("gambling", "caution", _GAMBLING, _GAMBLING_FIX, [
    ("re:gambl(e|es|ed|er|ers|ing)", "He gambles away the rent."),
    ("re:casinos?", "They meet at an underground casino."),
    ("re:place (a |your |their )?bets?", "Place your bets, gentlemen!"),
    ("re:slot machines?", "A row of slot machines blinks."),
    ("blackjack", "He wins big at blackjack."),
    ("roulette", "She puts everything on the roulette table."),
    ("re:(sports )?betting (app|odds|slip|site)s?", "He opens a betting app under the desk."),
], language="en")  # fmt: skip
_fine("gambling", _why(
    "讨论赌博违法或戒赌，不属于宣扬赌博。",
    "Talking about gambling offences or quitting is not promoting gambling.",
    TONGZE,
), [
    ("re:(illegal )?gambling (charges?|offen[cs]es?|laws?|addiction|helpline)", "LAWYER: The gambling charges will not stick."),
], language="en")  # fmt: skip

# --- Drugs --------------------------------------------------------------------------------

_DRUGS = _why(
    "展示吸毒过程、制毒方法或把毒品表现得诱人，不宜播出；涉毒情节应体现危害与法律后果。",
    "Showing drug use, how drugs are made, or making drugs look attractive is not "
    "broadcastable; drug stories should show the harm and the legal consequences.",
    TONGZE,
    DRUG_LAW,
)
_DRUGS_FIX = (
    "不展示吸食与制作细节，用反应或结果交代；让剧情体现危害与法律责任。",
    "Leave out how drugs are taken or made; show the reaction or the result, and let the "
    "story carry the harm and the law.",
)
_add("drugs", "caution", _DRUGS, _DRUGS_FIX, [
    ("吸毒", "△他躲在厕所吸毒。"),
    ("xi毒", "甲：他在xi毒。"),
    ("吸du", "甲：你是不是吸du了？"),
    ("xidu", "甲：他xidu被抓过。"),
    ("贩毒", "△他们在码头贩毒。"),
    ("制毒", "△地下室里是制毒工厂。", {"severity": "serious"}),
    ("毒品", "△他把一包毒品塞进口袋。"),
    ("du品", "甲：这包是du品。"),
    ("冰毒", "△桌上放着冰毒。"),
    ("海洛因", "△他注射海洛因。", {"severity": "serious"}),
    ("可卡因", "△她吸食可卡因。"),
    ("摇头丸", "△酒吧里有人卖摇头丸。"),
    ("k粉", "甲：来点K粉？"),
    ("大麻", "△他们点起一支大麻。"),
    ("飞叶子", "甲：今晚一起飞叶子。"),
    ("嗑药", "△几个人在包厢嗑药。"),
    ("吸食", "△她当众吸食毒品。"),
    ("笑气", "△他们在车里吸笑气。"),
    ("鸦片", "△烟馆里有人抽鸦片。", {"severity": "advice"}),
])  # fmt: skip
_fine("drugs", _why(
    "禁毒宣传、缉毒题材与法律讨论不属于宣扬毒品。",
    "Anti-drug messages, narcotics-police stories and legal discussion do not promote drugs.",
    TONGZE,
    DRUG_LAW,
), [
    ("re:(远离|拒绝|严禁|打击|禁止)(毒品|吸毒|贩毒)|禁毒|缉毒|戒毒", "字幕：珍爱生命，远离毒品。"),
    ("re:(贩卖|走私|制造)?毒品(犯罪|罪)|贩毒罪", "律师：贩卖毒品罪，数量不论多少都要追究。"),
    ("鸦片战争", "老师：今天讲鸦片战争。"),
])  # fmt: skip
_add("drugs", "caution", _DRUGS, _DRUGS_FIX, [
    ("cocaine", "She does a line of cocaine."),
    ("heroin", "He shoots heroin in the stairwell.", {"severity": "serious"}),
    ("re:(crystal )?meth", "They cook meth in the trailer."),
    ("fentanyl", "The pills are laced with fentanyl."),
    ("re:ecstasy (pills?|tablets?)", "He sells ecstasy pills at the club."),
    ("re:snort(s|ed|ing)? (a line|coke|cocaine)", "She snorts a line in the bathroom."),
    ("re:(do|does|doing|did|take|takes|took|taking) drugs", "They take drugs at the party."),
    ("re:drug deal(s|er|ers|ing)?", "A drug deal in the car park."),
], language="en")  # fmt: skip

# --- Self-harm and suicide ----------------------------------------------------------------

_SUICIDE = _why(
    "展示自杀、自残的方法或把它浪漫化，可能诱发模仿，尤其对青少年；写到时应避免细节，给出求助出路。",
    "Showing the method of suicide or self-harm, or romanticising it, can lead to imitation, "
    "especially among young viewers; avoid detail and show a way to get help.",
    SHENGTAI,
    WHO,
)
_SUICIDE_FIX = (
    "不展示方法与过程，不把轻生写成解脱或浪漫；可加入求助与被挽救的情节，或在字幕中提示心理援助热线。",
    "Leave out the method and the act; do not present it as release or romance; add a "
    "character reaching for help, or a caption with a helpline.",
)
_add("self_harm", "caution", _SUICIDE, _SUICIDE_FIX, [
    ("自杀", "△她留下遗书，准备自杀。"),
    ("自尽", "△他在狱中自尽。"),
    ("轻生", "甲：她一时想不开，轻生了。"),
    ("寻死", "△她又一次寻死。"),
    ("自残", "△她用刀片自残。", {"severity": "serious"}),
    ("自伤", "△他有自伤的行为。"),
    ("割腕", "△浴缸里，她割腕。", {"severity": "serious"}),
    ("跳楼", "△他站上天台要跳楼。"),
    ("上吊", "△他在房梁上上吊。", {"severity": "serious"}),
    ("服毒", "△她服毒身亡。"),
    ("烧炭", "△他在车里烧炭。", {"severity": "serious"}),
    ("卧轨", "△他走向铁轨，准备卧轨。"),
    ("殉情", "△两人相约殉情。"),
    ("re:吞(了|下)?(一整瓶|一瓶|整瓶|大量)安眠药", "△她吞了一整瓶安眠药。", {"severity": "serious"}),
    ("re:了结(自己|生命|此生)", "甲：我只想了结自己。"),
    ("不想活了", "甲：我不想活了。", {"severity": "advice"}),
    ("紫砂", "甲：我要紫砂了。", {"severity": "advice"}),
    ("自鲨", "甲：我真想自鲨。"),
    ("zisha", "甲：他想zisha。"),
    ("以死相逼", "△母亲以死相逼，逼她嫁人。", {"severity": "advice"}),
])  # fmt: skip
_fine("self_harm", _why(
    "预防自杀、心理援助和求助的内容值得提倡；紫砂壶等是器物。",
    "Suicide prevention, crisis support and asking for help are to be encouraged; 紫砂 pottery "
    "is a craft.",
    WHO,
), [
    ("re:(预防|防止|干预|劝阻)自杀|自杀(干预|预防)", "字幕：自杀干预热线全天开放。"),
    ("re:紫砂(壶|锅|杯|茶具|陶|泥|工艺|茶壶)", "△他把紫砂壶擦得发亮。"),
    ("re:跳楼(价|大甩卖|甩卖)", "△店门口挂着“跳楼价”。"),
])  # fmt: skip
_add("self_harm", "caution", _SUICIDE, _SUICIDE_FIX, [
    ("re:suicid(e|al)", "She writes a note and plans suicide."),
    ("re:kill(s|ed|ing)? (myself|herself|himself|themselves|yourself)", "I'm going to kill myself."),
    ("re:slit(s|ting)? (my|her|his|their) wrists?", "She slits her wrists in the bath.", {"severity": "serious"}),
    ("re:(cut|cuts|cutting) (myself|herself|himself)", "She has been cutting herself again."),
    ("re:self-?harm\\w*", "Scenes of self-harm in close-up."),
    ("re:hang(s|ed|ing)? (myself|herself|himself|themselves)", "He hanged himself in the barn.", {"severity": "serious"}),
    ("re:overdos(e|es|ed|ing)", "She swallows the pills to overdose."),
    ("re:end (it all|my life|her life|his life)", "I just want to end it all."),
    ("re:jump(s|ed|ing)? off the (roof|bridge|building)", "He is about to jump off the roof."),
], language="en")  # fmt: skip
_fine("self_harm", _why(
    "预防自杀和求助的内容值得提倡。",
    "Suicide prevention and asking for help are to be encouraged.",
    WHO,
), [
    ("re:suicide (prevention|hotline|helpline|crisis line)", "CAPTION: Suicide prevention helpline, open all night."),
], language="en")  # fmt: skip

# --- Superstition and pseudo-science -------------------------------------------------------

_SUPERSTITION = _why(
    "宣扬封建迷信、伪科学，或把迷信表现为灵验，会误导观众。",
    "Promoting superstition or pseudo-science, or showing it as really working, misleads viewers.",
    TONGZE,
    XIZE,
)
_SUPERSTITION_FIX = (
    "作为人物的观念来写并让剧情给出科学解释，或改为民俗文化的呈现，不表现为真的灵验。",
    "Write it as a character's belief and let the story explain it, or present it as folk "
    "culture, never as something that really works.",
)
_PSEUDO = _why(
    "夸大或虚构的疗效会误导观众，尤其是老年观众；医疗健康题材须准确。",
    "Exaggerated or invented cures mislead viewers, older viewers most; medical and health "
    "stories must be accurate.",
    TONGZE,
    SHENGTAI,
)
_PSEUDO_FIX = (
    "核实医学事实，或让剧情揭示这是骗局，并给出就医的正确做法。",
    "Check the medical facts, or let the story expose the claim as a scam and show the "
    "right way to get treatment.",
)
_add("superstition", "caution", _PSEUDO, _PSEUDO_FIX, [
    ("包治百病", "甲：这药包治百病。"),
    ("祖传秘方", "甲：这是我家的祖传秘方，一喝就好。", {"severity": "advice"}),
    ("神药", "甲：这可是神药，癌症都能治。"),
    ("神医", "甲：这位神医一针就能治好瘫痪。", {"severity": "advice"}),
    ("喝符水", "△奶奶让孩子喝符水治病。"),
])  # fmt: skip
_add("superstition", "advice", _SUPERSTITION, _SUPERSTITION_FIX, [
    ("算命", "△他找人算命，决定要不要手术。"),
    ("改命", "甲：大师能帮你改命。", {"severity": "caution"}),
    ("逆天改命", "本剧讲述她逆天改命的故事。", {"severity": "caution", "applies_to": "both"}),
    ("驱鬼", "△道士做法驱鬼。"),
    ("驱邪", "甲：请个大师来驱邪。"),
    ("跳大神", "△村里请人跳大神。", {"severity": "caution"}),
    ("下蛊", "甲：她给你下蛊了！", {"severity": "caution"}),
    ("扎小人", "△她偷偷扎小人诅咒情敌。"),
    ("冲喜", "甲：娶个媳妇给他冲喜，病就好了。", {"severity": "caution", "applies_to": "both"}),
    ("借运", "甲：她是来借运的。", {"severity": "caution"}),
    ("冥婚", "△村里要给死去的儿子办冥婚。", {"severity": "caution"}),
    ("阴婚", "甲：那是一桩阴婚。", {"severity": "caution"}),
    ("开光", "甲：这串手链是开光的，保平安。"),
    ("风水大师", "△风水大师说房子的方位克主人。"),
    ("天煞孤星", "甲：她是天煞孤星，谁娶谁倒霉。"),
    ("看相", "甲：我给你看相，你印堂发黑。"),
    ("印堂发黑", "甲：你印堂发黑，必有大难。"),
])  # fmt: skip
_add("superstition", "advice", _SUPERSTITION, _SUPERSTITION_FIX, [
    ("re:fortune[- ]?tell(er|ers|ing)", "A fortune teller decides her wedding date."),
    ("re:exorcis(m|t|e|es|ed|ing)", "The priest performs an exorcism."),
    ("ghost marriage", "The village arranges a ghost marriage.", {"severity": "caution"}),
], language="en")  # fmt: skip
_add("superstition", "caution", _PSEUDO, _PSEUDO_FIX, [
    ("miracle cure", "This tea is a miracle cure."),
    ("re:cures? (all|every) (illness|disease|diseases)", "This herb cures every disease."),
], language="en")  # fmt: skip

# --- Health or legal misinformation (kept from the first list) -------------------------------

_add("misinformation", "caution", _PSEUDO, _PSEUDO_FIX, [
    ("根治高血压", "甲：喝三天就能根治高血压。", {
        "why": _why("高血压需长期管理，不能“根治”，这类说法会误导观众。", "High blood pressure is managed, not cured: such claims mislead viewers.", TONGZE),
    }),
    ("re:(根治|治愈|包治)(癌症|糖尿病|高血压|不孕)", "甲：这个偏方能治愈癌症。"),
    ("擅自停药", "甲：他听了广告，擅自停药了。", {
        "why": _why("擅自停药有危险；写到时应让剧情明确其风险。", "Stopping medication on one's own is dangerous; if a character does, make the risk clear.", TONGZE),
        "fix": ("让医生或家人指出风险，或展示后果。", "Let a doctor or relative point out the risk, or show the consequence."),
    }),
    ("re:停(了|掉)(降压药|胰岛素|药)", "甲：喝了这茶，我就停了降压药。"),
])  # fmt: skip
_add("misinformation", "caution", _PSEUDO, _PSEUDO_FIX, [
    ("re:cures? cancer", "This juice cures cancer."),
    ("re:stop(s|ped)? taking (your|his|her|my) (medication|meds|insulin|pills)", "Stop taking your insulin and drink this."),
], language="en")  # fmt: skip

# --- Discrimination -----------------------------------------------------------------------

_DISCRIMINATION = _why(
    "歧视或侮辱地域、民族、性别、残障、年龄、外貌或性取向的表达，不宜作为正面或搞笑内容出现。",
    "Words that demean people for their region, ethnicity, sex, disability, age, looks or "
    "sexual orientation should not be played as neutral or funny.",
    TONGZE,
    SHENGTAI,
)
_DISCRIMINATION_FIX = (
    "换成不带侮辱的说法；如果是反派的台词，让剧情表明这种说法是错的。",
    "Use a word that does not demean; if a villain says it, let the story show it is wrong.",
)
_add("discrimination", "caution", _DISCRIMINATION, _DISCRIMINATION_FIX, [
    ("乡巴佬", "甲：一个乡巴佬也配进我们家？"),
    ("土包子", "甲：土包子，没见过世面。", {"severity": "advice"}),
    ("穷鬼", "甲：滚出去，穷鬼！", {"severity": "advice"}),
    ("外地佬", "甲：外地佬滚回去！"),
    ("下等人", "甲：你们这些下等人。"),
    ("贱民", "甲：贱民也敢跟我说话？"),
    ("瘸子", "甲：死瘸子，走快点！"),
    ("残废", "甲：一个残废还想结婚？"),
    ("智障", "甲：你是智障吗？"),
    ("弱智", "甲：弱智，这都不会。"),
    ("聋子", "甲：喊你呢，聋子！", {"severity": "advice"}),
    ("死胖子", "甲：死胖子，让开。"),
    ("丑八怪", "甲：丑八怪也想嫁豪门？", {"severity": "advice"}),
    ("娘炮", "甲：娘炮，像个男人一样！"),
    ("剩女", "甲：三十岁还不嫁，剩女一个。"),
    ("赔钱货", "奶奶：又生了个赔钱货。"),
    ("扫把星", "甲：你就是个扫把星，克死了你爸。"),
    ("克夫", "甲：她命硬克夫。", {"applies_to": "both"}),
    ("老不死", "甲：老不死的，还不快滚。"),
    ("黑鬼", "甲：那个黑鬼……", {"severity": "serious"}),
    ("re:女人(就该|就应该|天生就)", "甲：女人就该在家带孩子。"),
    ("re:(河南|东北|安徽|新疆|西藏|农村|乡下|外地|山里)人(都|全都|个个都)是(骗子|小偷|贼|懒汉|穷鬼)", "甲：外地人都是骗子。"),
    ("re:同性恋(是|就是)(病|变态)", "甲：同性恋是病，得治。", {"severity": "serious"}),
])  # fmt: skip
_fine("discrimination", _why(
    "固定说法，并非歧视。", "A set phrase, not a slur.", TONGZE,
), [
    ("哑巴亏", "甲：这个哑巴亏我不吃。"),
])  # fmt: skip
_add("discrimination", "caution", _DISCRIMINATION, _DISCRIMINATION_FIX, [
    ("re:retard(s|ed)?", "Move it, you retard."),
    ("re:cripples?", "Nobody hires a cripple."),
    ("midget", "Get the midget out of here."),
    ("re:(women|girls) (belong|should stay) in the kitchen", "Women belong in the kitchen."),
    ("re:(go|get) back to (your|their) (own )?country", "Go back to your own country!"),
    ("re:gold[- ]?digg(er|ers|ing)", "She's just a gold digger.", {"severity": "advice"}),
    ("re:fatso|fatty", "Out of my way, fatso.", {"severity": "advice"}),
], language="en")  # fmt: skip

# --- Inducement to pay --------------------------------------------------------------------

_PAY = _why(
    "对观众说的付费、充值、解锁话术（旁白、画外音、OS、字幕、卡点提示）属于诱导付费；剧中人物在故事里提到充值不算。",
    "Pay, top-up or unlock talk addressed to the viewer (narration, voice-over, OS, captions, "
    "hook or paywall lines) is an inducement to pay; a character mentioning a top-up inside "
    "the story is not.",
    NRTA_PAY,
    TONGZE,
)
_PAY_FIX = (
    "删去对观众的付费提示，用剧情悬念本身收尾，例如“△门外传来熟悉的声音。”；付费方式由平台界面说明。",
    "Cut the pay prompt and end on the story's own suspense, e.g. \u201cA familiar voice at "
    "the door.\u201d; the platform's own screens explain how to pay.",
)
_add("inducement", "caution", _PAY, _PAY_FIX, [
    ("充值", "旁白：充值就能看到她的结局。", {"scope": "viewer"}),
    ("冲值", "字幕：冲值解锁下一集。", {"scope": "viewer"}),
    ("chongzhi", "字幕：chongzhi看后续。", {"scope": "viewer"}),
    ("开通会员", "画外音：开通会员，马上看大结局。", {"scope": "viewer"}),
    ("开会员", "字幕：开会员抢先看。", {"scope": "viewer"}),
    ("re:想(看|知道)(后续|结局|接下来|下一集|大结局)", "字幕：想知道结局吗？", {"scope": "viewer"}),
    ("re:点击(下方|下面|屏幕|链接|右下角|左下角)", "字幕：点击下方，立即观看。", {"scope": "viewer"}),
    ("re:关注.{0,4}不迷路", "旁白：关注我不迷路！", {"scope": "viewer", "severity": "advice"}),
    ("限时免费", "字幕：限时免费，过时不候！", {"scope": "viewer", "severity": "advice"}),
    ("点击充值", "△手机弹出：点击充值看全集！"),
    ("充值解锁", "△屏幕提示：充值解锁全部剧集。", {"severity": "serious"}),
    ("付费解锁", "字幕：付费解锁下一集。"),
    ("付费观看", "字幕：后续剧情需付费观看。"),
    ("re:解锁(下一集|下集|全集|全部剧集|后续|剧情|完整版|大结局|隐藏剧情)", "旁白：解锁后续，看她如何复仇。"),
    ("re:(立即|马上|立刻|赶紧|快去|快来)(充值|充钱|付费|开通|解锁)", "旁白：马上充值，精彩不停！", {"severity": "serious"}),
    ("下一集更精彩", "旁白：下一集更精彩！"),
    ("下集更精彩", "字幕：下集更精彩，千万别走开！"),
    ("看全集", "字幕：看全集请点击。", {"scope": "viewer"}),
    ("re:(观看|看)完整版", "字幕：观看完整版请前往小程序。"),
    ("vip解锁", "字幕：VIP解锁大结局。"),
    ("首充", "字幕：首充一元看全集！"),
    ("充值送", "字幕：充值送金币，剧集随心看。"),
    ("金币解锁", "字幕：金币解锁下一集。"),
    ("re:不(充值|付费|开会员|开通会员)就", "旁白：不充值就看不到他的真面目！"),
    ("限时优惠", "字幕：限时优惠，今晚截止！", {"severity": "advice"}),
])  # fmt: skip
_add("inducement", "caution", _PAY, _PAY_FIX, [
    ("pay to unlock", "NARRATOR: Pay to unlock the next episode."),
    ("recharge now", "CAPTION: Recharge now to keep watching!"),
    ("re:top[- ]?up (now|today|to)", "CAPTION: Top up now to see the ending."),
    ("re:unlock (the )?(next|full|all|final) (episodes?|series|season|story)", "NARRATOR: Unlock the next episode to find out."),
    ("re:unlock (the )?(full|whole) (story|series)", "CAPTION: Unlock the full story now."),
    ("re:(buy|get) (more )?coins", "CAPTION: Buy coins to continue.", {"scope": "viewer"}),
    ("re:subscribe (now|today)", "NARRATOR: Subscribe now for every episode.", {"scope": "viewer"}),
    ("re:(become|join as) a vip", "CAPTION: Become a VIP to watch first.", {"scope": "viewer"}),
    ("re:vip (members? )?only", "CAPTION: VIP only, unlock now."),
    ("re:limited[- ]time offer", "CAPTION: Limited-time offer, tonight only!", {"severity": "advice"}),
    ("re:don'?t miss the next episode", "NARRATOR: Don't miss the next episode!"),
    ("re:want to (know|see) what happens( next)?", "NARRATOR: Want to know what happens?", {"scope": "viewer"}),
    ("re:swipe up (to|for)", "CAPTION: Swipe up to watch the rest.", {"scope": "viewer"}),
    ("re:tap (here|below|the screen) to (unlock|continue|watch)", "CAPTION: Tap here to unlock."),
    ("re:first top-?up (bonus|offer|deal)", "CAPTION: First top-up bonus, double coins!"),
], language="en")  # fmt: skip

# --- Protection of minors -----------------------------------------------------------------

_MINORS = _why(
    "涉及未成年人的不良行为、性化表现或伤害，可能诱发模仿或对未成年人造成伤害，须格外谨慎。",
    "Minors shown drinking, smoking, bullying, sexualised or harmed can lead to imitation or "
    "harm; handle with particular care.",
    MINORS,
    TONGZE,
)
_MINORS_FIX = (
    "不展示过程与细节，体现成年人的干预与后果；任何涉及未成年人的性内容都应删除。",
    "Leave out the act and the detail; show adults stepping in and the consequences. Remove "
    "any sexual content involving minors.",
)
_add("minors", "caution", _MINORS, _MINORS_FIX, [
    ("re:(小学生|初中生|中学生|高中生|未成年人?|孩子们?|小孩)[^。！？!?]{0,6}(抽烟|喝酒|酗酒|吸烟|赌博|飙车|纹身|文身)", "△几个初中生躲在墙角抽烟。"),
    ("校园霸凌", "△她在厕所里被校园霸凌。"),
    ("霸凌", "△几个学生霸凌新同学。"),
    ("猥亵儿童", "△他猥亵儿童被抓。", {"severity": "serious"}),
    ("re:性侵(儿童|幼女|未成年|学生)", "△新闻：教师性侵学生。", {"severity": "serious"}),
    ("幼女", "△镜头对准幼女。", {"severity": "serious"}),
    ("萝莉", "甲：她是个萝莉。"),
    ("学生妹", "甲：我喜欢学生妹。"),
    ("re:(初中|高中|中学|未成年)(生|人)?怀孕", "△十五岁的她，初中怀孕。"),
    ("早恋", "△两个初中生早恋，逃课约会。", {"severity": "advice"}),
    ("师生恋", "本剧讲述一段师生恋。", {"applies_to": "both"}),
    ("童婚", "△村里为十四岁的她安排童婚。"),
    ("童工", "△工厂里都是童工。"),
    ("体罚", "△老师体罚学生，罚跪一下午。", {"severity": "advice"}),
])  # fmt: skip
_fine("minors", _why(
    "反对与预防霸凌的内容值得提倡。", "Content against and preventing bullying is to be encouraged.", MINORS,
), [
    ("re:(反|防|预防|制止|拒绝)(校园)?霸凌", "字幕：拒绝校园霸凌，勇敢说出来。"),
])  # fmt: skip
_add("minors", "caution", _MINORS, _MINORS_FIX, [
    ("re:underage (drinking|smoking|sex|girl|girls)", "A party full of underage drinking."),
    ("re:child (abuse|labou?r|brides?|marriage)", "Child labor in the factory scene."),
    ("re:(minors?|kids?|teens?|teenagers|children|schoolkids) (drinking|smoking|vaping)", "Three kids smoking behind the school."),
    ("re:school ?girls? in (lingerie|underwear)", "Schoolgirls in lingerie.", {"severity": "serious"}),
    ("lolita", "She dresses like a Lolita for him."),
    ("re:(teacher|student)[- ](student|teacher) (romance|affair|relationship)", "A teacher-student romance.", {"applies_to": "both"}),
    ("school bullying", "Scenes of school bullying played for laughs."),
], language="en")  # fmt: skip

# --- Titles: sensational or vulgar wording ---------------------------------------------------

_TITLE = _why(
    "片名应与内容相符，避免哗众取宠、低俗猎奇的标题；国家广电总局的管理提示点名了耸人听闻、低俗的片名。",
    "A title should match the content and avoid sensational, vulgar clickbait; the NRTA's note "
    "names shock and vulgar titles.",
    NRTA_NOTE,
    TONGZE,
)
_TITLE_FIX = (
    "用人物、地点或核心事件命名，例如《三号窗口》；去掉感叹号和惊叹词。",
    "Name it after a person, a place or the central event, e.g. Window Three; drop the "
    "exclamation marks and shock words.",
)
_add("sensational", "caution", _TITLE, _TITLE_FIX, [
    ("震惊", "震惊！豪门千金竟是保洁员"),
    ("惊爆", "惊爆！总裁的秘密"),
    ("劲爆", "劲爆！前妻归来"),
    ("火辣", "火辣小娇妻"),
    ("狂虐", "狂虐前夫一百集"),
    ("惊天", "惊天身世", {"severity": "advice"}),
    ("惊呆", "全城惊呆了", {"severity": "advice"}),
    ("万万没想到", "万万没想到她是首富", {"severity": "advice"}),
    ("竟然", "保洁员竟然是首富", {"severity": "advice"}),
    ("逆天", "逆天小神医", {"severity": "advice"}),
    ("打脸", "全家打脸记", {"severity": "advice"}),
    ("爽翻", "爽翻了！赘婿归来", {"severity": "advice"}),
    ("re:(全家|全城|全族|众人|全村)(跪|下跪|跪求|跪舔|跪地)", "离婚后，全家跪求我回来"),
    ("re:一胎[二三四五六七八九十两\\d]宝", "一胎八宝：总裁爹地宠上天"),
    ("re:[!?！？]{2,}", "回来了！！！", {"severity": "advice", "language": "zh"}),
], applies_to="title")  # fmt: skip
_add("sensational", "caution", _TITLE, _TITLE_FIX, [
    ("shocking", "Shocking! The Maid Is a Billionaire"),
    ("re:you won'?t believe", "You Won't Believe Who She Married"),
], language="en", applies_to="title")  # fmt: skip

# --- Titles: formulaic archetypes -----------------------------------------------------------

_ARCHETYPE = _why(
    "“霸总”等同质化套路和雷人设定受到国家广电总局管理提示点名；片名依赖这类标签会被重点关注。",
    "The NRTA's note singles out formulaic archetypes such as the domineering CEO (霸总) and "
    "outlandish set-ups; titles built on these labels draw scrutiny.",
    NRTA_NOTE,
)
_ARCHETYPE_FIX = (
    "让片名说出这部剧独有的东西（人物的职业、地方、核心冲突），而不是套路标签。",
    "Let the title say what only this series has (a profession, a place, the central "
    "conflict) rather than the archetype's label.",
)
_add("archetype", "advice", _ARCHETYPE, _ARCHETYPE_FIX, [
    ("霸总", "中年霸总爱上我", {"severity": "caution"}),
    ("霸道总裁", "霸道总裁的替嫁新娘", {"severity": "caution"}),
    ("总裁", "总裁的契约新娘"),
    ("战神", "战神归来"),
    ("赘婿", "最强赘婿"),
    ("上门女婿", "上门女婿的逆袭"),
    ("闪婚", "闪婚后，老公是首富"),
    ("龙王", "龙王殿下"),
    ("神医下山", "神医下山，九个师姐宠我"),
    ("萌宝", "天降萌宝：爹地快追妈咪"),
    ("真假千金", "真假千金，豪门认亲"),
    ("豪门", "豪门弃妇"),
    ("娇妻", "总裁的替身娇妻", {"severity": "caution"}),
    ("甜妻", "甜妻来袭"),
    ("逃妻", "带球逃妻"),
    ("带球跑", "怀了他的孩子带球跑"),
    ("宠妻", "宠妻狂魔"),
    ("re:契约(婚姻|妻子|新娘|娇妻)", "契约婚姻：总裁别乱来"),
    ("首富", "离婚后我成了首富"),
    ("马甲", "大佬的马甲藏不住了"),
], applies_to="title")  # fmt: skip
_add("archetype", "advice", _ARCHETYPE, _ARCHETYPE_FIX, [
    ("billionaire", "The Billionaire's Secret Bride"),
    ("re:ceo'?s? (secret |contract |runaway )?(wife|bride|baby)", "The CEO's Contract Wife"),
    ("contract marriage", "Contract Marriage with the Boss"),
    ("re:mafia (boss|king|don)", "Married to the Mafia Boss"),
    ("re:(secret )?heiress", "The Secret Heiress Returns"),
], language="en", applies_to="title")  # fmt: skip


def rules_ensure(rule_model: Any) -> int:
    """Add the starter rules that are missing (by pattern and where they apply); never
    touches a rule that exists, so staff edits and switched-off rules stay as they are."""
    fields = {field.name for field in rule_model._meta.get_fields()}
    existing = set(rule_model.objects.values_list("pattern", "applies_to"))
    missing = [
        rule_model(**{key: value for key, value in rule.items() if key in fields})
        for rule in RULES
        if (rule["pattern"], rule["applies_to"]) not in existing
    ]
    rule_model.objects.bulk_create(missing)
    if missing:  # bulk_create sends no signal: tell running processes here
        from scripts_app.compliance.ruleset import rules_changed

        rules_changed()
    return len(missing)
