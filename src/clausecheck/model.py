"""The trained clause model: role, reason and status heads over the sentence encoder.

Features of a clause = the project's sentence encoder (USE multilingual v3, 512 dims, via
:func:`clausecheck.nlp.get_encoder`) followed by a few cheap lexical cue flags computed here by
:func:`lexical_features` (identical at training and at run time; the npz records a hash of the
cue list and is refused when the code's list differs).

Three heads, each a linear layer exported as plain numpy arrays (calibration folded in):

- ``role``: softmax over :data:`ROLE_CLASSES` — ``none`` (unrelated text and benign near-misses)
  and, for each undertaking, ``<id>:commitment`` and ``<id>:take-back``;
- ``reasons``: independent sigmoids, one per reason code in :data:`REASON_CODES`
  (``overridden`` is document-level and comes from the take-back classes of the role head), read as
  "if this clause is a commitment, P(it carries this reason)";
- ``weakened``: sigmoid, "if this clause is a commitment, P(it is weakened)" — a calibrated
  two-input map over the status head's logit and the noisy-OR of the reason probabilities.

The weights live in ``models/clause-model.npz``; ``models/clause-model.sha256`` holds its SHA-256,
checked on every load. Rebuild with ``python scripts/train.py``. Loading needs numpy only.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from clausecheck.errors import ClausecheckError

REQUIREMENTS = (
    "review-cooperation",
    "no-illegal-data-acquisition",
    "no-illegal-device-control",
    "no-unjustified-supply-interruption",
)
ROLE_CLASSES = ("none",) + tuple(f"{r}:{k}" for r in REQUIREMENTS for k in ("commitment", "take-back"))
REASON_CODES = (
    "qualified-effort", "permissive-modal", "carve-out", "conditional", "narrowed-scope",
    "unilateral-discretion", "non-binding", "time-limited",
)
MODEL_FORMAT = 1
ENCODER_DIM = 512

_MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
DEFAULT_PATH = _MODELS_DIR / "clause-model.npz"


class ModelError(ClausecheckError):
    """The trained clause model is missing, altered or incompatible with this code."""


# --------------------------------------------------------------------------- lexical features
# (name, pattern). English patterns are case-insensitive; Chinese ones match as-is. Each is a 0/1
# flag. Changing this list changes LEXICAL_HASH, and a model trained on another list is refused.
_CUES: tuple[tuple[str, str], ...] = (
    ("bind_en", r"\b(shall|must|will|undertakes?|agrees? to|covenants?|warrants?|guarantees?|is obliged to|promises?)\b"),
    ("bind_zh", r"应当|应|须|必须|承诺|保证|确保|不得"),
    ("neg_en", r"\b(not|never|no|neither|nor)\b"),
    ("effort_en", r"\b(best|reasonable|reasonably|commercially reasonable|all reasonable)\s+(efforts?|endeavou?rs?)\b"
                  r"|\bendeavou?r\b|\bstrive\b|\battempt\b|\b(as far as|to the extent)\s+(is\s+)?(reasonably\s+)?"
                  r"(practicable|possible|feasible)\b|\bwhere (possible|practicable)\b|\btry to\b"),
    ("effort_zh", r"尽力|尽量|尽可能|合理努力|最大努力|努力|力争|争取|尽商业上合理"),
    ("perm_en", r"\b(may|might|should|can|could)\b"),
    ("intend_en", r"\b(intends?|aims?|seeks?|expects?|hopes?|plans?|wishes?|is willing)\s+to\b"),
    ("perm_zh", r"可以|原则上|视情况|不宜|宜|酌情|希望|愿意|计划|拟|可"),
    ("except_en", r"\bexcept\b|\bsave (where|that|for|as|to)\b|\bother than\b|\bunless\b|\bexcluding\b"
                  r"|\b(does|shall) not apply\b|\bprovided,? however\b|\bwith the exception\b"),
    ("except_zh", r"除外|除非|不适用|例外|除.{0,20}外|但"),
    ("export", r"\bexport\b|\bsanction|\bany (other )?jurisdiction\b|\bforeign\b|出口|制裁|任何国家或地区|境外|法域"),
    ("business", r"\bbusiness (reasons?|purposes?|needs?|requirements?)\b|\bcommercial (reasons?|purposes?)\b"
                 r"|\bany (other )?purpose\b|\bown purposes?\b|经营需要|业务需要|商业原因|任何目的|自身目的"),
    ("cond_en", r"\bupon\b[^.;]{0,60}\brequest|\bif\b[^.;]{0,40}\brequests?\b|\bat (its|the \w+'?s?|\w+'s) (own |sole )?"
                r"(cost|expense)\b|\bprovided (that|always)\b|\bsubject to\b|\bno more than once\b|\bonce (a|per|in any)\b"
                r"|\bonly (if|where|while|when|to the extent)\b|\bapplies only\b|\bon condition\b|\bconditional (up)?on\b"
                r"|\bif and only if\b|\bprovided the\b"),
    ("cond_zh", r"经.{0,8}同意|书面要求|书面请求|前提下|费用由.{0,6}承担|自行承担|每年不超过|每年.{0,4}一次|仅在|仅适用|仅限"
                r"|如.{0,10}要求|的前提|以.{0,10}为前提|在.{0,20}的情况下"),
    ("narrow_en", r"\bpersonal (data|information)\b|\bknowingly\b|\bintentionally\b|\bwil?fully\b|\bmaterial(ly)?\b"
                  r"|\bwarranty period\b|\bspare parts\b|\bhardware\b|\bproduction\b|\bonly\b"),
    ("narrow_zh", r"个人信息|个人数据|故意|明知|重大|质保期|保修期|备件|硬件|生产|仅"),
    ("discr_en", r"\b(sole|absolute|own|reasonable) discretion\b|\bat its discretion\b|\bfor any reason\b|\bat any time\b"
                 r"|\bas it (sees|deems|thinks) fit\b|\b(determines|considers|deems)\b|\breserves? the right\b|\bin its judg(e)?ment\b"),
    ("discr_zh", r"自行决定|酌情|随时|有权|认为适当|认为必要|任何理由|自主决定|自身判断"),
    ("nonbind_en", r"\backnowledges?\b|\brecogni[sz]es?\b|\bunderstands?\b|\bnotes\b|\bis aware\b|\bstatement of\b"
                   r"|\bnot (create|constitute|give rise to)\b[^.]{0,30}\bbinding\b|\bwhereas\b|\bpolicy\b|\bnon-binding\b"
                   r"|\bdepends? on\b|\bimportance\b"),
    ("nonbind_zh", r"知悉|理解|注意到|鉴于|意向|不具有.{0,4}约束力|声明|认识到|了解|重要性|依赖"),
    ("time_en", r"\b(months?|years?|days?|weeks?)\b|\buntil\b|\bsurviv|\binitial term\b|\bfirst (year|term)\b|\blapses?\b"
                r"|\bexpir|\bduring the\b|\bfrom the effective date\b|\bafter (delivery|acceptance)\b"),
    ("time_zh", r"个月|年内|期满|届满|首个|终止后|有效期|之日起|内有效|年度|期间|之前"),
    ("term_en", r"\bterminat|\bsuspen|\bdiscontinu|\bcease|\bwithdraw|\bend[- ]of[- ]life\b|\bconvenience\b"),
    ("term_zh", r"终止|暂停|中止|停止|解除|停产|退出|生命周期"),
    ("interrupt", r"\binterrupt|\bsupply\b|中断|供应|供货|持续"),
    ("remote", r"\bremote(ly)?\b|\bdisable|\block(s|ed|ing)?\b|\bkill\b|\bthrottl|\bfirmware\b|\bupdates?\b|\bpatch"
               r"|远程|锁定|禁用|限速|固件|更新|推送|补丁|停用"),
    ("devctl", r"\bcontrol\b|\bmanipulat|\bequipment\b|\bdevices?\b|\bsystems?\b|控制|操纵|设备|系统"),
    ("data", r"\bdata\b|\btelemetry\b|\busage\b|\banalytics?\b|\bcollect|数据|信息|遥测|采集|收集"),
    ("improve", r"\bimprov|\btrain(ing)?\b|\bmachine learning\b|\bbenchmark|\baggregat|\banonymi[sz]|\baffiliates?\b"
                r"|改进|训练|优化|汇总|匿名|关联方"),
    ("review", r"\bcybersecurity review\b|\bnetwork security review\b|\bcyber ?security review\b|\breview\b|网络安全审查|审查"),
    ("audit", r"\baudit|\binspect|\bregulator|\bexamin|\bassessment\b|\btesting\b|\bMLPS\b|审计|检查|检验|测评|监管|评估|等级保护"),
    ("cooperate", r"\bcooperat|\bco-operat|\bassist|\bprovide\b[^.]{0,40}\b(materials?|information|documents?|explanations?)\b"
                  r"|配合|协助|提供.{0,10}(材料|资料|说明|文件)"),
    ("illegal", r"\billegal(ly)?\b|\bunlawful(ly)?\b|\bwithout (just cause|justifiable reason|authori[sz]ation)\b"
                r"|\bwithout\b[^.]{0,30}\bconsent\b|非法|无正当理由|未经.{0,10}(授权|同意|许可)|擅自"),
    ("justcause", r"\bundisputed\b|\buncured\b|\bmaterial breach\b|\binsolven|\bwritten notice\b|\bcure\b|\bforce majeure\b"
                  r"|无争议|未纠正|未补救|重大违约|破产|书面通知|不可抗力|催告"),
    ("dispute", r"\bdisputed\b|\bany (amount|invoice|fees?|breach)\b|\bunpaid\b|\boverdue\b|\bnon-?payment\b"
                r"|争议|欠付|逾期|未付|任何违约|任何款项"),
    ("notobliged", r"\bnot (be )?(obliged|required|obligated)\b|\bno obligation\b|\bnotwithstanding\b|\bin no event\b"
                   r"|无义务|无须|无需|不负有|不承担.{0,6}义务|无论.{0,20}如何"),
    ("mutual", r"\bneither party\b|\beach party\b|\bthe parties\b|\bboth parties\b|双方|任何一方|各方"),
    ("customer_subj", r"^\W*(\S+\s){0,3}?(the )?(customer|purchaser|company|licensee|buyer|client|operator|bank)\s+(shall|will|must|may)\b"
                      r"|^\W*\S{0,12}(甲方|采购人|买方|采购方|被许可方|发包方|需方|运营者)(应|应当|须|可|有权)"),
    ("instructions", r"\binstructions?\b|\bprior (written )?(authori[sz]ation|approval|consent)\b|\bper[- ]session\b"
                     r"|指示|事先.{0,6}(授权|批准|同意)|逐次"),
    ("perm_action_en", r"\b(may|can|is entitled to|shall be entitled to|reserves? the right to|has the right to)\s+(\w+\s+){0,3}?"
                       r"(suspend|terminate|disable|deactivate|lock|refuse|decline|push|install|announce|discontinue|cancel"
                       r"|withhold|stop|cease|access|use|collect|activate|modify|alter|update|reconfigure|throttle|limit|share)\b"),
    ("perm_action_zh", r"(有权|可以|可|得以).{0,8}(暂停|终止|停止|中止|禁用|停用|锁定|限制|拒绝|推送|安装|宣布|取消|访问|使用|收集|采集"
                       r"|激活|启用|修改|更新|解除|共享|提供给)"),
    ("no_oblig_en", r"\bnothing in\b|\bhas no obligation\b|\bshall not be (obliged|required)\b|\bis not (obliged|required)\b"
                    r"|\blimited to\b|\bsolely\b|\bwithout (further )?notice\b|\bimmediately\b"),
    ("neg_bind_en", r"\b(shall|will|must|may) not\b|\bundertakes? not\b|\bagrees? not\b|\bneither party shall\b|\bshall never\b"),
    ("neg_bind_zh", r"不得|不会|不应|承诺不|保证不|不以|不利用|不非法"),
    ("laws", r"\b(all )?applicable laws?\b|\bcybersecurity law\b|\bcomply with\b|适用法律|法律法规|网络安全法|遵守"),
)
_COMPILED = tuple((n, re.compile(p, re.IGNORECASE)) for n, p in _CUES)
LEXICAL_NAMES = tuple(n for n, _ in _CUES) + ("zh", "two_sentences", "length")
LEXICAL_HASH = hashlib.sha256(repr(_CUES).encode("utf-8")).hexdigest()[:16]
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENT_END = re.compile(r"[.;。；](\s|$)|[。；]")


def lexical_features(texts: list[str]) -> np.ndarray:
    """0/1 cue flags (plus a language flag, a second-sentence flag and a length feature)."""
    out = np.zeros((len(texts), len(LEXICAL_NAMES)), dtype=np.float32)
    k = len(_COMPILED)
    for i, t in enumerate(texts):
        for j, (_, rx) in enumerate(_COMPILED):
            if rx.search(t):
                out[i, j] = 1.0
        cjk = len(_CJK.findall(t))
        out[i, k] = 1.0 if cjk > 0.2 * max(len(t), 1) else 0.0
        out[i, k + 1] = 1.0 if len(_SENT_END.findall(t.strip())) >= 2 else 0.0
        out[i, k + 2] = np.log1p(len(t)) / 6.0
    return out


def features(texts: list[str], embeddings: np.ndarray | None = None) -> np.ndarray:
    """The model's input: encoder embedding (512) followed by :func:`lexical_features`."""
    if embeddings is None:
        from clausecheck.nlp import get_encoder

        embeddings = get_encoder().encode(list(texts))
    return np.hstack([np.asarray(embeddings, dtype=np.float32), lexical_features(list(texts))])


# --------------------------------------------------------------------------- predictions
@dataclass(frozen=True)
class ClausePrediction:
    """Calibrated probabilities for one clause.

    ``role``: the 9 role classes (sum 1). ``reasons`` and ``weakened`` are conditional on the clause
    being a commitment; multiply by ``commitment(req)`` for joint probabilities.
    """

    role: dict[str, float]
    reasons: dict[str, float]
    weakened: float

    @property
    def top_role(self) -> str:
        return max(self.role, key=self.role.__getitem__)

    def topic(self, requirement: str) -> float:
        """P(the clause is about ``requirement``) = P(commitment) + P(take-back)."""
        return self.role[f"{requirement}:commitment"] + self.role[f"{requirement}:take-back"]

    def commitment(self, requirement: str) -> float:
        return self.role[f"{requirement}:commitment"]

    def take_back(self, requirement: str) -> float:
        return self.role[f"{requirement}:take-back"]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


class ClauseModel:
    """The exported heads. Use :meth:`load` (or :func:`get_model`), then :meth:`predict`."""

    def __init__(self, arrays: dict[str, np.ndarray], path: Path | None = None):
        self.path = path
        self.role_W = arrays["role_W"].astype(np.float32)
        self.role_b = arrays["role_b"].astype(np.float32)
        self.reason_W = arrays["reason_W"].astype(np.float32)
        self.reason_b = arrays["reason_b"].astype(np.float32)
        self.status_w = arrays["status_w"].astype(np.float32)
        self.status_b = float(arrays["status_b"])
        self.status_stack = arrays["status_stack"].astype(np.float64)
        d = ENCODER_DIM + len(LEXICAL_NAMES)
        if self.role_W.shape != (d, len(ROLE_CLASSES)) or self.reason_W.shape != (d, len(REASON_CODES)) \
                or self.status_w.shape != (d,):
            raise ModelError(f"{path}: weight shapes do not match this version of clausecheck")

    @classmethod
    def load(cls, path: str | Path | None = None, *, verify: bool = True) -> ClauseModel:
        """Load the model; the npz's SHA-256 must match ``<stem>.sha256`` beside it."""
        path = Path(path) if path is not None else DEFAULT_PATH
        if not path.is_file():
            raise ModelError(f"trained clause model not found: {path} (rebuild: python scripts/train.py)")
        if verify:
            hash_file = path.with_suffix(".sha256")
            if not hash_file.is_file():
                raise ModelError(f"{hash_file} is missing: cannot verify the clause model {path}")
            fields = hash_file.read_text(encoding="utf-8").split()
            expected = fields[0].lower() if fields else ""
            actual = _sha256(path)
            if actual != expected:
                raise ModelError(f"clause model {path} has SHA-256 {actual}, expected {expected or '(none)'}"
                                 f" from {hash_file.name}: refusing to use it")
        try:
            with np.load(path, allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
        except Exception as exc:  # noqa: BLE001 - any unreadable file is the same user problem
            raise ModelError(f"cannot read clause model {path}: {exc}") from exc
        for key in ("role_W", "role_b", "reason_W", "reason_b", "status_w", "status_b", "status_stack", "format",
                    "lexical_hash", "role_classes", "reason_codes"):
            if key not in arrays:
                raise ModelError(f"{path}: not a clausecheck clause model (no '{key}')")
        if int(arrays["format"]) != MODEL_FORMAT:
            raise ModelError(f"{path}: model format {int(arrays['format'])}, this code reads {MODEL_FORMAT}")
        if str(arrays["lexical_hash"]) != LEXICAL_HASH:
            raise ModelError(f"{path}: trained with other lexical features than this code computes; retrain")
        if tuple(str(x) for x in arrays["role_classes"]) != ROLE_CLASSES \
                or tuple(str(x) for x in arrays["reason_codes"]) != REASON_CODES:
            raise ModelError(f"{path}: class lists differ from this version of clausecheck")
        return cls(arrays, path)

    def predict_arrays(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Role (n, 9), reasons (n, 8), weakened (n,) probabilities from a feature matrix."""
        X = np.asarray(X, dtype=np.float32)
        z = X @ self.role_W + self.role_b
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        role = e / e.sum(axis=1, keepdims=True)
        reasons = _sigmoid(X @ self.reason_W + self.reason_b)
        # P(weakened): a calibrated map over the status head's logit and the noisy-OR of the reasons.
        none = np.clip(np.prod(1.0 - reasons.astype(np.float64), axis=1), 1e-6, 1 - 1e-6)
        a, b, c = self.status_stack
        zs = (X @ self.status_w + self.status_b).astype(np.float64)
        weak = _sigmoid(a * zs + b * (np.log(1 - none) - np.log(none)) + c)
        return role, reasons, weak

    def predict(self, texts: list[str], embeddings: np.ndarray | None = None) -> list[ClausePrediction]:
        texts = list(texts)
        if not texts:
            return []
        role, reasons, weak = self.predict_arrays(features(texts, embeddings))
        return [
            ClausePrediction(
                role={c: float(p) for c, p in zip(ROLE_CLASSES, role[i], strict=True)},
                reasons={c: float(p) for c, p in zip(REASON_CODES, reasons[i], strict=True)},
                weakened=float(weak[i]),
            )
            for i in range(len(texts))
        ]


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _load() -> ClauseModel:
    return ClauseModel.load()


def get_model() -> ClauseModel:
    """The shipped model, loaded (and verified) once per process; thread-safe."""
    with _LOCK:
        return _load()
