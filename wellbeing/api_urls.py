from django.urls import path

from .apis import AccessLogApi, ConsentApi, MeApi
from .auth import TokenLoginApi, TokenLogoutAllApi, TokenLogoutApi

urlpatterns = [
    path("auth/token/", TokenLoginApi.as_view(), name="api-token"),
    path("auth/logout/", TokenLogoutApi.as_view(), name="api-logout"),
    path("auth/logout-all/", TokenLogoutAllApi.as_view(), name="api-logout-all"),
    path("me/", MeApi.as_view(), name="api-me"),
    path("me/consent/", ConsentApi.as_view(), name="api-consent"),
    path("me/access-log/", AccessLogApi.as_view(), name="api-access-log"),
]
