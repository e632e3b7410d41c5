"""Runtime, counts, hooks, paywall and pace computed from parsed documents."""

import time

import pytest

from scripts_app.document import analyse, analysis_to_json, parse
from scripts_app.document.analysis import FAST, MID, SLOW, count_text
from scripts_app.document.samples import generate_series, load_sample

ZH_EPISODE = """第1集：三十万
1-1 日 内 客厅
人物：林晚、王桂兰
△王桂兰攥着存折。
林晚：（握住她的手）您别急，慢慢说。
王桂兰（OS）：三十万没了。
【字幕：三年前】
1-2 夜 外 街道
【卡点】舅舅来电。
【黑屏】
"""


def test_chinese_runtime_follows_the_documented_method():
    result = analyse(parse(ZH_EPISODE))
    (episode,) = result.episodes
    spoken = len("您别急慢慢说") + len("三十万没了")  # CJK characters only
    # One △ line and one hook line, each by its length, at least the floor.
    actions = sum(
        max(MID.action_floor_seconds, len(line) * MID.action_cjk_seconds)
        for line in ("王桂兰攥着存折", "舅舅来电")
    )
    expected = (
        spoken * 60 / MID.cjk_per_minute
        + actions
        + 1 * MID.card_seconds  # the 字幕 card; 黑屏 is a card too
        + 1 * MID.card_seconds
        + 2 * MID.scene_seconds
    )
    assert episode.runtime.seconds == pytest.approx(expected, abs=0.05)
    assert episode.runtime.low < episode.runtime.seconds < episode.runtime.high
    assert FAST.cjk_per_minute > MID.cjk_per_minute > SLOW.cjk_per_minute


def test_english_runtime_uses_words_per_minute():
    doc = parse("INT. ROOM - DAY\n\nShe waits.\nThen she runs.\n\nMIA\n(quietly)\nOne two three.\n")
    (episode,) = analyse(doc).episodes
    actions = max(MID.action_floor_seconds, 2 * MID.action_word_seconds) + max(
        MID.action_floor_seconds, 3 * MID.action_word_seconds
    )
    expected = 3 * 60 / MID.words_per_minute + actions + MID.scene_seconds
    assert episode.runtime.seconds == pytest.approx(expected, abs=0.05)
    # Counts cover all script text on the page (parentheticals too), runtime only what plays.
    assert episode.words == 2 + 3 + 1 + 3
    assert episode.cjk_chars == 0


def test_a_long_action_paragraph_takes_longer_than_a_nod():
    nod = "第1集\n1-1 日 内 客厅\n△他点头。\n"
    scene = (
        "第1集\n1-1 日 内 客厅\n"
        "△林晚推开门，看见桌上摆着一份泛黄的卷宗，她犹豫片刻，伸手翻开第一页，一张旧照片滑落在地。\n"
    )
    short = analyse(parse(nod)).episodes[0].runtime
    long = analyse(parse(scene)).episodes[0].runtime
    assert long.seconds > short.seconds + 5
    # The nod still takes a shot's length: the floor, not its three characters.
    assert short.seconds == pytest.approx(MID.action_floor_seconds + MID.scene_seconds)
    assert short.low < short.seconds < short.high and long.low < long.seconds < long.high


def test_counts_mixed_text_and_ignore_notes_and_markup():
    assert count_text("我们去 Starbucks 喝咖啡") == (6, 1)
    assert count_text("He *really* can't. [[cut?]]") == (0, 3)
    assert count_text("") == (0, 0)


def test_episode_counts_exclude_headings_cast_and_notes():
    (episode,) = analyse(parse(ZH_EPISODE)).episodes
    visible = "王桂兰攥着存折握住她的手您别急慢慢说三十万没了三年前舅舅来电"
    assert episode.cjk_chars == len(visible)
    assert (episode.scenes, episode.speeches) == (2, 2)


def test_hooks_and_endings():
    doc = parse(
        "第1集\n△a\n【卡点】枪响。\n【黑屏】\n第2集\n△b\n【卡点】她笑了。\n△她走了。\n第3集\n△c\n"
    )
    result = analyse(doc)
    assert [(e.number, e.has_hook, e.ends_on_hook) for e in result.episodes] == [
        (1, True, True),  # 黑屏 after the hook still ends on it
        (2, True, False),  # the hook is not the ending
        (3, False, False),
    ]
    assert result.episodes_without_hook == [3]
    assert result.episodes_not_ending_on_hook == [2, 3]


def test_paywall_position():
    result = analyse(parse(generate_series(40, "zh", seed=1)))
    paywall = result.paywall
    assert (paywall.episodes, paywall.first, paywall.free_episodes) == ([10, 30], 10, 9)
    assert paywall.first_in_typical_window is True
    assert analyse(parse("第1集\n△a\n")).paywall.first is None


def test_sample_series_analysis():
    result = analyse(parse(load_sample("zh")))
    assert (result.episode_count, result.scene_count) == (3, 9)
    assert result.paywall.episodes == [3]
    assert result.episodes_not_ending_on_hook == []
    assert 60 < result.average_episode_seconds < 120  # 1–2 minute episodes
    assert result.scenes_per_minute == pytest.approx(9 * 60 / result.runtime.seconds, abs=0.01)
    top = result.characters[0]
    assert (top.name, top.episodes) == ("林晚", [1, 2, 3])
    assert result.speech_counts["旁白"] == 1
    assert "旁白" not in {c.name for c in result.characters}
    room = next(loc for loc in result.locations if loc.name == "王桂兰家客厅")
    assert (room.scenes, room.times, room.interiors) == (3, {"day": 2, "night": 1}, {"int": 3})


def test_fountain_sample_analysis():
    result = analyse(parse(load_sample("fountain")))
    assert [e.ends_on_hook for e in result.episodes] == [True, True]
    assert result.paywall.episodes == [2]
    assert result.speech_counts == {"JUDGE HALVORSEN": 2, "MIA": 7, "ETHAN": 4, "MOM": 1}
    garage = next(loc for loc in result.locations if loc.name == "COURTHOUSE PARKING GARAGE")
    assert (garage.times, garage.interiors) == ({"night": 1}, {"ext": 1})


def test_generated_series_has_the_advertised_shape():
    text = generate_series(100, "zh")
    assert 55_000 <= count_text(text)[0] <= 65_000  # about 600 CJK characters an episode
    assert generate_series(100, "zh") == text  # deterministic
    result = analyse(parse(text))
    assert result.episode_count == 100
    assert all(e.ends_on_hook for e in result.episodes)
    assert 60 <= result.average_episode_seconds <= 150


def test_analysis_json_is_plain_data():
    data = analysis_to_json(analyse(parse(load_sample("zh"))))
    assert data["paywall"]["typical_first_window"] == [8, 16]
    assert set(data["runtime"]) == {"seconds", "low", "high"}
    assert data["episodes"][0]["number"] == 1


def test_parse_and_analyse_a_100_episode_series_quickly():
    # The budget is tens of milliseconds; the bound here only catches pathologies.
    text = generate_series(100, "zh")
    start = time.perf_counter()
    analyse(parse(text, "zh"))
    assert time.perf_counter() - start < 1.0
