"""Two admins demoting each other at the same moment, on PostgreSQL: the lock on the
organisation's row makes the second wait for the first, so one admin always remains."""

import threading
import time
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from accounts.models import Membership, MembershipRole
from accounts.services.organisations import membership_change_role
from core import memberships
from tests.support.factories import OrganisationFactory, admin_of

pytestmark = pytest.mark.services


def test_two_admins_demoting_each_other_at_once_leave_one_admin(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("SERVICES TIER NOT RUN: needs DATABASE_URL=postgres://... (row locks)")
    organisation = OrganisationFactory()
    first, second = admin_of(organisation), admin_of(organisation)
    memberships_by_admin = {
        m.user_id: m for m in Membership.objects.select_related("user", "organisation")
    }
    barrier = threading.Barrier(2)
    answers: list[str] = []
    check = memberships._is_last_holder

    def slow_check(member):
        # Widen the window between "another admin exists" and the save: without the
        # lock, both would see the other and both step down.
        last = check(member)
        time.sleep(0.5)
        return last

    def demote(actor, other):
        try:
            barrier.wait()
            membership_change_role(
                actor=actor, membership=memberships_by_admin[other.pk], role=MembershipRole.MEMBER
            )
            answers.append("demoted")
        except ValidationError:
            answers.append("refused")
        finally:
            connection.close()

    with mock.patch.object(memberships, "_is_last_holder", slow_check):
        threads = [
            threading.Thread(target=demote, args=pair)
            for pair in ((first, second), (second, first))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sorted(answers) == ["demoted", "refused"]
    assert Membership.objects.filter(organisation=organisation, role="admin").count() == 1
