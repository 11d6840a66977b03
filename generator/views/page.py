"""What every page is: a URL, a title and a typed context that names its template; and the
contact details several pages show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

from .. import model as m
from .. import urls
from ..format import tel_href


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
