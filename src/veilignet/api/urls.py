from django.urls import path

from veilignet.api import views

app_name = "api"
urlpatterns = [
    path("v1/reports/", views.ReportCreateView.as_view(), name="report_create"),
    path("v1/reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("v1/indicators/", views.IndicatorListView.as_view(), name="indicators"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.docs, name="docs"),
]
