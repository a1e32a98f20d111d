"""Splitting Python source into lines the way the tokenizer and git number them."""
import io


def lines(text, keepends=False):
    """The text's lines as the tokenizer and git count them: ended by a newline only.
    str.splitlines also ends a line at a form feed (a page break in old modules), a vertical tab,
    \\x1c-\\x1e, \\x85, \\u2028 and \\u2029, and every row after one is then off by one."""
    found = io.StringIO(text).readlines()
    return found if keepends else [line[:-1] if line.endswith("\n") else line for line in found]
