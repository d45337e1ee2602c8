"""Reading the official text: checksum, page-break repair, and parsing into a structure."""
