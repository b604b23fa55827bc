"""A mypy plugin: Wagtail's class-level defaults are not type declarations.

Wagtail has inline hints but no py.typed marker; the project reads its hints anyway
(``follow_untyped_imports``). Where Wagtail did not annotate a class attribute, mypy infers its
type from the default value, so ``max_count_per_parent = None`` becomes "always None",
``content_panels = [PanelPlaceholder(...)]`` becomes "a list of placeholders", ``model = None`` on
a viewset becomes "no model ever", and every subclass that sets these attributes the documented
way is reported as an incompatible override.

For every class of ours, this widens to ``Any`` the *inferred* (never the annotated) types of
Wagtail's class attributes whose default is ``None``, a string or a plain container, so subclasses
are checked against what Wagtail wrote down and not against a guess. Annotated attributes,
methods, managers and everything else of Wagtail's keep their types.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import (
    AssignmentStmt,
    DictExpr,
    Expression,
    ListExpr,
    NameExpr,
    SetExpr,
    StrExpr,
    TupleExpr,
    TypeInfo,
    Var,
)
from mypy.plugin import ClassDefContext, Plugin
from mypy.types import AnyType, Instance, NoneType, TupleType, TypeOfAny, get_proper_type

LIBRARIES = ("wagtail.", "wagtail_localize.", "modelcluster.", "taggit.", "laces.")
CONTAINERS = frozenset(
    {"builtins.list", "builtins.tuple", "builtins.dict", "builtins.set", "builtins.str"}
)
LITERALS = (ListExpr, TupleExpr, DictExpr, SetExpr, StrExpr)


def _is_literal_default(rvalue: Expression) -> bool:
    if isinstance(rvalue, NameExpr):
        return rvalue.fullname == "builtins.None"
    return isinstance(rvalue, LITERALS)


def _is_inferred_guess(var: Var) -> bool:
    if not var.is_inferred or var.is_property or var.type is None:
        return False
    proper = get_proper_type(var.type)
    if isinstance(proper, NoneType | TupleType):
        return True
    return isinstance(proper, Instance) and proper.type.fullname in CONTAINERS


def _widen(var: Var) -> None:
    var.type = AnyType(TypeOfAny.special_form)
    var.is_inferred = False


def widen_class(info: TypeInfo) -> None:
    """Declare the literal-default attributes of one library class as ``Any``."""
    body = info.defn.defs.body
    if not body:  # read from mypy's cache: no syntax tree, but the inferred types are there
        for symbol in info.names.values():
            if isinstance(symbol.node, Var) and _is_inferred_guess(symbol.node):
                _widen(symbol.node)
        return
    for stmt in body:
        if not isinstance(stmt, AssignmentStmt) or stmt.type is not None:
            continue
        if not _is_literal_default(stmt.rvalue):
            continue
        for lvalue in stmt.lvalues:
            if isinstance(lvalue, NameExpr) and isinstance(lvalue.node, Var):
                # The library's own assignment now sets a declared Any instead of inferring.
                lvalue.is_inferred_def = False
                _widen(lvalue.node)


_widened: set[str] = set()


def widen_library_defaults(ctx: ClassDefContext) -> None:
    for base in ctx.cls.info.mro[1:]:
        if base.module_name.startswith(LIBRARIES) and base.fullname not in _widened:
            _widened.add(base.fullname)
            widen_class(base)


class WagtailDefaultsPlugin(Plugin):
    def get_customize_class_mro_hook(
        self, fullname: str
    ) -> Callable[[ClassDefContext], None] | None:
        if fullname.startswith(LIBRARIES):
            return None
        return widen_library_defaults


def plugin(version: str) -> type[Plugin]:
    return WagtailDefaultsPlugin
