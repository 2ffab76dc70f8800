from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class WellbeingConfig(AppConfig):
    name = "wellbeing"
    verbose_name = "Schools, people and consent"


class WellbeingAdminConfig(admin_apps.AdminConfig):
    # The admin site is one more door, behind the same predicate as the API and the pages (wellbeing.gates).
    default = False  # named in INSTALLED_APPS; the app's own default stays WellbeingConfig
    default_site = "wellbeing.gates.WellbeingAdminSite"
