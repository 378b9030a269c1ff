"""`python -m tools.synthetic DEST`: made-up provinces for scale tests, never mixed with real data.

Writes DEST/data/: the real national files (copied from data/) and PROVINCES synthetic
provinces `mau-01` ... with COMMUNES commune-level units in all (the country's counts since
1 July 2025), their VBSP branch, police, transaction offices, a programme, duties and figures.
The same arguments always give the same bytes (a seeded generator, no clock). Every record's
source is on `example.invalid`, a name reserved never to exist, and every name says "Mẫu"
(sample): nothing here can pass for a real office. Build it with
`DATA_ROOT=DEST PROVINCE=ca-nuoc python -m macros.cli.build SITE`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from macros import settings
from macros.data import models
from macros.data.dataset import DATA_DIR
from macros.text import slugify

PROVINCES = 34
COMMUNES = 3321
SEED = "qd22-synthetic-1"
SOURCE = "https://example.invalid/du-lieu-mau"
VERIFIED = datetime.date(2026, 11, 28)
REVIEW = datetime.date(2027, 5, 28)
COMMUNES_PER_TRANSACTION_OFFICE = 6
CITIES = 6
"""The first CITIES provinces are named as centrally-run cities ("thành phố"), as the country has."""

SYLLABLES = (
    "An Bình Hòa Phú Tân Thạnh Long Hưng Thịnh Phước Lộc Đông Tây Nam Bắc Trung Sơn Hải Giang Lâm "
    "Thủy Xuân Hạ Thu Minh Quang Đức Nghĩa Tiến Thành Vĩnh Yên Hợp Khánh Điền Mỹ Lạc Cát Đồng Hồng"
).split()


@dataclass(frozen=True)
class Summary:
    provinces: int
    communes: int
    offices: int
    duties: int
    figures: int


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def commune_counts(rng: random.Random, provinces: int, communes: int) -> list[int]:
    """Uneven counts (about half to one and a half times the mean) that add up to `communes` exactly."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(provinces)]
    shares = [communes * w / sum(weights) for w in weights]
    counts = [int(s) for s in shares]
    for index in sorted(range(provinces), key=lambda i: shares[i] - counts[i], reverse=True)[: communes - sum(counts)]:
        counts[index] += 1
    return counts


def _units(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """(id, name, type) for `count` units with distinct names and ids."""
    folded: set[str] = set()
    units = []
    while len(units) < count:
        first, second = rng.sample(SYLLABLES, 2)
        name = f"{first} {second}"
        if slugify(name) in folded:  # "Thạnh Hà" and "Thành Hà" would share an id
            continue
        folded.add(slugify(name))
        roll = rng.random()
        kind = "đặc khu" if roll < 0.004 else "phường" if roll < 0.2 else "xã"
        units.append((slugify(f"{kind} {name}"), name, kind))
    return units


def _reviewed(indent: str) -> str:
    return f"{indent}source: {SOURCE}\n{indent}verified_on: {VERIFIED}\n{indent}review_by: {REVIEW}\n"


def _province(rng: random.Random, number: int, count: int) -> tuple[str, dict[str, str], Summary]:
    slug = f"mau-{number:02d}"
    name = f"Mẫu {number:02d}"
    full_name = f"{'thành phố' if number <= CITIES else 'tỉnh'} {name}"
    police, branch = f"cong-an-tinh-{slug}", f"nhcsxh-{slug}"
    units = _units(rng, count)
    chunks = [units[i : i + COMMUNES_PER_TRANSACTION_OFFICE] for i in range(0, count, COMMUNES_PER_TRANSACTION_OFFICE)]
    office_of = {unit[0]: f"pgd-{slug}-{k:03d}" for k, chunk in enumerate(chunks, start=1) for unit in chunk}
    wards = sum(1 for u in units if u[2] == "phường")
    signed = datetime.date(2024, rng.randint(1, 12), rng.randint(1, 28))
    last_year = signed.year + 4
    schema = "# yaml-language-server: $schema=../../../schemas/{}.schema.json\n# Synthetic data for scale tests (macros/synthetic.py): not a real province.\n"

    clauses = [
        (
            "information-exchange",
            "Trao đổi thông tin, số liệu",
            "Trao đổi thông tin về người thụ hưởng và kết quả cho vay theo kỳ.",
        ),
        (
            "plans-and-inspections",
            "Kế hoạch và kiểm tra",
            "Xây dựng kế hoạch; kiểm tra, hướng dẫn cấp cơ sở về thủ tục vay vốn.",
        ),
        ("job-fairs", "Phiên chợ việc làm", "Phối hợp tổ chức phiên chợ việc làm để tư vấn về vay vốn và học nghề."),
    ]
    province = [
        f"id: {slug}",
        f"name: {_q(name)}",
        f"full_name: {_q(full_name)}",
        f"ward_count: {wards}",
        f"commune_count: {count - wards}",
        "units_basis: null",
        "units_since: 2025-07-01",
        _reviewed("").rstrip("\n"),
        "programme:",
        f"  id: ct-{slug}",
        f"  title: {_q(f'Chương trình phối hợp mẫu của {full_name}')}",
        f"  signed_on: {signed}",
        f"  parties: [{police}, {branch}]",
        f"  first_year: {signed.year}",
        f"  last_year: {last_year}",
        _reviewed("  ").rstrip("\n"),
        "  clauses:",
    ]
    for clause_id, title, text in clauses:
        province += [f"    - id: {clause_id}", f"      title: {_q(title)}", f"      text: {_q(text)}"]
    communes = [_reviewed("").rstrip("\n"), "communes:"] + [
        f"  - {{id: {uid}, name: {_q(uname)}, type: {kind}, vbsp_office: {office_of[uid]}}}"
        for uid, uname, kind in units
    ]

    def office(oid: str, oname: str, kind: str, agency: str, serves: str) -> list[str]:
        return [
            f"  - id: {oid}",
            f"    name: {_q(oname)}",
            f"    kind: {kind}",
            f"    agency: {agency}",
            "    address: null",
            "    phone: null",
            "    hours: null",
            f"    serves: {serves}",
            _reviewed("    ").rstrip("\n"),
        ]

    offices = ["offices:"]
    offices += office(
        branch,
        f"Ngân hàng Chính sách xã hội - Chi nhánh {full_name}",
        "vbsp_branch",
        "nhcsxh-chi-nhanh-tinh",
        "whole_province",
    )
    offices += office(police, f"Công an {full_name}", "provincial_police", "cong-an-tinh", "whole_province")
    for k, chunk in enumerate(chunks, start=1):
        served = ", ".join(u[0] for u in chunk)
        offices += office(
            f"pgd-{slug}-{k:03d}",
            f"Phòng giao dịch mẫu số {k} ({name})",
            "vbsp_transaction_office",
            "nhcsxh-phong-giao-dich",
            f"[{served}]",
        )

    duties = ["duties:"]
    periods = [("monthly", "hằng tháng"), ("quarterly", "hằng quý"), ("yearly", "hằng năm")]
    for frequency, words in periods:
        duties += [
            f"  - id: information-exchange-{frequency}",
            f"    title: {_q(f'Trao đổi thông tin, số liệu {words}')}",
            "    owner: cong-an-xa",
            "    recipient: nhcsxh-phong-giao-dich",
            f"    partners: [{police}, {branch}]",
            f"    frequency: {frequency}",
            "    rrule: null",
            f"    timing_note: {_q(f'Chương trình mẫu nêu {words}, không nêu ngày.')}",
            "    programme_clause: information-exchange",
            "    audiences: [commune_police, vbsp_office, provincial]",
            f"    applies_from: {signed}",
            f"    applies_to: {last_year}-12-31",
            _reviewed("    ").rstrip("\n"),
        ]
    duties += [
        "  - id: job-fairs",
        f"    title: {_q('Phối hợp tổ chức phiên chợ việc làm')}",
        f"    owner: {police}",
        "    recipient: null",
        f"    partners: [{branch}]",
        "    frequency: ad_hoc",
        "    rrule: null",
        f"    timing_note: {_q('Khi tổ chức phiên chợ việc làm.')}",
        "    programme_clause: job-fairs",
        "    audiences: [provincial]",
        f"    applies_from: {signed}",
        f"    applies_to: {last_year}-12-31",
        _reviewed("    ").rstrip("\n"),
    ]

    people = rng.randint(40, 900)
    figures = ["figures:"]
    for fid, day, measure, share, kind in [
        ("mid-2025-total", "2025-06-30", "borrowers_cumulative", 1.0, "disbursed"),
        ("sept-2025-outstanding", "2025-09-30", "borrowers_with_outstanding", 0.8, "outstanding"),
    ]:
        borrowers = int(people * share)
        figures += [
            f"  - id: {fid}",
            f"    as_of: {day}",
            "    as_of_precision: day",
            f"    measure: {measure}",
            f"    people: {borrowers}",
            f"    amount_vnd: {borrowers * 90_000_000}",
            f"    amount_kind: {kind}",
            "    amount_qualifier: about",
            _reviewed("    ").rstrip("\n"),
        ]

    former_units = [
        *(f"{key}: null" for key in ("source", "verified_on", "review_by", "legal_basis", "generated_by")),
        "districts: []",
        "units: []",
    ]
    files = {
        "province.yaml": province,
        "communes.yaml": communes,
        "former_units.yaml": former_units,
        "unit_changes.yaml": ["changes: []", "disagreements: []"],
        "offices.yaml": offices,
        "deadlines.yaml": duties,
        "statistics.yaml": figures,
    }
    texts = {name: schema.format(name.removesuffix(".yaml")) + "\n".join(lines) + "\n" for name, lines in files.items()}
    return slug, texts, Summary(1, count, 2 + len(chunks), len(periods) + 1, 2)


def keep_coordination(path: Path, provinces: set[str]) -> None:
    """A copy of data/coordination.yaml keeping the country's records and those of `provinces`: a
    record of a province the copy lacks would name a folder that is not there."""
    import yaml

    value = yaml.safe_load(path.read_text(encoding="utf-8"))
    value["programmes"] = [r for r in value["programmes"] if r.get("province") is None or r["province"] in provinces]
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")


def generate(dest: Path, provinces: int = PROVINCES, communes: int = COMMUNES, seed: str = SEED) -> Summary:
    """Write DEST/data/ (which must not exist yet); refuses the repository's own data/."""
    dest = Path(dest).resolve()
    target = dest / DATA_DIR
    real = (settings.REPO_ROOT / DATA_DIR).resolve()
    if target == real or real in target.parents or target in real.parents:
        raise ValueError(f"synthetic data never goes into the real {real}: give a temporary folder")
    if target.exists():
        raise ValueError(f"{target} exists already: give an empty folder")
    if not 1 <= provinces <= communes:
        raise ValueError("need at least one province and one commune per province")
    (target / "provinces").mkdir(parents=True)
    for name in models.NATIONAL_FILES:
        shutil.copy(real / name, target / name)
    keep_coordination(target / "coordination.yaml", set())  # made-up provinces have no programme of their own
    rng = random.Random(seed)
    total = Summary(0, 0, 0, 0, 0)
    for number, count in enumerate(commune_counts(rng, provinces, communes), start=1):
        slug, texts, summary = _province(rng, number, count)
        folder = target / "provinces" / slug
        folder.mkdir()
        for name, body in texts.items():
            (folder / name).write_text(body, encoding="utf-8")
        total = Summary(*(a + b for a, b in zip(vars(total).values(), vars(summary).values())))
    return total


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.synthetic", description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path, help="an empty folder outside the repository's data/")
    parser.add_argument("--provinces", type=int, default=PROVINCES)
    parser.add_argument("--communes", type=int, default=COMMUNES)
    args = parser.parse_args(argv)
    try:
        summary = generate(args.dest, args.provinces, args.communes)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(
        f"wrote {args.dest / DATA_DIR}: {summary.provinces} provinces, {summary.communes} communes, "
        f"{summary.offices} offices, {summary.duties} province duties, {summary.figures} figures (synthetic)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
