"""Composition: each document is composed once into neutral blocks that every writer understands."""

from .blocks import Document, document_text
from .registry import DOCUMENTS, composer

__all__ = ["DOCUMENTS", "Document", "composer", "document_text"]
