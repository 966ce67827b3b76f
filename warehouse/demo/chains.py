"""The zone's industrial chains (产业链), the vocabulary every subject module shares."""

from __future__ import annotations

IT = "新一代信息技术"
BIO = "生物医药"
EQUIPMENT = "高端装备"
NEV = "新能源汽车与电池"
MATERIALS = "新材料"
OTHER = "其他"
ALL = (IT, BIO, EQUIPMENT, NEV, MATERIALS, OTHER)
