"""Two co-writers saving at the same moment, through a real server on PostgreSQL."""

import json
import threading
import urllib.request

import pytest
from rest_framework.authtoken.models import Token

from scripts_app.models import MergeConflict, Revision
from scripts_app.selectors import revision_text
from tests.support.factories import ZH_TWO_EPISODES, add_collaborator, make_series

pytestmark = pytest.mark.services


def _save_at_once(server: str, series_id: int, saves: list[tuple[str, str]]) -> list[dict]:
    """POST every (token, text) at the same instant; return the JSON answers."""
    barrier = threading.Barrier(len(saves))
    answers: list[dict] = [{} for _ in saves]

    def save(index: int, token: str, text: str) -> None:
        request = urllib.request.Request(
            f"{server}/api/v1/series/{series_id}/revisions/",
            data=json.dumps({"text": text, "base": 1}).encode(),
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
            method="POST",
        )
        barrier.wait()
        with urllib.request.urlopen(request, timeout=60) as response:  # our local server
            answers[index] = json.loads(response.read())

    threads = [threading.Thread(target=save, args=(i, *pair)) for i, pair in enumerate(saves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.fixture
def two_writers(transactional_db):
    series = make_series()
    cowriter = add_collaborator(series)
    tokens = [Token.objects.create(user=person).key for person in (series.owner, cowriter)]
    return series, tokens


def test_simultaneous_edits_to_different_episodes_both_survive(live_app_server, two_writers):
    series, tokens = two_writers
    first = ZH_TWO_EPISODES.replace("能。但我", "能。不过我")
    second = ZH_TWO_EPISODES.replace("门外传来敲门声。", "门外传来急促的敲门声。")

    answers = _save_at_once(live_app_server, series.pk, [(tokens[0], first), (tokens[1], second)])

    assert sorted(a["status"] for a in answers) == ["merged", "saved"]
    series.refresh_from_db()
    final = revision_text(series.head)
    assert "能。不过我" in final and "急促的敲门声" in final
    # Saved, own copy of the second writer, merge: every save kept.
    assert Revision.objects.filter(series=series).count() == 4


def test_simultaneous_edits_to_the_same_line_keep_both(live_app_server, two_writers):
    series, tokens = two_writers
    first = ZH_TWO_EPISODES.replace("林晚：能。", "林晚：一定能。")
    second = ZH_TWO_EPISODES.replace("林晚：能。", "林晚：恐怕很难。")

    answers = _save_at_once(live_app_server, series.pk, [(tokens[0], first), (tokens[1], second)])

    assert sorted(a["status"] for a in answers) == ["conflict", "saved"]
    texts = {revision_text(r) for r in Revision.objects.filter(series=series)}
    assert first in texts and second in texts  # neither writer lost a keystroke
    conflict = MergeConflict.objects.get(series=series)
    assert conflict.status == "open"
