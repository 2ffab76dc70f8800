from django.urls import path

from .apis import CheckinCurrentApi, CheckinsApi, InstrumentListApi, InstrumentSubmitApi

urlpatterns = [
    path("checkins/", CheckinsApi.as_view(), name="api-checkins"),
    path("checkins/current/", CheckinCurrentApi.as_view(), name="api-checkin-current"),
    path("instruments/", InstrumentListApi.as_view(), name="api-instruments"),
    path("instruments/<slug:instrument>/", InstrumentSubmitApi.as_view(), name="api-instrument-submit"),
]
