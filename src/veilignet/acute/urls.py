from django.urls import path

from veilignet.acute import views

app_name = "acute"
urlpatterns = [
    path("", views.shift, name="shift"),
    path("figures/", views.figures, name="figures"),
    path("intakes/new/", views.intake_new, name="intake_new"),
    path("intakes/<int:pk>/", views.intake_detail, name="intake_detail"),
    path("intakes/<int:pk>/triage/", views.intake_triage, name="intake_triage"),
    path("intakes/<int:pk>/outcome/", views.intake_conclude, name="intake_conclude"),
    path("intakes/<int:pk>/forward/", views.intake_forward, name="intake_forward"),
    path("intakes/<int:pk>/handle-with-care/", views.notice_new, name="notice_new"),
    path("handovers/<int:pk>/", views.forward_detail, name="forward_detail"),
    path("hospital/new/", views.hospital_new, name="hospital_new"),
    path("hospital/<int:pk>/", views.hospital_detail, name="hospital_detail"),
    path("notices/<int:pk>/", views.notice_detail, name="notice_detail"),
    path("notices/<int:pk>/acknowledge/", views.notice_acknowledge, name="notice_acknowledge"),
]
