"""Judge each undertaking: read the clauses that speak to it, then decide (``clausecheck.verdict``).

The steps, per document:
1. segment it and find who is who (the document's own terms for supplier and customer);
2. find the candidate clauses for each undertaking: topic cues from the clause library (a sentence
   leaning on the one before it, "such review" / 该等审查, is read with it), and anywhere in the
   document, rights that could take a commitment back;
3. read each candidate (``clausecheck.reading``): the rules' reading (``clausecheck.rules_reader``)
   with its words, checked by the sentence encoder (is it really about the undertaking?) and by the
   trained model (does it agree on role and status? what did the rules pass over?);
4. decide each undertaking from the readings (``clausecheck.verdict.decide``), then suggest a fix.
"""

from __future__ import annotations

from dataclasses import replace

from clausecheck.document import SourceDocument
from clausecheck.findings import DocumentReport, Finding
from clausecheck.library import ClauseLibrary, CompiledCues, CompiledUndertaking, Undertaking
from clausecheck.parties import Parties, detect_parties
from clausecheck.reading import Party, Qualifier, Role, Source, UndertakingReading, Unit
from clausecheck.rules_reader import RuleReader
from clausecheck.segment import Segmented, Sentence, segment
from clausecheck.verdict import Candidate, decide

MIN_TOPIC_SIMILARITY = 0.22
MAX_ENCODED = 16
NB_SIMILARITY = 0.45
# The trained model (models/clause-model.npz): probabilities are calibrated on held-out templates.
# Disagreement only lowers confidence (a veto of rule candidates cost accuracy: see the model card).
MODEL_NONE_PROB = 0.95  # the model is near-certain the clause is about none of the undertakings
MODEL_TOPIC_FLOOR = 0.02  # ... and gives this one almost nothing
MODEL_FALLBACK_SIMILARITY = 0.45
MODEL_WEAK_PROB = 0.97  # rules say compliant, the model is this sure it is weakened ...
MODEL_WEAK_REASON_PROB = 0.8  # ... and this sure of why
MODEL_COMMIT_PROB = 0.9  # a sentence the rules passed over, read by the model as a commitment
MODEL_FALLBACK_MAX = 6
WINDOW = 300


class DocumentJudge:
    def __init__(self, source: SourceDocument, library: ClauseLibrary, *, encoder=None, model=None,
                 seg: Segmented | None = None, parties: Parties | None = None):
        self.source = source
        self.library = library
        self.cues: CompiledCues = library.compiled
        # A caller that already segmented the document (the batch's contract check) passes it on.
        self.seg: Segmented = seg if seg is not None else segment(source)
        self.parties: Parties = parties if parties is not None else detect_parties(self.seg, library)
        self.rules = RuleReader(self.seg, self.parties, self.cues)
        self.encoder = encoder
        self.model = model
        self._pools: dict[str, list[Sentence]] | None = None
        self._pool_preds: dict[int, object] | None = None
        # The commitments each verdict was chosen from (suggestions look at them).
        self.commitments: dict[str, list[Candidate]] = {}

    # ------------------------------------------------------------------ reading
    def _lexical_strength(self, u: CompiledUndertaking, text: str) -> float:
        hits = sum(1 for p in u.required + u.action + u.positive_forms if p.search(text))
        return hits - len(text) / 2000

    def _similarity(self, req: Undertaking, units: list[Unit]) -> dict[int, float]:
        if self.encoder is None or not units:
            return {}
        u = self.cues.undertakings[req.id]
        examples = req.examples.en + req.examples.zh + [req.canonical.en, req.canonical.zh]
        return self.encoder.max_similarity([_topic_window(u, un.text) for un in units], examples, key=req.id)

    def commitment_candidates(self, req: Undertaking) -> list[Candidate]:
        """The clauses read as the supplier's commitment on the undertaking, each checked by the
        encoder (is it really about it?) and the model (does it read it the same way?)."""
        u = self.cues.undertakings[req.id]
        read = []
        for unit, ack_only in self.rules.units(req.id, u):
            r = self.rules.commitment(req, u, unit, ack_only)
            if r is not None:
                read.append((Candidate(unit, r), ack_only))
        # The encoder is the costly step: only the strongest few rule candidates go to it.
        read = sorted(read, key=lambda cr: -self._lexical_strength(u, cr[0].unit.text))[:MAX_ENCODED]
        sims = self._similarity(req, [c.unit for c, _ in read])
        kept: list[Candidate] = []
        for i, (c, ack_only) in enumerate(read):
            score = sims.get(i, 0.5)
            if self.encoder is not None and score < MIN_TOPIC_SIMILARITY:
                continue  # lexically on topic, semantically elsewhere
            if ack_only and score < NB_SIMILARITY:
                continue  # an acknowledgment that only names the subject matter
            kept.append(Candidate(c.unit, replace(c.reading, topic_score=score)))
        kept = self._model_review(req, kept)
        if not kept and self.model is not None:
            kept = self._model_commitments(req, u)
        return kept

    def _model_review(self, req: Undertaking, cands: list[Candidate]) -> list[Candidate]:
        """The trained model's second opinion on each rule candidate (see models/MODEL_CARD.md):
        whether it agrees on topic and status (disagreement lowers confidence and flags the finding
        for review), and a hedge the rules have no words for where the model is sure of one."""
        if self.model is None or not cands:
            return cands
        u = self.cues.undertakings[req.id]
        windows = [_topic_window(u, c.unit.text) for c in cands]
        preds = self.model.predict(windows, embeddings=self.encoder.encode(windows) if self.encoder else None)
        out = []
        for c, p in zip(cands, preds, strict=True):
            r = c.reading
            agrees = not (p.role.get("none", 0.0) >= MODEL_NONE_PROB and p.topic(req.id) < MODEL_TOPIC_FLOOR)
            status_agrees = (p.weakened >= 0.5) == r.weakened
            quals, source = r.qualifiers, r.source
            if not r.weakened and p.weakened >= MODEL_WEAK_PROB:
                code, prob = max(p.reasons.items(), key=lambda kv: kv[1])
                if prob >= MODEL_WEAK_REASON_PROB:
                    quals, source = (Qualifier(code, "", Source.MODEL, prob),), Source.MODEL
            out.append(Candidate(c.unit, replace(r, qualifiers=quals, source=source, model_agrees=agrees,
                                                 model_status_agrees=status_agrees)))
        return out

    def _fallback_pools(self) -> dict[str, list[Sentence]]:
        """For each undertaking, the binding sentences that name its subject and an action on it
        (shortest first: one clause rather than a paragraph run together)."""
        if self._pools is None:
            cues = self.cues
            sents, low = self.seg.sentences, [s.text.lower() for s in self.seg.sentences]
            self._pools = {}
            for req_id, u in cues.undertakings.items():
                named = self.rules.subject_hits.get(req_id) or [bool(u.required_low.search(t)) for t in low]
                cands = sorted((sents[i] for i, hit in enumerate(named) if hit), key=lambda s: len(s.text))
                pool: list[Sentence] = []
                for s in cands:  # every test only until the pool is full
                    t = low[s.index]
                    if u.action_low.search(t) and cues.obligation_low.search(t) and not self.rules.is_disclaimer(s.text) \
                            and not self.rules.definition(s.text) and self.rules.bound_party(s.text) != Party.CUSTOMER:
                        pool.append(s)
                        if len(pool) == MODEL_FALLBACK_MAX:
                            break
                self._pools[req_id] = pool
        return self._pools

    def _fallback_predictions(self, pools: dict[str, list[Sentence]]) -> dict[int, object]:
        """One model pass per document over every undertaking's pool."""
        if self._pool_preds is None:
            sents = list({s.index: s for pool in pools.values() for s in pool}.values())
            texts = [s.text[:WINDOW] for s in sents]
            preds = self.model.predict(texts, embeddings=self.encoder.encode(texts) if self.encoder else None)
            self._pool_preds = {s.index: p for s, p in zip(sents, preds, strict=True)}
        return self._pool_preds

    def _model_commitments(self, req: Undertaking, u: CompiledUndertaking) -> list[Candidate]:
        """Where the rules found no commitment: binding sentences that name the undertaking's
        subject and that the model reads as a commitment on it. Always flagged for review."""
        pools = self._fallback_pools()
        pool = pools.get(req.id, [])
        if not pool:
            return []
        preds = self._fallback_predictions(pools)
        likely = [(s, preds[s.index]) for s in pool if preds[s.index].commitment(req.id) >= MODEL_COMMIT_PROB]
        sims = self._similarity(req, [Unit((s,)) for s, _ in likely])
        out = []
        for i, (s, p) in enumerate(likely):
            if sims.get(i, 0.0) < MODEL_FALLBACK_SIMILARITY:
                continue  # the encoder does not see the undertaking in it either
            quals = ()
            if p.weakened >= 0.5:
                code, prob = max(p.reasons.items(), key=lambda kv: kv[1])
                quals = (Qualifier(code, "", Source.MODEL, prob),)
            out.append(Candidate(Unit((s,)), UndertakingReading(
                undertaking=req.id, role=Role.COMMITMENT, confidence=p.commitment(req.id), qualifiers=quals,
                topic_score=p.commitment(req.id), source=Source.MODEL,
                why="read as a commitment by the trained model; the rules have no words for it")))
        return out

    def take_back_candidates(self, req: Undertaking) -> list[Candidate]:
        u = self.cues.undertakings[req.id]
        return [Candidate(unit, r) for unit, r in self.rules.take_backs(req, u)]

    # ------------------------------------------------------------------ verdict
    def judge(self, req: Undertaking) -> tuple[Finding, dict]:
        commitments = self.commitment_candidates(req)
        self.commitments[req.id] = commitments
        take_backs = self.take_back_candidates(req)
        n_units = len(self.rules.units(req.id, self.cues.undertakings[req.id])) if not commitments else 1
        finding = decide(req.id, commitments, take_backs, self.rules.named_sections,
                         missing_confidence=0.9 if not n_units else 0.8)
        debug = {"commitments": len(commitments),
                 "take_backs": sum(t.reading.role == Role.TAKE_BACK for t in take_backs)}
        if finding.evidence:
            debug["best"] = finding.evidence[0].text[:120]
        return finding, debug

    def reasons_for(self, req: Undertaking, text: str, like: Sentence) -> set[str] | None:
        """The reason codes a commitment worded ``text`` would get here (None: not a commitment).
        Suggestions use it to check that an edit really fixes what it claims to."""
        return self.rules.reasons_for(req, self.cues.undertakings[req.id], text, like)


def _topic_window(u: CompiledUndertaking, text: str, width: int = WINDOW) -> str:
    """The part of a long clause around its topic words: what the encoder should look at."""
    if len(text) <= width:
        return text
    m = u.required_any.search(text)
    start = max(0, (m.start() if m else 0) - width // 3)
    return text[start:start + width]


def judge_document(source: SourceDocument, library: ClauseLibrary, *, use_embeddings: bool = True,
                   use_model: bool = True, debug: dict | None = None,
                   seg: Segmented | None = None, parties: Parties | None = None) -> DocumentReport:
    from clausecheck.suggest import suggest

    encoder = None
    if use_embeddings:
        from clausecheck.nlp import get_encoder

        encoder = get_encoder()
    model = None
    if use_model and use_embeddings:
        from clausecheck.model import get_model

        model = get_model()
    judge = DocumentJudge(source, library, encoder=encoder, model=model, seg=seg, parties=parties)
    findings = []
    for req in library.undertakings:
        finding, info = judge.judge(req)
        if debug is not None:
            debug[req.id] = info
        findings.append(finding.model_copy(update={"suggestion": suggest(finding, req, judge)}))
    return DocumentReport(
        file=str(source.path), language=judge.seg.language, pages=source.pages,
        supplier_term=_supplier_display(judge), findings=tuple(findings))


def _supplier_display(judge: DocumentJudge) -> str | None:
    p = judge.parties
    if judge.seg.language == "bilingual" and p.supplier_term_zh and p.supplier_term and p.supplier_term != p.supplier_term_zh:
        return f"{p.supplier_term} / {p.supplier_term_zh}"
    if judge.seg.language == "zh":
        return p.supplier_term_zh or p.supplier_term
    return p.supplier_term
