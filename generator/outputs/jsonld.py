"""schema.org JSON-LD of procedure pages (`GovernmentService`) and commune pages
(`GovernmentOffice` with opening hours), as JSON safe inside a `<script>` element."""

from __future__ import annotations

import json
from typing import Any

from .. import model as m
from .. import urls
from ..content import Content
from ..facts import Facts
from ..format import FREE, agency_name, channel_label, iso_duration, spelling


def _spelled(value: Any) -> Any:
    if isinstance(value, str):
        return spelling(value)
    if isinstance(value, dict):
        return {key: _spelled(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_spelled(item) for item in value]
    return value


def json_ld(data: dict[str, Any]) -> str:
    """JSON for a <script> element, its text in the site's spelling (`format.spelling`): `<` is
    escaped so no text can close the element."""
    return (
        json.dumps(_spelled(data), ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def procedure_ld(facts: Facts, p: m.Procedure) -> dict[str, Any]:
    """The procedure as a `GovernmentService`. Its offers say what the page says: a price of 0 only
    for a stated zero or a legal exemption, a range for local tiers, no price for an amount the
    record gives only in words, and no offer at all for a channel whose fees are not stated."""
    content = facts.content
    area = {"@type": "AdministrativeArea", "name": content.site.authority.unit}
    channels = []
    offers: list[dict[str, Any]] = []
    for ch in p.channels:
        label = channel_label(ch.mode)
        channel: dict[str, Any] = {"@type": "ServiceChannel", "name": label}
        if (duration := iso_duration(ch.time)) is not None:
            channel["processingTime"] = duration
        if ch.mode == "truc_tuyen" and p.online.url:
            channel["serviceUrl"] = p.online.url
        channels.append(channel)
        fees = facts.channel_fees(ch)
        if fees.stated and not fees.prices:
            offers.append(
                {
                    "@type": "Offer",
                    "name": f"{FREE} phí, lệ phí ({label})",
                    "description": FREE,
                    "price": 0,
                    "priceCurrency": "VND",
                }
            )
        for price in fees.prices:
            offer: dict[str, Any] = {"@type": "Offer", "name": f"{price.name} ({label})", "description": price.text}
            if price.low is not None and price.low == price.high and not price.open_ended:
                offer["price"] = price.low
                offer["priceCurrency"] = "VND"
            elif price.low is not None:
                spec: dict[str, Any] = {"@type": "PriceSpecification", "minPrice": price.low, "priceCurrency": "VND"}
                if not price.open_ended:
                    spec["maxPrice"] = price.high
                offer["priceSpecification"] = spec
            if price.reduced_until is not None:
                offer["priceValidUntil"] = price.reduced_until.isoformat()
            offers.append(offer)
    return {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": p.name,
        **({"identifier": p.code} if m.is_stated(p.code) else {}),
        "url": urls.absolute(content.site.base_url, urls.procedure(p.key)),
        "serviceType": content.sectors[p.field].name,
        "provider": [
            {"@type": "GovernmentOrganization", "name": agency_name(content.agencies, a)}
            for a in m.listed(p.agencies.executing)
        ],
        "areaServed": area,
        "audience": [{"@type": "Audience", "audienceType": a} for a in m.listed(p.applicants)],
        "availableChannel": channels,
        "offers": offers,
    }


_DAYS = {
    "t2": "Monday",
    "t3": "Tuesday",
    "t4": "Wednesday",
    "t5": "Thursday",
    "t6": "Friday",
    "t7": "Saturday",
    "cn": "Sunday",
}


def commune_ld(content: Content, c: m.Commune) -> dict[str, Any]:
    hours = []
    for oh in c.office_hours:
        for block in (oh.morning, oh.afternoon):
            if block:
                opens, closes = block.split("-")
                hours.append(
                    {
                        "@type": "OpeningHoursSpecification",
                        "dayOfWeek": [f"https://schema.org/{_DAYS[d]}" for d in oh.weekdays],
                        "opens": opens,
                        "closes": closes,
                    }
                )
    office: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": c.desk,
        "url": urls.absolute(content.site.base_url, urls.commune(c.id)),
        "address": {"@type": "PostalAddress", "streetAddress": c.address, "addressCountry": "VN"},
        "openingHoursSpecification": hours,
    }
    if c.phone:
        office["telephone"] = c.phone
    return office
