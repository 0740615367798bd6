"""The imports between a package's own modules: import cycles, and imports that run back up.

    python tools/imports.py                # check bodymap/: cycles and up-imports
    python tools/imports.py --list         # and list each module's imports of the package
    python tools/imports.py path/to/pkg    # another package

Every import a module runs counts: at the top, or inside a function (a lazy import still
ties the two modules together); an import under ``if TYPE_CHECKING:`` never runs and is
left out. Two problems are reported, and make the exit status 1:

* a **cycle**: modules that import each other, directly or round a longer loop (each
  strongly connected group of modules is reported once, with one loop through it);
* an **up-import**: a module that imports a name from a package it lies inside
  (``from bodymap import __version__`` in ``bodymap/data/compiled.py``): the package's
  ``__init__`` is above it, and may itself import the module (importing a sibling
  submodule, ``from bodymap.gui import painting``, is not one).
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

Graph = dict[str, set[str]]


def module_names(package: Path) -> dict[str, Path]:
    """Every module of the package folder ``package``, by its dotted name."""
    root = package.name
    names = {}
    for path in sorted(package.rglob("*.py")):
        parts = [root, *path.relative_to(package).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements of ``tree`` that can run: not under ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                stack.extend(child.orelse)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child
            stack.append(child)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _targets(
    module: str, is_package: bool, node: ast.Import | ast.ImportFrom, known: Iterable[str]
) -> Iterator[tuple[str, bool]]:
    """Each module of the package an import statement runs, and whether it takes a name
    from that module's own namespace (rather than naming a submodule)."""
    known = set(known)
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name in known:
                yield alias.name, False
        return
    source = _resolve(module, is_package, node)
    if source not in known:
        return
    for alias in node.names:
        submodule = f"{source}.{alias.name}"
        if submodule in known:
            yield submodule, False
        else:
            yield source, True


def import_graph(package: Path) -> tuple[Graph, list[tuple[str, str]]]:
    """Per module, the package's modules it imports; and the up-imports (module, the
    package above it that it takes a name from)."""
    modules = module_names(package)
    graph: Graph = {name: set() for name in modules}
    up: list[tuple[str, str]] = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        is_package = path.name == "__init__.py"
        for node in _runtime_imports(tree):
            for target, takes_name in _targets(name, is_package, node, modules):
                if target == name:
                    continue
                graph[name].add(target)
                if takes_name and name.startswith(f"{target}."):
                    up.append((name, target))
    return graph, sorted(set(up))


def cycles(graph: Graph) -> list[list[str]]:
    """One loop through each group of modules that import each other (Tarjan's strongly
    connected components, without recursion), each loop starting at its first name."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for target in edges:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    groups.append(_pop_group(stack, on_stack, node))
    return sorted(_loop(graph, group) for group in groups if len(group) > 1)


def _pop_group(stack: list[str], on_stack: set[str], root: str) -> list[str]:
    """The strongly connected group whose root is ``root``, taken off the stack."""
    group = []
    while True:
        member = stack.pop()
        on_stack.discard(member)
        group.append(member)
        if member == root:
            return sorted(group)


def _loop(graph: Graph, group: list[str]) -> list[str]:
    """A shortest loop from the group's first module back to it, inside the group."""
    first, members = group[0], set(group)
    paths = {first: [first]}
    queue = [first]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & members):
            if target == first:
                return [*paths[node], first]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    return [*group, first]  # not reached: a strongly connected group has a loop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent / "bodymap"
    parser.add_argument("package", nargs="?", type=Path, default=default)
    parser.add_argument("--list", action="store_true", help="list every module's imports")
    args = parser.parse_args(argv)
    graph, up = import_graph(args.package)
    if args.list:
        for name in sorted(graph):
            print(f"{name}: {', '.join(sorted(graph[name])) or '-'}")
    found = cycles(graph)
    for loop in found:
        print("cycle: " + " -> ".join(loop))
    for module, package in up:
        print(f"up-import: {module} takes a name from {package}, the package it is in")
    if found or up:
        return 1
    print(f"ok: {len(graph)} modules, no import cycles, no up-imports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
