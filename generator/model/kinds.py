"""The one registry of content file kinds: where each is found, which model reads it, which key
identifies its records and which JSON Schema editors get for it. The loader, the schemas, the
skeletons and the editors' settings all read this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import Model
from .commune import Commune
from .fee import Fee
from .procedure import Procedure
from .site import Agency, AgencyList, LegalDocument, LegalList, Sector, SectorList, Site
from .stats import StatsPeriod


@dataclass(frozen=True)
class Kind:
    """One kind of content file."""

    name: str  # the schema's name: `schemas/{name}.schema.json`
    model: type[Model]  # what one file holds
    path: str  # a folder (one record per file) or a single file, relative to the content folder
    key: str  # the field that identifies a record
    # Single files holding a list: the list's key and the model of one item.
    list_key: str | None = None
    item: type[Model] | None = None
    required: bool = False
    # A folder of records that belong with those of a list file (`fields/` with `fields.yaml`):
    # that kind's name. Its records are read, compared and reported as that kind's.
    joins: str | None = None

    @property
    def is_folder(self) -> bool:
        return not self.path.endswith(".yaml")

    @property
    def record(self) -> type[Model]:
        """The model of one record (a list file's item, else the file's model)."""
        return self.item or self.model


SITE = Kind("site", Site, "site.yaml", "name", required=True)
# Fields, agencies and laws: one file per record in a folder (two editors adding one each never
# touch the same file), or the older single list file; both may be there while moving
# (`python -m generator migrate` splits a list file). One of the two is required for fields and
# agencies.
SECTORS = Kind("fields", SectorList, "fields.yaml", "id", list_key="fields", item=Sector, required=True)
AGENCIES = Kind("agencies", AgencyList, "agencies.yaml", "id", list_key="agencies", item=Agency, required=True)
LEGAL = Kind("legal", LegalList, "legal.yaml", "number", list_key="documents", item=LegalDocument)
SECTOR_FILES = Kind("field", Sector, "fields", "id", joins=SECTORS.name)
AGENCY_FILES = Kind("agency", Agency, "agencies", "id", joins=AGENCIES.name)
LAW_FILES = Kind("law", LegalDocument, "legal", "number", joins=LEGAL.name)
PROCEDURES = Kind("procedure", Procedure, "procedures", "key")  # its code, else its `id` (issue 16)
FEES = Kind("fee", Fee, "fees", "id")
COMMUNES = Kind("commune", Commune, "communes", "id")
STATS = Kind("stats", StatsPeriod, "stats", "period")

KINDS: tuple[Kind, ...] = (
    SITE,
    SECTORS,
    AGENCIES,
    LEGAL,
    SECTOR_FILES,
    AGENCY_FILES,
    LAW_FILES,
    PROCEDURES,
    FEES,
    COMMUNES,
    STATS,
)
FORMS_FOLDER = "forms"  # files offered for download, referenced by procedures
