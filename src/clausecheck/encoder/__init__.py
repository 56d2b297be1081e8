"""The reader: multilingual-e5-small, fine-tuned on contract sentences, run with onnxruntime.

Base weights and tokenizer come from two pinned pip packages (:mod:`.base`); what training changed
is ``models/reader-adapter.npz`` (:mod:`.adapter`); the run-time ONNX model is built from both
into the user's cache (:mod:`.build`, ``clausecheck model build``) and read by :class:`Reader`.
No torch and no network at run time.
"""

from clausecheck.encoder.adapter import Adapter, AdapterError
from clausecheck.encoder.base import BaseError
from clausecheck.encoder.reader import Reader, ReaderError, SentenceReading
from clausecheck.encoder.schema import HEADS

__all__ = ["HEADS", "Adapter", "AdapterError", "BaseError", "Reader", "ReaderError", "SentenceReading"]
