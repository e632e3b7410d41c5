"""Script texts for the scale set, from templates, in both formats.

Pure Python and deterministic: the same `random.Random` gives the same text. A series is
a pre-matter block (title, the writer's byline, logline, cast) and numbered episodes of
two or three scenes each: about 37 elements and 700 characters an episode in Chinese
(Fountain episodes run to about 1,800 characters). Vocabulary follows the series' theme, so
that a 法治 series reads like one and search or discovery over the set finds real words.

Revisions are built the way writers work: a first draft of a few episodes, then saves
that add an episode or change a line of one (`SeriesDraft`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# --- vocabulary ---------------------------------------------------------------------------
# Chinese, by theme group: cast, places, title words, actions ({a}, {b}: two of the cast),
# dialogue, hooks, and what the series is about (for the logline).

_ZH: dict[str, dict[str, list[str]]] = {
    "law": {
        "cast": ["林晚", "顾沉舟", "苏晴", "周叙白", "王桂兰", "赵德海", "许青禾", "罗满堂"],
        "places": [
            "律所办公室",
            "区法院走廊",
            "法律援助中心",
            "检察院会议室",
            "派出所调解室",
            "老城区巷口",
            "工地项目部",
            "社区服务站",
        ],
        "titles": [
            "证据",
            "反转",
            "对峙",
            "开庭",
            "录音笔",
            "账本",
            "旧案",
            "调解",
            "上诉",
            "证人",
            "判决",
            "欠条",
        ],
        "actions": [
            "{a}把一叠材料重重放在桌上。",
            "{a}盯着屏幕上的转账记录，眉头越皱越紧。",
            "{b}下意识后退半步，眼神躲闪。",
            "{a}按下录音笔的播放键。",
            "{b}攥紧手机，指节发白。",
            "{a}翻开卷宗，第一页就是那份合同。",
        ],
        "lines": [
            "你以为删了聊天记录，就没有证据了吗？",
            "这份合同上的签名，是你亲手签的。",
            "我不是来吵架的，我是来讲道理的。",
            "老人的养老钱，你们也敢动？",
            "法律不会因为你是谁，就网开一面。",
            "证据保全的申请，法院已经受理了。",
            "你现在说出来，还算自首。",
            "钱到底去哪儿了？",
            "明天上午九点，法庭见。",
            "欠薪的事，总包单位要先行清偿。",
        ],
        "hooks": [
            "{a}打开文件袋，里面竟是{b}的认罪书。",
            "手机响起，来电显示让{a}瞬间僵住。",
            "法槌落下之前，旁听席上有人站了起来。",
            "监控画面里，出现了一个本该不在场的人。",
        ],
        "about": [
            "一名法律援助律师在县城的小案子里查出一张骗局网",
            "年轻检察官重查一桩十年前的旧案",
            "社区调解员用法律化解邻里纠纷",
        ],
    },
    "heritage": {
        "cast": ["沈绣娘", "沈小满", "陆师傅", "陈一鸣", "周老板", "阿婆", "小林", "秦老师"],
        "places": [
            "蜀绣工坊",
            "老街茶馆",
            "非遗展厅",
            "古镇码头",
            "祠堂",
            "直播间",
            "染坊",
            "博物馆库房",
        ],
        "titles": [
            "针脚",
            "传人",
            "绣线",
            "老手艺",
            "拜师",
            "出山",
            "展会",
            "金线",
            "底稿",
            "收徒",
            "守艺",
            "新样",
        ],
        "actions": [
            "{a}捻起一根丝线，对着光看了很久。",
            "{b}把绣绷推到一边，叹了口气。",
            "{a}的手指在旧稿上慢慢划过。",
            "窗外的雨打在青石板上。",
            "{b}举着手机对准绣面，直播间弹幕刷个不停。",
            "{a}把祖传的针包郑重交到{b}手里。",
        ],
        "lines": [
            "一针错了，整幅就废了。",
            "这门手艺，不能断在我手里。",
            "机器绣得再快，也没有魂。",
            "你要学，就先坐得住三年。",
            "老祖宗的东西，得让年轻人看见。",
            "这幅底稿，是我师父留下的。",
            "直播能卖货，也能传艺。",
            "慢一点，线才不会起毛。",
        ],
        "hooks": [
            "{a}掀开绣布，底下竟是失传多年的针法。",
            "展会前夜，{b}的绣品不翼而飞。",
            "一通电话打来，说有人抢注了工坊的名字。",
        ],
        "about": [
            "一位绣娘把快失传的老手艺搬进直播间",
            "古镇手艺人和海归设计师联手守艺",
            "非遗传人收下一个叛逆的徒弟",
        ],
    },
    "tourism": {
        "cast": ["阿依", "石磊", "龙奶奶", "小唐", "杨村长", "丽丽", "吴导", "老杨"],
        "places": [
            "风雨桥",
            "吊脚楼民宿",
            "鼓楼广场",
            "梯田观景台",
            "古镇客栈",
            "山间公路",
            "游客中心",
            "夜市",
        ],
        "titles": [
            "返乡",
            "油茶",
            "篝火",
            "山歌",
            "民宿",
            "旺季",
            "迷路",
            "长桌宴",
            "芦笙",
            "晒秋",
            "云海",
            "赶集",
        ],
        "actions": [
            "{a}背着竹篓走上风雨桥。",
            "{b}举起相机，对着云海按下快门。",
            "鼓声响起，广场上的人围成一圈。",
            "{a}把一碗油茶递到{b}面前。",
            "{b}看着订单列表，一个预订也没有。",
            "山路尽头，大巴车慢慢开了过来。",
        ],
        "lines": [
            "来都来了，喝碗油茶再走。",
            "这条路，我们修了三年。",
            "民宿不是开给城里人看的，是给自己人过日子的。",
            "你拍的这些，比宣传片好看。",
            "旺季要来了，房间还没收拾好。",
            "山歌要对着唱，才有意思。",
            "别急，慢慢走，路上都是风景。",
            "村里的年轻人，总得有人回来。",
        ],
        "hooks": [
            "{a}的视频一夜之间火了，村口堵满了车。",
            "暴雨冲断了唯一的山路。",
            "{b}在旧照片里认出了自己的外婆。",
        ],
        "about": [
            "一个返乡青年把寨子的民宿做成了网红",
            "外国博主误打误撞住进侗寨过年",
            "村长和大学生为旅游开发吵了一整季",
        ],
    },
    "science": {
        "cast": ["方医生", "小程", "李阿姨", "周教授", "陈护士", "马大爷", "林博士", "小雨"],
        "places": [
            "社区医院诊室",
            "急诊大厅",
            "实验室",
            "养生会所",
            "小区广场",
            "科技馆",
            "老年大学教室",
            "药店",
        ],
        "titles": [
            "偏方",
            "体检单",
            "谣言",
            "保健品",
            "复诊",
            "实验",
            "数据",
            "讲座",
            "疫苗",
            "血压",
            "误区",
            "真相",
        ],
        "actions": [
            "{a}把化验单摊在桌上，一项一项指给{b}看。",
            "{b}从包里掏出一瓶保健品。",
            "{a}在白板上画了一条曲线。",
            "显微镜下，细胞慢慢分裂。",
            "{b}的手机里全是转发的养生文章。",
            "{a}戴上听诊器，神情严肃。",
        ],
        "lines": [
            "这个保健品，治不了高血压。",
            "药不能说停就停。",
            "网上说的，不一定是真的。",
            "数据不会骗人，我们再做一次实验。",
            "您这个情况，要按时复诊。",
            "科学就是一次次地验证。",
            "讲座送鸡蛋？天下没有免费的午餐。",
            "早发现，早治疗。",
        ],
        "hooks": [
            "{b}在会所的合同上按下了手印。",
            "化验结果出来了，{a}的脸色一下子变了。",
            "实验室的数据被人动过。",
        ],
        "about": [
            "社区医生和保健品骗局斗智斗勇",
            "一个科普博主在谣言里坚持讲真话",
            "退休老人在老年大学重新学科学",
        ],
    },
    "family": {
        "cast": ["张桂芳", "刘建国", "刘小雨", "赵强", "王婶", "小杰", "陈梅", "老刘"],
        "places": [
            "老房子客厅",
            "菜市场",
            "小区楼道",
            "医院走廊",
            "饭馆包间",
            "公交站",
            "学校门口",
            "厨房",
        ],
        "titles": [
            "团圆",
            "老宅",
            "遗嘱",
            "回家",
            "和解",
            "年夜饭",
            "房本",
            "相亲",
            "照顾",
            "搬家",
            "心结",
            "家书",
        ],
        "actions": [
            "{a}把一盘饺子端上桌，谁也没动筷子。",
            "{b}站在门口，手里拎着行李。",
            "{a}翻出一张泛黄的全家福。",
            "电视里放着春晚，屋里很安静。",
            "{b}背过身去，偷偷抹了把眼泪。",
            "{a}把房本推到桌子中间。",
        ],
        "lines": [
            "一家人，有什么话不能好好说？",
            "这房子，是你爸一砖一瓦盖起来的。",
            "我不是不想回来，是不敢回来。",
            "妈老了，经不起你们这样吵。",
            "过去的事，就让它过去吧。",
            "你从来没问过我想要什么。",
            "吃饭吧，菜都凉了。",
            "这些年，辛苦你了。",
        ],
        "hooks": [
            "{b}打开信封，里面是一份亲子鉴定。",
            "年夜饭上，{a}突然宣布要卖掉老宅。",
            "病房门外，{b}听到了医生的话。",
        ],
        "about": [
            "三个子女为老宅的去留吵翻了天",
            "离家多年的女儿回来照顾生病的母亲",
            "一顿年夜饭揭开了一家人的心结",
        ],
    },
}

_EN: dict[str, dict[str, list[str]]] = {
    "law": {
        "cast": ["MIA", "ETHAN", "JUDGE HALVORSEN", "MR. OKAFOR", "CLAIRE", "DETECTIVE RUIZ"],
        "places": [
            "COURTROOM 4B",
            "LEGAL AID OFFICE",
            "COURTHOUSE HALLWAY",
            "MIA'S APARTMENT",
            "PARKING GARAGE",
            "POLICE PRECINCT",
        ],
        "titles": [
            "The Wrong Verdict",
            "Objection",
            "The Ledger",
            "Hostile Witness",
            "Closing Argument",
            "Contempt",
            "Sidebar",
            "Discovery",
        ],
        "actions": [
            "{a} slams a folder on the desk. Papers scatter.",
            "{b} freezes, eyes darting to the door.",
            "Thunder outside. Nobody moves.",
            "{a} plays the recording. Static, then a voice.",
            "{b} grips the phone so hard the screen cracks.",
        ],
        "lines": [
            "You think deleting the messages deletes the evidence?",
            "That's your signature on the contract.",
            "I'm not here to fight. I'm here to win.",
            "Where did the money go?",
            "The law doesn't care who your father is.",
            "See you in court. Nine a.m.",
            "Tell me the truth, and maybe I can still help you.",
        ],
        "hooks": [
            "{a} opens the envelope: it's {b}'s confession.",
            "Someone who should be dead walks into the courtroom.",
            "The caller ID makes {a} go pale.",
        ],
        "about": [
            "a legal aid lawyer uncovers a fraud hidden in small claims",
            "a rookie prosecutor reopens a ten-year-old case",
        ],
    },
    "travel": {
        "cast": ["RILEY", "SHAN", "NAINAI", "DODO", "MR. LU", "HANNAH"],
        "places": [
            "MOUNTAIN BUS",
            "WIND-AND-RAIN BRIDGE",
            "TEA HOUSE",
            "DRUM TOWER SQUARE",
            "RICE TERRACES",
            "NIGHT MARKET",
        ],
        "titles": [
            "Last Bus",
            "Oil Tea",
            "The Long Table",
            "Drum Tower",
            "Festival Night",
            "Rice Terraces",
            "Going Viral",
            "Homecoming",
        ],
        "actions": [
            "Mist rolls over the terraces. {a} stops filming.",
            "{b} pounds tea leaves with a wooden mallet.",
            "Drums. The whole village gathers in the square.",
            "{a} checks the bookings: zero.",
            "{b} hands {a} a steaming bowl.",
        ],
        "lines": [
            "You came all this way. Have some tea first.",
            "We built this road ourselves.",
            "Put the camera down for once.",
            "The festival isn't for tourists. It's ours.",
            "Your video got a million views overnight.",
            "Nobody young stays here anymore.",
        ],
        "hooks": [
            "A landslide cuts the only road out.",
            "{a}'s video goes viral overnight.",
            "{b} recognises {a}'s grandmother in an old photograph.",
        ],
        "about": [
            "a food vlogger stranded in a mountain village for the New Year festival",
            "a young man comes home to turn his village into a destination",
        ],
    },
    "family": {
        "cast": ["GRACE", "DANIEL", "MOM", "UNCLE JOE", "LILY", "DR. PATEL"],
        "places": [
            "FAMILY KITCHEN",
            "HOSPITAL CORRIDOR",
            "OLD HOUSE - ATTIC",
            "DINER",
            "BUS STOP",
            "BACKYARD",
        ],
        "titles": [
            "The Will",
            "Homecoming",
            "Dinner for Six",
            "The Old House",
            "Second Chance",
            "Visiting Hours",
            "Moving Day",
            "The Letter",
        ],
        "actions": [
            "{a} sets down a plate of dumplings. Nobody eats.",
            "{b} stands in the doorway with a suitcase.",
            "{a} finds a faded family photo in a drawer.",
            "{b} turns away and wipes her eyes.",
        ],
        "lines": [
            "We're family. Why can't we just talk?",
            "Dad built this house with his own hands.",
            "I wanted to come back. I was afraid to.",
            "Eat. The food's getting cold.",
            "You never asked what I wanted.",
            "Thank you. For everything.",
        ],
        "hooks": [
            "{b} opens the envelope: a DNA test.",
            "At dinner, {a} announces the house is sold.",
            "Through the door, {b} hears what the doctor says.",
        ],
        "about": [
            "three siblings fight over their late father's house",
            "a daughter comes home to care for her mother",
        ],
    },
}

# Theme slug (taxonomy) -> vocabulary group; anything else uses "family" (everyday drama).
_ZH_GROUP = {
    "rule-of-law": "law", "mainstream-values": "law", "intangible-heritage": "heritage",
    "history-culture": "heritage", "cultural-tourism": "tourism",
    "rural-revitalisation": "tourism", "popular-science": "science",
    "medical-science": "science", "health-wellness": "science", "family-ethics": "family",
    "realistic": "family",
}  # fmt: skip
_EN_GROUP = {
    "rule-of-law": "law", "mainstream-values": "law", "cultural-tourism": "travel",
    "rural-revitalisation": "travel", "intangible-heritage": "travel",
}  # fmt: skip

_ZH_TIMES = ["日", "夜", "晨", "黄昏", "傍晚"]
_ZH_HINTS = ["", "", "", "", "冷笑", "压低声音", "颤抖", "OS", "愣住"]
_ZH_TITLE_PATTERNS = ["{p}{t}", "{t}之后", "{p}的{t}", "我在{p}", "{t}", "第{n}个{t}"]
_EN_TIMES = ["DAY", "NIGHT", "DAWN", "DUSK", "CONTINUOUS"]
_EN_EXTENSIONS = ["", "", "", " (V.O.)", " (O.S.)"]
_EN_PARENS = ["(quietly)", "(beat)", "(smiling)", "(into phone)"]
_EN_TITLE_PATTERNS = ["{t}", "The {p}", "{t} at the {p}", "After {t}"]


def vocabulary(fmt: str, theme: str) -> dict[str, list[str]]:
    if fmt == "zh":
        return _ZH[_ZH_GROUP.get(theme, "family")]
    return _EN[_EN_GROUP.get(theme, "family")]


def series_title(rng: random.Random, fmt: str, theme: str, serial: int) -> str:
    """A plausible title; `serial` keeps titles apart across a large set."""
    words = vocabulary(fmt, theme)
    if fmt == "zh":
        place = rng.choice(words["places"])[:4]
        base = rng.choice(_ZH_TITLE_PATTERNS).format(
            p=place, t=rng.choice(words["titles"]), n=rng.randint(2, 9)
        )
        return f"{base}·{serial}" if serial else base
    place = rng.choice(words["places"]).split(" - ")[0].title()
    base = rng.choice(_EN_TITLE_PATTERNS).format(p=place, t=rng.choice(words["titles"]))
    return f"{base} {serial}" if serial else base


def logline(rng: random.Random, fmt: str, theme: str) -> str:
    about = rng.choice(vocabulary(fmt, theme)["about"])
    if fmt == "zh":
        return f"{about}。"
    return about[0].upper() + about[1:] + "."


# --- one series' text, revision by revision ----------------------------------------------


@dataclass
class SeriesDraft:
    """A series' text as it grows: the pre-matter and one block of lines per episode."""

    rng: random.Random
    fmt: str
    theme: str
    title: str
    byline: str
    about: str
    planned: int
    paywall: int | None
    prematter: list[str] = field(default_factory=list)
    episodes: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        words = vocabulary(self.fmt, self.theme)
        cast = words["cast"][:4]
        if self.fmt == "zh":
            self.prematter = [
                f"《{self.title}》",
                f"编剧：{self.byline}",
                f"集数：{self.planned}集",
                "",
                "大纲",
                self.about,
                "",
                "人物小传",
                *(f"{name}（{self.rng.randint(20, 70)}岁）：{self.rng.choice(words['about'])}。"
                  for name in cast),
                "",
            ]  # fmt: skip
        else:
            self.prematter = [
                f"Title: {self.title.upper()}",
                f"Author: {self.byline}",
                f"Notes: {self.about}",
                "",
            ]

    def text(self) -> str:
        lines = list(self.prematter)
        for block in self.episodes:
            lines.extend(block)
        return "\n".join(lines) + "\n"

    def add_episode(self) -> None:
        number = len(self.episodes) + 1
        make = _zh_episode if self.fmt == "zh" else _fountain_episode
        self.episodes.append(make(self.rng, self.theme, number, number == self.paywall))

    def edit_episode(self, number: int | None = None) -> int:
        """Rewrite one dialogue or action line of an episode (a typical save). Returns
        the episode's number."""
        if number is None:
            number = self.rng.randint(1, len(self.episodes))
        block = self.episodes[number - 1]
        words = vocabulary(self.fmt, self.theme)
        for _attempt in range(20):
            index = self.rng.randrange(len(block))
            line = block[index]
            if self.fmt == "zh" and "：" in line and not line.startswith(("人物", "第", "【")):
                speaker = line.split("：", 1)[0]
                block[index] = f"{speaker}：{self.rng.choice(words['lines'])}"
                if block[index] != line:
                    return number
            elif self.fmt == "zh" and line.startswith("△"):
                block[index] = line + self.rng.choice(
                    ["他没有回头。", "屋里一片沉默。", "她笑了笑。"]
                )
                return number
            elif (
                self.fmt == "fountain"
                and line[:1].isalpha()
                and line.endswith(".")
                and not line.isupper()
                and not line.startswith(("INT", "EXT"))
            ):
                block[index] = line[:-1] + self.rng.choice([", slowly.", ". Silence.", "!"])
                return number
        block.insert(len(block) - 2, "△片刻的沉默。" if self.fmt == "zh" else "A long silence.")
        return number


def _zh_episode(rng: random.Random, theme: str, number: int, paywall: bool) -> list[str]:
    words = vocabulary("zh", theme)
    out = [f"第{number}集 {rng.choice(words['titles'])}"]
    for scene in range(1, rng.randint(2, 3) + 1):
        cast = rng.sample(words["cast"], 3)
        a, b = cast[0], cast[1]
        place = rng.choice(words["places"])
        out += [f"{number}-{scene} {rng.choice(_ZH_TIMES)} {rng.choice(['内', '外'])} {place}",
                "人物：" + "、".join(cast)]  # fmt: skip
        if rng.random() < 0.2:
            out.append(f"【字幕：{rng.randint(1, 9)}年前】")
        for _beat in range(rng.randint(3, 4)):
            out.append("△" + rng.choice(words["actions"]).format(a=a, b=b))
            for _line in range(rng.randint(2, 3)):
                hint = rng.choice(_ZH_HINTS)
                cue = f"（{hint}）" if hint else ""
                out.append(f"{rng.choice(cast)}{cue}：{rng.choice(words['lines'])}")
    a, b = rng.sample(words["cast"], 2)
    marker = "付费卡点" if paywall else "卡点"
    out += [f"【{marker}】" + rng.choice(words["hooks"]).format(a=a, b=b), ""]
    return out


def _fountain_episode(rng: random.Random, theme: str, number: int, paywall: bool) -> list[str]:
    words = vocabulary("fountain", theme)
    a, b = (name.title() for name in rng.sample(words["cast"], 2))
    out = [f"# Episode {number}: {rng.choice(words['titles'])}", "",
           f"= {a} learns what {b} has been hiding.", ""]  # fmt: skip
    for scene in range(1, rng.randint(2, 3) + 1):
        prefix = rng.choice(["INT.", "EXT."])
        out += [f"{prefix} {rng.choice(words['places'])} - {rng.choice(_EN_TIMES)} #{number}-{scene}#", ""]  # fmt: skip
        cast = rng.sample(words["cast"], 3)
        for _beat in range(rng.randint(3, 4)):
            out += [rng.choice(words["actions"]).format(a=cast[0].title(), b=cast[1].title()), ""]
            for _line in range(rng.randint(2, 3)):
                out.append(rng.choice(cast) + rng.choice(_EN_EXTENSIONS))
                if rng.random() < 0.25:
                    out.append(rng.choice(_EN_PARENS))
                out += [rng.choice(words["lines"]), ""]
    marker = "PAYWALL" if paywall else "HOOK"
    out += [f"[[{marker}: {rng.choice(words['hooks']).format(a=a, b=b)}]]", ""]
    return out
