from django.contrib.auth import views as auth_views
from django.urls import path

from . import help_views, views

app_name = "frontend"
urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="frontend/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language, name="set_language"),
    path("checkin/", views.checkin, name="checkin"),
    path("checkin/questionnaire/<slug:name>/", views.instrument, name="instrument"),
    path("me/history/", views.history, name="history"),
    path("me/history/chart.svg", views.history_chart, name="history_chart"),
    path("me/privacy/", views.privacy, name="privacy"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/<int:group_id>/", views.group_detail, name="group_detail"),
    path("me/help/", help_views.help_request, name="help_request"),
    path("health/requests/", help_views.help_requests, name="help_requests"),
    path("health/requests/<int:request_id>/status/", help_views.help_request_status, name="help_request_status"),
]
