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

    @property
    def is_folder(self) -> bool:
        return not self.path.endswith(".yaml")

    @property
    def record(self) -> type[Model]:
        """The model of one record (a list file's item, else the file's model)."""
        return self.item or self.model


SITE = Kind("site", Site, "site.yaml", "name", required=True)
SECTORS = Kind("fields", SectorList, "fields.yaml", "id", list_key="fields", item=Sector, required=True)
AGENCIES = Kind("agencies", AgencyList, "agencies.yaml", "id", list_key="agencies", item=Agency, required=True)
LEGAL = Kind("legal", LegalList, "legal.yaml", "number", list_key="documents", item=LegalDocument)
PROCEDURES = Kind("procedure", Procedure, "procedures", "key")  # its code, else its `id` (issue 16)
FEES = Kind("fee", Fee, "fees", "id")
COMMUNES = Kind("commune", Commune, "communes", "id")
STATS = Kind("stats", StatsPeriod, "stats", "period")

KINDS: tuple[Kind, ...] = (SITE, SECTORS, AGENCIES, LEGAL, PROCEDURES, FEES, COMMUNES, STATS)
FORMS_FOLDER = "forms"  # files offered for download, referenced by procedures
