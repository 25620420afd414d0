"""What a batch imports after its last file is read: nothing of its own, and not the Parquet
writer, once `prepare_after_reading` has run (as it does while worker processes read).

Why: every import left for after the reading runs on the critical path of every batch,
whatever the number of jobs, while the worker processes sit idle.
"""

from __future__ import annotations

import pickle
import subprocess
import sys

from ambicion.extract_many import Extracted, extract_files

SCRIPT = """
import pickle, sys
from ambicion.study import build_study, prepare_after_reading
prepare_after_reading()
plans, reviews = pickle.load(open(sys.argv[1], "rb"))
before = set(sys.modules)
study = build_study(plans, reviews)
written = study.write(sys.argv[2])
print(len(study.commitments), len(written))
print(sorted(m for m in set(sys.modules) - before
             if m.split(".")[0] == "ambicion" or m.startswith("pyarrow.parquet")))
"""


def test_building_and_writing_the_study_imports_nothing_new(study_files, tmp_path):
    outcomes = extract_files([study_files["2023"], study_files["review"]])
    assert all(isinstance(o, Extracted) for o in outcomes)
    docs = tmp_path / "docs.pickle"  # the documents as the workers hand them over
    docs.write_bytes(pickle.dumps(([o.document for o in outcomes if o.kind == "plan"],
                                   [o.document for o in outcomes if o.kind == "review"])))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(docs), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    counts, imported = done.stdout.strip().splitlines()[-2:]
    commitments, files = map(int, counts.split())
    assert commitments > 0 and files >= 5  # the study was judged, paired and written
    assert imported == "[]"
