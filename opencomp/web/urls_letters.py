"""URL patterns of the claim letters pages (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_letters as views

urlpatterns: list[URLPattern] = [
    path("claims/<str:number>/letters/", views.claim_letters_view, name="claim_letters"),
    path(
        "claims/<str:number>/letters/<str:template_id>/",
        views.claim_letter_prepare_view,
        name="claim_letter_prepare",
    ),
    path(
        "claims/<str:number>/letters/<str:template_id>/preview.html",
        views.claim_letter_preview_html_view,
        name="claim_letter_preview_html",
    ),
    path(
        "claims/<str:number>/letters/<str:template_id>/preview.pdf",
        views.claim_letter_preview_pdf_view,
        name="claim_letter_preview_pdf",
    ),
]
