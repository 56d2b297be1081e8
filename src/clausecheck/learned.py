"""How the trained reader's probabilities and the rules' words become one reading.

The reader (``clausecheck.encoder``, multilingual-e5-small fine-tuned on labeled real contract
sentences) says, for a clause, how likely it is the supplier's commitment on each undertaking, a
take-back, related or nothing, whose statement it is and what sort. The rules say which words
carry a hedge or a ground. The policy, per undertaking:

- **A rule commitment stays** unless the reader is confident it is none of that: the customer's
  duty, a disclaimer, confidentiality, another subject (``VETO_COMMITMENT``). The rules' reasons
  stand, with their words; a hedge the rules have no words for is added when the reader is sure.
- **A commitment the rules passed over** is added when the reader is confident
  (``ADD_COMMITMENT``) and reads it as the supplier's (or both parties') statement. Its reasons are
  the rules' words where they find them, else the reader's.
- **A rule take-back stays** unless the reader reads the clause as a right on just cause; **a
  take-back the rules passed over** is added when the reader is confident and the rules' just-cause
  test does not clear it.
- **Who is bound** is the reader's where it is sure (it is told which of the document's terms is
  the supplier, ``clausecheck.encoder.marking``), else the rules' where they find a party term
  before the modal ("Sparkling shall not ..."), else the reader's. A statement of the customer is
  never the commitment.

Every decision records its source and probability; the verdict's confidence and its review flag
come from them.
"""

from __future__ import annotations

from dataclasses import replace

from clausecheck.reading import Ground, Qualifier, Role, Source, UndertakingReading

# A rule commitment the reader gives less than this is not one: on real contracts the rules' data
# commitments below it are confidentiality clauses about the other party's documents, statements that a
# party respects privacy, and an individual's post-termination covenants (session 7: +3 verdicts on the real
# development sets, none lost; 0.15 lost two).
VETO_COMMITMENT = 0.1
# ... except continued supply, where the reader under-reads plain continuity wording: "VOTOCAST shall
# provide the Services ... without interruption" (0.085) is the redline's own fix, and 0.08 already
# lost a verdict on the real development sets.
VETO_BY_UNDERTAKING = {"no-unjustified-supply-interruption": 0.05}
# ... nor one the reader reads as a right, a disclaimer, a definition, an exception or none of the
# statements that bind (the guide: a commitment is a binding duty, restriction or warranty of the
# supplier; a right of the supplier is never the commitment, whatever proviso it carries) unless it
# is this sure
VETO_KIND_PC = 0.5
NOT_BINDING_KINDS = ("right", "disclaimer", "definition", "exception", "other")
ADD_COMMITMENT = 0.7  # a commitment on the reader's word alone
ADD_PARTY = 0.5  # ... that the reader also reads as the supplier's (or both parties') statement
WEAK_PROB = 0.85  # the reader is this sure a rule-compliant clause is weakened ...
WEAK_REASON_PROB = 0.6  # ... and this sure of why
MODEL_REASON_PROB = 0.5  # reasons of a reader-only commitment
ADD_TAKE_BACK = 0.6
JUST_CAUSE_PROB = 0.7
READER_PARTY_PROB = 0.9
NO_JUST_CAUSE = ("no-illegal-device-control",)  # undertakings whose take-backs no ground excuses  # the reader's party overrules the rules' where it is this sure


BINDING_KINDS = ("obligation", "prohibition", "warranty")


def supplier_share(p) -> float:
    return p.party.get("supplier", 0.0) + p.party.get("both", 0.0)


def bound_party(rule_party: str | None, p, *, saw_subject: bool = True) -> str:
    """Who a clause binds: the rules' reading where they find one of the document's party terms
    before its modal, unless the reader (told who is who by ``clausecheck.encoder.marking``) is
    sure of another: "乙方仅得在为甲方提供服务所必需的范围内处理甲方数据" names the customer
    nearest its modal but binds the supplier. A reader that did not see the clause's start
    (``saw_subject``: its window of a long clause began later) does not overrule the rules where
    they read the clause as the customer's ("Customer is solely responsible for ... a
    cybersecurity review"): the reader cannot tell whose duty it is without its subject. (It still
    may where the rules read the supplier's name first: a long clause often grants the supplier a
    right after its first sentence. Session 14 tried keeping the rules' supplier there too: it fixed
    "Studio shall continue to perform ... while any Dispute is pending, ...; Publisher shall continue
    to pay ..." but read "Ehave shall be a third party beneficiary ... CHT shall obtain from each End
    User ... a licence to use End User Data solely for ..." as Ehave's data commitment, a false
    assurance on a real contract.)"""
    top = p.top("party")
    if rule_party == "customer" and not saw_subject:
        return rule_party
    if rule_party in (None, "none") or p.party.get(top, 0.0) >= READER_PARTY_PROB:
        return top
    return rule_party


def commitment(req_id: str, rule: UndertakingReading | None, p, rule_quals: tuple[Qualifier, ...],
               rule_party: str | None = None, no_carve_out: bool = False, benign_exception: bool = False,
               saw_subject: bool = True, whole_term: bool = False) -> UndertakingReading | None:
    """The commitment reading of one unit, from the rules' reading (or None) and the reader's ``p``.
    ``rule_quals`` are the rules' qualifiers for the unit's words (used when the rules did not read
    it as a commitment); ``rule_party`` is who the rules read as bound, from the document's own
    defined terms ("Sparkling shall not ..."); who is bound is decided by ``bound_party``."""
    probs = p.role[req_id]
    pc = probs["commitment"]
    party = bound_party(rule_party, p, saw_subject=saw_subject)
    if party == "customer":
        return None
    if rule is not None and rule.convention is not None:
        # The guide's convention decides what this clause is; the reader still says whose it is.
        if rule_party in (None, "none") and p.party.get("customer", 0.0) >= 0.5:
            return None
        # (ranked against the document's other commitments as clearly as the reader reads it: a
        # convention must not push a clause both readers take as a commitment out of the running)
        return replace(rule, source=Source.BOTH if pc >= 0.5 else Source.RULES, confidence=max(pc, 0.5),
                       topic_score=max(rule.topic_score, pc), model_agrees=pc >= 0.5, party=party,
                       kind=p.top("kind"))
    if rule is not None:
        if pc < VETO_BY_UNDERTAKING.get(req_id, VETO_COMMITMENT) or (pc < VETO_KIND_PC and p.top("kind") in NOT_BINDING_KINDS):
            return None
        quals, source = rule.qualifiers, Source.BOTH
        if not quals and p.weakened >= WEAK_PROB:
            code, prob = max(p.reasons.items(), key=lambda kv: kv[1])
            # An exception the rules read as resting on permitted grounds only is not a carve-out,
            # whatever the reader's impression of "except" is; nor is a clause with no exception at all
            # (``no_carve_out``).
            # ... nor is a permission, where the rules found a binding modal and no permissive one
            # (the modals are a closed list): "if Company determines that its procurement is or may be
            # subject to a review, Contractor shall cooperate fully" — the "may" is the condition's.
            # ... nor a time limit, where the only period the clause names is the agreement's own
            # ("at any time during the Lease Period", ``whole_term``): the guide's time limit is one
            # that lapses early.
            # ... nor a condition, where the only exception is one the guide permits ("save where the
            # Client has failed to pay an undisputed sum after notice": just cause, no condition the
            # operator must meet) (``benign_exception``).
            if prob >= WEAK_REASON_PROB and not (code == "carve-out" and no_carve_out) \
                    and not (code == "conditional" and benign_exception) \
                    and not (code == "permissive-modal" and rule.kind in BINDING_KINDS) \
                    and not (code == "time-limited" and whole_term):
                quals, source = (Qualifier(code, "", Source.MODEL, prob),), Source.MODEL
        return replace(rule, qualifiers=quals, source=source, confidence=pc, topic_score=pc,
                       model_agrees=pc >= 0.5, model_status_agrees=(p.weakened >= 0.5) == bool(rule.qualifiers),
                       party=party, kind=p.top("kind"))
    # On the reader's word alone: a confident commitment, in a statement that binds, of the supplier.
    kind = p.top("kind")
    if pc < ADD_COMMITMENT or kind not in BINDING_KINDS or (party != rule_party and supplier_share(p) < ADD_PARTY):
        return None
    quals = tuple(q for q in rule_quals if q.code != "non-binding" or p.kind.get("acknowledgment", 0) >= 0.5)
    if not quals and p.weakened >= 0.5:
        reasons = {c: pr for c, pr in p.reasons.items() if not (c == "carve-out" and no_carve_out)
                   and not (c == "conditional" and benign_exception)}
        if reasons:
            top = max(reasons, key=reasons.__getitem__)
            quals = tuple(Qualifier(code, "", Source.MODEL, prob) for code, prob in reasons.items()
                          if prob >= MODEL_REASON_PROB) or (Qualifier(top, "", Source.MODEL, reasons[top]),)
    return UndertakingReading(
        undertaking=req_id, role=Role.COMMITMENT, confidence=pc, qualifiers=quals, topic_score=pc,
        source=Source.MODEL, model_agrees=True, model_status_agrees=True, party=party, kind=kind,
        why="read as the supplier's commitment by the trained reader")


def take_back(req_id: str, rule: UndertakingReading | None, p, just_cause_words: str | None
              ) -> UndertakingReading | None:
    """The take-back reading of one unit. ``rule`` is the rules' take-back (or related, for a
    just-cause right); ``just_cause_words`` the rules' just-cause ground in the unit, if any."""
    probs = p.role[req_id]
    pt = probs["take-back"]
    # (not for the equipment: the guide makes a kill switch a take-back whatever its ground, non-payment
    # and licence breach included)
    benign = req_id not in NO_JUST_CAUSE and probs["related"] > pt and p.just_cause >= JUST_CAUSE_PROB
    if rule is not None and rule.role == Role.TAKE_BACK:
        # The rules found a right to do what the undertaking forbids, on a ground that is not just
        # cause: it stands unless the reader reads it as a right on just cause.
        if benign:
            return None
        return replace(rule, confidence=max(pt, 0.5), source=Source.BOTH, party=p.top("party"), kind=p.top("kind"))
    if rule is not None:  # the rules read a just-cause right
        return None
    if pt < ADD_TAKE_BACK or supplier_share(p) < ADD_PARTY or benign or just_cause_words:
        return None
    return UndertakingReading(
        undertaking=req_id, role=Role.TAKE_BACK, confidence=pt, source=Source.MODEL,
        party=p.top("party"), kind=p.top("kind"),
        ground=Ground("", just_cause=False, source=Source.MODEL),
        why="read by the trained reader as a right of the supplier to do what the undertaking forbids")
