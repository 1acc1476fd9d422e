"""URL patterns of the provider invoice pages (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_invoices as views

urlpatterns: list[URLPattern] = [
    path("invoices/", views.invoice_register_view, name="invoice_register"),
    path("invoices/<int:pk>/", views.invoice_detail_view, name="invoice_detail"),
    path("invoices/<int:pk>/review/", views.invoice_review_view, name="invoice_review"),
    path("invoices/<int:pk>/decision/", views.invoice_decide_view, name="invoice_decide"),
    path("invoices/<int:pk>/payment/", views.invoice_pay_view, name="invoice_pay"),
    path("claims/<str:number>/invoices/new/", views.claim_invoice_create_view, name="claim_invoice_create"),
]
