from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0003_email_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="language",
            field=models.CharField(blank=True, default="", max_length=10),
        ),
    ]
