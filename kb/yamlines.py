"""YAML loading that remembers where every value came from.

PyYAML's composer keeps a line mark on every node; we build plain dicts and
lists from the nodes and keep the marks beside them, so the linter can say
`file:line` for any field. Scalars stay strings unless YAML says they are
numbers, booleans or null: dates in particular stay text (we validate them
ourselves, and `2023-02-30` must be an error, not a crash).
"""

from __future__ import annotations

import yaml


class YamlError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class LineDict(dict):
    """A mapping with `.line` (its first line) and `.key_lines[key]`."""

    line: int = 0
    key_lines: dict


class LineList(list):
    """A sequence with `.line` and `.item_lines[i]`."""

    line: int = 0
    item_lines: list


_NUMBER_TAGS = {"tag:yaml.org,2002:int": int, "tag:yaml.org,2002:float": float}


def _scalar(node: yaml.ScalarNode):
    tag = node.tag
    value = node.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on")
    if tag in _NUMBER_TAGS:
        try:
            return _NUMBER_TAGS[tag](value.replace("_", ""))
        except ValueError:
            return value
    return value


def _build(node, offset: int):
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        out = LineList(_build(child, offset) for child in node.value)
        out.line = line
        out.item_lines = [child.start_mark.line + 1 + offset for child in node.value]
        return out
    if isinstance(node, yaml.MappingNode):
        out = LineDict()
        out.line = line
        out.key_lines = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(key_line, "a key must be a plain word, not a list or mapping")
            key = str(key_node.value)
            if key in out:
                raise YamlError(
                    key_line,
                    f"field '{key}' appears twice (first on line {out.key_lines[key]}); keep one",
                )
            out[key] = _build(value_node, offset)
            out.key_lines[key] = key_line
        return out
    raise YamlError(line, "unsupported YAML node")


# libyaml's composer is several times faster and keeps the same line marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str, offset: int = 0):
    """Parse one YAML document; `offset` is added to every line number.

    Raises YamlError with a 1-based line number and a human message.
    """
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(line, f"invalid YAML: {problem}; check indentation, colons and quotes") from None
    except yaml.YAMLError as exc:  # e.g. composer errors without marks
        raise YamlError(1 + offset, f"invalid YAML: {exc}") from None
    if node is None:
        return None
    return _build(node, offset)
