"""Official letters and reports rendered from DOCX templates (docxtpl)."""
