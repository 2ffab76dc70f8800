from django.urls import path

from .apis import (
    GroupAggregateListApi,
    GroupListApi,
    GroupStudentListApi,
    HelpRequestListApi,
    HelpRequestStatusApi,
    MyHelpRequestApi,
    SchoolAggregateListApi,
)

urlpatterns = [
    path("groups/", GroupListApi.as_view(), name="api-groups"),
    path("groups/<int:group_id>/aggregates/", GroupAggregateListApi.as_view(), name="api-group-aggregates"),
    path("groups/<int:group_id>/students/", GroupStudentListApi.as_view(), name="api-group-students"),
    path("schools/<int:school_id>/aggregates/", SchoolAggregateListApi.as_view(), name="api-school-aggregates"),
    path("help-requests/", HelpRequestListApi.as_view(), name="api-help-requests"),
    path("help-requests/<int:request_id>/status/", HelpRequestStatusApi.as_view(), name="api-help-request-status"),
    path("me/help-request/", MyHelpRequestApi.as_view(), name="api-my-help-request"),
]
