from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_scheduled_job"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="attachments",
            field=models.JSONField(blank=True, default=list),
        ),
    ]
