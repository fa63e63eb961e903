from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_outbox_reply_to"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="attachments",
            field=models.JSONField(blank=True, default=list),
        ),
    ]
