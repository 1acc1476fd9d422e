"""The frame around every page: signing in and out, navigation, error pages."""

from __future__ import annotations

from django.urls import reverse

from conftest import PASSWORD


def test_login_page_signs_in_and_lands_on_the_work_queue(book, client):
    # given
    login_page = client.get(reverse("login"))

    # when
    response = client.post(reverse("login"), {"username": "adjuster", "password": PASSWORD})

    # then
    assert login_page.status_code == 200
    assert '<label for="id_username">Username</label>' in login_page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_wrong_password_is_refused_on_the_login_page(book, client):
    # given / when
    response = client.post(reverse("login"), {"username": "adjuster", "password": "wrong"})

    # then
    assert response.status_code == 200
    assert '<div class="form-errors" role="alert">' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_form_in_the_top_bar(book, login):
    # given
    client = login("adjuster")
    html = client.get(reverse("web:work_queue")).content.decode()

    # when
    response = client.post(reverse("logout"))

    # then
    assert f'<form method="post" action="{reverse("logout")}">' in html
    assert response.status_code == 302
    assert client.get(reverse("web:work_queue"))["Location"].startswith("/login/")


def test_top_bar_shows_name_role_and_the_pages_the_role_uses(book, login):
    # given
    adjuster = login("adjuster").get(reverse("web:work_queue")).content.decode()
    worker = login("worker").get(reverse("web:work_queue")).content.decode()

    # when
    adjuster_nav = ("Work queue" in adjuster, "Incident log" in adjuster, "Injury reports" in adjuster)
    worker_nav = ("Work queue" in worker, "Incident log" in worker, "Injury reports" in worker)

    # then
    assert "Avery Adjuster" in adjuster
    assert "Claims adjuster · Summit Mutual" in adjuster
    assert adjuster_nav == (True, True, True)
    assert worker_nav == (True, False, True)
    assert '<a href="/" aria-current="page">Work queue</a>' in adjuster


def test_every_page_has_landmarks_a_skip_link_and_the_bundled_htmx(book, login):
    # given
    client = login("adjuster")

    # when
    html = client.get(reverse("web:work_queue")).content.decode()

    # then
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
    assert '<main id="main"' in html
    assert '<nav class="mainnav" aria-label="Main">' in html
    assert '<script src="/static/django_htmx/htmx-2.min.js" defer></script>' in html
    assert '<link rel="stylesheet" href="/static/web/app.css">' in html


def test_forbidden_and_not_found_pages_use_the_layout(book, login):
    # given
    client = login("worker")

    # when
    forbidden = client.get(reverse("web:incident_list"))
    missing = client.get(reverse("web:claim_detail", args=[book.other_claim.number]))

    # then
    assert forbidden.status_code == 403
    assert "You have no incident log to see." in forbidden.content.decode()
    assert missing.status_code == 404
    assert "There is nothing here, or it is not something you have access to." in missing.content.decode()
    assert book.other_claim.number not in missing.content.decode()
