"""Recall and precision of the starter rule set (as migration 0007 loads it) on lines
written for this test, not taken from the rules' own examples.

Every category has at least three lines in each language, among them the six the issue
says the first list missed (血腥, 赌博, 吸毒, 自杀, 强吻, 脱掉了衣服) and evasions: spacing,
filler, traditional characters, full-width letters and pinyin. Benign lines are what a
rule-of-law, medical or family drama says every day; they may get advice at most.
"""

from collections import Counter

import pytest

from scripts_app.compliance.engine import ACTION, DIALOGUE, SEVERITY_RANK, VIEWER
from scripts_app.compliance.ruleset import active_rules

pytestmark = pytest.mark.django_db

# (category expected, kind of line, line)
FLAGGED = [
    # violence and gore
    ("violence", ACTION, "△仓库里一片血腥。"),
    ("violence", ACTION, "△他被打得血肉模糊，地上全是血。"),
    ("violence", ACTION, "△歹徒从背后割喉。"),
    ("violence", ACTION, "△他们砍下了他的手指。"),
    ("violence", ACTION, "△镜头里是血 腥的一幕。"),
    ("violence", ACTION, "She stares at the gore on the floor."),
    ("violence", ACTION, "He dismembers the body in the bath."),
    ("violence", ACTION, "The camera lingers on his blood-soaked shirt."),
    ("violence", ACTION, "They torture him for the code."),
    # sexual or borderline
    ("sexual", ACTION, "△他把她按在墙上强吻。"),
    ("sexual", ACTION, "△她脱掉了衣服，走进浴室。"),
    ("sexual", ACTION, "△镜头给到大腿特写。"),
    ("sexual", DIALOGUE, "甲：他昨晚在酒店约炮。"),
    ("sexual", ACTION, "△他強吻了她。"),
    ("sexual", ACTION, "He pins her to the wall and forces a kiss."),
    ("sexual", ACTION, "She takes off her clothes and steps into the shower."),
    ("sexual", ACTION, "Close-up on her cleavage."),
    ("sexual", ACTION, "He stands NAKED at the window."),
    # gambling
    ("gambling", DIALOGUE, "甲：走，今晚去赌博！"),
    ("gambling", DIALOGUE, "乙：我们去賭博吧。"),
    ("gambling", DIALOGUE, "甲：去赌 博吗？"),
    ("gambling", DIALOGUE, "甲：赌*博这事别告诉你妈。"),
    ("gambling", DIALOGUE, "甲：今晚去du博。"),
    ("gambling", ACTION, "△他偷偷用手机网赌。"),
    ("gambling", ACTION, "He gambles away the rent again."),
    ("gambling", DIALOGUE, "DEALER: Place your bets!"),
    ("gambling", ACTION, "They meet at an underground casino."),
    # drugs
    ("drugs", ACTION, "△他躲在厕所吸毒。"),
    ("drugs", DIALOGUE, "甲：他在xi毒。"),
    ("drugs", ACTION, "△桌上放着冰毒。"),
    ("drugs", DIALOGUE, "甲：来点Ｋ粉？"),
    ("drugs", ACTION, "She does a line of cocaine."),
    ("drugs", ACTION, "They cook meth in the trailer."),
    ("drugs", ACTION, "They take drugs at the party."),
    # self-harm and suicide
    ("self_harm", ACTION, "△她留下遗书，准备自杀。"),
    ("self_harm", ACTION, "△她留下遗书，准备自殺。"),
    ("self_harm", DIALOGUE, "甲：我真想紫砂。"),
    ("self_harm", ACTION, "△浴缸里，她割腕。"),
    ("self_harm", ACTION, "△他站上天台要跳楼。"),
    ("self_harm", DIALOGUE, "MAYA: I'm going to kill myself."),
    ("self_harm", ACTION, "She plans her suicide."),
    ("self_harm", ACTION, "She slits her wrists in the bath."),
    # superstition and pseudo-science
    ("superstition", DIALOGUE, "甲：这药包治百病。"),
    ("superstition", ACTION, "△他找人算命，决定要不要做手术。"),
    ("superstition", ACTION, "△奶奶让孩子喝符水治病。"),
    ("superstition", DIALOGUE, "甲：大师能帮你改命。"),
    ("superstition", ACTION, "A fortune teller picks the wedding date."),
    ("superstition", DIALOGUE, "SELLER: This tea is a miracle cure."),
    ("superstition", ACTION, "The priest performs an exorcism."),
    # discrimination
    ("discrimination", DIALOGUE, "甲：一个乡巴佬也配进我们家？"),
    ("discrimination", DIALOGUE, "奶奶：又生了个赔钱货。"),
    ("discrimination", DIALOGUE, "甲：女人就该在家带孩子。"),
    ("discrimination", DIALOGUE, "甲：死瘸子，走快点！"),
    ("discrimination", DIALOGUE, "UNCLE: Women belong in the kitchen."),
    ("discrimination", DIALOGUE, "MAN: Go back to your own country!"),
    ("discrimination", DIALOGUE, "BOSS: Nobody hires a cripple."),
    # inducement to pay: addressed to the viewer
    ("inducement", VIEWER, "旁白：充值就能看到她的结局。"),
    ("inducement", VIEWER, "【付费卡点】想知道结局？充值解锁下一集！"),
    ("inducement", VIEWER, "字幕：下一集更精彩！"),
    ("inducement", VIEWER, "林晚（OS）：想看后续吗？开通会员吧。"),
    ("inducement", VIEWER, "旁白：马上充值，精彩不停！"),
    ("inducement", VIEWER, "NARRATOR: Recharge now to keep watching!"),
    ("inducement", VIEWER, "NARRATOR: Unlock the next episode to find out."),
    ("inducement", VIEWER, "CAPTION: Want to know what happens next?"),
    ("inducement", VIEWER, "NARRATOR: Don't miss the next episode!"),
    # protection of minors
    ("minors", ACTION, "△几个初中生躲在墙角抽烟。"),
    ("minors", ACTION, "△她在厕所里被校园霸凌。"),
    ("minors", ACTION, "△新闻：教师性侵学生。"),
    ("minors", ACTION, "△村里为十四岁的她安排童婚。"),
    ("minors", ACTION, "Three kids smoking behind the school."),
    ("minors", ACTION, "A party full of underage drinking."),
    ("minors", ACTION, "Child labor in the factory scene."),
    # health misinformation
    ("misinformation", DIALOGUE, "甲：喝三天就能根治高血压。"),
]

TITLES = [
    ("archetype", "中年霸总爱上我"),
    ("archetype", "战神归来"),
    ("archetype", "闪婚后，赘婿老公是首富"),
    ("sensational", "震惊！保洁员竟是千亿总裁"),
    ("sensational", "回来了！！！"),
    ("sensational", "她哭了？！"),
    ("archetype", "The Billionaire's Secret Bride"),
    ("sensational", "Shocking! The Maid Is an Heiress"),
    ("archetype", "Married to the Mafia Boss"),
]

BENIGN = [
    (DIALOGUE, "律师：他涉嫌赌博罪，最高可判三年。"),
    (DIALOGUE, "律师：开设赌场罪和聚众赌博罪不是一回事。"),
    (DIALOGUE, "警察：这是一起涉赌案件，证据要完整。"),
    (DIALOGUE, "医生：手术很顺利，病人已经脱离危险。"),
    (DIALOGUE, "医生：伤口有点出血，我先给你包扎。"),
    (ACTION, "△林晚解锁手机，看到一条消息。"),
    (DIALOGUE, "林晚：我去营业厅给手机充值。"),
    (ACTION, "△她打开游戏，给账号充值了六块钱。"),
    (ACTION, "△他解锁了游戏的下一关。"),
    (ACTION, "△他把紫砂壶擦得发亮。"),
    (ACTION, "△她冷得瑟瑟发抖。"),
    (ACTION, "△商场门口挂着“跳楼价”。"),
    (VIEWER, "字幕：珍爱生命，远离毒品。"),
    (VIEWER, "字幕：心理援助热线：12356。"),
    (DIALOGUE, "老师：今天我们讲鸦片战争。"),
    (DIALOGUE, "甲：这个哑巴亏我不吃。"),
    (ACTION, "△他震惊地看着她。"),
    (DIALOGUE, "秘书：总裁，会议开始了。"),
    (DIALOGUE, "甲：我赌你不敢。"),
    (DIALOGUE, "奶奶：这茶叶是我自己种的，喝着放心。"),
    (DIALOGUE, "甲：我昨晚熬夜看全集。"),
    (DIALOGUE, "LAWYER: The gambling charges will not stick."),
    (ACTION, "The surgeon finishes the operation; the patient is stable."),
    (ACTION, "He unlocks his phone and reads the message."),
    (ACTION, "She has real skill with a knife in the kitchen."),
    (DIALOGUE, "MARY: I bet you're tired."),
    (ACTION, "He reads a book on method acting."),
    (DIALOGUE, "MARY: I need to top up my phone."),
    (ACTION, "She is a suicide prevention counsellor."),
    (ACTION, "The grapes are ripe; the therapist is late."),
    (ACTION, "The blizzard crippled the town; the flame retardant held."),
]


def _scan(role: str, line: str):
    return active_rules().compiled.scan(line, roles={1: role})


def _category(hit) -> str:
    return active_rules().texts[hit.rule_id].category


def _severity(hit) -> str:
    return active_rules().texts[hit.rule_id].severity


@pytest.mark.parametrize(("category", "role", "line"), FLAGGED, ids=[row[2] for row in FLAGGED])
def test_every_written_line_is_flagged_in_its_category(category, role, line):
    assert category in {_category(hit) for hit in _scan(role, line)}


@pytest.mark.parametrize(("category", "title"), TITLES, ids=[row[1] for row in TITLES])
def test_every_written_title_gets_a_note(category, title):
    hits = active_rules().compiled.scan_title(title)

    assert category in {_category(hit) for hit in hits}


@pytest.mark.parametrize(("role", "line"), BENIGN, ids=[row[1] for row in BENIGN])
def test_benign_lines_get_advice_at_most(role, line):
    assert all(SEVERITY_RANK[_severity(hit)] <= 1 for hit in _scan(role, line))


def test_recall_and_precision_of_the_test_set():
    flagged = sum(
        category in {_category(hit) for hit in _scan(role, line)}
        for category, role, line in FLAGGED
    )
    quiet = sum(not _scan(role, line) for role, line in BENIGN)
    assert flagged == len(FLAGGED)  # recall 100 %
    assert quiet == len(BENIGN)  # no hit at all on the benign lines, not even advice
    # At least three lines per category in each language (health misinformation aside).
    lines = Counter((category, line.isascii()) for category, _role, line in FLAGGED)
    categories = {category for category, _role, _line in FLAGGED} - {"misinformation"}
    assert len(categories) == 9
    assert all(lines[category, english] >= 3 for category in categories for english in (0, 1))


def test_the_six_misses_of_the_issue_are_found_as_written():
    text = "△一片血腥。\n甲：去赌博。\n△他吸毒。\n△她想自杀。\n△他强吻她。\n△她脱掉了衣服。"

    hits = active_rules().compiled.scan(text)

    assert [hit.text for hit in hits] == ["血腥", "赌博", "吸毒", "自杀", "强吻", "脱掉了衣服"]
    assert [hit.line for hit in hits] == [1, 2, 3, 4, 5, 6]


def test_a_character_who_mentions_topping_up_in_the_story_is_not_flagged_but_narration_is():
    rules = active_rules().compiled
    text = "林晚：我去给手机充值。\n旁白：充值就能看到她的结局。"

    hits = rules.scan(text, roles={1: DIALOGUE, 2: VIEWER})

    assert [(hit.line, hit.text) for hit in hits] == [(2, "充值")]
