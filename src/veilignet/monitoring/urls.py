from django.urls import path

from veilignet.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("municipalities/", views.comparison, name="comparison"),
    path("trends/", views.trends, name="trends"),
    path("export/<slug:key>.<str:fmt>", views.export, name="export"),
    path("report/", views.half_year_report, name="report"),
]
