from django.urls import path

from veilignet.privacy import views

app_name = "privacy"
urlpatterns = [
    path("emergency/", views.emergency_open, name="emergency_open"),
    path("emergency/review/", views.emergency_review_list, name="emergency_review_list"),
    path("emergency/<int:pk>/review/", views.emergency_review, name="emergency_review"),
    path("persons/", views.person_search, name="person_search"),
    path("persons/<int:pk>/", views.person_rights, name="person_rights"),
    path("persons/<int:pk>/export.json", views.export_json, name="export_json"),
    path("persons/<int:pk>/export.pdf", views.export_pdf, name="export_pdf"),
    path("persons/<int:pk>/rectify/", views.rectify, name="rectify"),
    path("persons/<int:pk>/restrict/", views.restrict, name="restrict"),
    path("persons/<int:pk>/lift/", views.lift, name="lift"),
    path("retention/", views.retention_runs, name="retention_runs"),
]
