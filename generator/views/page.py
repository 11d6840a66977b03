"""What every page is: a URL, a title and a typed context that names its template."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

from .. import urls


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
