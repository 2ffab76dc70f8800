from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import django.db.models.deletion
from django.db import migrations, models


def assign_windows(apps, schema_editor):
    """Give check-ins saved before windows existed the default window of the
    student's class (or first group) for their week."""
    Checkin = apps.get_model("surveys", "Checkin")
    CheckinWindow = apps.get_model("surveys", "CheckinWindow")
    Membership = apps.get_model("wellbeing", "Membership")
    for checkin in Checkin.objects.filter(window__isnull=True).select_related("school"):
        membership = (
            Membership.objects.filter(user_id=checkin.student_id, role="student")
            .select_related("group")
            .order_by("group__subject", "group_id")
            .first()
        )
        if membership is None:
            continue
        tz = ZoneInfo(checkin.school.timezone)
        window, _ = CheckinWindow.objects.get_or_create(
            group_id=membership.group_id,
            week=checkin.week,
            defaults={
                "opens_at": datetime.combine(checkin.week, time(8), tzinfo=tz),
                "closes_at": datetime.combine(checkin.week + timedelta(days=4), time(16), tzinfo=tz),
            },
        )
        Checkin.objects.filter(pk=checkin.pk).update(window=window)
    # A check-in of a student in no group at all cannot belong to a window.
    Checkin.objects.filter(window__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0004_windows"),
    ]

    operations = [
        migrations.RunPython(assign_windows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="checkin",
            name="window",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="checkins", to="surveys.checkinwindow"
            ),
        ),
    ]
