from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from . import policy
from .models import AccessLog, ConsentEvent, Group, Membership, School, SchoolRole, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class SchoolRoleInline(admin.TabularInline):
    model = SchoolRole
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "timezone", "default_language", "min_group_size", "min_text_group_size"]
    search_fields = ["name"]
    inlines = [SchoolRoleInline]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "subject", "grade"]
    list_filter = ["school", "grade"]
    search_fields = ["name", "subject"]
    inlines = [MembershipInline]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "school", "is_student", "is_active"]
    list_filter = ["is_student", "school", "is_active", "is_staff"]
    fieldsets = BaseUserAdmin.fieldsets + ((_("School"), {"fields": ("school", "is_student", "language")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + ((_("School"), {"fields": ("school", "is_student", "language")}),)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "role"]
    list_filter = ["role", "group__school"]
    search_fields = ["user__username", "group__name"]
    autocomplete_fields = ["user", "group"]


@admin.register(SchoolRole)
class SchoolRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "role"]
    list_filter = ["role", "school"]
    autocomplete_fields = ["user", "school"]


# Consent history and the access log are evidence: readable, never editable.
class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConsentEvent)
class ConsentEventAdmin(ReadOnlyAdmin):
    list_display = ["student", "scope", "granted", "changed_by", "changed_at"]
    list_filter = ["scope", "granted"]


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["viewer", "student", "what", "context", "at"]
    list_filter = ["what"]


class SchoolScopedAdmin(admin.ModelAdmin):
    """An admin for one school's settings: superusers see every school, a
    school admin only their own schools' rows, and others nothing."""

    school_path = "school"

    def _schools(self, request) -> set[int] | None:
        return None if request.user.is_superuser else policy.admin_school_ids(request.user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        schools = self._schools(request)
        return queryset if schools is None else queryset.filter(**{f"{self.school_path}__in": schools})

    def _allowed(self, request, obj=None) -> bool:
        schools = self._schools(request)
        if schools is None:
            return True
        if not schools:
            return False
        if obj is None:
            return True
        school_id = obj
        for part in self.school_path.split("__"):
            school_id = getattr(school_id, part)
        return school_id.pk in schools

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        schools = self._schools(request)
        if schools is not None and db_field.related_model is School:
            kwargs["queryset"] = School.objects.filter(pk__in=schools)
        if schools is not None and db_field.related_model is Group:
            kwargs["queryset"] = Group.objects.filter(school__in=schools)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
