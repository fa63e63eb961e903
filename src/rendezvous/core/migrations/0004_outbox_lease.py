from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_signinattempt_signintoken_outboxmessage"),
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
