"""policytext: mine Chinese policy corpora.

Normalize scraped local-government notices (keeping the raw text and every
edit), extract what each notice says about itself (title, date, issuer, 文号,
region, outline, phases, formulas, themes, carriers, slogans), segment with a
policy dictionary, and compare across regions and time.

Nothing heavy happens at import: dictionaries, converters and models load on
first use.

>>> import policytext as pt
>>> doc = pt.normalize(pt.Document(id="d", raw="衛(wèi)生系統"))
>>> doc.text
'卫生系统'
"""

from __future__ import annotations

import logging

from ._edits import Edit, OffsetMap, apply_edits
from ._errors import (
    DecodeError,
    IngestError,
    MissingDependencyError,
    PatternError,
    PipelineError,
    PolicytextError,
    PolicytextWarning,
)
from .corpus import Corpus
from .document import Document
from .extract import extract
from .ingest import decode, iter_documents, read_document
from .normalize import DEFAULT_PIPELINE, Pipeline, make_pipeline, normalize
from .record import from_record, to_json, to_record

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_PIPELINE",
    "Corpus",
    "DecodeError",
    "Document",
    "Edit",
    "IngestError",
    "MissingDependencyError",
    "OffsetMap",
    "PatternError",
    "Pipeline",
    "PipelineError",
    "PolicytextError",
    "PolicytextWarning",
    "__version__",
    "apply_edits",
    "decode",
    "extract",
    "from_record",
    "iter_documents",
    "make_pipeline",
    "normalize",
    "read_document",
    "to_json",
    "to_record",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
