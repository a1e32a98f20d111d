"""A codemod's metadata is computed when first asked for, once per walk, with libcst's answers."""
import libcst as cst
import pytest
from libcst.codemod import CodemodContext
from libcst.metadata import ExpressionContextProvider, MetadataWrapper, ParentNodeProvider, ScopeProvider

from workers.rewriting.codemod import SiteRecorder
from workers.rewriting.cst_lines import LinesProvider
from workers.rewriting.cst_parents import ParentProvider

SOURCE = "import six\n\ndef f(x):\n    return six.text_type(x)\n"


class Asking(SiteRecorder):
    METADATA_DEPENDENCIES = (ScopeProvider, ParentProvider)


def _walk_of(source):
    wrapper = MetadataWrapper(cst.parse_module(source))
    return wrapper, Asking(CodemodContext(wrapper=wrapper))


def test_nothing_is_computed_until_asked_for():
    wrapper, recorder = _walk_of(SOURCE)
    with recorder.resolve(wrapper):
        assert wrapper._metadata == {}
        call = wrapper.module.body[1].body.body[0].body[0].value
        assert recorder.get_metadata(ParentProvider, call) is wrapper.module.body[1].body.body[0].body[0]
        assert set(wrapper._metadata) == {ParentProvider}
        assert recorder.get_metadata(LinesProvider, call) == (4, 4)
        assert set(wrapper._metadata) == {ParentProvider, LinesProvider}


def test_the_answers_are_libcsts_and_shared_by_the_walk():
    wrapper, recorder = _walk_of(SOURCE)
    other = Asking(recorder.context)
    expected = MetadataWrapper(wrapper.module, unsafe_skip_copy=True)
    with recorder.resolve(wrapper), other.resolve(wrapper):
        for node, parent in expected.resolve(ParentNodeProvider).items():
            assert recorder.get_metadata(ParentProvider, node) is parent
        for node, scope in expected.resolve(ScopeProvider).items():
            assert type(recorder.get_metadata(ScopeProvider, node)) is type(scope)
        module_scope = recorder.get_metadata(ScopeProvider, wrapper.module.body[0])
        assert other.get_metadata(ScopeProvider, wrapper.module.body[0]) is module_scope  # not computed again
        assert ExpressionContextProvider in wrapper._metadata  # what scopes need comes with them


def test_undeclared_metadata_is_refused_and_a_finished_walk_asks_nothing():
    wrapper, recorder = _walk_of(SOURCE)
    with recorder.resolve(wrapper):
        with pytest.raises(KeyError):
            recorder.get_metadata(ExpressionContextProvider, wrapper.module)
    with pytest.raises(KeyError):
        recorder.get_metadata(ScopeProvider, wrapper.module)
    assert wrapper._metadata == {}
