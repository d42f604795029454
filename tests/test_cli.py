"""The commands in ARCHITECTURE.md's public surface."""

from app.models import ClosedDay, Procedure, ServicePoint, User


def test_seed_demo_creates_the_ward_and_prints_the_passwords_once(app, db):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0
    assert "admin" in first.output and "canbo" in first.output and "tinhnguyen" in first.output
    point = ServicePoint.query.one()
    assert point.ward == "Phường Tân Giang"
    assert Procedure.query.count() == 10
    assert {u.role for u in User.query} == {"admin", "staff", "volunteer"}
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0 and "nothing changed" in second.output
    assert ServicePoint.query.count() == 1


def test_seeded_passwords_are_random_and_work(app, db, client):
    output = app.test_cli_runner().invoke(args=["seed-demo"]).output
    line = next(line for line in output.splitlines() if " canbo " in line)
    password = line.split()[-1]
    from tests.conftest import csrf_token

    response = client.post(
        "/login", data={"username": "canbo", "password": password, "csrf_token": csrf_token(client, "/login")}
    )
    assert response.status_code == 303


def test_create_user_with_each_role(app, demo):
    runner = app.test_cli_runner()
    for role in ("admin", "staff", "volunteer"):
        result = runner.invoke(
            args=["create-user", f"new-{role}", "--role", role, "--password", "long enough 1"]
        )
        assert result.exit_code == 0, result.output
        assert User.query.filter_by(username=f"new-{role}").one().role == role


def test_create_user_refuses_a_duplicate_a_short_password_and_an_unknown_role(app, demo):
    runner = app.test_cli_runner()
    assert (
        runner.invoke(
            args=["create-user", "canbo", "--role", "staff", "--password", "long enough 1"]
        ).exit_code
        != 0
    )
    assert "12" in runner.invoke(args=["create-user", "x1", "--role", "staff", "--password", "short"]).output
    assert (
        runner.invoke(args=["create-user", "x2", "--role", "boss", "--password", "long enough 1"]).exit_code
        != 0
    )


def test_extra_opening_adds_a_session_from_now(app, demo, clock):
    clock(2026, 11, 29, 14, 10)
    result = app.test_cli_runner().invoke(args=["extra-opening", "--hours", "2"])
    assert result.exit_code == 0, result.output
    assert "29/11/2026 14:10-16:10" in result.output
    row = ClosedDay.query.one()
    assert row.kind == "extra" and row.point_id == demo.id


def test_extra_opening_without_a_point_explains_what_to_do(app, db):
    result = app.test_cli_runner().invoke(args=["extra-opening", "--hours", "2"])
    assert result.exit_code != 0 and "seed-demo" in result.output


def test_backup_db_copies_the_sqlite_database(app, demo, tmp_path):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        result = app.test_cli_runner().invoke(args=["backup-db", str(tmp_path / "b.sqlite3")])
        assert result.exit_code != 0 and "pg_dump" in result.output
        return
    import sqlite3

    target = tmp_path / "backup.sqlite3"
    result = app.test_cli_runner().invoke(args=["backup-db", str(target)])
    assert result.exit_code == 0, result.output
    names = sqlite3.connect(target).execute("SELECT name_vi FROM procedure ORDER BY sort_order").fetchall()
    assert names[0] == ("Đăng ký khai sinh",)


def test_an_unknown_point_on_the_command_line_is_explained(app, demo):
    result = app.test_cli_runner().invoke(args=["extra-opening", "--hours", "2", "--point", "khong-co"])
    assert result.exit_code != 0
    assert "No service point 'khong-co'" in result.output and "tdp12-tan-giang" in result.output
