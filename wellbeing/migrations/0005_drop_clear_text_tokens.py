from django.db import migrations


class Migration(migrations.Migration):
    """API tokens were stored in clear by DRF's authtoken; they are now digests that expire (knox).

    The old table, and every clear-text token in it, goes. Clients sign in again for a new token.
    """

    dependencies = [("wellbeing", "0004_consent_looks_forward")]

    operations = [migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", migrations.RunSQL.noop)]
