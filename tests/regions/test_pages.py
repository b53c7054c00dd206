import pytest
from django.core import mail
from django.urls import reverse

from regions.models import Role

from .. import factories


def test_it_lands_a_single_region_editor_in_their_region(client, editor, region):
    response = client.post(
        reverse("accounts:login"), {"username": editor.username, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("regions:home", kwargs={"region": region.slug})


def test_it_lands_a_coordinator_on_the_list_of_all_regions(
    client, coordinator, region, other_region
):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # Coordinators pass a second factor after their password (docs/accounts.md).
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    response = client.post(
        reverse("accounts:login"),
        {"username": coordinator.username, "password": factories.PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:two-factor-verify"))
    response = client.post(
        response.redirect_chain[-1][0],
        {"token": f"{TOTP(device.bin_key).token():06d}"},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("home")
    assert region.name in page and other_region.name in page
    assert region.country in page


def test_it_keeps_a_rejected_sign_in_typed_and_explains(client, editor):
    response = client.post(
        reverse("accounts:login"), {"username": editor.username, "password": "x"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'value="{editor.username}"' in page
    assert "correct username and password" in page


def test_it_ignores_an_offsite_next_after_sign_in(client, editor, region):
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"username": editor.username, "password": factories.PASSWORD},
    )
    assert response["Location"] == reverse("regions:home", kwargs={"region": region.slug})


def test_it_shows_only_the_users_regions_on_home(login, editor, region, other_region):
    page = login(editor).get(reverse("home")).content.decode()
    assert region.name in page
    assert other_region.name not in page


def test_it_answers_404_for_a_foreign_region_and_a_missing_one_alike(login, editor, other_region):
    client = login(editor)
    foreign = client.get(reverse("regions:home", kwargs={"region": other_region.slug}))
    missing = client.get(reverse("regions:home", kwargs={"region": "no-such-region"}))
    assert foreign.status_code == missing.status_code == 404
    assert other_region.name not in foreign.content.decode()


def test_it_shows_profile_members_and_context_to_members(login, contributor, editor, region):
    page = login(contributor).get(reverse("regions:home", kwargs={"region": region.slug}))
    text = page.content.decode()
    assert page.status_code == 200
    assert region.nuts_code in text
    assert editor.get_full_name() in text
    assert "Contextual analysis" in text


def test_it_renders_context_markdown_without_scripts(login, regional_admin, region):
    region.contextual_analysis = "**bold** <script>alert(1)</script> [x](javascript:alert(1))"
    region.save()
    page = login(regional_admin).get(reverse("regions:home", kwargs={"region": region.slug}))
    text = page.content.decode()
    assert "<strong>bold</strong>" in text
    assert "<script>alert" not in text
    assert 'href="javascript' not in text.lower()


def test_it_lets_only_the_regional_admin_edit_the_profile(login, region, editor, contributor):
    url = reverse("regions:edit", kwargs={"region": region.slug})
    assert login(editor).get(url).status_code == 403
    assert login(contributor).post(url, {"name": "x"}).status_code == 403


def test_it_denies_coordinators_profile_edits(login, coordinator, region):
    url = reverse("regions:edit", kwargs={"region": region.slug})
    assert login(coordinator).post(url, {"name": "Renamed"}).status_code == 403
    region.refresh_from_db()
    assert region.name != "Renamed"


def _profile_data(region, **changes):
    data = {
        "name": region.name,
        "country": region.country,
        "nuts_code": region.nuts_code,
        "population": region.population,
        "languages": region.languages,
        "lead_body": region.lead_body,
        "contextual_analysis": region.contextual_analysis,
        "version": region.version,
    }
    data.update(changes)
    return data


def test_it_saves_the_profile_for_the_regional_admin(login, regional_admin, region):
    url = reverse("regions:edit", kwargs={"region": region.slug})
    response = login(regional_admin).post(url, _profile_data(region, lead_body="New lead body"))
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.lead_body == "New lead body"
    assert region.version == 2


def test_it_keeps_typed_text_when_the_profile_is_invalid(login, regional_admin, region):
    url = reverse("regions:edit", kwargs={"region": region.slug})
    data = _profile_data(region, population="-5", lead_body="Typed lead body")
    response = login(regional_admin).post(url, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Typed lead body" in text
    assert 'aria-invalid="true"' in text
    region.refresh_from_db()
    assert region.lead_body != "Typed lead body"


def test_it_reports_a_conflicting_edit_and_overwrites_nothing(login, regional_admin, region):
    url = reverse("regions:edit", kwargs={"region": region.slug})
    stale = _profile_data(region, lead_body="Mine")
    client = login(regional_admin)
    assert client.post(url, _profile_data(region, lead_body="Theirs")).status_code == 302
    response = client.post(url, stale)
    assert response.status_code == 409
    text = response.content.decode()
    assert "Theirs" in text and "Mine" in text
    region.refresh_from_db()
    assert region.lead_body == "Theirs"
    # Saving again after reviewing the conflict is a deliberate overwrite.
    again = _profile_data(region, lead_body="Mine")
    assert client.post(url, again).status_code == 302
    region.refresh_from_db()
    assert region.lead_body == "Mine"


def test_it_lists_the_users_roles_on_the_profile_page(login, region, other_region):
    user = factories.member(region, Role.EDITOR)
    factories.member(other_region, Role.CONTRIBUTOR)
    page = login(user).get(reverse("accounts:profile")).content.decode()
    assert f"{region.name}</a>: Editor" in page
    assert other_region.name not in page


def test_it_sends_a_password_reset_link(client, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": editor.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_it_signs_out_only_with_post(login, editor):
    client = login(editor)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:profile")).status_code == 302


@pytest.mark.parametrize("extra", [2, 12])
def test_it_lists_regions_in_constant_queries(login, coordinator, extra, django_assert_num_queries):
    for _ in range(extra):
        factories.region()
    client = login(coordinator)
    client.get(reverse("regions:index"))  # warm the session and the unread count (cached)
    # The user, their second-factor device, the ids of their regions, and the page's own reads.
    with django_assert_num_queries(5):
        response = client.get(reverse("regions:index"))
    assert response.content.decode().count('class="card"') == extra


def test_it_pages_the_regions_of_a_large_network(login, coordinator):
    from regions.views import HOME_PAGE_SIZE

    for _ in range(HOME_PAGE_SIZE + 3):
        factories.region()
    client = login(coordinator)
    first = client.get(reverse("regions:index")).content.decode()
    assert first.count('class="card"') == HOME_PAGE_SIZE
    assert 'href="?page=2">Next regions</a>' in first and "Page 1 of 2" in first
    second = client.get(reverse("regions:index"), {"page": 2}).content.decode()
    assert second.count('class="card"') == 3
    assert 'href="?page=1">Previous regions</a>' in second
    assert client.get(reverse("regions:index"), {"page": "x"}).status_code == 200


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_it_shows_a_region_in_constant_queries(login, region):
    url = reverse("regions:home", kwargs={"region": region.slug})
    client = login(factories.member(region, Role.EDITOR))
    few = _queries(client, url)
    for i in range(15):
        factories.member(region, [Role.EDITOR, Role.CONTRIBUTOR, Role.ADMIN][i % 3])
        factories.region()
    assert _queries(client, url) == few
    assert few <= 10
