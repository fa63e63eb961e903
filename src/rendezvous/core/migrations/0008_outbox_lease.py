from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_ratelimit_counter"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="claimed_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="message_id",
            field=models.CharField(blank=True, max_length=255),
        ),
    ]
