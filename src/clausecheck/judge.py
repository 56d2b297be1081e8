"""Judge each undertaking: compliant, weakened or missing, with evidence and reasons.

The judgement follows the labeling guide:
1. find the sentences that speak to the undertaking (topic patterns from the clause library, and
   the sentence encoder for paraphrases; a sentence that leans on the one before it — "such
   review", 该等审查 — is read together with it);
2. keep those that bind the supplier (an obligation on the customer alone is not the undertaking;
   "each party shall" binds the supplier);
3. read each such commitment for what narrows it in its own words (efforts, "may", carve-outs,
   conditions, discretion, time limits, narrowed scope, mere acknowledgment);
4. read the whole document for take-backs (an export-control suspension right, a kill switch, a
   Usage-Data licence), screen out just cause, and honour "notwithstanding" precedence;
5. the best commitment, less what takes it back, gives the verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from clausecheck.document import SourceDocument
from clausecheck.findings import DocumentReport, Evidence, Finding, Reason, Status
from clausecheck.library import ClauseLibrary, CompiledCues, CompiledUndertaking, Undertaking
from clausecheck.parties import Parties, detect_parties
from clausecheck.segment import Segmented, Sentence, language_of, segment

_ANAPHOR = re.compile(r"\bsuch\s+(review|reviews|data|supply|equipment|devices|systems)\b|\b(the|that|this)\s+review\b|该等|上述|前述|此类|该审查|对此")
# A sentence that qualifies the one before it.
_FOLLOW_UP = re.compile(
    r"\s*(the\s+foregoing|this\s+(clause|section|paragraph|undertaking|obligation|commitment)|such\s+(obligation|undertaking|commitment)s?"
    r"|(the\s+)?\w+['’]s\s+obligations?\s+under\s+this|these\s+obligations|notwithstanding\s+the\s+foregoing|provided\s+(however|that)"
    r"|前述|上述|本条|本款|该等(义务|承诺|约定)|但)", re.I)
_RESTRICT = re.compile(
    r"\b(not|never|no|neither|nor|only|solely|exclusively|free\s+(of|from)|refrain|prohibit\w*|without|restrict\w*|limit\w*|avoid\w*|prevent\w*)\b"
    r"|\bprior\s+(written\s+)?(consent|approval|authori[sz]ation)"
    r"|不得|不会|不应|不(?!受|论|限|同|少|低|超|包括|能|可抗力|承担|在此)|禁止|严禁|仅|只|无(?!论)|前(应当|须|应)?取得|事先(书面)?(同意|授权|批准)|限制|限于|为限|避免|防止|杜绝|未经", re.I)
# Disclaimers, liability exclusions and recitals speak about the undertaking's subject matter
# without promising anything about it.
_DISCLAIMER = re.compile(
    r"\b(does|do|shall)\s+not\s+(warrant|guarantee|represent)|\bdisclaim|\bno\s+warranty"
    r"|\bassumes?\s+no\s+(liability|responsibility)|\b(shall|will)\s+not\s+be\s+(liable|responsible)\b|\bno\s+liability\b"
    r"|\bnor\s+(shall|will)\s+\w+\s+be\s+(responsible|liable)|\bdoes\s+not\s+apply\s+to\b|\bno\s+waiver\b"
    r"|\bin\s+no\s+event\b[^.;]{0,60}\bliable|\bunder\s+no\s+circumstances\b[^.;]{0,60}\bliable"
    r"|不保证|不作保证|不承担[^。；]{0,8}责任", re.I)
_RECITAL = re.compile(r"^\s*(WHEREAS|鉴于)\b", re.I)
_DEFINITION = re.compile(r"^\s*[\"“]?([^\"”]{2,40})[\"”]?\s+(means|shall\s+mean|refers\s+to|includes)\b|所称[\"“]([^\"”]{2,20})[\"”][，,]?\s*(是指|指)", re.I)
_NARROW_DEF = re.compile(r"\bexclud\w*|\bdoes\s+not\s+include|\bonly\b|\bsolely\b|不包括|仅指|仅限于|除外")
_MINIMUM = re.compile(r"\b(at\s+least|not\s+less\s+than|no\s+less\s+than|minimum\s+of)\b|至少|不少于|不低于")
_SECTION_REF = re.compile(
    r"\b(?:Section|Clause|Article|Paragraph|Schedule|Annex|Exhibit)s?\s+([0-9]+(?:\.[0-9]+)*[A-Z]?)"
    r"|第\s*([0-9〇零一二三四五六七八九十百]+(?:\.[0-9]+)*)\s*条", re.I)

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
RANK_MARGIN = 0.15

EXPLANATIONS = {
    "qualified-effort": ("The supplier promises only efforts, not a result.", "供应商仅承诺尽力而为，而非保证结果。"),
    "permissive-modal": ("The wording permits or expresses an intention; it does not oblige.", "措辞仅为允许或意愿，并未设定义务。"),
    "carve-out": ("An exception lets the supplier do the prohibited thing for reasons that are not just cause.", "但书允许供应商基于非正当理由实施被禁止的行为。"),
    "conditional": ("The commitment depends on a condition the operator must satisfy first, or limits the operator's right.", "该承诺附有须由运营者先行满足的条件，或限制了运营者的权利。"),
    "narrowed-scope": ("Only part of what the Measures require is covered.", "仅覆盖《办法》要求的部分内容。"),
    "unilateral-discretion": ("The supplier keeps a free hand to decide.", "供应商保留单方面决定的权利。"),
    "non-binding": ("An acknowledgment or statement of policy, not an obligation.", "仅为知悉、声明或政策表述，并非义务。"),
    "overridden": ("Another clause of the document takes the commitment back.", "本合同其他条款实质上收回了该承诺。"),
    "time-limited": ("The commitment lapses before the supply relationship ends.", "该承诺在供应关系结束前即失效。"),
}


@dataclass(frozen=True)
class Unit:
    """One sentence, or a sentence read together with the one before it."""

    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        sep = "" if all(s.language == "zh" for s in self.sentences) else " "
        return sep.join(s.text for s in self.sentences)

    @property
    def last(self) -> Sentence:
        return self.sentences[-1]

    @property
    def language(self) -> str:
        return self.last.language


@dataclass
class Commitment:
    unit: Unit
    topic_score: float
    reasons: dict[str, str] = field(default_factory=dict)  # code -> trigger
    prevails: bool = False
    definition: Sentence | None = None
    needs_action: bool = False
    prediction: object | None = None  # the trained model's ClausePrediction, when used
    model_agrees: bool | None = None  # model reads it as about this undertaking
    model_status_agrees: bool | None = None
    by_model: bool = False  # the verdict rests on the model, not on the rules

    @property
    def status(self) -> Status:
        return Status.WEAKENED if self.reasons else Status.COMPLIANT


@dataclass(frozen=True)
class TakeBack:
    sentence: Sentence
    trigger: str
    explanation: str
    prevails: bool
    extra_reasons: tuple[tuple[str, str], ...] = ()


def _search(patterns, text: str) -> re.Match[str] | None:
    for p in patterns:
        m = p.search(text)
        if m:
            return m
    return None


def _strip(patterns, text: str) -> str:
    for p in patterns:
        text = p.sub(" ", text)
    return text


class DocumentJudge:
    def __init__(self, source: SourceDocument, library: ClauseLibrary, *, encoder=None, model=None,
                 seg: Segmented | None = None, parties: Parties | None = None):
        self.source = source
        self.library = library
        self.cues: CompiledCues = library.compiled
        # A caller that already segmented the document (the batch's contract check) passes it on.
        self.seg: Segmented = seg if seg is not None else segment(source)
        self.parties: Parties = parties if parties is not None else detect_parties(self.seg, library)
        self.encoder = encoder
        self.model = model
        self._unit_cache: dict[int, list[Unit]] = {}
        self._nb_cache: dict[int, bool] = {}
        self._pools: dict[str, list[Sentence]] | None = None
        self._subject_hits: dict[int, list[bool]] = {}
        self._low = [s.text.lower() for s in self.seg.sentences]
        self._pool_preds: dict[int, object] | None = None
        self.commitments: dict[str, list[Commitment]] = {}

    # ------------------------------------------------------------------ topic
    def _topic(self, u: CompiledUndertaking, text: str, low: str | None = None) -> bool:
        low = text.lower() if low is None else low
        if u.positive_low is not None and u.positive_low.search(low):
            return True
        if not u.required_low.search(low):
            return False
        if u.exclude:
            low = _strip(u.exclude, low)
            if not u.required_low.search(low):
                return False
        return bool(u.action_low.search(low))

    def _non_binding(self, s: Sentence) -> bool:
        if s.index not in self._nb_cache:
            self._nb_cache[s.index] = bool(self.cues.non_binding_low.search(self._low[s.index]))
        return self._nb_cache[s.index]

    def _units(self, u: CompiledUndertaking) -> list[Unit]:
        key = id(u)
        if key not in self._unit_cache:
            self._unit_cache[key] = self._find_units(u)
        return self._unit_cache[key]

    def _find_units(self, u: CompiledUndertaking) -> list[Unit]:
        units: list[Unit] = []
        sents = self.seg.sentences
        # One search per sentence for the undertaking's subject; everything else only runs where
        # that (or a continuity wording) hits.
        low = self._low
        named = [bool(u.required_low.search(t)) for t in low]
        self._subject_hits[id(u)] = named
        for i, s in enumerate(sents):
            positive = u.positive_low is not None and u.positive_low.search(low[i])
            on_topic = positive or (named[i] and self._topic(u, s.text, low[i]))
            acknowledgment = named[i] and self._non_binding(s) and (
                not u.exclude or u.required_low.search(_strip(u.exclude, low[i])))
            if on_topic or acknowledgment:
                nxt = sents[i + 1] if i + 1 < len(sents) else None
                if on_topic and nxt is not None and nxt.clause == s.clause and _FOLLOW_UP.match(nxt.text):
                    # "The foregoing does not apply to ...", "前述义务仅限于……": read as one.
                    units.append(Unit((s, nxt)))
                else:
                    units.append(Unit((s,)))
            elif i and named[i - 1] and sents[i - 1].clause == s.clause and _ANAPHOR.search(s.text) \
                    and u.action_low.search(low[i]) and self._topic(u, sents[i - 1].text + " " + s.text):
                units.append(Unit((sents[i - 1], s)))
        return units

    @staticmethod
    def _lexical_strength(u: CompiledUndertaking, text: str) -> float:
        hits = sum(1 for p in u.required + u.action + u.positive_forms if p.search(text))
        return hits - len(text) / 2000

    def _similarity(self, req: Undertaking, units: list[Unit]) -> dict[int, float]:
        if self.encoder is None or not units:
            return {}
        u = self.cues.undertakings[req.id]
        examples = req.examples.en + req.examples.zh + [req.canonical.en, req.canonical.zh]
        return self.encoder.max_similarity([_topic_window(u, un.text) for un in units], examples, key=req.id)

    # ------------------------------------------------------------------ who is bound
    def _bound_party(self, text: str) -> str:
        """``supplier``, ``customer``, ``mutual`` or ``unknown`` for the party a sentence binds."""
        cues = self.cues
        for m in _iter_matches(cues.obligation + cues.reasons.get("permissive-modal", ()) + cues.non_binding, text):
            head = text[:m.start()]
            if _search(cues.mutual, head[-60:]):
                return "mutual"
            role = self._subject_zh(text, m.start()) if language_of(text) == "zh" else None
            role = role or self.parties.role_at(text, m.start())
            tail = text[m.end():m.end() + 80]
            if re.match(r"\s*(be\s+)?\w+ed\s+by\b", tail) or re.match(r"\s*由", tail):
                role = self.parties.role_at(text, m.end(), after=True) or role
            if role:
                return role
        if _search(cues.mutual, text):
            return "mutual"
        return "unknown"

    def _subject_zh(self, text: str, pos: int) -> str | None:
        """Chinese clauses share one subject across comma-separated parts (乙方仅得……处理甲方数据，
        不得……获取): the subject is the nearest party in the modal's own part, else the first
        party of the nearest earlier part that names one."""
        parts = [(m.start(), m.end()) for m in re.finditer(r"[^，,；;：:]+", text[:pos])]
        for i, (a, b) in enumerate(reversed(parts)):
            seg = text[a:b] if i else text[a:pos]
            if i == 0:
                role = self.parties.role_at(seg, len(seg))
                if role:
                    return role
                continue
            if re.match(r"\s*(未经|经|除|如|若|在|对于|按照|根据)", seg):
                continue  # a condition or circumstance, not the subject
            first = self.parties.role_at(seg, len(seg), after=False)
            if first:
                head = self.parties.role_at(seg[:8], 8)
                return head or first
        return None

    # ------------------------------------------------------------------ commitments
    def _commitment(self, req: Undertaking, u: CompiledUndertaking, unit: Unit, score: float) -> Commitment | None:
        cues = self.cues
        text = unit.text
        if _DISCLAIMER.search(text) or _DEFINITION.search(text):
            return None  # disclaims, or defines: commits to nothing
        if _RECITAL.match(text) and not re.search(r"\b(shall|must|undertakes?|warrants?|agrees?)\b|保证|承诺|不得|应当", text, re.I):
            return None  # a recital sets the scene; one that also binds is read as a commitment
        party = self._bound_party(text)
        if party == "customer":
            return None
        # The main part of the sentence, before any exception, carries the promise.
        exc = _search(cues.exception_markers, text)
        main = text[:exc.start()] if exc else text
        exception = text[exc.start():] if exc else ""
        # "may push updates at its discretion, but shall not otherwise access": the promise can sit
        # after the exception marker.
        obligation = _search(cues.obligation, main) or _search(cues.obligation, text)
        permissive = _search(cues.reasons.get("permissive-modal", ()), main)
        non_binding = _search(cues.non_binding, text)
        if u.form == "restrictive" and not (_RESTRICT.search(text) or _search(u.positive_forms, text)
                                            or non_binding or permissive):
            return None  # "Supplier shall process data" is a duty to act, not a promise to refrain
        c = Commitment(unit=unit, topic_score=score)
        on_topic = self._topic(u, text)
        if non_binding and not obligation and not permissive:
            c.reasons["non-binding"] = non_binding.group(0)
            c.needs_action = not on_topic
            return c
        if not on_topic:
            return None  # found only as an acknowledgment candidate, and it is not one
        if not (obligation or permissive):
            return None
        if permissive:
            c.reasons["permissive-modal"] = permissive.group(0)
        for code in ("qualified-effort", "conditional", "time-limited"):
            for m in _iter_matches(cues.reasons.get(code, ()), text):
                if code == "time-limited" and _MINIMUM.search(text[max(0, m.start() - 30):m.end() + 10]):
                    continue
                if code == "conditional" and re.search(r"cost|expense|charge|费用", m.group(0), re.I) \
                        and self.parties.role_at(m.group(0), len(m.group(0))) == "supplier":
                    continue  # "at Supplier's cost": the supplier pays, nothing is asked of the operator
                c.reasons[code] = m.group(0)
                break
        ud = _search(cues.reasons.get("unilateral-discretion", ()), text)
        if ud:
            c.reasons["unilateral-discretion"] = ud.group(0)
        elif exception:
            harmful = _search(cues.harmful, exception)
            if harmful:
                c.reasons["carve-out"] = exception.strip()[:160]
        narrow = _search(u.narrow_scope, text) or _search(u.narrow_action, text)
        if narrow:
            c.reasons["narrowed-scope"] = narrow.group(0)[-80:]
        definition = self._narrowing_definition(text)
        if definition is not None:
            c.reasons.setdefault("narrowed-scope", definition.text[:80])
            c.definition = definition
        c.prevails = bool(_search(cues.prevails, text))
        return c

    def reasons_for(self, req: Undertaking, text: str, like: Sentence) -> set[str] | None:
        """The reason codes a commitment worded ``text`` would get here (None: not a commitment).
        Suggestions use it to check that an edit really fixes what it claims to."""
        from dataclasses import replace

        u = self.cues.undertakings[req.id]
        c = self._commitment(req, u, Unit((replace(like, text=text),)), 0.5)
        return None if c is None else set(c.reasons)

    def _narrowing_definition(self, text: str) -> Sentence | None:
        """A definition that cuts down a defined term the commitment relies on ("User Data" means
        only names and phone numbers; "用户数据"不包括日志)."""
        terms = set(re.findall(r"\b((?:[A-Z][a-z]+\s)?(?:Data|Information))\b", text))
        terms |= set(re.findall(r"(用户数据|用户信息|甲方数据|采购人数据)", text))
        if not terms:
            return None
        for s in self.seg.sentences:
            m = _DEFINITION.search(s.text)
            if not m:
                continue
            term = (m.group(1) or m.group(3) or "").strip()
            if term in terms and _NARROW_DEF.search(s.text):
                return s
        return None

    def _model_review(self, req: Undertaking, commitments: list[Commitment]) -> None:
        """The trained model's second opinion on each rule candidate (see models/MODEL_CARD.md).

        It records whether the model agrees on topic and status (disagreement lowers confidence
        and flags the finding for review), and reports a clause the rules call compliant as
        weakened when the model is sure of a hedge the rules have no words for."""
        if self.model is None or not commitments:
            return
        # The same topic windows the similarity step encoded: one encoding serves both.
        u = self.cues.undertakings[req.id]
        windows = [_topic_window(u, c.unit.text) for c in commitments]
        preds = self.model.predict(windows, embeddings=self.encoder.encode(windows) if self.encoder else None)
        for c, p in zip(commitments, preds, strict=True):
            c.prediction = p
            c.model_agrees = not (p.role.get("none", 0.0) >= MODEL_NONE_PROB and p.topic(req.id) < MODEL_TOPIC_FLOOR)
            predicted_weak = p.weakened >= 0.5
            c.model_status_agrees = predicted_weak == bool(c.reasons)
            if not c.reasons and p.weakened >= MODEL_WEAK_PROB:
                # A hedge the rules have no words for: the model's reason, flagged for review.
                code, prob = max(p.reasons.items(), key=lambda kv: kv[1])
                if prob >= MODEL_WEAK_REASON_PROB:
                    c.reasons[code] = "(model)"
                    c.by_model = True

    def _fallback_pools(self) -> dict[str, list[Sentence]]:
        """For each undertaking, the binding sentences that name its subject and an action on it
        (shortest first: one clause rather than a paragraph run together)."""
        if self._pools is None:
            cues = self.cues
            sents, low = self.seg.sentences, self._low
            self._pools = {}
            for req_id, u in cues.undertakings.items():
                named = self._subject_hits.get(id(u)) or [bool(u.required_low.search(t)) for t in low]
                cands = sorted((sents[i] for i, hit in enumerate(named) if hit), key=lambda s: len(s.text))
                pool: list[Sentence] = []
                for s in cands:  # every test only until the pool is full
                    t = low[s.index]
                    if u.action_low.search(t) and cues.obligation_low.search(t) and not _DISCLAIMER.search(s.text) \
                            and not _DEFINITION.search(s.text) and self._bound_party(s.text) != "customer":
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

    def _model_commitments(self, req: Undertaking, u: CompiledUndertaking) -> list[Commitment]:
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
            c = Commitment(unit=Unit((s,)), topic_score=p.commitment(req.id), prediction=p, by_model=True)
            if p.weakened >= 0.5:
                code, _ = max(p.reasons.items(), key=lambda kv: kv[1])
                c.reasons[code] = "(model)"
            out.append(c)
        return out

    # ------------------------------------------------------------------ take-backs
    def _take_backs(self, req: Undertaking, u: CompiledUndertaking) -> list[TakeBack]:
        cues = self.cues
        out = []
        lang_zh = {"en": 0, "zh": 1}
        for s in self.seg.sentences:
            low = self._low[s.index]
            if (u.screen_low is not None and not u.screen_low.search(low)) \
                    or u.take_back_low is None or not u.take_back_low.search(low):
                continue
            for tb, patterns in u.take_backs:
                m = _search(patterns, s.text)
                if not m:
                    continue
                text = s.text
                if _DEFINITION.search(text):
                    continue
                if (tb.needs_topic or (u.exclude and _search(u.exclude, text))) \
                        and not _search(u.required, _strip(u.exclude, text)):
                    continue  # about confidential information or money, not about the undertaking
                grants = re.search(r"\bgrants?\b|\bauthori[sz]es\b|\blicen[cs]es?\s+to\b|授予|许可", text, re.I)
                holder = self.parties.role_at(text, m.start() + 1) if not grants else "supplier"
                head = text[max(0, m.start() - 60):m.start() + 20]
                if holder == "customer" and not _search(cues.mutual, head):
                    # Checking who holds the right at the modal itself, not at the start of the match.
                    modal = re.search(r"\b(may|is\s+entitled|has\s+the\s+right|reserves|can)\b|有权|可以", text[m.start():])
                    pos = m.start() + (modal.start() if modal else 0)
                    if self.parties.role_at(text, pos + 1) == "customer":
                        continue
                # The ground may sit earlier in the same clause ("If either party becomes
                # insolvent ... (7) this Agreement may be terminated by the other party").
                clause = self.seg.clause_of(s).text
                ground = clause if len(clause) <= 900 else text
                if req.id == "no-unjustified-supply-interruption" and _search(cues.just_cause, ground) \
                        and not _search(cues.not_just_cause, text):
                    # A right to stop for just cause only (uncured material breach, undisputed
                    # non-payment after notice, insolvency) is not a take-back. One that names no
                    # ground at all ("may terminate upon notice") is a convenience right and stays.
                    continue
                extra = []
                qe = _search(cues.reasons.get("qualified-effort", ()), text)
                if qe and _search(cues.prevails, text):
                    extra.append(("qualified-effort", qe.group(0)))
                out.append(TakeBack(sentence=s, trigger=m.group(0)[:160],
                                    explanation=(tb.explanation.en, tb.explanation.zh)[lang_zh.get(s.language, 0)],
                                    prevails=bool(_search(cues.prevails, text)), extra_reasons=tuple(extra)))
                break
        return out

    # ------------------------------------------------------------------ verdict
    def judge(self, req: Undertaking) -> tuple[Finding, dict]:
        u = self.cues.undertakings[req.id]
        units = self._units(u)
        # Rules first (cheap), then the encoder only on the few sentences that read as commitments.
        candidates = [c for c in (self._commitment(req, u, unit, score=0.5) for unit in units) if c is not None]
        # The encoder is the costly step: only the strongest few rule candidates go to it.
        candidates = sorted(candidates, key=lambda c: -self._lexical_strength(u, c.unit.text))[:MAX_ENCODED]
        sims = self._similarity(req, [c.unit for c in candidates])
        commitments: list[Commitment] = []
        for i, c in enumerate(candidates):
            c.topic_score = sims.get(i, 0.5)
            if self.encoder is not None and c.topic_score < MIN_TOPIC_SIMILARITY:
                continue  # lexically on topic, semantically elsewhere
            if c.needs_action and c.topic_score < NB_SIMILARITY:
                continue  # an acknowledgment that only names the subject matter
            commitments.append(c)
        self._model_review(req, commitments)
        if not commitments and self.model is not None:
            commitments = self._model_commitments(req, u)
        self.commitments[req.id] = commitments
        take_backs = self._take_backs(req, u)
        debug = {"units": len(units), "commitments": len(commitments), "take_backs": len(take_backs)}
        if not commitments:
            related = tuple(_evidence(tb.sentence, "take-back") for tb in take_backs[:6])
            conf = 0.9 if not units else 0.8
            return Finding(requirement=req.id, status=Status.MISSING, confidence=conf,
                           needs_review=bool(related) and conf < 0.85, related=related), debug

        in_commitment = {s.index for c in commitments for s in c.unit.sentences}

        def outcome(c: Commitment) -> tuple[dict[str, str], list[TakeBack]]:
            # "Notwithstanding" precedence: a commitment that prevails neutralises a take-back,
            # unless the take-back itself prevails and the commitment does not name it.
            eff = [tb for tb in take_backs if tb.sentence.index not in in_commitment
                   and (not c.prevails or (tb.prevails and not self._named(c, tb)))]
            reasons = dict(c.reasons)
            if eff and "non-binding" not in reasons:
                reasons["overridden"] = eff[0].trigger
                for tb in eff:
                    for code, trig in tb.extra_reasons:
                        reasons.setdefault(code, trig)
            return reasons, eff

        # An acknowledgment counts only when nothing binding speaks to the undertaking; among the
        # clauses about equally clearly on topic, the one that survives the whole document best
        # decides ("does any commitment hold?").
        binding = [c for c in commitments if "non-binding" not in c.reasons] or commitments
        top = max(c.topic_score for c in binding)
        pool = [c for c in binding if c.topic_score >= top - RANK_MARGIN]
        judged = {id(c): outcome(c) for c in pool}
        best = max(pool, key=lambda c: (not judged[id(c)][0], "non-binding" not in c.reasons,
                                        -len(judged[id(c)][0]), c.topic_score))
        reasons, effective = judged[id(best)]
        evidence = [_unit_evidence(best.unit, "commitment")]
        if best.definition is not None:
            evidence.append(_evidence(best.definition, "definition"))
        # The same commitment in the other language of a bilingual contract.
        other = [c for c in commitments if c.unit.language != best.unit.language
                 and set(c.reasons) == set(best.reasons)]
        if other:
            evidence.append(_unit_evidence(max(other, key=lambda c: c.topic_score).unit, "commitment"))
        if "overridden" in reasons:
            evidence += [_evidence(tb.sentence, "take-back") for tb in effective[:4]]
        status = Status.WEAKENED if reasons else Status.COMPLIANT
        lang = best.unit.language
        reason_objs = tuple(
            Reason(code=code, trigger="" if trig == "(model)" else trig,
                   explanation=_explain(code, lang, effective, by_model=trig == "(model)"))
            for code, trig in reasons.items())
        confidence = _confidence(best, status, len(effective))
        if best.model_status_agrees is False or best.model_agrees is False or best.by_model:
            confidence = round(min(confidence, 0.65), 3)  # rules and model disagree: a reviewer looks
        debug["best"] = best.unit.text[:120]
        return Finding(requirement=req.id, status=status, confidence=confidence,
                       needs_review=confidence < 0.7, evidence=tuple(evidence),
                       reasons=reason_objs), debug

    def _named(self, c: Commitment, tb: TakeBack) -> bool:
        """A commitment that names the take-back's section in its "notwithstanding" prevails."""
        named = {a or b for a, b in _SECTION_REF.findall(c.unit.text)}
        sec = (tb.sentence.section or "").removeprefix("第").removesuffix("条")
        return bool(sec) and any(sec == n or sec.startswith(n + ".") for n in named)


WINDOW = 300


def _topic_window(u: CompiledUndertaking, text: str, width: int = WINDOW) -> str:
    """The part of a long clause around its topic words: what the encoder should look at."""
    if len(text) <= width:
        return text
    m = u.required_any.search(text)
    start = max(0, (m.start() if m else 0) - width // 3)
    return text[start:start + width]


def _iter_matches(patterns, text: str):
    ms = [m for p in patterns for m in p.finditer(text)]
    return sorted(ms, key=lambda m: m.start())


def _evidence(s: Sentence, role: str) -> Evidence:
    return Evidence(text=s.text, page=s.page, section=s.section, role=role)


def _unit_evidence(unit: Unit, role: str) -> Evidence:
    s = unit.sentences[0]
    return Evidence(text=unit.text, page=s.page, section=unit.last.section, role=role)


def _explain(code: str, lang: str, take_backs: list[TakeBack], by_model: bool = False) -> str:
    if code == "overridden" and take_backs:
        tb = take_backs[0]
        where = f" ({'section' if lang != 'zh' else '条款'} {tb.sentence.section})" if tb.sentence.section else ""
        return tb.explanation + where
    en, zh = EXPLANATIONS[code]
    if by_model:
        en += " (read by the trained model; please confirm)"
        zh += "（由训练模型判断，请复核）"
    return zh if lang == "zh" else en


def _confidence(best: Commitment, status: Status, n_take_backs: int) -> float:
    base = 0.78 + 0.2 * max(0.0, min(1.0, (best.topic_score - 0.2) / 0.5))
    if status == Status.WEAKENED:
        base -= 0.03 * max(0, len(best.reasons) - 1)
    return round(max(0.05, min(0.99, base)), 3)


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
