import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from scripts_app.models import MergeConflict, Revision, ScriptChunk
from scripts_app.selectors import revision_text
from scripts_app.services.revisions import (
    episode_replace,
    revision_name,
    revision_restore,
    revision_save,
)
from scripts_app.text import sha256_text
from tests.support.factories import ZH_TWO_EPISODES, UserFactory, add_collaborator, make_series

pytestmark = pytest.mark.django_db


def test_first_save_becomes_the_head_with_its_stats():
    series = make_series()

    head = series.head
    assert head.number == 1
    assert head.sha256 == sha256_text(ZH_TWO_EPISODES)
    assert revision_text(head) == ZH_TWO_EPISODES
    assert series.episodes_written == 2
    assert series.scene_count == 2
    assert series.char_count > 50
    assert series.runtime_seconds > 0


def test_text_is_stored_as_one_chunk_per_episode_plus_the_prematter():
    series = make_series()

    assert len(series.head.chunk_ids) == 3
    chunks = [ScriptChunk.objects.get(pk=pk).text for pk in series.head.chunk_ids]
    assert chunks[1].startswith("第1集") and chunks[2].startswith("第2集")


def test_editing_one_episode_stores_one_new_chunk():
    series = make_series()
    before = ScriptChunk.objects.count()

    edited = ZH_TWO_EPISODES.replace("门外传来敲门声。", "门外传来急促的敲门声。")
    result = revision_save(actor=series.owner, series=series, text=edited, base=series.head)

    assert result.status == "saved"
    assert ScriptChunk.objects.count() == before + 1
    old = Revision.objects.get(series=series, number=1)
    assert result.head.chunk_ids[:2] == old.chunk_ids[:2]
    assert result.head.chunk_ids[2] != old.chunk_ids[2]


def test_every_save_is_kept_and_the_old_text_never_changes():
    series = make_series()
    first = series.head

    for word in ("一", "二", "三"):
        revision_save(
            actor=series.owner, series=series, text=ZH_TWO_EPISODES + word, base=series.head
        )
        series.refresh_from_db()

    assert Revision.objects.filter(series=series).count() == 4
    first.refresh_from_db()
    assert revision_text(first) == ZH_TWO_EPISODES
    assert first.sha256 == sha256_text(ZH_TWO_EPISODES)


def test_saving_the_same_text_creates_nothing():
    series = make_series()

    result = revision_save(
        actor=series.owner, series=series, text=ZH_TWO_EPISODES, base=series.head
    )

    assert result.status == "unchanged"
    assert Revision.objects.filter(series=series).count() == 1


def test_crlf_and_bom_are_normalised_not_kept():
    series = make_series(text="\ufeff" + ZH_TWO_EPISODES.replace("\n", "\r\n"))

    assert revision_text(series.head) == ZH_TWO_EPISODES


def test_readers_and_strangers_cannot_save():
    series = make_series()
    reader = add_collaborator(series, role="reader")

    for person in (reader, UserFactory()):
        with pytest.raises(PermissionDenied):
            revision_save(actor=person, series=series, text="x", base=series.head)


def test_co_writers_save():
    series = make_series()
    cowriter = add_collaborator(series)

    result = revision_save(
        actor=cowriter, series=series, text=ZH_TWO_EPISODES + "\n", base=series.head
    )

    assert result.status == "saved"
    assert result.head.author == cowriter


def test_a_base_from_another_series_is_refused():
    series, other = make_series(), make_series()

    with pytest.raises(ValidationError):
        revision_save(actor=series.owner, series=series, text="x", base=other.head)


def test_edits_to_different_episodes_merge_by_themselves():
    series = make_series()
    base = series.head
    cowriter = add_collaborator(series)
    theirs = ZH_TWO_EPISODES.replace("能。但我", "能。不过我")
    mine = ZH_TWO_EPISODES.replace("门外传来敲门声。", "门外传来急促的敲门声。")

    revision_save(actor=cowriter, series=series, text=theirs, base=base)
    series.refresh_from_db()
    result = revision_save(actor=series.owner, series=series, text=mine, base=base)

    assert result.status == "merged"
    merged = revision_text(result.head)
    assert "能。不过我" in merged and "急促的敲门声" in merged
    assert result.own.parent == base  # the writer's own text is kept as it was typed
    assert revision_text(result.own) == mine
    assert result.head.merge_parent == result.own


def test_overlapping_edits_keep_both_versions_and_open_a_conflict(run_on_commit):
    series = make_series()
    base = series.head
    cowriter = add_collaborator(series)
    theirs = ZH_TWO_EPISODES.replace("林晚：能。", "林晚：一定能。")
    mine = ZH_TWO_EPISODES.replace("林晚：能。", "林晚：恐怕很难。")

    revision_save(actor=cowriter, series=series, text=theirs, base=base)
    series.refresh_from_db()
    their_head = series.head
    with run_on_commit():
        result = revision_save(actor=series.owner, series=series, text=mine, base=base)

    assert result.status == "conflict"
    series.refresh_from_db()
    assert series.head == their_head  # nothing is overwritten
    assert revision_text(result.own) == mine  # and nothing is lost
    conflict = MergeConflict.objects.get()
    assert (conflict.base, conflict.ours, conflict.theirs) == (base, result.own, their_head)
    assert series.owner.notifications.filter(kind="series_conflict").exists()


def test_episode_mode_replaces_only_that_episode():
    new_episode = "第2集 笔迹\n2-1 夜 内 林晚家\n△林晚关了灯。\n【卡点】有人在黑暗里说话。\n"

    text = episode_replace(ZH_TWO_EPISODES, "zh", 2, new_episode)

    assert text.startswith(ZH_TWO_EPISODES.split("第2集")[0])
    assert "林晚关了灯" in text and "比对签名" not in text


def test_episode_mode_appends_a_new_episode():
    text = episode_replace(ZH_TWO_EPISODES, "zh", 3, "第3集 真相\n3-1 日 外 工地\n△风很大。\n")

    assert text.endswith("第3集 真相\n3-1 日 外 工地\n△风很大。\n")


def test_restore_makes_an_old_text_current_without_losing_history():
    series = make_series()
    first = series.head
    revision_save(actor=series.owner, series=series, text="第1集\n全新的开始。\n", base=first)

    result = revision_restore(actor=series.owner, revision=first)

    assert result.head.number == 3
    assert result.head.kind == "restore"
    assert revision_text(result.head) == ZH_TWO_EPISODES
    assert Revision.objects.filter(series=series).count() == 3


def test_milestones_are_named_and_coloured_without_touching_the_text(run_on_commit):
    series = make_series()
    reader = add_collaborator(series, role="reader")
    sha = series.head.sha256

    with run_on_commit():
        revision = revision_name(
            actor=series.owner, revision=series.head, name="第二稿", color="blue"
        )

    revision.refresh_from_db()
    assert (revision.name, revision.color, revision.sha256) == ("第二稿", "blue", sha)
    assert reader.notifications.filter(kind="series_milestone").exists()
    with pytest.raises(ValidationError):
        revision_name(actor=series.owner, revision=revision, name="x", color="purple")
    with pytest.raises(PermissionDenied):
        revision_name(actor=reader, revision=revision, name="mine")


def test_a_milestone_needs_a_name_and_naming_nothing_unmarks_one(client):
    series = make_series()
    client.force_login(series.owner)
    url = f"/scripts/{series.pk}/revisions/{series.head.number}/"

    refused = client.post(url, {"name": "  ", "color": "blue"})

    assert refused.status_code == 200
    assert refused.context["form"].errors["name"]
    series.head.refresh_from_db()
    assert (series.head.name, series.head.color) == ("", "")

    revision_name(actor=series.owner, revision=series.head, name="第二稿")
    client.post(url, {"name": "", "color": ""})
    series.head.refresh_from_db()
    assert series.head.name == "" and not series.head.is_milestone


def test_a_script_too_long_is_refused_with_a_field_error():
    series = make_series()

    with pytest.raises(ValidationError) as error:
        revision_save(actor=series.owner, series=series, text="字" * 1_500_001, base=series.head)

    assert "text" in error.value.message_dict


def test_replacing_an_episode_from_stored_chunks_matches_replacing_in_text():
    from scripts_app.services.revisions import episode_replace_in_revision

    series = make_series()
    new_episode = "第2集 笔迹\n2-1 夜 内 林晚家\n△林晚关了灯。\n【卡点】有人在黑暗里说话。\n"

    for number in (1, 2, 3):
        assert episode_replace_in_revision(series.head, number, new_episode) == episode_replace(
            ZH_TWO_EPISODES, "zh", number, new_episode
        )


def _two_saves():
    series = make_series()
    first = series.head
    revision_save(actor=series.owner, series=series, text="第1集\n全新的开始。\n", base=first)
    return series, first


def test_restoring_from_the_revision_page_asks_first_and_changes_nothing_until_confirmed(client):
    series, first = _two_saves()
    client.force_login(series.owner)
    url = f"/scripts/{series.pk}/revisions/{first.number}/restore/"

    detail = client.get(f"/scripts/{series.pk}/revisions/{first.number}/").content.decode()
    asked = client.get(url)
    unconfirmed = client.post(url)

    assert f'href="{url}"' in detail and f'action="{url}"' not in detail
    assert asked.status_code == 200 and unconfirmed.status_code == 200
    page = asked.content.decode()
    assert 'name="confirm" value="yes"' in page
    assert f"?a=2&amp;b={first.number}" in page  # what would change, before choosing
    assert Revision.objects.filter(series=series).count() == 2

    done = client.post(url, {"confirm": "yes"})

    assert done.status_code == 302
    series.refresh_from_db()
    assert series.head.number == 3 and series.head.kind == "restore"


def test_only_who_may_edit_is_asked_to_restore(client):
    series, first = _two_saves()
    reader = add_collaborator(series, role="reader")
    client.force_login(reader)

    url = f"/scripts/{series.pk}/revisions/{first.number}/restore/"

    assert client.get(url).status_code == 403
    assert client.post(url, {"confirm": "yes"}).status_code == 403
    assert Revision.objects.filter(series=series).count() == 2
