"""The closed vocabularies of the shapes: event types and their families, statuses, roles, date precisions
and what a number counts. Plain enums with no other dependency; ``core.schema`` exports them with the shapes.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "EventType",
    "EVENT_TYPE_GUIDE",
    "TYPE_FAMILY",
    "Status",
    "Role",
    "Precision",
    "QuantityKind",
    "QuantityQualifier",
    "QuantityBasis",
]


class EventType(StrEnum):
    """Closed event vocabulary for news in general, after PLOVER's and ACLED's categories."""

    fighting = "fighting"
    attack = "attack"
    takeover = "takeover"
    withdrawal = "withdrawal"
    deployment = "deployment"
    protest = "protest"
    political = "political"
    diplomatic = "diplomatic"
    economic = "economic"
    legal = "legal"
    disaster = "disaster"
    humanitarian = "humanitarian"
    other = "other"


# One line per type; rendered into the extraction prompt and the docs, so the model and the reader see
# the same definitions.
EVENT_TYPE_GUIDE: dict[EventType, str] = {
    EventType.fighting: "armed clashes, battles, offensives, military operations between armed groups",
    EventType.attack: "one-sided violence: airstrikes, bombings, shelling, attacks on civilians",
    EventType.takeover: "an actor takes, captures or is handed control of a place, site or institution",
    EventType.withdrawal: "forces retreat from, pull out of, vacate or leave a place",
    EventType.deployment: "forces moved, redeployed, reinforced or mobilised towards a place",
    EventType.protest: "demonstrations, strikes, riots",
    EventType.political: "government or leadership decisions, statements of goals or policy, appointments",
    EventType.diplomatic: "talks, appeals, requests or agreements between states or organisations",
    EventType.economic: "deals, bids, acquisitions, markets, sanctions, budgets",
    EventType.legal: "arrests, charges, trials, rulings, investigations",
    EventType.disaster: "earthquakes, floods, fires, accidents",
    EventType.humanitarian: "displacement, casualty tolls, refugee flows, aid",
    EventType.other: "anything that fits none of the above",
}


# Types that describe one happening from different angles share a family: a clash and an air strike are
# both violence, a withdrawal and a deployment both movement of forces. The merge links events across a
# family and the scorer counts a type of the same family as half right.
TYPE_FAMILY: dict[EventType, str] = {
    EventType.fighting: "armed",
    EventType.attack: "armed",
    EventType.withdrawal: "move",
    EventType.deployment: "move",
}


class Status(StrEnum):
    """How the article presents the event."""

    asserted = "asserted"
    claimed = "claimed"
    denied = "denied"
    planned = "planned"


class Role(StrEnum):
    """An actor's part in an event."""

    agent = "agent"
    target = "target"
    other = "other"


class Precision(StrEnum):
    """How precisely a resolved date is known."""

    day = "day"
    week = "week"
    month = "month"
    year = "year"
    unknown = "unknown"


class QuantityKind(StrEnum):
    """What a stated number counts (people evacuated count as displaced, as ACLED and IDMC count them)."""

    killed = "killed"
    injured = "injured"
    missing = "missing"
    displaced = "displaced"
    arrested = "arrested"
    participants = "participants"
    jobs = "jobs"
    money = "money"
    percent = "percent"
    other = "other"


class QuantityQualifier(StrEnum):
    """How exact a stated number is."""

    exact = "exact"
    at_least = "at_least"
    at_most = "at_most"
    about = "about"
    range = "range"
    vague = "vague"


class QuantityBasis(StrEnum):
    """What a money or percent figure is: the whole, a price per unit, a part of a whole, or a change."""

    total = "total"
    per_share = "per_share"
    component = "component"
    change = "change"
