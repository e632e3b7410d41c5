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

from seeds.scale.vocabulary import (
    EN,
    EN_EXTENSIONS,
    EN_GROUP,
    EN_PARENS,
    EN_TIMES,
    EN_TITLE_PATTERNS,
    ZH,
    ZH_GROUP,
    ZH_HINTS,
    ZH_TIMES,
    ZH_TITLE_PATTERNS,
)


def vocabulary(fmt: str, theme: str) -> dict[str, list[str]]:
    if fmt == "zh":
        return ZH[ZH_GROUP.get(theme, "family")]
    return EN[EN_GROUP.get(theme, "family")]


def series_title(rng: random.Random, fmt: str, theme: str, serial: int) -> str:
    """A plausible title; `serial` keeps titles apart across a large set."""
    words = vocabulary(fmt, theme)
    if fmt == "zh":
        place = rng.choice(words["places"])[:4]
        base = rng.choice(ZH_TITLE_PATTERNS).format(
            p=place, t=rng.choice(words["titles"]), n=rng.randint(2, 9)
        )
        return f"{base}·{serial}" if serial else base
    place = rng.choice(words["places"]).split(" - ")[0].title()
    base = rng.choice(EN_TITLE_PATTERNS).format(p=place, t=rng.choice(words["titles"]))
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
        out += [f"{number}-{scene} {rng.choice(ZH_TIMES)} {rng.choice(['内', '外'])} {place}",
                "人物：" + "、".join(cast)]  # fmt: skip
        if rng.random() < 0.2:
            out.append(f"【字幕：{rng.randint(1, 9)}年前】")
        for _beat in range(rng.randint(3, 4)):
            out.append("△" + rng.choice(words["actions"]).format(a=a, b=b))
            for _line in range(rng.randint(2, 3)):
                hint = rng.choice(ZH_HINTS)
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
        out += [f"{prefix} {rng.choice(words['places'])} - {rng.choice(EN_TIMES)} #{number}-{scene}#", ""]  # fmt: skip
        cast = rng.sample(words["cast"], 3)
        for _beat in range(rng.randint(3, 4)):
            out += [rng.choice(words["actions"]).format(a=cast[0].title(), b=cast[1].title()), ""]
            for _line in range(rng.randint(2, 3)):
                out.append(rng.choice(cast) + rng.choice(EN_EXTENSIONS))
                if rng.random() < 0.25:
                    out.append(rng.choice(EN_PARENS))
                out += [rng.choice(words["lines"]), ""]
    marker = "PAYWALL" if paywall else "HOOK"
    out += [f"[[{marker}: {rng.choice(words['hooks']).format(a=a, b=b)}]]", ""]
    return out
