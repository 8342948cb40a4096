"""The preflight: `validate` runs the checks `render` runs before composing, so the two agree."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rembuk_docs
from rembuk_docs.cli import main
from rembuk_docs.compose.registry import DOCUMENTS, requirements
from rembuk_docs.errors import DefinitionError, FormatPackError
from rembuk_docs.formats import load_pack
from rembuk_docs.preflight import preflight

from conftest import SAMPLES


def _write(tmp_path: Path, data: dict[str, Any], name: str = "def.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _validate_json(path: Path, *options: str) -> tuple[int, dict[str, Any]]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["validate", "--json", str(path), *options])
    return code, json.loads(out.getvalue())


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_document_declares_its_requirements_beside_its_composer(
    name: str, kupang: rembuk_docs.Rembuk
) -> None:
    problems = requirements(name)(kupang, load_pack("kupang"))
    assert isinstance(problems, list)


# --- the known disagreements, each now refused by both ------------------------------------------


def _no_minutes(data: dict[str, Any]) -> None:
    del data["minutes"]


def _no_rows(data: dict[str, Any]) -> None:
    data["attendance"]["blank_rows"] = 0
    data.pop("attendees", None)


@pytest.mark.parametrize(
    ("change", "path", "message_id", "line"),
    [
        (_no_minutes, "minutes", "requires.notulen.minutes", None),
        (_no_rows, "attendance.blank_rows", "requires.daftar_hadir.empty", True),
    ],
    ids=["no-minutes", "blank-rows-0-no-attendees"],
)
def test_validate_refuses_what_render_refuses(
    change: Any,
    path: str,
    message_id: str,
    line: bool | None,
    kupang_dict: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    change(kupang_dict)
    file = _write(tmp_path, kupang_dict)
    assert main(["validate", str(file)]) == 2
    assert f"  - {path}" in capsys.readouterr().err
    out = tmp_path / "out"
    assert main(["render", str(file), "--out", str(out)]) == 2
    assert f"  - {path}" in capsys.readouterr().err
    assert not out.exists()
    code, report = _validate_json(file)
    assert code == 2 and report["valid"] is False
    (error,) = [p for p in report["problems"] if p["severity"] == "error"]
    assert error["path"] == path
    assert (error["line"] is not None) is bool(line)
    rembuk = rembuk_docs.from_dict(kupang_dict)
    with pytest.raises(DefinitionError) as caught:
        rembuk_docs.render_files(rembuk, formats=["docx"])
    assert caught.value.ids == [message_id]


def test_only_asks_for_what_the_named_documents_need(
    kupang_dict: dict[str, Any], tmp_path: Path
) -> None:
    del kupang_dict["minutes"]
    file = _write(tmp_path, kupang_dict)
    code, report = _validate_json(file, "--only", "kesepakatan,berita-acara")
    assert code == 0 and report["valid"] is True
    out = tmp_path / "out"
    assert main(["render", str(file), "--out", str(out), "--only", "kesepakatan"]) == 0


def test_every_problem_of_every_document_is_given_at_once(
    kupang_dict: dict[str, Any], tmp_path: Path
) -> None:
    _no_minutes(kupang_dict)
    _no_rows(kupang_dict)
    code, report = _validate_json(_write(tmp_path, kupang_dict))
    errors = [p["path"] for p in report["problems"] if p["severity"] == "error"]
    assert code == 2 and errors == ["attendance.blank_rows", "minutes"]


def test_validate_gives_the_warnings_render_gives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = SAMPLES / "kupang-2022.yaml"
    assert main(["validate", str(source)]) == 0
    validate_lines = [line for line in capsys.readouterr().err.splitlines() if line]
    assert main(["render", str(source), "--out", str(tmp_path / "out")]) == 0
    render_lines = capsys.readouterr().err.splitlines()
    warnings = [line for line in render_lines if line.startswith("peringatan: ")]
    assert any("ditandai sebagai contoh" in line for line in validate_lines)
    assert any("lambang pengganti" in line for line in validate_lines)
    # the same warnings; validate adds the lines of the file
    assert len(validate_lines) == len(warnings)
    for shown, rendered in zip(validate_lines, warnings, strict=True):
        plain = rendered.removeprefix("peringatan: ")
        where, _, message = plain.partition(": ")
        assert shown.startswith(f"peringatan: {where}") and shown.endswith(message)


def test_validate_json_shape(tmp_path: Path) -> None:
    code, report = _validate_json(SAMPLES / "kupang-2022.yaml")
    assert code == 0 and report["valid"] is True
    assert report["problems"], "the sample is a draft: its warnings are listed"
    for problem in report["problems"]:
        assert set(problem) == {"path", "line", "message", "severity"}
        assert problem["severity"] == "warning"
    example = next(p for p in report["problems"] if p["path"] == "examples[0]")
    assert isinstance(example["line"], int)


def test_validate_json_reports_a_syntax_error_as_a_problem(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("region: [unclosed\n", encoding="utf-8")
    code, report = _validate_json(broken)
    assert code == 2 and report["valid"] is False
    assert report["problems"][0]["severity"] == "error"
    assert report["problems"][0]["line"] is not None


def test_validate_uses_the_format_pack_render_would(
    kupang_dict: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _write(tmp_path, kupang_dict)
    assert main(["validate", str(file), "--format-pack", "no-such-pack"]) == 2
    validate_err = capsys.readouterr().err
    assert (
        main(["render", str(file), "--out", str(tmp_path / "o"), "--format-pack", "no-such-pack"])
        == 2
    )
    assert validate_err == capsys.readouterr().err


def test_a_missing_emblem_stops_the_documents_that_draw_it(tmp_path: Path) -> None:
    rembuk = rembuk_docs.load(SAMPLES / "kupang-2022.yaml")
    pack = load_pack("kupang")
    broken = pack.model_copy(update={"kop": pack.kop.model_copy(update={"logo": "tiada.png"})})
    # the pack is unusable whatever the definition says: its own error, as render raises it
    with pytest.raises(FormatPackError, match=r"tiada\.png"):
        preflight(rembuk, broken, ["kesepakatan", "lembar-tanda-tangan"])
    assert preflight(rembuk, broken, ["lembar-tanda-tangan"]).valid  # it has no kop


def test_the_web_api_gives_the_same_report(kupang_dict: dict[str, Any], tmp_path: Path) -> None:
    from rembuk_docs.web.engine import check_text

    del kupang_dict["minutes"]
    text = yaml.safe_dump(kupang_dict, allow_unicode=True, sort_keys=False)
    checked = check_text(text)
    assert checked.valid is False
    _, report = _validate_json(_write(tmp_path, kupang_dict))
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert [p for p in checked.problems if p["severity"] == "error"] == errors


# --- the property: validate exits 0 exactly when the default render does -------------------------


def _mutations() -> dict[str, Any]:
    def drop(*path: str) -> Any:
        def apply(data: dict[str, Any]) -> None:
            node = data
            for key in path[:-1]:
                node = node.get(key) or {}
            if isinstance(node, dict):
                node.pop(path[-1], None)

        return apply

    def setting(value: Any, *path: str) -> Any:
        def apply(data: dict[str, Any]) -> None:
            node = data
            for key in path[:-1]:
                node = node.setdefault(key, {})
            node[path[-1]] = copy.deepcopy(value)

        return apply

    def first_signatories(count: int) -> Any:
        def apply(data: dict[str, Any]) -> None:
            data["signatories"] = data["signatories"][:count]

        return apply

    def long_signatory(data: dict[str, Any]) -> None:
        data["signatories"][0]["name"] = "Kesehatan Masyarakat " * 300

    attendees = [{"name": "Yakobus Tefa", "position": "Kepala Desa Oelnasi"}]
    plan = {
        "items": [
            {
                "opd": "Dinas Kesehatan",
                "program": "Program Percepatan",
                "activity": "Pendampingan keluarga berisiko stunting",
                "intervention": "spesifik",
                "target_group": "Baduta",
                "indicator": "Persentase baduta",
                "target": 10,
                "unit": "orang",
                "location": "Desa Oelnasi",
                "budget": 1250000,
                "source": "APBD",
            }
        ]
    }
    return {
        "no-minutes": drop("minutes"),
        "no-minutes-chair": drop("minutes", "chair"),
        "no-event-chair": drop("event", "chair"),
        "no-record": drop("record"),
        "no-invitation": drop("invitation"),
        "no-addressees": drop("invitation", "addressees"),
        "no-blank-rows": setting(0, "attendance", "blank_rows"),
        "attendees": setting(attendees, "attendees"),
        "one-signatory": first_signatories(1),
        "two-signatories": first_signatories(2),
        "kota": setting("kota", "region", "kind"),
        "lokus": setting([{"year": 2022, "villages": ["Oelnasi"]}], "priority_villages"),
        "plan": setting(plan, "rencana_kegiatan"),
        "no-examples": drop("examples"),
        # only the page layout finds these: a cell or a signature too tall for one page
        "long-attendee": setting(
            [{"name": "Yakobus " + "Tefa " * 240, "position": "Kader"}], "attendees"
        ),
        "long-position": setting(
            [{"name": "Yakobus Tefa", "position": "Kader Posyandu " * 150}], "attendees"
        ),
        "long-signatory": long_signatory,
    }


MUTATIONS = _mutations()
ONLY = [
    None,
    "kesepakatan",
    "notulen",
    "daftar-hadir",
    "rencana-kegiatan,lampiran-lokus",
    "usulan-kegiatan",
    "berita-acara",
]


def _starter(kind: str) -> dict[str, Any]:
    """What `rembuk-docs baru` writes for ``kind``, as data (its examples make it a draft)."""
    from datetime import date

    from rembuk_docs.starter import StarterAnswers, starter_data

    answers = StarterAnswers(
        kind=kind,
        name="Oelnasi" if kind == "desa" else "Kupang",
        province="Nusa Tenggara Timur",
        day=date(2025, 7, 14),
        kecamatan="Kupang Tengah",
        kabupaten="Kabupaten Kupang",
        out_name="rembuk.yaml",
    )
    return starter_data(answers)


BASES = ["kupang-2022", "baru-desa", "baru-kabupaten"]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    base=st.sampled_from(BASES),
    names=st.lists(st.sampled_from(sorted(MUTATIONS)), max_size=4, unique=True),
    only=st.sampled_from(ONLY),
)
def test_validate_exits_0_exactly_when_render_does(
    kupang_data: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
    base: str,
    names: list[str],
    only: str | None,
) -> None:
    # the Kupang sample, and a kabupaten and a desa as `baru` writes them (a desa has a village
    # section and the usulan kegiatan; its signatories and minutes are the KPM's and the BPD's)
    starter = base.removeprefix("baru-")
    data = copy.deepcopy(kupang_data) if base == "kupang-2022" else _starter(starter)
    data["event"]["date"] = str(data["event"]["date"])
    for name in names:
        MUTATIONS[name](data)
    folder = tmp_path_factory.mktemp("case")
    file = _write(folder, data)
    options = [] if only is None else ["--only", only]
    validated = main(["validate", str(file), *options])
    rendered = main(["render", str(file), "--out", str(folder / "out"), *options])
    assert validated in (0, 2) and rendered in (0, 2), (base, names, only)
    assert (validated == 0) == (rendered == 0), (base, names, only, validated, rendered)


def test_the_web_check_finds_a_text_too_long_for_a_page_as_validate_does(
    kupang_dict: dict[str, Any], tmp_path: Path
) -> None:
    from rembuk_docs.web.engine import check_text

    kupang_dict["attendees"] = [{"name": "Yakobus " + "Tefa " * 240, "position": "Kader"}]
    text = yaml.safe_dump(kupang_dict, allow_unicode=True, sort_keys=False)
    checked = check_text(text)
    _, report = _validate_json(_write(tmp_path, kupang_dict))
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    assert [p["path"] for p in errors] == ["attendees[0].name"]
    assert [p for p in checked.problems if p["severity"] == "error"] == errors


def test_a_too_long_cell_of_an_attendee_sheet_is_named_by_its_row_and_column(
    kupang_dict: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "peserta.csv"
    sheet.write_text(
        "DAFTAR HADIR\n\nNo,Nama,Jabatan\n1,Maria Lenggu,Kepala Dinas\n\n"
        f"2,Obed Kase,{'Kader Posyandu ' * 150}\n",
        encoding="utf-8",
    )
    kupang_dict.pop("attendees", None)
    kupang_dict["attendees_file"] = "peserta.csv"
    file = _write(tmp_path, kupang_dict)
    assert main(["validate", str(file)]) == 2
    validated = capsys.readouterr().err
    # the title row, the blank rows and the header are counted as the spreadsheet shows them
    assert f"{sheet}, baris 6, kolom Jabatan: teks ini (2249 karakter) terlalu panjang" in validated
    assert main(["render", str(file), "--out", str(tmp_path / "out")]) == 2
    assert f"{sheet}, baris 6, kolom Jabatan: teks ini" in capsys.readouterr().err
