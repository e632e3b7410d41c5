"""Sample scripts and a deterministic series generator for tests, demos and benchmarks.

* ``rule_of_law_zh.txt``: three episodes of a Chinese 法治 micro-drama (pre-matter,
  every common line form, OS/VO, 字幕, 闪回, inserts, hooks and a paywall).
* ``vertical_drama.fountain``: two episodes of an English vertical drama in Fountain
  (title page, episode sections, extensions, dual dialogue, boneyard, hook notes).
"""

from __future__ import annotations

import random
from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parent
SAMPLE_FILES = {"zh": "rule_of_law_zh.txt", "fountain": "vertical_drama.fountain"}


def load_sample(fmt: str) -> str:
    """The hand-written sample script for ``"zh"`` or ``"fountain"``."""
    return (SAMPLES_DIR / SAMPLE_FILES[fmt]).read_text(encoding="utf-8")


def generate_series(episodes: int = 100, fmt: str = "zh", seed: int = 0) -> str:
    """A believable synthetic series of ``episodes`` episodes, the same for the same seed.

    Chinese output has about 600 CJK characters an episode (60,000 for 100 episodes).
    Every episode ends on a hook; paywalls fall on episodes 10, 30 and 60 when present.
    """
    if fmt not in ("zh", "fountain"):
        raise ValueError(f"unknown format {fmt!r}")
    rng = random.Random(seed)  # noqa: S311 -- deterministic test data, not security
    writer = _zh_series if fmt == "zh" else _fountain_series
    return "\n".join(writer(rng, episodes)) + "\n"


PAYWALL_EPISODES = frozenset({10, 30, 60})

# --- Chinese ----------------------------------------------------------------------------

_ZH_CAST = ["林晚", "顾沉舟", "苏晴", "周叙白", "王桂兰", "赵德海", "小周", "陈律师"]
_ZH_PLACES = ["律所办公室", "区法院走廊", "王家客厅", "检察院会议室", "老城区巷口",
              "医院急诊大厅", "康寿养生会所", "地下停车场", "天台", "派出所调解室"]  # fmt: skip
_ZH_TIMES = ["日", "夜", "晨", "黄昏", "傍晚", "清晨"]
_ZH_TITLES = ["三十万", "证据", "反转", "对峙", "真相", "回避", "开庭", "录音笔", "账本",
              "旧案", "调解", "上诉", "证人", "暗线", "和解", "判决"]  # fmt: skip
_ZH_ACTIONS = [
    "{a}推门而入，把一叠材料重重放在桌上。",
    "{a}盯着屏幕上的转账记录，眉头越皱越紧。",
    "{b}下意识后退半步，眼神躲闪。",
    "窗外雷声滚滚，会议室里没有人说话。",
    "{a}把录音笔放在桌上，按下了播放键。",
    "{b}攥紧手机，指节发白，迟迟没有开口。",
    "走廊尽头，一个熟悉的身影一闪而过。",
    "{a}翻开卷宗，第一页就是那份签了名的合同。",
]
_ZH_LINES = [
    "你以为删了聊天记录，就没有证据了吗？",
    "这份合同上的签名，是你亲手签的。",
    "我不是来吵架的，我是来讲道理的。",
    "老人的养老钱，你们也敢动？",
    "法律不会因为你是谁，就网开一面。",
    "证据保全的申请，法院已经受理了。",
    "你现在说出来，还算自首。",
    "三年前那个案子，真的结束了吗？",
    "我只问一句，钱到底去哪儿了？",
    "别逼我，我也是被逼的。",
    "明天上午九点，法庭见。",
    "这件事，我会给所有人一个交代。",
]
_ZH_HINTS = ["", "", "", "冷笑", "压低声音", "颤抖", "OS", "VO", "愣住"]
_ZH_HOOKS = [
    "{a}打开文件袋，里面竟是{b}的认罪书。",
    "手机响起，来电显示的名字让{a}瞬间僵住。",
    "{b}转身的一刻，口袋里掉出一枚带血的纽扣。",
    "法槌落下之前，旁听席上有人站了起来。",
    "监控画面里，出现了一个本该已经去世的人。",
]


def _zh_series(rng: random.Random, episodes: int) -> list[str]:
    out = [
        "《法槌之下》",
        "类型：法治 / 现实题材",
        f"集数：{episodes}集",
        "",
        "大纲：",
        "青年律师林晚接手一桩养老诈骗案，层层追查，发现幕后牵连着自己最亲的人。",
        "人物小传：",
        "林晚（28岁）：律所新人律师，办案较真。",
        "顾沉舟（32岁）：区检察院检察官，冷静克制。",
        "王桂兰（68岁）：退休教师，独居。",
        "",
    ]
    for number in range(1, episodes + 1):
        out.append(f"第{number}集：{rng.choice(_ZH_TITLES)}")
        for scene in range(1, rng.randint(2, 3) + 1):
            out.extend(_zh_scene(rng, number, scene))
        a, b = rng.sample(_ZH_CAST, 2)
        marker = "付费卡点" if number in PAYWALL_EPISODES else "卡点"
        out.append(f"【{marker}】" + rng.choice(_ZH_HOOKS).format(a=a, b=b))
        if rng.random() < 0.3:
            out.append("【黑屏】")
        out.append("")
    return out


def _zh_scene(rng: random.Random, episode: int, scene: int) -> list[str]:
    fields = [rng.choice(_ZH_TIMES), rng.choice(["内", "外"]), rng.choice(_ZH_PLACES)]
    if rng.random() < 0.3:
        fields = [fields[2], fields[0] + fields[1]]  # 地点 日内
    cast = rng.sample(_ZH_CAST, 3)
    a, b = cast[0], cast[1]
    lines = [f"{episode}-{scene} {' '.join(fields)}", "人物：" + "、".join(cast)]
    if rng.random() < 0.25:
        lines.append(f"【字幕：{rng.randint(1, 5)}年前】")
    for _ in range(rng.randint(3, 4)):
        lines.append("△" + rng.choice(_ZH_ACTIONS).format(a=a, b=b))
        for _ in range(rng.randint(2, 3)):
            speaker = rng.choice(cast)
            hint = rng.choice(_ZH_HINTS)
            cue = f"（{hint}）" if hint else ""
            lines.append(f"{speaker}{cue}：{rng.choice(_ZH_LINES)}")
    if rng.random() < 0.2:
        lines += [
            "【闪回】",
            f"△{a}站在法院门口，雨下得很大。",
            f"{b}：你会后悔的。",
            "【闪回结束】",
        ]
    if rng.random() < 0.2:
        lines.append(f"【手机屏幕：来电显示 {b}】")
    return lines


# --- Fountain ---------------------------------------------------------------------------

_EN_CAST = ["MIA", "ETHAN", "JUDGE HALVORSEN", "MR. OKAFOR", "CLAIRE", "DETECTIVE RUIZ"]
_EN_PLACES = ["COURTROOM 4B", "ROSS TOWER - PENTHOUSE OFFICE", "COURTHOUSE HALLWAY",
              "MIA'S APARTMENT", "PARKING GARAGE", "POLICE PRECINCT", "ROOFTOP BAR"]  # fmt: skip
_EN_TIMES = ["DAY", "NIGHT", "DAWN", "DUSK", "CONTINUOUS", "LATER"]
_EN_TITLES = ["The Wrong Verdict", "Deal With the Devil", "Objection", "The Ledger",
              "Hostile Witness", "Closing Argument", "Contempt", "Sidebar"]  # fmt: skip
_EN_ACTIONS = [
    "{a} slams a folder on the desk. Papers scatter.",
    "{b} freezes, eyes darting to the door.",
    "Thunder outside. Nobody in the room moves.",
    "{a} plays the recording. Static, then a voice.",
    "{b} grips the phone so hard the screen cracks.",
    "At the end of the hallway, a familiar figure slips away.",
]
_EN_LINES = [
    "You think deleting the messages deletes the evidence?",
    "That's your signature on the contract.",
    "I'm not here to fight. I'm here to win.",
    "Where did the money go?",
    "The law doesn't care who your father is.",
    "See you in court. Nine a.m.",
    "Tell me the truth, and maybe I can still help you.",
    "Three years ago. Did that case ever really end?",
]
_EN_EXTENSIONS = ["", "", "", " (V.O.)", " (O.S.)", " (CONT'D)"]
_EN_PARENS = ["(quietly)", "(beat)", "(smiling)", "(into phone)"]
_EN_HOOKS = [
    "{a} opens the envelope: it's {b}'s confession.",
    "The caller ID makes {a} go pale.",
    "Someone who should be dead walks into the courtroom.",
    "The gavel falls, and {b} stands up in the gallery.",
]


def _fountain_series(rng: random.Random, episodes: int) -> list[str]:
    out = ["Title: OBJECTION", "Author: Studio Sample", "Draft date: 2025-03-01", ""]
    for number in range(1, episodes + 1):
        a, b = rng.sample(_EN_CAST, 2)
        out += [f"# Episode {number}: {rng.choice(_EN_TITLES)}", "",
                f"= {a.title()} learns what {b.title()} has been hiding.", ""]  # fmt: skip
        for scene in range(1, rng.randint(2, 3) + 1):
            out.extend(_fountain_scene(rng, number, scene))
        marker = "PAYWALL" if number in PAYWALL_EPISODES else "HOOK"
        out += [f"[[{marker}: {rng.choice(_EN_HOOKS).format(a=a.title(), b=b.title())}]]", ""]
        if rng.random() < 0.3:
            out += ["> CUT TO BLACK.", ""]
    return out


def _fountain_scene(rng: random.Random, episode: int, scene: int) -> list[str]:
    prefix = rng.choice(["INT.", "EXT.", "INT./EXT."])
    heading = f"{prefix} {rng.choice(_EN_PLACES)} - {rng.choice(_EN_TIMES)} #{episode}-{scene}#"
    cast = rng.sample(_EN_CAST, 3)
    a, b = cast[0], cast[1]
    lines = [heading, ""]
    for _ in range(rng.randint(3, 4)):
        lines += [rng.choice(_EN_ACTIONS).format(a=a.title(), b=b.title()), ""]
        for _ in range(rng.randint(2, 3)):
            lines.append(rng.choice(cast) + rng.choice(_EN_EXTENSIONS))
            if rng.random() < 0.3:
                lines.append(rng.choice(_EN_PARENS))
            lines += [rng.choice(_EN_LINES), ""]
    if rng.random() < 0.15:
        lines += ["CUT TO:", ""]
    return lines


# Inputs that once made the parser quadratic (15 to 110 seconds each); linear parsing takes
# well under one. tests/scripts_app/document/test_properties.py parses them,
# bench/bench_parse.py times them.
PATHOLOGICAL = {
    "spaces in a heading": "INT. " + " " * 50_000 + "x\n",
    "dashes in a heading": "INT. a" + " -" * 25_000 + "\n",
    "unclosed boneyards": "/* x\n" * 10_000,
    "unclosed notes": "[[ x\n" * 10_000,
    "notes between sections": "[[a]]\n#s\n" * 5_000,
    "spaces in a centered line": "> a" + " " * 50_000 + "x\n",
    "spaces in a title page line": "a" + " " * 50_000 + "b\n",
    "spaces in a joint cue": "@A" + " " * 50_000 + "B\nhi\n",
    "open brackets in a cast line": "第1集\n人物：" + "（" * 50_000,
    "nested emphasis": "*a " * 10_000 + "a* " * 10_000,
}
