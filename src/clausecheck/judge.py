"""Judge each undertaking: read the clauses that speak to it, then decide (``clausecheck.verdict``).

The steps, per document:
1. segment it and find who is who (the document's own terms for supplier and customer);
2. find the candidate clauses for each undertaking: the rules' topic cues from the clause library
   (a sentence leaning on the one before it, "such review" / 该等审查, is read with it), rights
   anywhere in the document that could take a commitment back, and the library's wider recall cues
   (a promise to keep performing during a dispute, support for ten years) for the trained reader;
3. read each candidate (``clausecheck.reading``): the rules' reading (``clausecheck.rules_reader``)
   with its words, and the trained reader's (``clausecheck.encoder``) probabilities for who is bound,
   what sort of statement it is and what it is to each undertaking, put together by the policy in
   ``clausecheck.learned``; one pass of the reader per document, over every candidate;
4. decide each undertaking from the readings (``clausecheck.verdict.decide``), then suggest a fix.

Without the reader (``use_model=False``) the rules' reading decides alone: the ablation.
"""

from __future__ import annotations

from dataclasses import replace

from clausecheck import learned
from clausecheck.document import SourceDocument
from clausecheck.encoder.marking import mark_parties
from clausecheck.findings import DocumentReport, DocumentWarning, Finding
from clausecheck.library import ClauseLibrary, CompiledCues, CompiledUndertaking, Undertaking
from clausecheck.parties import Parties, detect_parties
from clausecheck.reading import Role, Unit
from clausecheck.rules_match import earliest
from clausecheck.rules_reader import RuleReader
from clausecheck.segment import Segmented, Sentence, segment
from clausecheck.verdict import Candidate, decide

# The reader's budget per document (speed: ~110 sentences/s on two cores, and the whole check must
# run at 60 pages/s). The rules' commitments come first, then the recall cues' best, then the rules'
# other topic sentences; take-backs are read only for undertakings something commits to.
MAX_READ = 10
MAX_TAKE_BACKS = 4
MAX_UNREAD_COMMITMENTS = 8  # commitments a first verdict rested on that the reader had not read
RECALL_PER_UNDERTAKING = 3
SCREEN_MIN = 0.3  # the screen's score below which a sentence the rules passed over is not read
BUDGET_ORDER = ("commitment", "recall", "rule")  # what the reader reads first (``_budgeted``)
WINDOW = 300  # characters of a long clause the reader sees, around its topic words (~70 tokens)
HEAD_LEAD = 120  # characters of a list's head read before an item that the head binds


class DocumentJudge:
    def __init__(self, source: SourceDocument, library: ClauseLibrary, *, reader=None, screen=None,
                 seg: Segmented | None = None, parties: Parties | None = None):
        self.source = source
        self.library = library
        self.cues: CompiledCues = library.compiled
        # A caller that already segmented the document (the batch's contract check) passes it on.
        self.seg: Segmented = seg if seg is not None else segment(source)
        self.parties: Parties = parties if parties is not None else detect_parties(self.seg, library)
        self.rules = RuleReader(self.seg, self.parties, self.cues)
        self.reader = reader
        self.screen = screen if reader is not None else None  # it only chooses what the reader reads
        self._readings: dict[frozenset[int], object] | None = None
        # Readings of a long clause from an undertaking's own words (``_later_windows``).
        self._later: dict[tuple[frozenset[int], str], object] = {}
        # Where the reader's window on each read unit starts (0: it saw the clause's start).
        self._starts: dict[frozenset[int], int] = {}
        # The commitments each verdict was chosen from (suggestions look at them).
        self.commitments: dict[str, list[Candidate]] = {}
        # What later stages derive from the whole document once (the suggestions' citation style).
        self.memo: dict[str, object] = {}

    # ------------------------------------------------------------------ candidates
    @staticmethod
    def _lexical_strength(u: CompiledUndertaking, text: str) -> float:
        hits = sum(1 for p in u.required + u.action + u.positive_forms if p.search(text))
        return hits - len(text) / 2000

    def _recall(self, req_id: str, u: CompiledUndertaking, taken: set[frozenset[int]]) -> list[Unit]:
        """Sentences the rules passed over that may still be a commitment or a take-back: the
        screen's highest (``clausecheck.screen``: learned from the reader's labels and readings), or,
        without it, the library's recall cues; binding or permissive sentences only."""
        # A sentence already read as part of a unit ("... shall not suspend. The foregoing applies
        # only during the warranty period.") is not read again alone: alone it loses what qualifies it.
        covered = set().union(*taken) if taken else set()
        pool = [s for s in self._recall_pool() if s.index not in covered]
        if self.screen is not None:
            scores = self._screen_scores()
            ranked = sorted((s for s in pool if scores[req_id][s.index] >= SCREEN_MIN),
                            key=lambda s: -scores[req_id][s.index])
        elif u.recall_low is not None:
            hits = {s.index: len(u.recall_low.findall(self.rules.low(s))) for s in pool}
            ranked = sorted((s for s in pool if hits[s.index]), key=lambda s: (-hits[s.index], len(s.text)))
        else:
            ranked = []
        return [Unit((s,)) for s in ranked[:RECALL_PER_UNDERTAKING]]

    def _recall_pool(self) -> list[Sentence]:
        """Sentences that bind, permit or acknowledge something (once per document)."""
        if "pool" not in self.memo:
            cues = self.cues
            self.memo["pool"] = [
                s for s in self.seg.sentences if len(s.text) >= 25 and (
                    cues.obligation_low.search(self.rules.low(s)) or cues.right_modal.search(s.text)
                    or cues.non_binding_low.search(self.rules.low(s)))]
        return self.memo["pool"]

    def _screen_scores(self) -> dict[str, dict[int, float]]:
        """The screen's score of each sentence of the recall pool (sentence index -> score)."""
        if "screen" not in self.memo:
            pool = self._recall_pool()
            sc = self.screen.scores([mark_parties(s.text, self.parties) for s in pool])
            self.memo["screen"] = {u: {s.index: float(x) for s, x in zip(pool, v, strict=True)} for u, v in sc.items()}
        return self.memo["screen"]

    def _candidate_units(self) -> dict[str, list[tuple[Unit, str]]]:
        """Per undertaking, the units to read and why: ``commitment`` (a topic unit the rules read as a
        commitment), ``rule`` (another topic unit), ``take-back`` (a right the rules found) or
        ``recall`` (the wider cues)."""
        out: dict[str, list[tuple[Unit, str]]] = {}
        for req in self.library.undertakings:
            u = self.cues.undertakings[req.id]
            units = sorted((unit for unit, _ in self.rules.units(req.id, u)),
                           key=lambda un: -self._lexical_strength(u, un.text))
            items = [(un, "commitment" if self.rules.commitment(req, u, un) is not None else "rule") for un in units]
            items += [(un, "take-back") for un, _ in self.rules.take_backs(req, u)]
            out[req.id] = items
        if self.reader is not None:
            taken = {un.indices for items in out.values() for un, _ in items}
            for req in self.library.undertakings:
                u = self.cues.undertakings[req.id]
                out[req.id] += [(un, "recall") for un in self._recall(req.id, u, taken)]
        return out

    def _read(self, units: list[Unit]) -> dict[frozenset[int], object]:
        """The reader's readings of ``units`` (read once each; later calls read only new ones)."""
        if self._readings is None:
            self._readings = {}
        new = list({un.indices: un for un in units if un.indices not in self._readings}.values())
        if new and self.reader is not None:
            # The reader is told who is who: the document's party terms marked by role. A long clause
            # is read from its first topic word; an undertaking whose words come only after that
            # window ("X shall keep records ..., shall notify ..., and shall cooperate with any
            # cybersecurity review ...") is read again from its own words, for that undertaking.
            texts: list[str] = []
            keys: list[tuple[frozenset[int], str | None]] = []
            for un in new:
                text = un.text
                # (a list item is read after its head where the head says who is bound: the end of
                # the head, then the item's own window)
                head = self.rules.binding_head(un)
                lead = (head + " ")[-HEAD_LEAD:].lstrip() if head else ""
                start = self._starts[un.indices] = _window_start(self.cues, text)
                texts.append(mark_parties(lead + text[start:start + WINDOW], self.parties))
                keys.append((un.indices, None))
                for req_id, own in _later_windows(self.cues, text, start).items():
                    texts.append(mark_parties(lead + text[own:own + WINDOW], self.parties))
                    keys.append((un.indices, req_id))
            preds = self.reader.read(texts)
            for (indices, req_id), p in zip(keys, preds, strict=True):
                if req_id is None:
                    self._readings[indices] = p
                else:
                    self._later[(indices, req_id)] = p
        return self._readings

    def _budgeted(self, candidates: dict[str, list[tuple[Unit, str]]]) -> list[Unit]:
        """What the reader reads first, within ``MAX_READ``: for every undertaking in turn, the
        clauses the rules read as a commitment, then the recall cues' best, then the rules' other
        topic units. (Take-backs are read only where a commitment is found: see ``judge_all``.)"""
        order: dict[frozenset[int], Unit] = {}
        for rank in BUDGET_ORDER:
            queues = [[un for un, why in items if why == rank] for items in candidates.values()]
            for un in _round_robin(queues, MAX_READ - len(order), seen=set(order)):
                order[un.indices] = un
        return list(order.values())

    # ------------------------------------------------------------------ verdict
    def judge_all(self) -> list[tuple[Undertaking, Finding, dict]]:
        candidates = self._candidate_units()
        if self.reader is not None:
            self._read(self._budgeted(candidates))
            # Second pass: the take-backs of the undertakings something commits to (elsewhere a
            # take-back changes nothing: the verdict is missing either way).
            first = {req.id: self._judge(req, candidates[req.id], self._readings) for req in self.library.undertakings}
            committed = [req for req in self.library.undertakings if first[req.id][0].status != "missing"]
            # A verdict should not rest on a commitment only the rules read: the reader reads the
            # commitments the first pass rested on but had left for the budget, too: for each
            # undertaking in turn, the one its first verdict quotes first, then the others.
            queues = []
            for req in committed:
                quoted = first[req.id][0].evidence[0].text if first[req.id][0].evidence else None
                q = [c.unit for c in self.commitments.get(req.id, []) if c.unit.indices not in self._readings]
                queues.append(sorted(q, key=lambda un, quoted=quoted: un.text != quoted))
            unread = _round_robin(queues, MAX_UNREAD_COMMITMENTS)
            before = set(self._readings)
            # (the take-backs one from each undertaking in turn, as the commitments: two forced
            # updates must not leave the supply undertaking's rights unread)
            take_backs = _round_robin([[un for un, why in candidates[req.id] if why == "take-back"]
                                       for req in committed], MAX_TAKE_BACKS)
            self._read(unread + take_backs)
            new = set(self._readings) - before
            out = []
            for req in self.library.undertakings:
                # Judged again only where the second pass read one of its clauses.
                if any(un.indices in new for un, _ in candidates[req.id]):
                    first[req.id] = self._judge(req, candidates[req.id], self._readings)
                out.append((req, *first[req.id]))
            return out
        out = []
        for req in self.library.undertakings:
            finding, debug = self._judge(req, candidates[req.id], {})
            out.append((req, finding, debug))
        return out

    def judge(self, req: Undertaking) -> tuple[Finding, dict]:
        """One undertaking (the suggestions and tests use it on its own)."""
        candidates = self._candidate_units()
        if self.reader is not None:
            self._read(self._budgeted(candidates))
            self._read([un for un, why in candidates[req.id] if why == "take-back"][:MAX_TAKE_BACKS])
        return self._judge(req, candidates[req.id], self._readings or {})

    def _judge(self, req: Undertaking, items: list[tuple[Unit, str]], readings: dict) -> tuple[Finding, dict]:
        u = self.cues.undertakings[req.id]
        rule_tbs = {un.indices: r for un, r in self.rules.take_backs(req, u)}
        commitments: list[Candidate] = []
        take_backs: list[Candidate] = []
        seen: set[frozenset[int]] = set()
        best_missing = 0.0  # the reader's strongest "commitment" among clauses it did not accept
        # A sentence that is also read together with the sentence qualifying it ("... shall not
        # interrupt supply. 本条在具体情形下如何适用，由卖方酌情决定。") is a commitment only in that
        # longer reading: alone it would pass as compliant. (As a take-back it is still weighed.)
        unit_sets = {un.indices for un, _ in items}
        for unit, why in items:
            if unit.indices in seen:
                continue
            seen.add(unit.indices)
            subsumed = any(unit.indices < other for other in unit_sets)
            rule_c = (self.rules.commitment(req, u, unit)
                      if why in ("rule", "commitment") and not subsumed else None)
            rule_t = rule_tbs.get(unit.indices)
            if rule_c is not None and rule_c.convention is None and rule_t is not None \
                    and rule_t.role == Role.TAKE_BACK and rule_t.leads:
                # "X may terminate on notice ..., but in such case X will cooperate ...": a right
                # to stop first, its duties only how it is used; a right is never the commitment.
                # (A right the guide's conventions count, "may terminate only for good cause", stays.)
                rule_c = None
            p = readings.get(unit.indices)
            later = self._later.get((unit.indices, req.id)) if p is not None else None
            if later is not None:
                p = later  # the reading from this undertaking's own words
            if p is None:  # rules only, or over the reader's budget
                if rule_c is not None:
                    # Over the budget, the rules' word alone: a "compliant" resting on it goes to a
                    # reviewer (its rank among the candidates is unchanged).
                    commitments.append(Candidate(unit, replace(rule_c, unread=True) if self.reader is not None
                                                 else rule_c))
                if rule_t is not None:
                    take_backs.append(Candidate(unit, rule_t))
                continue
            text = unit.text
            low = text.lower()
            # Disclaims or defines: commits to nothing, whatever the reader says (a definition that
            # narrows a commitment is cited with it, not as a take-back), and takes back only what
            # the rules read as a right in its words.
            inert = self.rules.commits_to_nothing(text)
            # The reader alone adds a commitment only where the library's words point at the
            # undertaking at all (its subject, its continuity wordings, a convention or a recall cue):
            # on real contracts it otherwise reads a term clause, a survival clause or "shall not
            # release the assignor from its obligations" as a promise of continued supply. Review
            # cooperation must name the review itself (``named_only``).
            unnamed = rule_c is None and not (
                u.required_low.search(low) if u.named_only else u.points_at(low))
            # ... and only in a clause that binds, restricts, promises or acknowledges something: a
            # right or a description ("Our consideration of vendors may be conditioned upon ...")
            # is no one's commitment, however close its words; nor is a duty of someone the
            # document does not call the supplier ("the Sender shall not modify the facilities").
            unbound = rule_c is None and (not self.rules.binds_at_all(text) or self.rules.binds_another(text))
            if inert or subsumed or unnamed or unbound:
                c = None
            else:
                # Where the reader's window cut off the clause's start, it did not see who is
                # bound ("Customer is solely responsible for ... a cybersecurity review"): the
                # rules' party, found in the whole clause, stands.
                c = learned.commitment(req.id, rule_c, p, self.rules.with_list_head(u, unit, self.rules.qualifiers(u, text)),
                                       rule_party=self.rules.bound_party(self.rules.after_reasons(self.rules.with_head(unit))).value,
                                       saw_subject=later is None and self._starts.get(unit.indices, 0) == 0,
                                       no_carve_out=self.rules.no_carve_out(text),
                                       benign_exception=self.rules.benign_exception(text),
                                       whole_term=self.rules.names_whole_term(text))
            if c is not None:
                if c.definition is None:
                    c = replace(c, definition=self.rules.narrowing_definition(unit.text))
                commitments.append(Candidate(unit, c))
            else:
                best_missing = max(best_missing, p.role[req.id]["commitment"])
            # A right the rules found by its words stays a take-back even where the clause also
            # disclaims liability for using it ("may suspend at once ... without any liability").
            # ... and the reader adds none that is held by someone the document does not call the
            # supplier ("Calloway may terminate" where the supplier is "the Provider").
            # ... nor one that is denied to both ("neither party may suspend").
            # ... nor one whose words name neither the undertaking's subject nor a right the library
            # knows for it: "may increase the Support Fees", "may amend the EULA", 可以对功能进行升级 are
            # rights, but no stop of supply.
            untopical = not (u.required_low.search(low) or (u.take_back_low is not None and u.take_back_low.search(low)))
            # ... nor one with no word of a right at all (the library's screen for take-backs: may,
            # entitled, reserves, 有权, 可 ...): "(B) The Contractor supplied the systems installed on the
            # Vessels and wishes to maintain them" sets the scene, it takes nothing back
            untopical = untopical or (u.screen_low is not None and not u.screen_low.search(low))
            # ... nor one the rules read as the customer's ("承批公司可随时……终止").
            # (the reader's own take-backs only: checked where the rules read none, so the pattern
            # scans run only then)
            t = (None if rule_t is None and (inert or untopical or self.rules.right_held_by_another(text)
                                            or self.rules.right_denied(text)
                                            or self.rules.right_held_by_customer(u, text))
                 else learned.take_back(req.id, rule_t, p, self._just_cause_words(req, unit)))
            if t is not None:
                take_backs.append(Candidate(unit, t))
        off = self.rules.disapplied_sections()
        if off:
            # A right in a section the document switches off for the customer takes nothing back.
            take_backs = [replace(t, reading=replace(t.reading, role=Role.RELATED,
                                                     why="a right in a section the contract disapplies for the customer"))
                          if t.reading.role == Role.TAKE_BACK and self.rules.in_sections(t.unit.first, off) else t
                          for t in take_backs]
        self.commitments[req.id] = commitments
        missing_confidence = (round(max(0.5, 1.0 - best_missing), 3) if self.reader is not None
                              else (0.9 if not items else 0.8))
        finding = decide(req.id, commitments, take_backs, self.rules.named_sections,
                         missing_confidence=missing_confidence, held_by_other=self.rules.held_by_other_than)
        debug = {"candidates": len(items), "commitments": len(commitments),
                 "take_backs": sum(t.reading.role == Role.TAKE_BACK for t in take_backs)}
        if finding.evidence:
            debug["best"] = finding.evidence[0].text[:120]
        return finding, debug

    def _just_cause_words(self, req: Undertaking, unit: Unit) -> str | None:
        """The rules' just-cause ground in a unit (only for the supply undertaking, where the
        guide's just cause applies), unless the unit also names a ground that is not."""
        if req.id != "no-unjustified-supply-interruption":
            return None
        return self.rules.just_cause_ground(unit.first)

    def reasons_for(self, req: Undertaking, text: str, like: Sentence) -> set[str] | None:
        """The reason codes a commitment worded ``text`` would get here (None: not a commitment).
        Suggestions use it to check that an edit really fixes what it claims to."""
        return self.rules.reasons_for(req, self.cues.undertakings[req.id], text, like)


def _round_robin(queues: list[list[Unit]], limit: int, seen: set[frozenset[int]] | None = None) -> list[Unit]:
    """Up to ``limit`` units, one from each queue in turn, so that no undertaking spends the whole
    budget. With ``seen``, a unit already there is passed over (its turn is spent) and new ones are
    added to it."""
    out: list[Unit] = []
    while any(queues) and len(out) < limit:
        for q in queues:
            if q and len(out) < limit:
                un = q.pop(0)
                if seen is None:
                    out.append(un)
                elif un.indices not in seen:
                    seen.add(un.indices)
                    out.append(un)
    return out


def _window(cues: CompiledCues, text: str, width: int | None = None) -> str:
    """The part of a long clause the reader sees (it reads 128 tokens): from a little before the
    first topic word of any undertaking."""
    width = WINDOW if width is None else width
    start = _window_start(cues, text, width)
    return text[start:start + width]


def _later_windows(cues: CompiledCues, text: str, start: int, width: int = WINDOW) -> dict[str, int]:
    """For a long clause whose reader's window begins at ``start``: the undertakings whose first
    topic word lies beyond that window, each with where a window on its own words starts."""
    if len(text) <= width:
        return {}
    end = start + width
    out = {}
    for req_id, u in cues.undertakings.items():
        m = u.required_any.search(text) if u.required_any is not None else None
        if m is not None and m.end() > end:
            out[req_id] = max(0, m.start() - width // 4)
    return out


def _window_start(cues: CompiledCues, text: str, width: int = WINDOW) -> int:
    if len(text) <= width:
        return 0
    if cues.lead_in is not None and cues.lead_in.search(text):
        # it opens with its reasons: from a little before its first binding modal after them
        # ("...; accordingly, the Supplier shall not ...", not "acknowledge that patients will rely")
        end = cues.lead_in_end.search(text) if cues.lead_in_end is not None else None
        at = end.end() if end is not None and earliest(cues.obligation, text[end.end():]) is not None else 0
        m = earliest(cues.obligation, text[at:])
        if m is not None:
            return max(0, at + m.start() - width // 4)
    starts = [m.start() for u in cues.undertakings.values() if u.required_any is not None
              for m in [u.required_any.search(text)] if m]
    return max(0, min(starts, default=0) - width // 4)


def judge_document(source: SourceDocument, library: ClauseLibrary, *, use_model: bool = True,
                   debug: dict | None = None, seg: Segmented | None = None, parties: Parties | None = None) -> DocumentReport:
    """``use_model``: with the trained reader; False: the rules alone (the ablation)."""
    from clausecheck.suggest import suggest

    reader = screen = None
    if use_model:
        from clausecheck.encoder.runtime import get_reader
        from clausecheck.screen import get_screen

        reader, screen = get_reader(), get_screen()
    judge = DocumentJudge(source, library, reader=reader, screen=screen, seg=seg, parties=parties)
    findings = []
    unknown_supplier = not (judge.parties.supplier_term or judge.parties.supplier_term_zh)
    for req, finding, info in judge.judge_all():
        if debug is not None:
            debug[req.id] = info
        update: dict = {"suggestion": suggest(finding, req, judge)}
        if unknown_supplier and finding.status != "missing":
            # Who is bound rests on role words alone: a person checks that it is the supplier.
            update["needs_review"] = True
        findings.append(finding.model_copy(update=update))
    warnings = ()
    if unknown_supplier:
        warnings = (DocumentWarning(
            code="supplier-not-identified",
            message="The supplier could not be identified from the document's own terms (no party defined "
                    "as the one that provides the products or services); clauses were read by their role "
                    "words alone, and the suggested wording says \"the Supplier\"."),)
    return DocumentReport(
        file=str(source.path), language=judge.seg.language, pages=source.pages,
        supplier_term=_supplier_display(judge), findings=tuple(findings), warnings=warnings)


def _supplier_display(judge: DocumentJudge) -> str | None:
    p = judge.parties
    if judge.seg.language == "bilingual" and p.supplier_term_zh and p.supplier_term and p.supplier_term != p.supplier_term_zh:
        return f"{p.supplier_term} / {p.supplier_term_zh}"
    if judge.seg.language == "zh":
        return p.supplier_term_zh or p.supplier_term
    return p.supplier_term
