"""Trace: the whole cascade as a tree, with latencies and pending recipients; exports."""

from __future__ import annotations

import json

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from saraban import paths
from saraban.letters.render import safe_filename, unique_path
from saraban.services.context import Context
from saraban.services.trace import Trace, TraceNode, build_trace
from saraban.services.trace_branch import office_first
from saraban.thai.dates import format_thai_date, format_thai_datetime
from saraban.tui.messages import WorkDone, run_service
from saraban.tui.screens.base import BaseScreen
from saraban.tui.widgets import fit

FOLD_AFTER = 5
"""Receipts shown under a letter before the rest are folded."""


def load_trace(context: Context, letter_id: int) -> Trace:
    """The cascade of a letter (runs in a worker thread)."""
    from saraban.db.tables import Letter

    with context.reading() as session:
        letter = session.get(Letter, letter_id)
        assert letter is not None
        return build_trace(session, letter, context.actor.clearance)


def export_trace(context: Context, trace: Trace, kind: str) -> str:
    """Write the trace as JSON, DOT or the DOCX routing report; returns the file."""
    name = safe_filename(f"เส้นทาง {trace.root.doc_no or trace.root.letter_id}", suffix=f".{kind}")
    path = unique_path(paths.output_dir(), name)
    if kind == "json":
        path.write_text(json.dumps(trace.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
    elif kind == "dot":
        path.write_text(trace.to_dot(), encoding="utf-8")
    else:
        from saraban.services.reports import write_routing_report

        write_routing_report(context, trace, path)
    return str(path)


def _hours(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value / 24:.1f} วัน" if value >= 48 else f"{value:.1f} ชม."


class TraceScreen(BaseScreen):
    """From the first letter to the last recipients."""

    SCREEN_TITLE = "เส้นทางหนังสือเวียน"
    BINDINGS = [
        Binding("j", "export('json')", "ส่งออก JSON"),
        Binding("d", "export('dot')", "ส่งออก DOT"),
        Binding("w", "export('docx')", "รายงาน DOCX"),
        Binding("enter", "open", "เปิดหนังสือ", show=False),
    ]

    def __init__(self, letter_id: int) -> None:
        super().__init__()
        self.letter_id = letter_id
        self.trace: Trace | None = None

    def compose_body(self) -> ComposeResult:
        yield Tree("กำลังโหลด…", id="trace-tree")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#trace-tree", Tree).focus()
        run_service(self, "trace", load_trace, self.saraban.context, self.letter_id)

    def on_work_done(self, message: WorkDone) -> None:
        if message.tag == "trace":
            self._show(message.result)
        elif message.tag == "export":
            self.notify(f"เขียน {message.result}", title="ส่งออกแล้ว", timeout=10)

    def _label(self, node: TraceNode) -> str:
        slow = self.saraban.context.settings.slow_hop_hours
        forward = ""
        if node.forward_latency_hours is not None:
            colour = "red" if node.forward_latency_hours > slow else "green"
            forward = f" [{colour}]ส่งต่อหลังรับ {_hours(node.forward_latency_hours)}[/]"
        link = f" [yellow](เชื่อมแบบใกล้เคียง {node.link_score})[/]" if node.link == "fuzzy" else ""
        pending = f" [b red]ยังไม่รับ {len(node.pending)}[/]" if node.pending else ""
        day = format_thai_date(node.date, digits="arabic", abbreviated=True) if node.date else "-"
        head = f"[b]{node.doc_no or '(ไม่มีเลข)'}[/b] · {node.sender_agency or '?'} · {day}"
        return f"{head}{forward}{pending}{link}"

    def _show(self, trace: Trace) -> None:
        """The tree with this office's branch first and open; other branches and long lists folded."""
        self.trace = trace
        office = self.saraban.office
        ordered, branch = office_first(trace, office.id if office else None)
        tree = self.query_one("#trace-tree", Tree)
        tree.clear()
        tree.root.set_label(self._label(trace.root))
        tree.root.data = trace.root.letter_id
        nodes = {trace.root.letter_id: tree.root}
        focus = tree.root
        for node in ordered:
            item = nodes.get(node.letter_id)
            if item is None:
                parent = nodes.get(node.parent_id or -1, tree.root)
                # Without a branch of its own (an office outside the cascade), the top levels stay open.
                opened = node.letter_id in branch if branch else node.depth < 3
                item = parent.add(self._label(node), data=node.letter_id, expand=opened)
                nodes[node.letter_id] = item
            if node.letter_id in branch:
                focus = item
            self._add_receipts(item, node, office.id if office else None)
            if node.pending:
                names = node.pending
                folded = item.add(f"[red]⏳ ยังไม่รับ {len(names)} แห่ง:[/] {fit(', '.join(names), 60)}",
                                  data=node.letter_id, expand=len(names) <= 5)  # fmt: skip
                for name in names:
                    folded.add_leaf(f"[red]{name}[/]", data=node.letter_id)
        tree.root.expand()
        # The tree numbers its lines when it next renders; the cursor can move only then.
        self.call_after_refresh(tree.move_cursor, focus)
        self.sub_title = f"{len(trace.nodes)} ฉบับ · ลงรับ {trace.receipts()} ครั้ง"

    def _add_receipts(self, item: TreeNode[int], node: TraceNode, office_id: int | None) -> None:
        """Receipts under a letter: this office's first; beyond a few, the rest folded."""
        slow = self.saraban.context.settings.slow_hop_hours
        hops = sorted(node.receipts, key=lambda hop: hop.agency_id != office_id)
        under = item
        for i, hop in enumerate(hops):
            if i == FOLD_AFTER and len(hops) > FOLD_AFTER + 1:
                under = item.add(f"รับแล้วอีก {len(hops) - FOLD_AFTER} แห่ง", data=node.letter_id)
            colour = "red" if hop.latency_hours is not None and hop.latency_hours > slow else "green"
            took = f"[{colour}]({_hours(hop.latency_hours)})[/]"
            when = format_thai_datetime(hop.at, digits="arabic")
            under.add_leaf(f"รับ: {hop.agency} เลขรับ {hop.number or '-'} {when} {took}", data=node.letter_id)

    def action_open(self) -> None:
        node = self.query_one("#trace-tree", Tree).cursor_node
        if node is not None and node.data:
            self.saraban.open_letter(node.data)

    def action_export(self, kind: str) -> None:
        if self.trace is not None:
            run_service(self, "export", export_trace, self.saraban.context, self.trace, kind)
