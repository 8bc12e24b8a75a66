import pytest
from django.urls import reverse


@pytest.fixture
def vietnamese(settings):
    settings.LANGUAGE_CODE = "vi"


def test_the_interface_is_vietnamese_even_for_an_english_browser(world, login, vietnamese):
    client = login(world.users["staff"])
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "Ghi nhận hội nghị" in page and "Record a conference" not in page


def test_the_english_switch_changes_the_language_and_switching_back_restores_it(world, login, vietnamese):
    client = login(world.users["staff"])
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    english = client.get(reverse("home"))
    assert english["Content-Language"] == "en"
    assert "Record a conference" in english.content.decode()
    client.post(reverse("set_language"), {"language": "vi", "next": reverse("home")})
    assert "Ghi nhận hội nghị" in client.get(reverse("home")).content.decode()


def test_a_field_error_is_shown_in_vietnamese(world, login, vietnamese):
    client = login(world.users["staff"])
    response = client.post(
        reverse("entry:agreement-create"), {"signatories-TOTAL_FORMS": "0", "signatories-INITIAL_FORMS": "0"}
    )
    page = response.content.decode()
    assert "Chưa lưu gì. Vui lòng sửa các ô được đánh dấu bên dưới." in page


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_logging_in_with_the_demo_style_form_lands_on_the_overview(world, client):
    world.users["staff"].set_password("demo-password-1")
    world.users["staff"].save()
    response = client.post(reverse("login"), {"username": "staff", "password": "demo-password-1"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")


@pytest.mark.parametrize(("persona", "sees_entry"), [("staff", True), ("provincial_leader", False), ("admin", True)])
def test_navigation_offers_entry_only_to_those_who_may_enter(world, login, persona, sees_entry):
    page = login(world.users[persona]).get(reverse("home")).content.decode()
    assert (reverse("entry:conference-create") in page) is sees_entry
    assert (reverse("admin:index") in page) is (persona == "admin")


def test_not_found_and_forbidden_pages_use_the_layout(world, login):
    client = login(world.users["staff"])
    response = client.get("/conferences/999999/")
    assert response.status_code == 404
    assert "navbar" in response.content.decode()


def test_logout_is_a_post_and_ends_the_session(world, login):
    client = login(world.users["staff"])
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302
