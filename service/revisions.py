"""A revised draft against the report it revises: which conflicts are gone, still there, or new.

Two conflicts are the same when they clash with the same reference position on the same reference
fragment in the same way (the message id): a corrected figure that is still wrong ("Rp340 triliun"
where the position says "Rp335 triliun") is the same conflict still there, while a sentence rewritten
so that it agrees is one gone.
"""

from __future__ import annotations

from service.domain import ConflictRef, Finding, Relation, Report, Revision

Identity = frozenset[tuple[str, str, str]]


def compare(previous: Report, current: Report) -> Revision:
    """How ``current`` (a revision) stands against ``previous``: conflicts gone, still there and new."""
    before = [(i, f, _identity(f)) for i, f in enumerate(previous.findings) if f.relation == Relation.CONFLICTS]
    after = [(i, f, _identity(f)) for i, f in enumerate(current.findings) if f.relation == Relation.CONFLICTS]
    matched: set[int] = set()
    still: list[ConflictRef] = []
    new: list[ConflictRef] = []
    for index, finding, identity in after:
        twin = next((j for j, (_, _, old) in enumerate(before) if j not in matched and old & identity), None)
        if twin is None:
            new.append(_ref(index, finding))
        else:
            matched.add(twin)
            still.append(_ref(index, finding))
    gone = [_ref(i, f) for j, (i, f, _) in enumerate(before) if j not in matched]
    return Revision(of=previous.id, gone=gone, still=still, new=new)


def _identity(finding: Finding) -> Identity:
    """(position, message id, reference fragment) of each reason; reports without messages: by kind."""
    position = finding.evidence[0].position_id if finding.evidence else ""
    if finding.messages:
        return frozenset((position, m.id, str(m.params.get("reference", ""))) for m in finding.messages)
    return frozenset((position, str(kind), "") for kind in finding.kinds) or frozenset({(position, "", "")})


def _ref(index: int, finding: Finding) -> ConflictRef:
    reference = next((str(m.params["reference"]) for m in finding.messages if "reference" in m.params), None)
    if reference is None:
        reference = finding.evidence[0].passage if finding.evidence else ""
    return ConflictRef(finding=index, sentence=finding.sentence, kinds=finding.kinds,
                       position_id=finding.evidence[0].position_id if finding.evidence else None, reference=reference)
