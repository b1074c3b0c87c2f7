"""The police's single incidents, private by construction (a package of its own: dataio/store
holds a dozen modules already).

reads: `incident_rows` and `incident_points` for the police of the district and the administrator
only (Action.VIEW_INCIDENTS); `incident_aggregates` and `incident_scan` for anyone who may view the
municipality, returning only the hotspot model's cell counts of at least `min_count` (3 or more)
at cell centres. retention: `prune_incidents`, what `botrygt prune` runs. The importer is
dataio/files/incidents.py.
"""

from dataio.store.incidents.reads import (
    incident_aggregates,
    incident_points,
    incident_rows,
    incident_scan,
)
from dataio.store.incidents.retention import prune_incidents, retention_cutoff

__all__ = [
    "incident_aggregates",
    "incident_points",
    "incident_rows",
    "incident_scan",
    "prune_incidents",
    "retention_cutoff",
]
