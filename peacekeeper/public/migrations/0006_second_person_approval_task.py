from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('public', '0005_accreditation_nonce'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='SecondPersonApprovalTask',
            fields=[],
            options={
                'verbose_name': 'Approval by a second person',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('wagtailcore.groupapprovaltask',),
        ),
    ]
