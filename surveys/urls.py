from django.urls import path

from .apis import CheckinCurrentApi, CheckinsApi

urlpatterns = [
    path("checkins/", CheckinsApi.as_view(), name="api-checkins"),
    path("checkins/current/", CheckinCurrentApi.as_view(), name="api-checkin-current"),
]
