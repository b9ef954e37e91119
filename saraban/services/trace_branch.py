"""An office's own branch of a cascade: what a clerk looks for first in a trace.

A circular from a ministry reaches 76 provinces, 878 districts and thousands of local
bodies; the district clerk wants the line that runs through their office, and the rest folded.
"""

from __future__ import annotations

from saraban.services.trace import Trace, TraceNode


def own_branch(trace: Trace, agency_id: int) -> set[int]:
    """The letters on the way to and from an office: those it sent or received, with their ancestors."""
    by_id = {node.letter_id: node for node in trace.nodes}
    touched = [
        node
        for node in trace.nodes
        if node.sender_agency_id == agency_id or any(hop.agency_id == agency_id for hop in node.receipts)
    ]
    branch: set[int] = set()
    for found in touched:
        node: TraceNode | None = found
        while node is not None and node.letter_id not in branch:
            branch.add(node.letter_id)
            node = by_id.get(node.parent_id) if node.parent_id else None
    return branch


def office_first(trace: Trace, agency_id: int | None) -> tuple[list[TraceNode], set[int]]:
    """The cascade's letters with the office's branch first among its siblings, and that branch.

    Parents still come before their children (the order is by depth), so a tree can be built
    in one pass.
    """
    branch = own_branch(trace, agency_id) if agency_id is not None else set()
    ordered = sorted(trace.nodes, key=lambda node: (node.depth, node.letter_id not in branch))
    return ordered, branch
