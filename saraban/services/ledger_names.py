"""How people name what the ledger records: its actions and entities, in Thai.

The ledger stores short English keys (``receive``, ``letter-edit``), which ``--json`` and
checkpoints keep; screens and reports show the Thai names, and an auditor may filter by
either (``แก้ไข`` finds every kind of edit).
"""

from __future__ import annotations

ACTION_NAMES = {
    "receive": "ลงทะเบียนรับ",
    "send": "ลงทะเบียนส่ง",
    "void": "ยกเลิกเลข",
    "amend": "แก้ไขรายการทะเบียน",
    "amendment": "บันทึกการแก้ไข",
    "amendment-edit": "แก้ไขบันทึกการแก้ไข",
    "received": "รับ",
    "sent": "ส่ง",
    "endorsed": "เกษียน",
    "copy": "ได้รับอีกฉบับ",
    "event-edit": "แก้ไขเหตุการณ์",
    "letter-add": "เพิ่มหนังสือ",
    "letter-edit": "แก้ไขหนังสือ",
    "letter-delete": "ลบหนังสือ",
    "user-add": "เพิ่มผู้ใช้",
    "user-edit": "แก้ไขผู้ใช้",
    "user-delete": "ลบผู้ใช้",
    "agency-add": "เพิ่มหน่วยงาน",
    "agency-edit": "แก้ไขหน่วยงาน",
    "agency-delete": "ลบหน่วยงาน",
    "baseline": "บันทึกสภาพเดิม",
    "destroy-list-add": "จัดทำบัญชีขอทำลาย",
    "destroy-list-edit": "แก้ไขบัญชีขอทำลาย",
    "mail-add": "รับอีเมลเข้า",
    "mail-edit": "แก้ไขอีเมลเข้า",
    "dispatch-add": "ส่งทางอีเมล",
    "dispatch-edit": "แก้ไขการส่งทางอีเมล",
    "mail-cursor-add": "เริ่มอ่านกล่องจดหมาย",
    "mail-cursor-edit": "อ่านกล่องจดหมายต่อ",
    "citation-add": "บันทึกการอ้างถึง",
    "citation-edit": "แก้ไขการอ้างถึง",
    "citation-delete": "ลบการอ้างถึง",
    "mail-in": "รับอีเมลเข้ากล่อง",
    "mail-accept": "ลงรับจากอีเมล",
    "mail-reject": "ไม่รับอีเมล",
    "mail-out": "ส่งหนังสือทางอีเมล",
    "retention": "กำหนดการเก็บรักษา",
    "retention-hold": "อายัดหนังสือ",
    "retention-list": "ลงบัญชีหนังสือขอทำลาย",
    "retention-destroy": "ทำลายหนังสือ",
}
ENTITY_NAMES = {
    "letter": "หนังสือ",
    "register_entry": "รายการทะเบียน",
    "routing_event": "เหตุการณ์ส่งต่อ",
    "app_user": "ผู้ใช้",
    "agency": "หน่วยงาน",
    "amendment": "การแก้ไข",
    "destruction_list": "บัญชีหนังสือขอทำลาย",
    "inbox_message": "อีเมลเข้า",
    "dispatch": "การส่งทางอีเมล",
    "mail_cursor": "ตำแหน่งอ่านกล่องจดหมาย",
    "citation": "การอ้างถึง",
}


BOOK_COLUMNS: dict[str, str] = {
    "subject": "เรื่อง",
    "doc_no": "ที่",
    "letter_date": "ลงวันที่",
    "from_text": "จาก",
    "to_text": "ถึง",
    "action": "การปฏิบัติ",
    "remark": "หมายเหตุ",
}
"""The register's columns a clerk may correct, as the paper book heads them."""
COLUMN_NAMES = {
    **BOOK_COLUMNS, "number": "เลขทะเบียน", "year": "ปี", "entry_at": "วันเวลาลงทะเบียน",
    "void": "ยกเลิกเลข", "void_reason": "เหตุผลการยกเลิก", "secrecy": "ชั้นความลับ", "urgency": "ความเร่งด่วน",
    "salutation": "เรียน", "sender_text": "ผู้ส่ง", "sender_agency_id": "หน่วยงานผู้ส่ง", "signer_name": "ผู้ลงนาม",
    "signer_position": "ตำแหน่งผู้ลงนาม", "attachments": "สิ่งที่ส่งมาด้วย", "references": "อ้างถึง",
    "deadline": "กำหนดส่ง", "status": "สถานะ", "reason": "เหตุผล", "name": "ชื่อ", "code": "รหัสหนังสือ",
    "role": "บทบาท", "clearance": "สิทธิ์ชั้นความลับ", "agency_id": "หน่วยงาน", "note": "ข้อความ", "at": "เวลา",
    "event": "เหตุการณ์", "approval": "การอนุมัติ", "approved_by": "ผู้อนุมัติ", "destroyed_at": "วันที่ทำลาย",
    "letter_ids": "หนังสือในบัญชี", "retention": "อายุการเก็บ", "retention_hold": "การอายัด", "kind": "ชนิด",
    "parent_id": "หนังสือต้นเรื่อง", "created_by": "ผู้บันทึก", "login": "บัญชีเครื่อง", "email": "อีเมล",
}  # fmt: skip
"""The columns of the books as an auditor reads them (verify names what was changed)."""


def column_name(column: str) -> str:
    """A column as the books head it, with the database's name beside it for the record:
    ``เรื่อง [subject]``."""
    thai = COLUMN_NAMES.get(column)
    return f"{thai} [{column}]" if thai else column


def action_name(key: str) -> str:
    """The Thai name of a ledger action (the key itself when it has none)."""
    return ACTION_NAMES.get(key, key)


def action_keys(typed: str) -> list[str]:
    """The actions a filter means: an English key, or a Thai name or part of one.

    ``"void"`` → ``["void"]``; ``"ยกเลิก"`` → ``["void"]``; ``"แก้ไข"`` → every edit.
    """
    typed = " ".join(typed.split())
    if not typed:
        return []
    if typed in ACTION_NAMES:
        return [typed]
    return [key for key, name in ACTION_NAMES.items() if typed in name] or [typed]
