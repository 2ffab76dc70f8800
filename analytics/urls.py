from django.urls import path

from .apis import GroupAggregateListApi, GroupListApi, GroupStudentListApi

urlpatterns = [
    path("groups/", GroupListApi.as_view(), name="api-groups"),
    path("groups/<int:group_id>/aggregates/", GroupAggregateListApi.as_view(), name="api-group-aggregates"),
    path("groups/<int:group_id>/students/", GroupStudentListApi.as_view(), name="api-group-students"),
]
