"""Reading and writing a checkout's files: never through a symlink or outside the checkout
(safe_files), decoded and re-encoded byte for byte (source). Imports nothing else of py3bridge."""
