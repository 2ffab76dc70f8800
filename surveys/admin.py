from django.contrib import admin

from wellbeing.admin import SchoolScopedAdmin

from .models import CustomItem, Schedule, SchoolInstrument


@admin.register(CustomItem)
class CustomItemAdmin(SchoolScopedAdmin):
    list_display = ["question_en", "kind", "school", "order", "active"]
    list_filter = ["kind", "active"]
    fields = ["school", "kind", "question_sv", "question_nb", "question_en", "choices_text", "order", "active"]


@admin.register(Schedule)
class ScheduleAdmin(SchoolScopedAdmin):
    school_path = "group__school"
    list_display = ["group", "opens_weekday", "opens_time", "closes_weekday", "closes_time", "reminders_enabled"]


@admin.register(SchoolInstrument)
class SchoolInstrumentAdmin(SchoolScopedAdmin):
    list_display = ["instrument", "school", "enabled", "registered_with_owner"]
    readonly_fields = ["copyright_and_registration"]

    @admin.display(description="Copyright and registration")
    def copyright_and_registration(self, obj) -> str:
        from .instruments import REGISTRATION_NOTE, TEXTS, Instrument

        if obj is None or not obj.instrument:
            return str(REGISTRATION_NOTE)
        text = TEXTS[Instrument(obj.instrument)]
        return f"{text.copyright} {REGISTRATION_NOTE if text.needs_registration else ''}".strip()
