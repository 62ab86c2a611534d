"""facelaw: a bilingual knowledge base of facial-recognition law (US / EU / CN)."""
