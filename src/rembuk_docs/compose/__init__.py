"""Composition: each document is composed once into neutral blocks that every writer understands."""

from .blocks import Document, document_text
from .registry import DOCUMENTS, PACKS, composer, pack_documents

__all__ = ["DOCUMENTS", "PACKS", "Document", "composer", "document_text", "pack_documents"]
