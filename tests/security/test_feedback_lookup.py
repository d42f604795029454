"""Looking things up by reference (feedback, dossiers): guessing is refused, a stranger cannot block, the office never is."""

from app.extensions import db
from app.models import Dossier, Procedure
from tests.conftest import text_of


def finished(demo, code):
    procedure = db.session.scalars(db.select(Procedure)).first()
    db.session.add(Dossier(point_id=demo.id, procedure_id=procedure.id, code=code, status="completed"))
    db.session.commit()
    return code


def from_address(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_guessing_codes_from_one_address_is_refused_even_for_a_real_code(app, demo, monkeypatch):
    monkeypatch.setitem(app.config, "FEEDBACK_LOOKUP_MISSES", (5, 600))
    real = finished(demo, "HS-2611-7K3Q")
    guesser = from_address(app, "203.0.113.5")
    codes = [guesser.get(f"/feedback?dossier=HS-2611-AAA{i}").status_code for i in range(5)]
    assert codes == [200] * 5
    refused = guesser.get(f"/feedback?dossier={real}")
    assert refused.status_code == 429
    assert real not in text_of(refused)


def test_a_strangers_guesses_do_not_block_the_resident_with_the_real_code(app, demo, monkeypatch):
    monkeypatch.setitem(app.config, "FEEDBACK_LOOKUP_MISSES", (5, 600))
    real = finished(demo, "HS-2611-7K3Q")
    stranger = from_address(app, "203.0.113.5")
    for i in range(20):
        stranger.get(f"/feedback?dossier={real[:-1]}{i % 10}")
    resident = from_address(app, "198.51.100.20").get(f"/feedback?dossier={real}")
    assert resident.status_code == 200 and real in text_of(resident)


def test_the_office_pc_looking_up_many_real_codes_is_never_refused(app, demo, monkeypatch):
    monkeypatch.setitem(app.config, "FEEDBACK_LOOKUP_MISSES", (5, 600))
    office = from_address(app, "10.0.0.1")
    codes = [finished(demo, f"HS-2611-K{i:03d}") for i in range(12)]
    for code in codes:
        page = office.get(f"/feedback?dossier={code}")
        assert page.status_code == 200 and code in text_of(page)


def test_dossier_lookups_by_code_and_phone_follow_the_same_rule(app, demo, monkeypatch):
    """/lookup (code + phone): only misses count; the right pair is never refused by a code's misses."""
    from app.services import dossiers as dossier_service
    from tests.dossiers.conftest import make_dossier

    monkeypatch.setitem(app.config, "DOSSIER_LOOKUP_LIMIT", (3, 600))
    monkeypatch.setitem(app.config, "DOSSIER_LOOKUP_PER_CODE", (3, 3600))
    dossier = make_dossier(demo, "extract")
    for n in range(10):  # strangers at ten addresses try phones on the resident's code
        dossier_service.lookup(dossier.code, f"09123456{n:02d}", f"203.0.113.{n}")
    assert dossier_service.lookup(dossier.code, "0356789012", "198.51.100.20").dossier == dossier
    for _ in range(10):  # the office PC finds ten dossiers by their right pairs
        assert dossier_service.lookup(dossier.code, "0356789012", "10.0.0.1").dossier == dossier
    for n in range(3):
        dossier_service.lookup(f"HS-2001-AAA{n}", "0356789012", "203.0.113.99")
    assert dossier_service.lookup(dossier.code, "0356789012", "203.0.113.99").throttled  # a guesser
