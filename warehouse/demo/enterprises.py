"""Enterprises: industry classes, chains, parks, names, USCC identifiers and the directory table."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
from stdnum.cn import uscc

from warehouse.demo import chains
from warehouse.demo.draws import concat, growing_days, pick, repeated
from warehouse.demo.run import STREAM_CONSENT, STREAM_ENTERPRISES, STREAM_USCC, DemoRun
from warehouse.demo.timeline import day

PARKS = ("齐鲁软件园", "章锦综合保税区", "济南药谷", "智能装备城", "明水经济开发区")
# Park probabilities by chain for manufacturers; service firms sit mostly in the software park.
PARK_WEIGHTS = {
    chains.IT: (0.45, 0.35, 0.0, 0.15, 0.05),
    chains.BIO: (0.10, 0.10, 0.75, 0.0, 0.05),
    chains.EQUIPMENT: (0.0, 0.15, 0.0, 0.55, 0.30),
    chains.NEV: (0.0, 0.50, 0.0, 0.20, 0.30),
    chains.MATERIALS: (0.0, 0.20, 0.0, 0.20, 0.60),
    chains.OTHER: (0.10, 0.30, 0.0, 0.20, 0.40),
}
SERVICE_PARK_WEIGHTS = {chains.BIO: (0.35, 0.05, 0.60, 0.0, 0.0)}
SERVICE_PARK_DEFAULT = (0.75, 0.10, 0.05, 0.07, 0.03)

UTILITY = -1.0  # above-scale weight of non-manufacturing industrial classes, which are sized separately


class IndustryClass(NamedTuple):
    """A GB/T 4754-2017 class and how often demo enterprises belong to it."""

    code: str
    chain: str
    above_scale_weight: float  # among above-scale industrial enterprises (UTILITY: sized apart)
    other_weight: float  # among the other (smaller or service) enterprises
    name_stems: tuple[str, ...]


def _read_industry_classes() -> tuple[IndustryClass, ...]:
    """GB/T 4754-2017 classes the demo uses, from industry_classes.csv (a data table, kept out of the code)."""
    with (Path(__file__).parent / "industry_classes.csv").open(encoding="utf-8") as f:
        return tuple(
            IndustryClass(
                row["code"],
                row["chain"],
                UTILITY if row["above_scale_weight"] == "utility" else float(row["above_scale_weight"]),
                float(row["other_weight"]),
                tuple(row["name_stems"].split()),
            )
            for row in csv.DictReader(f)
        )


CLASSES = _read_industry_classes()
assert {c.chain for c in CLASSES} == set(chains.ALL)


class NamedEnterprise(NamedTuple):
    """A large, well-known enterprise (fictionalised after the article) with its own output path."""

    name: str
    industry_code: str
    park: str
    registered_on: str
    first_listed: str  # first month on the above-scale list
    output_anchors: dict[str, float]  # monthly gross output (万元, before calibration), interpolated log-linearly


NAMED_ENTERPRISES: tuple[NamedEnterprise, ...] = tuple(
    NamedEnterprise(*e)
    for e in (
        (
            "济南弗迪电池有限公司",
            "3841",
            "章锦综合保税区",
            "2021-11-18",
            "2023-04",
            {
                "2023-04": 12_000,
                "2023-09": 90_000,
                "2023-12": 150_000,
                "2024-06": 185_000,
                "2024-12": 255_000,
                "2025-06": 320_000,
            },
        ),
        (
            "汇川技术（济南）有限公司",
            "3812",
            "智能装备城",
            "2022-09-06",
            "2024-07",
            {"2024-07": 4_000, "2024-12": 18_000, "2025-06": 30_000},
        ),
        ("齐鲁制药有限公司", "2720", "济南药谷", "1992-03-20", "2022-01", {"2022-01": 115_000, "2025-06": 150_000}),
        (
            "山东齐云计算机科技有限公司",
            "3911",
            "章锦综合保税区",
            "2005-07-12",
            "2022-01",
            {"2022-01": 170_000, "2023-06": 160_000, "2024-06": 200_000, "2025-06": 255_000},
        ),
        (
            "济南中科智芯半导体有限公司",
            "3973",
            "章锦综合保税区",
            "2017-05-26",
            "2022-01",
            {"2022-01": 9_000, "2025-06": 22_000},
        ),
        (
            "山东瑞康生物制药股份有限公司",
            "2761",
            "济南药谷",
            "2003-10-09",
            "2022-01",
            {"2022-01": 20_000, "2025-06": 30_000},
        ),
        (
            "济南泉城电力设备股份有限公司",
            "3823",
            "智能装备城",
            "1998-12-01",
            "2022-01",
            {"2022-01": 18_000, "2025-06": 26_000},
        ),
        (
            "山东明水重工机械有限公司",
            "3511",
            "明水经济开发区",
            "1996-04-18",
            "2022-01",
            {"2022-01": 16_000, "2025-06": 19_000},
        ),
        (
            "济南博泰激光科技股份有限公司",
            "3424",
            "智能装备城",
            "2008-08-08",
            "2022-01",
            {"2022-01": 20_000, "2025-06": 34_000},
        ),
        (
            "济南章锦汽车零部件有限公司",
            "3670",
            "章锦综合保税区",
            "2012-06-15",
            "2022-01",
            {"2022-01": 8_000, "2023-06": 12_000, "2025-06": 30_000},
        ),
        (
            "山东华辰医疗科技有限公司",
            "3581",
            "济南药谷",
            "2010-03-30",
            "2022-01",
            {"2022-01": 10_000, "2025-06": 15_000},
        ),
    )
)
# Enterprises in the directory that are never on the above-scale list (at scale 1).
N_OTHER_ENTERPRISES = 4600

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = np.array([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])
REGION_CODES = ("370100", "370000", "370112", "370181", "370102", "370104")
REGION_CODE_WEIGHTS = (0.55, 0.10, 0.15, 0.10, 0.05, 0.05)
BRAND_CHARS = tuple(
    "华瑞泰康博达信联创源恒新科海天宏鑫盛德嘉润通智远明安邦凯正金辰禾誉诺航光峰森睿晟昊锐卓越旭泉齐鲁舜岱"
    "圣力宇云凌弘腾丰益佳宁晶星朗尚赛鼎捷拓迈蓝澳宝汇亚龙奥英伟颐昆晨浩普瀚聚元欧威中兴和众"
)
CLASS_INDEX = {c.code: i for i, c in enumerate(CLASSES)}
HOLDING_COMPANY_CLASS = "7211"
HEATING_CLASSES = ("4412", "4430")


@dataclass(frozen=True)
class Enterprises:
    """Every enterprise of the directory: the named ones first, then the rest of the
    above-scale pool (generic), then those never on the list."""

    enterprise_id: np.ndarray
    name: np.ndarray
    industry_code: np.ndarray
    chain: np.ndarray
    park: np.ndarray
    registered_on: np.ndarray
    division: np.ndarray
    is_service: np.ndarray
    n_named: int
    n_pool: int  # named + generic: the enterprises that may be on the above-scale list

    @property
    def count(self) -> int:
        """How many enterprises the directory holds."""
        return self.enterprise_id.size


def build_enterprises(run: DemoRun, n_generic: int) -> Enterprises:
    """The directory: classes, chains, parks, registration dates, names and USCCs."""
    rng = run.rng(STREAM_ENTERPRISES)
    n_named = len(NAMED_ENTERPRISES)
    n_other = run.scaled(N_OTHER_ENTERPRISES)
    n_pool = n_named + n_generic
    n = n_pool + n_other

    above_scale_weight = np.array([c.above_scale_weight for c in CLASSES])
    other_weight = np.array([c.other_weight for c in CLASSES])
    cls = np.empty(n, dtype=np.int64)
    cls[:n_named] = [CLASS_INDEX[e.industry_code] for e in NAMED_ENTERPRISES]
    # ~1.2 % of the above-scale enterprises (at least two) are heat, power and water.
    utility_classes = np.flatnonzero(above_scale_weight == UTILITY)
    is_utility = np.zeros(n_generic, dtype=bool)
    is_utility[rng.choice(n_generic, max(2, round(0.012 * n_generic)), replace=False)] = True
    manufacturing_weight = np.where(above_scale_weight > 0, above_scale_weight, 0.0)
    generic_cls = pick(rng, n_generic, manufacturing_weight)
    generic_cls[is_utility] = utility_classes[pick(rng, int(is_utility.sum()), np.ones(utility_classes.size))]
    cls[n_named:n_pool] = generic_cls
    cls[n_pool:] = pick(rng, n_other, other_weight)

    code = np.array([c.code for c in CLASSES])[cls]
    chain = np.array([c.chain for c in CLASSES])[cls]
    division = np.strings.slice(code, 0, 2)
    service = division.astype(int) >= 47

    park = np.empty(n, dtype=object)
    for ch in chains.ALL:
        for svc in (False, True):
            idx = np.flatnonzero((chain == ch) & (service == svc))
            weights = SERVICE_PARK_WEIGHTS.get(ch, SERVICE_PARK_DEFAULT) if svc else PARK_WEIGHTS[ch]
            park[idx] = np.array(PARKS)[pick(rng, idx.size, weights)]
    park[:n_named] = [e.park for e in NAMED_ENTERPRISES]
    park = park.astype(str)

    # Registration dates: the above-scale pool is older; the rest skews recent.
    registered = np.empty(n, dtype="datetime64[D]")
    registered[:n_named] = [day(e.registered_on) for e in NAMED_ENTERPRISES]
    age_years = np.clip(rng.gamma(3.0, 4.5, n_generic), 2.0, 32.0)
    registered[n_named:n_pool] = day("2022-01-01") - (age_years * 365.25).astype(np.int64)
    registered[n_pool:] = growing_days(rng, day("2000-01-01"), day("2025-06-20"), 0.16, n_other)

    names = _enterprise_names(rng, cls, n_named, n_pool)
    ids = _uscc_ids(run.rng(STREAM_USCC), registered)
    return Enterprises(
        enterprise_id=ids,
        name=names,
        industry_code=code,
        chain=chain,
        park=park,
        registered_on=registered,
        division=division,
        is_service=service,
        n_named=n_named,
        n_pool=n_pool,
    )


def enterprises_table(run: DemoRun, ent: Enterprises, output_size: np.ndarray) -> dict[str, np.ndarray]:
    """The `enterprises` table; `output_size` is each pool enterprise's monthly output at entry."""
    rng = run.rng(STREAM_CONSENT)
    # Consent to public naming: the well-known big firms, plus some listed / known ones.
    consent = np.zeros(ent.count, dtype=bool)
    consent[: ent.n_named] = True
    size = output_size[ent.n_named :]
    big = size >= np.quantile(size, 0.9) if size.size else np.zeros(0, dtype=bool)
    consent[ent.n_named : ent.n_pool] = big
    consent[ent.n_pool :] = rng.random(ent.count - ent.n_pool) < 0.095
    return {
        "enterprise_id": ent.enterprise_id,
        "name": ent.name,
        "industry_code": ent.industry_code,
        "chain": ent.chain,
        "park": ent.park,
        "registered_on": ent.registered_on,
        "consent_public": consent,
    }


def short_brands(rng: np.random.Generator, names: np.ndarray) -> np.ndarray:
    """Enterprise names without legal form and place prefix; a random brand where there is no name."""
    short = names.astype(str)
    for form in ("股份有限公司", "（济南）有限公司", "集团有限公司", "有限公司"):
        short = np.strings.replace(short, form, "")
    for place in ("济南", "山东"):
        short = np.where(np.strings.startswith(short, place), np.strings.slice(short, 2, None), short)
    chars = np.array(BRAND_CHARS)
    n = names.size
    anonymous = concat(chars[rng.integers(0, chars.size, n)], chars[rng.integers(0, chars.size, n)])
    return np.where(short == "", anonymous, short)


def _enterprise_names(rng: np.random.Generator, cls: np.ndarray, n_named: int, n_pool: int) -> np.ndarray:
    n = cls.size
    n_stems = np.array([len(c.name_stems) for c in CLASSES])
    stems = np.array([list(c.name_stems) + [c.name_stems[0]] * (4 - len(c.name_stems)) for c in CLASSES])
    stem = stems[cls, np.floor(rng.random(n) * n_stems[cls]).astype(np.int64)]
    chars = np.array(BRAND_CHARS)
    big = np.zeros(n, dtype=bool)
    big[n_named:n_pool] = True

    def make(r: np.random.Generator, idx: np.ndarray | None, retry: bool) -> np.ndarray:
        sel = np.arange(n) if idx is None else idx
        m = sel.size
        # Redraws take three-character brands, whose space is a hundred times larger.
        third = np.where(retry | (r.random(m) < 0.15), chars[r.integers(0, chars.size, m)], "")
        brand = concat(chars[r.integers(0, chars.size, m)], chars[r.integers(0, chars.size, m)], third)
        prefix = np.array(["济南", "山东", "济南市"])[pick(r, m, (0.5, 0.35, 0.15))]
        form = np.where(r.random(m) < np.where(big[sel], 0.3, 0.12), "股份有限公司", "有限公司")
        plain = concat(prefix, brand, stem[sel], form)
        branch = concat(brand, stem[sel], "（济南）有限公司")
        return np.where(r.random(m) < 0.04, branch, plain).astype("<U40")

    # Real company names are unique: redraw repeats.
    names = make(rng, None, False)
    for _ in range(20):
        again = repeated(names)
        if again.size == 0:
            break
        names[again] = make(rng, again, True)
    else:
        raise RuntimeError("could not make unique names")
    names[:n_named] = [e.name for e in NAMED_ENTERPRISES]
    # A generic name could collide with a named one; redraw those.
    clash = np.flatnonzero(np.isin(names[n_named:], names[:n_named])) + n_named
    while clash.size:
        names[clash] = make(rng, clash, True)
        clash = np.flatnonzero(np.isin(names[n_named:], names[:n_named])) + n_named
    return names


def _uscc_ids(rng: np.random.Generator, registered_on: np.ndarray) -> np.ndarray:
    """Unique 18-char USCCs with valid check digits (GB 32100-2015)."""
    alphabet = np.array(list(USCC_ALPHABET))
    lookup = np.full(128, -1, dtype=np.int64)
    for i, ch in enumerate(USCC_ALPHABET):
        lookup[ord(ch)] = i

    def make(idx: np.ndarray) -> np.ndarray:
        m = idx.size
        region = np.array(REGION_CODES)[pick(rng, m, REGION_CODE_WEIGHTS)]
        # Since late 2015 new registrations get 'MA...' organisation codes; older firms
        # keep their GB 11714 organisation code.
        new_style = registered_on[idx] >= day("2015-10-01")
        org_new = concat(
            "MA", np.array(list("39CD"))[rng.integers(0, 4, m)], *[alphabet[rng.integers(0, 31, m)] for _ in range(6)]
        )
        first17 = concat("91", region, np.where(new_style, org_new, _gb11714_codes(rng, m)))
        codes = np.frombuffer(np.char.encode(first17, "ascii"), dtype=np.uint8).reshape(m, 17)
        check = alphabet[(31 - (lookup[codes] @ USCC_WEIGHTS) % 31) % 31]
        return concat(first17, check)

    ids = make(np.arange(registered_on.size)).astype("<U18")
    for _ in range(30):
        again = repeated(ids)
        if again.size == 0:
            break
        ids[again] = make(again)
    else:
        raise RuntimeError("could not make unique USCCs")
    # Spot checks against the reference implementation guard the vectorised maths.
    for code in ids[:: max(1, ids.size // 50)]:
        assert uscc.is_valid(code), code
    return ids


def _gb11714_codes(rng: np.random.Generator, n: int) -> np.ndarray:
    """Old-style 9-char organisation codes: 8 digits and their GB 11714 check character."""
    digits = rng.integers(0, 10, size=(n, 8))
    digits[:, 0] = rng.integers(1, 8, size=n)
    c9 = 11 - (digits @ np.array([3, 7, 9, 10, 5, 8, 4, 2])) % 11
    check = np.where(c9 == 10, "X", np.where(c9 == 11, "0", c9.astype(str)))
    value = np.zeros(n, dtype=np.int64)
    for j in range(digits.shape[1]):
        value = value * 10 + digits[:, j]
    return concat(np.strings.zfill(value.astype(str), digits.shape[1]), check)
