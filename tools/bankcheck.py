#!/usr/bin/env python3
"""Content-side sanity checks for the question bank (a stand-in until `her2prep check-bank`
exists, and a second opinion afterwards). Usage: python3 tools/bankcheck.py [--grid N]"""
import glob, itertools, os, random, re, sys
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.environ.get("SEEDS", "/work/shared/seeds")
VOCAB = {
    "role": ["patient", "caregiver"],
    "sex": ["female", "male", "unknown"],
    "er": ["positive", "low", "negative", "unknown"],
    "pr": ["positive", "negative", "unknown"],
    "her2_ihc": ["0", "ultralow", "1+", "2+", "3+", "unknown"],
    "her2_ish": ["not-amplified", "amplified", "pending", "not-done", "unknown"],
    "stage": ["0", "I", "II", "III", "IV", "unknown"],
    "nodes": ["positive", "negative", "unknown"],
    "grade": ["1", "2", "3", "unknown"],
    "menopause": ["pre", "peri", "post", "unknown"],
    "brca": ["positive", "negative", "pending", "not-tested", "unknown"],
    "tumor_testing": ["done", "pending", "not-done", "unknown"],
    "tumor_mutations": ["pik3ca", "esr1", "akt1", "pten", "none"],
    "phase": ["new-diagnosis", "before-surgery", "neoadjuvant", "after-surgery", "endocrine-therapy",
              "metastatic", "progression", "survivorship", "unknown"],
    "appointment": ["medical-oncologist", "surgeon", "radiation-oncologist", "genetic-counselor", "nurse",
                    "primary-care", "other", "unknown"],
    "hr": ["positive", "low", "negative", "unknown"],
    "her2": ["zero", "ultralow", "low", "equivocal", "positive", "unknown"],
    "subtype": ["hr-positive", "er-low", "triple-negative", "her2-positive", "unknown"],
    "setting": ["dcis", "early", "locally-advanced", "metastatic", "unknown"],
    "unknown": ["sex", "er", "pr", "her2", "stage", "nodes", "grade", "menopause", "brca", "tumor_testing", "phase"],
}
CLIN = ["medical-oncologist", "surgeon", "radiation-oncologist", "genetic-counselor", "nurse", "primary-care", "other"]
RECEPTOR_KEYS = {"er", "pr", "hr", "her2", "her2_ihc", "her2_ish", "subtype", "tumor_mutations", "tumor_testing"}

problems = []
def problem(f, qid, msg):
    problems.append(f"{os.path.basename(f)}: {qid}: {msg}")

def as_list(v):
    if isinstance(v, list):
        return [str(x) for x in v]
    return [str(v)]

def load():
    qs = []
    sources = yaml.safe_load(open(f"{ROOT}/questions/sources.yaml"))["documents"]
    docs = {d["file"]: open(f"{SEEDS}/{d['file']}", encoding="utf-8").read() for d in sources}
    for f in sorted(glob.glob(f"{ROOT}/questions/*.yaml")):
        if os.path.basename(f) in ("glossary.yaml", "sources.yaml"):
            continue
        d = yaml.safe_load(open(f, encoding="utf-8"))
        for q in d["questions"]:
            q["_file"] = f
            q["_topic"] = d["topic"]
            qs.append(q)
    ids = set()
    for q in qs:
        f, qid = q["_file"], q.get("id")
        if qid in ids:
            problem(f, qid, "duplicate id")
        ids.add(qid)
        if not re.fullmatch(r"[a-z0-9-]+", qid or ""):
            problem(f, qid, "bad id")
        extra = set(q) - {"id", "text", "priority", "when", "not", "clinicians", "why", "source", "sensitive", "_file", "_topic"}
        if extra:
            problem(f, qid, f"unknown fields {extra}")
        if q.get("priority") not in ("essential", "important", "optional"):
            problem(f, qid, "priority")
        for block in ("when", "not"):
            for k, v in (q.get(block) or {}).items():
                if k not in VOCAB:
                    problem(f, qid, f"unknown key {k}")
                    continue
                for x in as_list(v):
                    if x not in VOCAB[k]:
                        problem(f, qid, f"{block}.{k}: bad value {x!r}")
        for c in q.get("clinicians", []):
            if c not in CLIN:
                problem(f, qid, f"clinician {c}")
        if not q.get("clinicians"):
            problem(f, qid, "no clinicians")
        src = q.get("source") or {}
        if src.get("document") == "general":
            pass
        elif src.get("document") in docs:
            if src.get("section") not in docs[src["document"]]:
                problem(f, qid, f"section not found in {src['document']}: {src.get('section')!r}")
        else:
            problem(f, qid, f"unknown document {src.get('document')}")
        t = q.get("text", "")
        if not t.endswith("?"):
            problem(f, qid, "text is not a question")
        if re.search(r"\b(mg|milligram|dose)\b", t, re.I):
            problem(f, qid, "dose mentioned")
        why = q.get("why", "")
        if "\n" in why or not why:
            problem(f, qid, "why must be one line")
        # No sentence copied from the seeds: any 8-word run shared with a seed is suspicious.
        words = re.findall(r"[a-z0-9']+", t.lower())
        for doc, body in docs.items():
            bw = " ".join(re.findall(r"[a-z0-9']+", body.lower()))
            for i in range(len(words) - 7):
                if " ".join(words[i:i + 8]) in bw:
                    problem(f, qid, f"8-word run shared with {doc}: {' '.join(words[i:i+8])!r}")
                    break
    return qs

# --- classification, as in src/classify.rs ---
def classify(p):
    er, pr = p["er"], p["pr"]
    if er == "positive" or pr == "positive": hr = "positive"
    elif er == "low": hr = "low"
    elif er == "negative" and pr == "negative": hr = "negative"
    else: hr = "unknown"
    ihc, ish = p["her2_ihc"], p["her2_ish"]
    her2 = {"0": "zero", "ultralow": "ultralow", "1+": "low", "3+": "positive"}.get(ihc)
    if ihc == "2+":
        her2 = {"not-amplified": "low", "amplified": "positive"}.get(ish, "equivocal")
    if ihc == "unknown":
        her2 = "positive" if ish == "amplified" else "unknown"
    if her2 == "positive": sub = "her2-positive"
    elif her2 not in ("zero", "ultralow", "low"): sub = "unknown"
    else: sub = {"positive": "hr-positive", "low": "er-low", "negative": "triple-negative", "unknown": "unknown"}[hr]
    st = p["stage"]
    setting = {"0": "dcis", "I": "early", "II": "early", "III": "locally-advanced", "IV": "metastatic"}.get(st)
    if st == "unknown":
        setting = "metastatic" if p["phase"] in ("metastatic", "progression") else "unknown"
    unk = [k for k in ["sex", "er", "pr", "stage", "nodes", "grade", "brca", "tumor_testing", "phase"] if p[k] == "unknown"]
    if her2 == "unknown": unk.append("her2")
    if p["menopause"] == "unknown" and p["sex"] != "male": unk.append("menopause")
    facts = {k: [p[k]] for k in ["role", "sex", "er", "pr", "her2_ihc", "her2_ish", "stage", "nodes", "grade",
                                  "menopause", "brca", "tumor_testing", "phase", "appointment"]}
    facts["tumor_mutations"] = p["tumor_mutations"] or ["none"]
    facts.update(hr=[hr], her2=[her2], subtype=[sub], setting=[setting], unknown=unk)
    return facts

def holds(facts, k, v):
    return any(x in facts[k] for x in as_list(v))

def build(qs, p, sensitive=True):
    f = classify(p)
    out = []
    for q in qs:
        if q.get("sensitive") and not sensitive:
            continue
        w, n = q.get("when") or {}, q.get("not") or {}
        if not all(holds(f, k, v) for k, v in w.items()):
            continue
        if any(holds(f, k, v) for k, v in n.items()):
            continue
        if f["subtype"] == ["her2-positive"]:
            tested = set(w) | set(n)
            explicit = as_list(w.get("her2", "")) == ["positive"] or as_list(w.get("subtype", "")) == ["her2-positive"]
            if tested & RECEPTOR_KEYS and not explicit:
                continue
        out.append(q)
    return f, out

ENDO = re.compile(r"hormone therapy|hormone medicine|hormone-based|endocrine|tamoxifen|aromatase|CDK4/6|ovarian|ovaries|fulvestrant|exemestane|abemaciclib|ribociclib|palbociclib", re.I)
FEM = re.compile(r"ovar|menopaus|fertil|pregnan|egg|embryo|periods|birth control|womb|uter|mammogram", re.I)
MET = re.compile(r"PIK3CA|ESR1|AKT1|PTEN|alpelisib|capivasertib|inavolisib|elacestrant|everolimus|trastuzumab deruxtecan|sacituzumab|datopotamab|talazoparib|has spread|spread to|PD-L1 test|first treatment stops|next options|tumour test|biopsy be taken", re.I)
SURG = re.compile(r"lumpectomy|mastectomy|sentinel|reconstruction", re.I)
IMMUNO_TN = re.compile(r"immunotherapy|pembrolizumab", re.I)

def check_profile(p, f, out, label=""):
    errs = []
    sub, setting = f["subtype"][0], f["setting"][0]
    ess = [q for q in out if q["priority"] == "essential"]
    if not out: errs.append("empty list")
    if not ess: errs.append("no essential")
    if len(ess) > 12: errs.append(f"{len(ess)} essentials: {[q['id'] for q in ess]}")
    for q in out:
        t = q["text"]
        if sub == "triple-negative" and ENDO.search(t): errs.append(f"endocrine for TNBC: {q['id']}")
        if f["hr"][0] in ("negative",) and ENDO.search(t): errs.append(f"endocrine for HR-: {q['id']}")
        if p["sex"] == "male" and FEM.search(t): errs.append(f"female-only for man: {q['id']}")
        if p["menopause"] == "post" and re.search(r"ovar|fertil|pregnan|egg|embryo|birth control", t, re.I): errs.append(f"fertility/OFS after menopause: {q['id']}")
        if setting != "metastatic" and MET.search(t): errs.append(f"metastatic-only in {setting}: {q['id']}")
        if (setting == "metastatic" or p["phase"] in ("after-surgery", "endocrine-therapy", "survivorship", "metastatic", "progression")) and SURG.search(t):
            errs.append(f"surgery choice in {setting}/{p['phase']}: {q['id']}")
        if sub in ("her2-positive",) and q["id"] not in ("results-her2-positive", "met-rebiopsy", "results-status-change") and re.search(r"HER2|hormone|triple", t):
            errs.append(f"receptor-specific for HER2+: {q['id']}")
        if sub != "triple-negative" and f["hr"][0] != "low" and IMMUNO_TN.search(t): errs.append(f"immunotherapy for non-TNBC: {q['id']}")
    return errs

def base():
    return dict(role="patient", sex="unknown", er="unknown", pr="unknown", her2_ihc="unknown", her2_ish="unknown",
                stage="unknown", nodes="unknown", grade="unknown", menopause="unknown", brca="unknown",
                tumor_testing="unknown", tumor_mutations=[], phase="unknown", appointment="unknown")

FAST = "--fast" in sys.argv
def grid(qs, n):
    rnd = random.Random(7)
    dims = {k: VOCAB[k] for k in ["role", "sex", "er", "pr", "her2_ihc", "her2_ish", "stage", "nodes", "grade", "menopause", "brca", "tumor_testing", "phase"]}
    bad = {}
    maxess = [0]
    sizes = []
    def run(p):
        f, out = build(qs, p)
        ess = sum(q["priority"] == "essential" for q in out)
        if ess > maxess[0]: maxess[:] = [ess, [q["id"] for q in out if q["priority"] == "essential"], {k: v for k, v in p.items() if v not in ("unknown", [])}]
        sizes.append(len(out))
        for e in check_profile(p, f, out):
            key = re.sub(r"\d+ essentials.*", "too many essentials", e)
            bad.setdefault(key, p)
    # exhaustive over the main dimensions
    main = ["sex", "er", "pr", "her2_ihc", "stage", "menopause", "phase"]
    EXTRAS = [{}] if FAST else [{}, {"brca": "positive", "her2_ish": "pending", "tumor_testing": "done", "tumor_mutations": ["pik3ca", "akt1", "esr1"], "nodes": "positive", "grade": "3"},
                      {"brca": "pending", "tumor_testing": "not-done", "nodes": "negative", "grade": "1"}]
    for combo in itertools.product(*[dims[k] for k in main]):
        p = base(); p["role"] = "caregiver"; p.update(zip(main, combo))
        for extra in EXTRAS:
            q = dict(p); q.update(extra); run(q)
    for _ in range(n):
        p = base()
        for k, vs in dims.items(): p[k] = rnd.choice(vs)
        p["tumor_mutations"] = rnd.sample(["pik3ca", "esr1", "akt1", "pten"], rnd.randint(0, 2))
        run(p)
    return bad, maxess, sizes

if __name__ == "__main__":
    qs = load()
    n = int(sys.argv[sys.argv.index("--grid") + 1]) if "--grid" in sys.argv else 20000
    from collections import Counter
    print(f"{len(qs)} questions;", dict(Counter(q['_topic'] for q in qs)))
    print("priorities:", dict(Counter(q['priority'] for q in qs)))
    bad, maxess, sizes = grid(qs, n)
    print(f"grid: max essentials {maxess}; list size min {min(sizes)} max {max(sizes)} mean {sum(sizes)/len(sizes):.0f}")
    for e, p in sorted(bad.items()):
        print("GRID:", e, "<-", {k: v for k, v in p.items() if v not in ('unknown', [])})
    for pr in problems:
        print("BANK:", pr)
    sys.exit(1 if bad or problems else 0)
