from django.urls import path

from veilignet.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/link/", views.link, name="link"),
    path("<int:pk>/link/new/", views.link_new, name="link_new"),
    path("<int:pk>/assessments/new/", views.assessment_create, name="assessment_create"),
    path(
        "<int:pk>/assessments/<int:assessment_pk>/confirm/",
        views.assessment_confirm,
        name="assessment_confirm",
    ),
    path("<int:pk>/decision/", views.decide, name="decide"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/convert/", views.convert, name="convert"),
    path("<int:pk>/close/", views.close, name="close"),
]
