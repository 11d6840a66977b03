"""schema.org JSON-LD of procedure pages (`GovernmentService`) and commune pages
(`GovernmentOffice` with opening hours), as JSON safe inside a `<script>` element."""

from __future__ import annotations

import json
from typing import Any

from .. import model as m
from .. import urls
from ..content import Content
from ..format import agency_name, channel_label, iso_duration


def json_ld(data: dict[str, Any]) -> str:
    """JSON for a <script> element: `<` is escaped so no text can close the element."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def procedure_ld(content: Content, p: m.Procedure) -> dict[str, Any]:
    area = {"@type": "AdministrativeArea", "name": content.site.authority.unit}
    channels = []
    offers = []
    for ch in p.channels:
        channel: dict[str, Any] = {"@type": "ServiceChannel", "name": channel_label(ch.mode)}
        if (duration := iso_duration(ch.time)) is not None:
            channel["processingTime"] = duration
        if ch.mode == "truc_tuyen" and p.online.url:
            channel["serviceUrl"] = p.online.url
        channels.append(channel)
        for ref in ch.fees:
            version = content.fees[ref.fee].version_on(content.today)
            if version is not None:
                offer: dict[str, Any] = {
                    "@type": "Offer",
                    "name": f"{content.fees[ref.fee].name} ({channel_label(ch.mode)})",
                    "priceCurrency": "VND",
                    "description": version.rule,
                }
                offer["price"] = version.compute(1) if version.per_unit else version.amount or 0
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
