import io

import pytest
from pypdf import PdfReader

from registry.models import Registration
from registry.services.registration import AuthorChoice, registration_request
from tests.support.factories import UserFactory, add_collaborator, make_series

pytestmark = pytest.mark.django_db


def registered(**kwargs):
    series = make_series(**kwargs)
    cowriter = add_collaborator(series, display_name_zh="周敏", display_name_en="Zhou Min")
    registration = registration_request(
        actor=series.owner,
        series=series,
        revision=series.head,
        authors=[AuthorChoice(user=series.owner, name_zh="林晚", name_en="Lin Wan")],
    )
    return series, cowriter, registration


def test_the_certificate_carries_number_hashes_authors_and_the_verification_link(client):
    series, _cowriter, registration = registered()
    client.force_login(series.owner)

    response = client.get(f"/registry/registrations/{registration.pk}/certificate.pdf")

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    entry = registration.entry
    for expected in (
        "作品登记存证证书",
        "Certificate of Authorship Registration",
        "林晚",
        "Lin Wan",
        entry.content_sha256,
        entry.entry_hash,
        f"/registry/entries/{entry.number}/",
    ):
        assert expected in text, expected
    links = [a.get_object()["/A"]["/URI"] for a in reader.pages[0]["/Annots"]]
    assert links == [f"http://testserver/registry/entries/{entry.number}/"]
    fonts = {f["/BaseFont"] for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert all("+" in name for name in fonts)  # embedded subsets


def test_only_the_people_on_a_registration_see_it_and_its_certificate(client):
    series, cowriter, registration = registered()
    url = f"/registry/registrations/{registration.pk}/"
    stranger = UserFactory()
    reader = add_collaborator(series, role="reader")

    assert client.get(url).status_code == 302  # sign in first
    for outsider in (stranger, reader):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.get(url + "certificate.pdf").status_code == 404
    client.force_login(cowriter)
    assert client.get(url).status_code == 200


def test_the_public_entry_shows_names_only_where_their_owners_chose(client):
    series, _cowriter, registration = registered()
    number = registration.entry.number

    page = client.get(f"/registry/entries/{number}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "An author who keeps their name private" in page
    assert "林晚" not in page
    assert registration.entry.entry_hash in page
    assert "法槌之下" in page  # the title is public ...
    assert "敲门" not in page  # ... the text never is
    client.force_login(series.owner)
    client.post(f"/registry/registrations/{registration.pk}/name-visibility/", {"public": "1"})
    client.logout()
    assert "林晚" in client.get(f"/registry/entries/{number}/").content.decode()


def test_looking_up_a_number_that_does_not_exist_says_so(client):
    response = client.get("/registry/?number=999", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "There is no entry No. 999" in response.content.decode()
    assert client.get("/registry/entries/999/").status_code == 404
    assert client.get("/registry/?number=abc").status_code == 200


def test_a_writer_registers_from_the_form_and_a_co_writer_consents_on_the_page(client):
    series = make_series()
    cowriter = add_collaborator(series)
    client.force_login(series.owner)
    form = client.get(f"/registry/series/{series.pk}/register/")
    assert form.status_code == 200

    response = client.post(
        f"/registry/series/{series.pk}/register/",
        {
            "revision": series.head.number,
            "coauthors": [cowriter.pk],
            "name_zh": "林晚",
            "rights_basis": "original",
        },
    )
    assert response.status_code == 302
    registration_url = response["Location"]

    client.force_login(cowriter)
    page = client.get(registration_url).content.decode()
    assert 'value="consent"' in page
    client.post(
        registration_url + "respond/",
        {"action": "consent", "name_zh": "周敏", "show_publicly": "on"},
    )
    page = client.get(registration_url).content.decode()
    assert Registration.objects.get().status == "registered"
    assert "certificate.pdf" in page
    revisions = client.get(f"/scripts/{series.pk}/revisions/", HTTP_ACCEPT_LANGUAGE="en")
    assert "已登记：第 1 号" in revisions.content.decode()


def test_readers_cannot_open_the_registration_form(client):
    series = make_series()
    reader = add_collaborator(series, role="reader")
    client.force_login(reader)
    assert client.get(f"/registry/series/{series.pk}/register/").status_code == 403
    client.force_login(UserFactory())
    assert client.get(f"/registry/series/{series.pk}/register/").status_code == 404


def test_the_profile_lists_registered_works_only_where_the_name_is_shown(client):
    series, _cowriter, registration = registered()
    profile = f"/people/{series.owner.pk}/"
    entry = f"第 {registration.entry.number} 号"  # signed in, pages are in the person's language

    for viewer in (series.owner, UserFactory()):  # its owner sees what everyone sees
        client.force_login(viewer)
        assert entry not in client.get(profile, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    registration.authors.filter(user=series.owner).update(show_publicly=True)
    assert entry in client.get(profile, HTTP_ACCEPT_LANGUAGE="en").content.decode()
