"""Batch rendering: one pack per desa from a spreadsheet and a shared template, on any executor."""

from .report import BatchResult, Failure
from .runner import render_batch
from .template import Template, is_template, load_template

__all__ = ["BatchResult", "Failure", "Template", "is_template", "load_template", "render_batch"]
