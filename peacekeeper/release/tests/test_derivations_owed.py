"""No bundle runs ahead of the derivations: while changes to reports are owed to the restrictions derived
from them, the export is refused with the reason, and once they are delivered it goes ahead."""

import pytest

from peacekeeper.events.models import DerivationDue
from peacekeeper.release.models import BundleExport
from peacekeeper.release.tests.bundles import run

pytestmark = pytest.mark.django_db


def test_the_export_waits_for_owed_derivations(mission, keys, tmp_path, capsys):
    due = DerivationDue.objects.create(report_ids=[mission["public_report"].pk])
    bundle = tmp_path / "bundle.json"
    code, out, err = run(capsys, "export", "--to", str(bundle))
    assert (code, out) == (2, "")
    assert err == (
        "error: release export: derived records are not up to date: 1 change(s) to reports are still to be "
        "derived (events.DerivationDue); the export waits until they are delivered\n"
    )
    assert not bundle.exists()
    assert not BundleExport.objects.exists()

    due.delete()
    assert run(capsys, "export", "--to", str(bundle))[0] == 0
    assert bundle.exists()
