from django.urls import path
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import ScopedRateThrottle

from .apis import AccessLogApi, ConsentApi, MeApi


class TokenApi(ObtainAuthToken):
    # Password guessing is throttled; the rate is in REST_FRAMEWORK settings.
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"


urlpatterns = [
    path("auth/token/", TokenApi.as_view(), name="api-token"),
    path("me/", MeApi.as_view(), name="api-me"),
    path("me/consent/", ConsentApi.as_view(), name="api-consent"),
    path("me/access-log/", AccessLogApi.as_view(), name="api-access-log"),
]
