from django.urls import path

from veilignet.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("new/", views.case_open, name="case_open"),
    path("tasks/", views.my_tasks, name="my_tasks"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/timeline/", views.case_timeline, name="case_timeline"),
    path("<int:pk>/members/new/", views.member_add, name="member_add"),
    path("<int:pk>/phase/", views.phase_change, name="phase_change"),
    path("<int:pk>/assessments/new/", views.assessment_add, name="assessment_add"),
    path("<int:pk>/incidents/new/", views.incident_add, name="incident_add"),
    path("<int:pk>/notes/new/", views.note_add, name="note_add"),
    path("<int:pk>/plan/", views.plan_history, name="plan_history"),
    path("<int:pk>/plan/new/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/causes/new/", views.cause_add, name="cause_add"),
    path("<int:pk>/goals/new/", views.goal_add, name="goal_add"),
    path("<int:pk>/help/new/", views.help_add, name="help_add"),
    path("<int:pk>/handovers/new/", views.handover_propose, name="handover_propose"),
    path("<int:pk>/escalations/new/", views.escalation_add, name="escalation_add"),
    path("<int:pk>/close/", views.case_close, name="case_close"),
    path("members/<int:pk>/leave/", views.member_leave, name="member_leave"),
    path("help/<int:pk>/status/", views.help_status, name="help_status"),
    path("plans/<int:pk>/print/", views.plan_print, name="plan_print"),
    path("handovers/<int:pk>/", views.handover_detail, name="handover_detail"),
    path("escalations/<int:pk>/", views.escalation_detail, name="escalation_detail"),
    path("follow-up/<int:pk>/", views.follow_up_check, name="follow_up_check"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
]
