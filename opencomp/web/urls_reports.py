"""URL patterns of the book-wide money pages: spend and bank payment files (joined into ``web.urls``)."""

from django.urls import URLPattern, path

from opencomp.web import views_reports as views

urlpatterns: list[URLPattern] = [
    path("book/spend/", views.spend_report_view, name="spend_report"),
    path("book/payment-register/", views.payment_register_export_view, name="payment_register_export"),
    path("book/payment-files/", views.payment_files_view, name="payment_files"),
    path("book/payment-files/new/", views.payment_file_export_view, name="payment_file_export"),
    path("book/payment-files/<int:pk>/", views.payment_file_download_view, name="payment_file_download"),
    path(
        "book/payment-files/<int:pk>/reissue/", views.payment_file_reissue_view, name="payment_file_reissue"
    ),
]
