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
    files: tuple[tuple[str, str], ...] = ()  # (site path, text) written beside the page, e.g. its QR code

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


def feedback_mailto(email: str | None, subject: str, body: str = "") -> str | None:
    """`mailto:` with a subject (and a body), percent-encoded, or None without an address."""
    if not email:
        return None
    query = f"subject={quote(subject)}" + (f"&body={quote(body)}" if body else "")
    return f"mailto:{email}?{query}"


@dataclass(frozen=True)
class ReportLink:
    """ "Báo lỗi nội dung" on a page: the feedback page with the page named (`?trang=…`), and a
    `mailto:` whose subject names the page, readable without any script."""

    page: str  # the page's path, percent-encoded for the query string
    mailto: str | None


def report_link(site: m.Site, url: str, name: str) -> ReportLink:
    # The subject names the page (name and code); no body, so every procedure page stays small.
    return ReportLink(quote(url, safe="/"), feedback_mailto(site.feedback.email, f"Báo lỗi nội dung: {name}"))


@dataclass(frozen=True)
class KeyFact:
    """One row of the key-facts summary at the top of a procedure or commune page (GOV.UK's
    summary list): a label linking to the section that says more, and the answer in a few words."""

    label: str  # "Phí, lệ phí"
    anchor: str  # the id of the section on the same page ("phi")
    value: str  # "50.000 đồng"
    detail: str | None = None  # a second line: "Hôm nay (Thứ Bảy 28/11/2026): 07:30–11:30"
    value_href: str | None = None  # a link the value opens (a telephone number)
    link: str | None = None  # a link shown after the value (a map search)…
    link_text: str | None = None  # … and its text, "Xem bản đồ"
    live: str | None = None  # "opening": the script says whether the desk is open right now
    button: str | None = None  # the start button's URL (the online service)
    button_text: str | None = None


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
