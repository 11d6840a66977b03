"""What every page is: a URL, a title and a typed context that names its template; and the
contact details several pages show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Protocol
from urllib.parse import quote

from .. import model as m
from .. import urls
from ..authoring.skeleton import procedure_text
from ..format import tel_href

if TYPE_CHECKING:
    from ..content import Content


class Context(Protocol):
    """A page's typed context: templates read only its attributes."""

    template: ClassVar[str]


@dataclass(frozen=True)
class PageSpec:
    """One page of the site: where it goes, its title, and the context its template lays out."""

    url: str
    title: str
    context: Context
    in_nav: bool = False
    description: str | None = None

    @property
    def template(self) -> str:
        return self.context.template

    @property
    def src_uri(self) -> str:
        return urls.source_file(self.url)


@dataclass(frozen=True)
class Contact:
    """An office's address, telephone (with its `tel:` link), e-mail, web page and hours."""

    address: str
    phone: str | None
    phone_href: str | None
    email: str | None
    url: str | None
    hours: str | None


def contact(details: m.Contact) -> Contact:
    phone = details.phone
    return Contact(
        details.address, phone, tel_href(phone) if phone else None, details.email, details.url, details.hours
    )


# Links for the office's editors, to GitHub's web editor (plain links: nothing is requested
# until one is followed). None when `site.yaml` names no repository.
GITHUB = "https://github.com"
# The code a new procedure file starts with: visibly not a real code, for the editor to replace.
NEW_CODE = "0.000000"


def edit_url(content: Content, key: str) -> str | None:
    """The record's file (`procedure:1.001193`, `fee:…`, `commune:…`) in GitHub's web editor."""
    repo = content.site.repository
    file = content.files.get(key)
    if repo is None or file is None:
        return None
    return f"{GITHUB}/{repo.name}/edit/{quote(repo.branch)}/{quote(repo.folder)}/{quote(file)}"


def new_procedure_url(content: Content, field: str | None = None) -> str | None:
    """GitHub's new-file page in the procedures folder, filled with the skeleton of a procedure
    (in `field` when given)."""
    repo = content.site.repository
    if repo is None:
        return None
    text = procedure_text(
        NEW_CODE,
        "Tên thủ tục",
        field=field or next(iter(content.sectors)),
        levels=", ".join(level.id for level in content.site.levels),
        agency=next(iter(content.agencies)),
        legal=next(iter(content.legal), "…"),
        today=content.today.isoformat(),
    )
    folder = f"{repo.folder}/{m.kinds.PROCEDURES.path}"
    query = f"filename={quote(NEW_CODE + '-ten-thu-tuc.yaml')}&value={quote(text, safe='')}"
    return f"{GITHUB}/{repo.name}/new/{quote(repo.branch)}/{quote(folder)}?{query}"
