import pytest

from scripts_app.diffing import diff_texts
from scripts_app.services.revisions import revision_save
from scripts_app.views.revisions import COMPARE_EPISODES_PER_PAGE
from tests.support.factories import ZH_TWO_EPISODES, make_series

FOUNTAIN = """Title: The Tea House

# Episode 1: Arrival

INT. TEA HOUSE - DAY

MAYA walks in, soaked.

MAYA
Is this place still open?

# Episode 2: The Storm

EXT. VILLAGE - NIGHT

Rain hammers the roofs.
"""


def test_unchanged_episodes_are_skipped_and_counted():
    new = ZH_TWO_EPISODES.replace("门外传来敲门声。", "门外传来急促的敲门声。")

    diff = diff_texts(ZH_TWO_EPISODES, new, "zh")

    assert [e.number for e in diff.episodes] == [2]
    assert diff.summary["episodes_unchanged"] == 1
    assert diff.summary["lines_changed"] == 1


def test_chinese_lines_are_compared_character_by_character():
    new = ZH_TWO_EPISODES.replace("林晚对着台灯比对签名", "林晚对着昏暗的台灯比对签名")

    [episode] = diff_texts(ZH_TWO_EPISODES, new, "zh").episodes
    [row] = [r for r in episode.rows if r.kind == "change"]

    assert [s.text for s in row.right if s.kind == "insert"] == ["昏暗的"]
    assert [s.kind for s in row.inline] == ["equal", "insert", "equal"]


def test_english_lines_are_compared_word_by_word():
    new = FOUNTAIN.replace("MAYA walks in, soaked.", "MAYA walks in, completely soaked.")

    [episode] = diff_texts(FOUNTAIN, new, "fountain").episodes
    [row] = [r for r in episode.rows if r.kind == "change"]

    assert [s.text for s in row.right if s.kind == "insert"] == ["completely", " "] or [
        s.text for s in row.right if s.kind == "insert"
    ] == ["completely "]


def test_added_and_removed_episodes_and_scenes_are_summarised():
    new = (
        ZH_TWO_EPISODES
        + "\n第3集 真相\n3-1 日 外 工地\n人物：林晚\n△风很大。\n【卡点】他回来了。\n"
    )
    new = new.replace("2-1 夜 内 林晚家", "2-1 夜 外 林晚家楼下")

    diff = diff_texts(ZH_TWO_EPISODES, new, "zh")

    summary = diff.summary
    assert summary["episodes_added"] == 1 and summary["episodes_changed"] == 1
    assert summary["scenes_added"] == 2 and summary["scenes_removed"] == 1


def test_long_unchanged_stretches_are_collapsed():
    lines = "".join(f"△第{i}个动作。\n" for i in range(30))
    old = "第1集\n1-1 日 内 家\n" + lines + "△结尾。\n"
    new = old.replace("△结尾。", "△新的结尾。")

    [episode] = diff_texts(old, new, "zh").episodes

    skips = [r for r in episode.rows if r.kind == "skip"]
    assert len(skips) == 1 and skips[0].skipped > 20
    assert len(episode.rows) < 10


def test_a_repeated_episode_number_is_compared_with_its_own_repeat():
    old = "第1集 开端\n1-1 日 内 法院\n△甲进门。\n第3集 重复一\n3-1 日 内 家\n△乙。\n第3集 重复二\n3-1 夜 外 街\n△丙。\n"
    new = old.replace("△丙。", "△丙跑开。")

    diff = diff_texts(old, new, "zh")

    assert [(e.number, e.repeat, e.status) for e in diff.episodes] == [(3, 1, "changed")]
    assert all(e.number > 0 for e in diff.episodes)
    assert diff.summary["episodes_added"] == diff.summary["episodes_removed"] == 0


def test_a_gap_in_the_numbering_is_an_added_episode_not_a_negative_one():
    old = "第1集 一\n1-1 日 内 家\n△甲。\n第2集 二\n2-1 日 内 家\n△乙。\n"
    new = old + "第5集 五\n5-1 日 内 家\n△戊。\n第5集 五又一\n5-1 日 内 家\n△己。\n"

    diff = diff_texts(old, new, "zh")

    assert [(e.number, e.repeat, e.status) for e in diff.episodes] == [
        (5, 0, "added"),
        (5, 1, "added"),
    ]


@pytest.mark.django_db
def test_compare_shows_a_page_of_episodes_at_a_time_and_keeps_the_choice(client):
    count = COMPARE_EPISODES_PER_PAGE + 2
    old = "".join(f"第{n}集 集{n}\n{n}-1 日 内 家\n△甲{n}。\n" for n in range(1, count + 1))
    series = make_series(text=old)
    revision_save(
        actor=series.owner, series=series, text=old.replace("△甲", "△乙"), base=series.head
    )
    client.force_login(series.owner)

    first = client.get(f"/scripts/{series.pk}/compare/?a=1&b=2&mode=inline")
    second = client.get(f"/scripts/{series.pk}/compare/?a=1&b=2&mode=inline&page=2")

    assert len(first.context["page"]) == COMPARE_EPISODES_PER_PAGE
    assert len(second.context["page"]) == 2
    assert first.context["diff"].summary["episodes_changed"] == count
    assert "a=1&amp;b=2&amp;mode=inline&amp;page=2" in first.content.decode()


@pytest.mark.django_db
def test_a_compare_page_seen_before_is_served_without_diffing_again(client, monkeypatch):
    from scripts_app import selectors

    old = "".join(f"第{n}集 集{n}\n{n}-1 日 内 家\n△甲{n}。\n" for n in range(1, 4))
    series = make_series(text=old)
    revision_save(
        actor=series.owner, series=series, text=old.replace("△甲", "△乙"), base=series.head
    )
    client.force_login(series.owner)
    calls = []
    real_diff = selectors.revisions_diff
    monkeypatch.setattr(
        selectors, "revisions_diff", lambda *args: calls.append(args) or real_diff(*args)
    )
    url = f"/scripts/{series.pk}/compare/?a=1&b=2"

    first = client.get(url + "&mode=inline").content.decode()
    again = client.get(url + "&mode=inline").content.decode()
    side = client.get(url + "&mode=side").content.decode()

    assert len(calls) == 2  # inline once, side once: the repeat came from the cache
    assert again.split('class="diff-summary')[1] == first.split('class="diff-summary')[1]
    assert "<ins>乙</ins>" in first and "diff-side" in side and "diff-side" not in first
