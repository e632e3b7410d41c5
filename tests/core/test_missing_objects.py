"""A missing object answers 404 on a page as in the API, never a 500."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path

from accounts.models import Organisation


def missing_organisation(request):
    Organisation.objects.get(slug="no-such-organisation")
    return HttpResponse("unreachable")


def missing_related(request):
    # The shape of `assignment.review` on an assignment without one.
    raise Organisation.members.through.DoesNotExist("no membership")


urlpatterns = [
    path("missing/", missing_organisation),
    path("missing-related/", missing_related),
    path("", include("config.urls")),  # the 404 page links to the site's pages
]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize("url", ["/missing/", "/missing-related/"])
def test_a_page_whose_object_is_missing_answers_404(client, url):
    client.raise_request_exception = True

    answer = client.get(url)

    assert answer.status_code == 404
