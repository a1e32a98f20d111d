"""A module that imports a module of the checkout whose class defines its own has_key() knows it
(ModuleContext.has_key_imports), so the has_key fixer leaves `x.has_key(k)` on receivers of unknown
type for review there, as it does in the defining module (BeautifulSoupTests.py: `from
BeautifulSoup import *` then `soup.foo.has_key('attr')`, where `in` looks at the tag's children)."""
import dataclasses

from workers.engine.apply import transform_text
from workers.engine.context import contexts_for
from workers.fixers.has_key import FIXER

FILES = {
    "BeautifulSoup.py": (
        "class Tag(object):\n"
        "    def has_key(self, key):\n"
        "        return key in self.attrs\n"
    ),
    "BeautifulSoupTests.py": "from BeautifulSoup import *\n\nok = Tag().has_key('attr')\n",
    "pkg/__init__.py": "",
    "pkg/uses.py": "from pkg import soup\n\nok = soup.Tag().has_key('attr')\n",
    "pkg/soup.py": "class Tag(object):\n    def has_key(self, key):\n        return False\n",
    "other.py": "import os\n\nok = {}.has_key('attr')\n",
}
PYTHON_FILES = sorted(FILES)


def test_importers_of_a_has_key_module_are_marked(tmp_path):
    for path, text in FILES.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    contexts = contexts_for(tmp_path, PYTHON_FILES)
    marked = {path: contexts[path].has_key_imports for path in PYTHON_FILES if contexts[path].has_key_imports}
    assert marked == {"BeautifulSoupTests.py": {"BeautifulSoup"}, "pkg/uses.py": {"soup"}}
    tests = contexts["BeautifulSoupTests.py"]
    assert tests.digest() != dataclasses.replace(tests, has_key_imports=frozenset()).digest()
    after, _ = transform_text(FILES["BeautifulSoupTests.py"], [FIXER], tests)
    assert after == FILES["BeautifulSoupTests.py"]
    after, _ = transform_text(FILES["other.py"], [FIXER], contexts["other.py"])
    assert "'attr' in {}" in after
