"""URL patterns of the claim documents pages (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_documents as views

urlpatterns: list[URLPattern] = [
    path("claims/<str:number>/documents/", views.claim_documents_view, name="claim_documents"),
    path("documents/<int:pk>/view/", views.document_view_view, name="document_view"),
    path("documents/<int:pk>/download/", views.document_download_view, name="document_download"),
    path("documents/<int:pk>/reclassify/", views.document_reclassify_view, name="document_reclassify"),
]
