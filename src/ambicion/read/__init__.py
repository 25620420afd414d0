"""One reading model for every input: blocks from PDF, Word and text, then where commitments
start and which field each piece of text fills."""
