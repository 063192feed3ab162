from django.urls import path

from veilignet.mda import views

app_name = "mda"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/export/", views.referral_export, name="referral_export"),
    path("cases/<int:case_pk>/refer/", views.referral_new, name="referral_new"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/accept/", views.referral_accept, name="referral_accept"),
    path("referrals/<int:pk>/decline/", views.referral_decline, name="referral_decline"),
    path("referrals/<int:pk>/justice/", views.justice_add, name="justice_add"),
    path("referrals/<int:pk>/actions/new/", views.action_add, name="action_add"),
    path("referrals/<int:pk>/handover/", views.referral_handover, name="referral_handover"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("teams/<int:team_pk>/conferences/new/", views.conference_new, name="conference_new"),
    path("conferences/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("conferences/<int:pk>/agenda/", views.conference_agenda, name="conference_agenda"),
    path(
        "conferences/<int:pk>/attendance/",
        views.conference_attendance,
        name="conference_attendance",
    ),
    path(
        "conferences/<int:pk>/cases/<int:referral_pk>/scenario/",
        views.conference_scenario,
        name="conference_scenario",
    ),
    path(
        "conferences/<int:pk>/cases/<int:referral_pk>/actions/new/",
        views.conference_action,
        name="conference_action",
    ),
    path(
        "conferences/<int:pk>/cases/<int:referral_pk>/<str:decision>/",
        views.conference_decide,
        name="conference_decide",
    ),
    path("conferences/<int:pk>/minutes/", views.conference_minutes, name="conference_minutes"),
    path("conferences/<int:pk>/send/", views.conference_send, name="conference_send"),
]
